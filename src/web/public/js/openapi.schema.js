/**
 * The server's OpenAPI document is the UI's source for request shapes: which endpoints exist (so a
 * feature the server lacks is reported, not guessed at), the fields of each command, their types and
 * their vocabularies. The UI repeats none of them.
 */
import { api } from './api.client.js';

/** @typedef {{type?: string, enum?: string[], format?: string, nullable?: boolean, description?: string, items?: Property, maxLength?: number, minimum?: number, default?: unknown}} Property */
/** @typedef {{properties: Record<string, Property>, required?: string[]}} Schema */

/** @type {Promise<any> | null} */
let documentPromise = null;

export function openApi() {
  documentPromise ??= api('GET', '/docs/openapi.json').catch((error) => {
    documentPromise = null;
    throw error;
  });
  return documentPromise;
}

/** @param {string} method @param {string} path  as in the document, e.g. /patients/{id}/lesions */
async function operation(method, path) {
  const document = await openApi();
  return document.paths?.[path]?.[method.toLowerCase()] ?? null;
}

/** The request body schema of an operation, resolved. @param {string} method @param {string} path @returns {Promise<Schema | null>} */
export async function bodySchema(method, path) {
  const op = await operation(method, path);
  const ref = op?.requestBody?.content?.['application/json']?.schema?.$ref;
  return ref ? schemaNamed(ref.split('/').pop()) : null;
}

/** @param {string} name @returns {Promise<Schema | null>} */
export async function schemaNamed(name) {
  const document = await openApi();
  return document.components?.schemas?.[name] ?? null;
}

/** The allowed values of a query parameter, when the document lists them. @param {string} path @param {string} name @returns {Promise<string[] | null>} */
export async function queryEnum(path, name) {
  const op = await operation('GET', path);
  const parameter = (op?.parameters ?? []).find((/** @type {any} */ p) => p.in === 'query' && p.name === name);
  return parameter?.schema?.enum ?? parameter?.schema?.items?.enum ?? null;
}
