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
import { byAnalysisPatient } from '../../projections/analysis.cohort';
import { csvHeader, csvLines, jsonRows } from '../../projections/row.format';
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
  /** the canonical CSV in pieces (the header, then blocks of whole patients' lines): joined, the bytes of the SHA-256 */
  csvChunks: readonly string[];
  /** the canonical CSV in one string */
  readonly csv: string;
  /** the rows as JSON values */
  readonly rows: Row[];
}

export const SOFTWARE_VERSION: string = version;

const BLOCK = 64 * 1024;

/** Identified rows, or rows de-identified as params.deidentify says with the installation's keys. */
export function datasetAnswer(projection: Projection, state: CohortState, params: DatasetParams, headPosition: number, keys?: DeidentifyKeys): DatasetAnswer {
  const mode = params.deidentify ?? (params.deidentified ? 'safe-harbor' : null);
  if (mode !== null && keys === undefined) throw new Error('de-identified rows need the installation keys');
  const columns = mode === null ? projection.columns : deidentifyColumns(mode, projection);
  const allRows = (): Row[] => {
    const identified = projection.rows(state, { asOf: params.asOf });
    return mode === null ? identified : deidentifyRowsAs(mode, projection, identified, keys!);
  };
  // An identified CSV answer is written patient by patient: each patient's rows die young, and no
  // table of the registry's rows is ever held. JSON and de-identified rows (whose pseudonyms set
  // their order) are made whole.
  let rowCount = 0;
  let whole: Row[] | undefined;
  const csvChunks: string[] = [csvHeader(columns)];
  if (mode === null && params.format !== 'json') {
    // patients' lines gathered into blocks of about 64 KB: a stream of 100,000 tiny writes costs more than the rows
    let block: string[] = [];
    let blockLength = 0;
    for (const lines of byAnalysisPatient(state.records, params.asOf, (patient) => {
      const rows = projection.patientRows(patient);
      rowCount += rows.length;
      return csvLines(columns, rows);
    })) {
      block.push(lines);
      blockLength += lines.length;
      if (blockLength < BLOCK) continue;
      csvChunks.push(block.join(''));
      [block, blockLength] = [[], 0];
    }
    if (blockLength > 0) csvChunks.push(block.join(''));
  } else {
    whole = allRows();
    rowCount = whole.length;
    csvChunks.push(csvLines(columns, whole));
  }
  const sha256 = createHash('sha256');
  for (const chunk of csvChunks) sha256.update(chunk, 'utf8');
  const manifest: DatasetManifest = {
    dataset: projection.name,
    asOf: params.asOf ?? null,
    knownAt: params.knownAt ?? null,
    atPosition: params.atPosition ?? null,
    position: state.position,
    headPosition,
    eventsFolded: state.eventsFolded,
    rows: rowCount,
    softwareVersion: SOFTWARE_VERSION,
    sha256: sha256.digest('hex'),
    deidentified: mode !== null,
    deidentification: mode,
  };
  // JSON rows only for the callers that read them: a CSV answer of 100,000 rows need not build both
  let json: Row[] | undefined;
  return {
    manifest,
    csvChunks,
    get csv() {
      return csvChunks.join('');
    },
    get rows() {
      return (json ??= jsonRows(columns, whole ?? allRows()));
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
