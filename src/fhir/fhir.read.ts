/**
 * Where FHIR resources come from on the way in, and how a problem names its place: Bulk Data NDJSON
 * (one resource per line: `line 4`) or a Bundle (`entry[3]`, 0-based as in FHIRPath). Only the
 * framing is checked here (JSON, one object per line, a Bundle with entries); the resources
 * themselves are read by fhir.parse.ts. Also the writer of NDJSON, the export's format.
 */
import type { ImportProblem } from '../import/bundle.problem';
import type { FhirResource } from './fhir.types';

export interface LocatedResource {
  /** `line 4` or `entry[3]` */
  where: string;
  /** the line (1-based) or entry index: problems sort by it */
  at: number;
  resource: Record<string, unknown>;
  /** a Bundle entry's fullUrl, which references may use instead of `Type/id` */
  fullUrl: string | null;
}

export interface ReadResources {
  resources: LocatedResource[];
  problems: ImportProblem[];
}

/** The Bundle types whose entries state resources to import (a $everything searchset can come back). */
export const IMPORTED_BUNDLE_TYPES = ['transaction', 'batch', 'collection', 'searchset'];

/** A problem of the FHIR input, placed at its line or entry, its resource and the element at fault. */
export function fhirProblem(where: string, at: number, ref: string | null, path: string | null, reason: string): ImportProblem {
  const field = [where, ref ? `(${ref})` : null, path].filter((part) => part).join(' ');
  return { field, file: 'fhir', line: at, column: path, reason };
}

export function readNdjson(text: string): ReadResources {
  const resources: LocatedResource[] = [];
  const problems: ImportProblem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const at = index + 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push(fhirProblem(`line ${at}`, at, null, null, `is not valid JSON: ${(error as Error).message}`));
      return;
    }
    if (!isObject(value)) problems.push(fhirProblem(`line ${at}`, at, null, null, 'must be one JSON object (one resource per line)'));
    else resources.push({ where: `line ${at}`, at, resource: value, fullUrl: null });
  });
  if (resources.length === 0 && problems.length === 0) problems.push(fhirProblem('line 1', 1, null, null, 'holds no resource: NDJSON has one resource per line'));
  return { resources, problems };
}

export function readBundle(body: unknown): ReadResources {
  const whole = (path: string | null, reason: string): ReadResources => ({ resources: [], problems: [fhirProblem('Bundle', 0, null, path, reason)] });
  if (!isObject(body) || body.resourceType !== 'Bundle') return whole('resourceType', 'the body must be a FHIR Bundle (resourceType "Bundle")');
  if (!IMPORTED_BUNDLE_TYPES.includes(body.type as string)) return whole('type', `must be one of ${IMPORTED_BUNDLE_TYPES.join(', ')}`);
  if (!Array.isArray(body.entry) || body.entry.length === 0) return whole('entry', 'must list the resources to import');
  const resources: LocatedResource[] = [];
  const problems: ImportProblem[] = [];
  body.entry.forEach((entry: unknown, index: number) => {
    const where = `entry[${index}]`;
    if (!isObject(entry) || !isObject(entry.resource)) problems.push(fhirProblem(where, index, null, 'resource', 'every entry must hold a resource'));
    else resources.push({ where, at: index, resource: entry.resource, fullUrl: typeof entry.fullUrl === 'string' ? entry.fullUrl : null });
  });
  return { resources, problems };
}

/** Bulk Data NDJSON: one resource per line, each line ending in a newline. */
export const writeNdjson = (resources: readonly FhirResource[]): string => resources.map((r) => `${JSON.stringify(r)}\n`).join('');

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
