/**
 * A dataset answer with its provenance: the canonical CSV (header, RFC 4180 quoting, "\n" line ends,
 * cells as projections/row.format.ts prints them), the same rows as JSON, and a manifest whose
 * SHA-256 is over the CSV bytes whatever format was asked, so a JSON and a CSV answer of the same
 * rows carry the same digest. Nothing in it depends on the machine, the clock or the read model's
 * generation: the same log and parameters give byte-identical answers.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { version } from '../../package.json';
import type { CohortState } from '../../projections/cohort.fold';
import type { Projection, Row } from '../../projections/projection';
import { jsonRows, textTable } from '../../projections/row.format';
import { deidentifiedColumns, deidentifyRows, type Deidentification } from '../../projections/deidentify';
import type { DatasetParams } from './datasets.params';

export interface DatasetManifest {
  dataset: string;
  asOf: string | null;
  knownAt: string | null;
  atPosition: number | null;
  /** every event of the log up to this position was considered */
  position: number;
  headPosition: number;
  /** patient events inside the knowledge cut */
  eventsFolded: number;
  rows: number;
  softwareVersion: string;
  /** SHA-256 (hex) of the canonical CSV bytes */
  sha256: string;
  /** true when ids, dates and old ages were de-identified (Safe Harbor) */
  deidentified: boolean;
}

export interface DatasetAnswer {
  manifest: DatasetManifest;
  csv: string;
  rows: Row[];
}

export const SOFTWARE_VERSION: string = version;

export function datasetAnswer(projection: Projection, state: CohortState, params: DatasetParams, headPosition: number, deidentification?: Deidentification): DatasetAnswer {
  const identified = projection.rows(state, { asOf: params.asOf });
  const rows = deidentification ? deidentifyRows(projection, identified, deidentification) : identified;
  const columns = deidentification ? deidentifiedColumns(projection) : projection.columns;
  const csv = stringify(textTable(columns, rows), { record_delimiter: '\n' });
  const manifest: DatasetManifest = {
    dataset: projection.name,
    asOf: params.asOf ?? null,
    knownAt: params.knownAt ?? null,
    atPosition: params.atPosition ?? null,
    position: state.position,
    headPosition,
    eventsFolded: state.eventsFolded,
    rows: rows.length,
    softwareVersion: SOFTWARE_VERSION,
    sha256: createHash('sha256').update(csv, 'utf8').digest('hex'),
    deidentified: deidentification !== undefined,
  };
  return { manifest, csv, rows: jsonRows(columns, rows) };
}

/** The header of a manifest field: dataset -> X-Dataset, asOf -> X-Dataset-As-Of, sha256 -> X-Dataset-Sha256. */
const headerOf = (field: string): string => {
  const words = field === 'dataset' ? '' : `-${field.replace(/[A-Z]/g, (c) => `-${c}`)}`;
  return `X-Dataset${words.replace(/-./g, (c) => c.toUpperCase())}`;
};

/** The manifest as response headers: X-Dataset, X-Dataset-As-Of, X-Dataset-Sha256, ... (absent values left out). */
export function manifestHeaders(manifest: DatasetManifest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [field, value] of Object.entries(manifest)) if (value !== null) headers[headerOf(field)] = String(value);
  return headers;
}

/** Each manifest field in the order datasetAnswer writes it, with the type its header text stands for. */
const MANIFEST_FIELDS: Record<keyof DatasetManifest, 'text' | 'number' | 'boolean'> = {
  dataset: 'text',
  asOf: 'text',
  knownAt: 'text',
  atPosition: 'number',
  position: 'number',
  headPosition: 'number',
  eventsFolded: 'number',
  rows: 'number',
  softwareVersion: 'text',
  sha256: 'text',
  deidentified: 'boolean',
};

/** The manifest back from the headers of a CSV answer (the CLI's `--server` reads it so), absent headers as null. */
export function manifestFromHeaders(header: (name: string) => string | null): DatasetManifest {
  const manifest: Record<string, string | number | boolean | null> = {};
  for (const [field, type] of Object.entries(MANIFEST_FIELDS)) {
    const text = header(headerOf(field));
    manifest[field] = text === null ? null : type === 'number' ? Number(text) : type === 'boolean' ? text === 'true' : text;
  }
  return manifest as unknown as DatasetManifest;
}
