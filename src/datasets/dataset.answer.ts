/**
 * A dataset answer with its provenance: the canonical CSV (header, RFC 4180 quoting, "\n" line ends,
 * cells as projections/row.format.ts prints them), the same rows as JSON, and a manifest whose
 * SHA-256 is over the CSV bytes whatever format was asked, so a JSON and a CSV answer of the same
 * rows carry the same digest. Nothing in it depends on the machine, the clock or the read model's
 * generation: the same log and parameters give byte-identical answers.
 */
import { createHash } from 'node:crypto';
import { version } from '../../package.json';
import type { CohortState } from '../../projections/cohort.fold';
import type { Projection, Row } from '../../projections/projection';
import { csvText, jsonRows } from '../../projections/row.format';
import { deidentifyColumns, deidentifyRowsAs, type DeidentifyKeys, type DeidentifyMode } from '../../projections/deidentify.modes';
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
  /** true when ids and dates were de-identified, in the way `deidentification` names */
  deidentified: boolean;
  /** safe-harbor (years only, old ages pooled) or limited-data-set (dates shifted per patient); null: identified rows */
  deidentification: DeidentifyMode | null;
}

export interface DatasetAnswer {
  manifest: DatasetManifest;
  csv: string;
  rows: Row[];
}

export const SOFTWARE_VERSION: string = version;

/** Identified rows, or rows de-identified as params.deidentify says with the installation's keys. */
export function datasetAnswer(projection: Projection, state: CohortState, params: DatasetParams, headPosition: number, keys?: DeidentifyKeys): DatasetAnswer {
  const identified = projection.rows(state, { asOf: params.asOf });
  const mode = params.deidentify ?? (params.deidentified ? 'safe-harbor' : null);
  if (mode !== null && keys === undefined) throw new Error('de-identified rows need the installation keys');
  const rows = mode === null ? identified : deidentifyRowsAs(mode, projection, identified, keys!);
  const columns = mode === null ? projection.columns : deidentifyColumns(mode, projection);
  const csv = csvText(columns, rows);
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
    deidentified: mode !== null,
    deidentification: mode,
  };
  // JSON rows only for the callers that read them: a CSV answer of 100,000 rows need not build both
  let json: Row[] | undefined;
  return {
    manifest,
    csv,
    get rows() {
      return (json ??= jsonRows(columns, rows));
    },
  };
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
  deidentification: 'text',
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
