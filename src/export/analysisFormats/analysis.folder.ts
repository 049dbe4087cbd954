/**
 * An analysis export folder: the canonical CSV (the very bytes of format=csv, so the manifest's
 * SHA-256 applies to it), manifest.json, the dictionary (JSON and Markdown) and the program or file
 * of the chosen format. The CLI writes the files into a folder; the HTTP twin zips them.
 */
import { strToU8, zipSync } from 'fflate';
import { dictionaryMarkdown } from '../../../projections/dictionary.render';
import { deidentifyColumns } from '../../../projections/deidentify.modes';
import type { Projection } from '../../../projections/projection';
import type { DatasetAnswer } from '../../datasets/dataset.answer';
import { csvFileName, type AnalysisFormat, type AnalysisTable } from './analysis.table';
import { parquetFile } from './parquet.format';
import { rProgram } from './r.format';
import { sasProgram } from './sas.format';
import { stataProgram } from './stata.format';

/** file name -> content, in the order a listing shows them */
export type AnalysisFolder = Record<string, Uint8Array>;

const PROGRAMS: Record<AnalysisFormat, (table: AnalysisTable, answer: DatasetAnswer) => [extension: string, content: Uint8Array]> = {
  r: (table) => ['R', strToU8(rProgram(table))],
  stata: (table) => ['do', strToU8(stataProgram(table))],
  sas: (table) => ['sas', strToU8(sasProgram(table))],
  parquet: (table, answer) => ['parquet', parquetFile(table, answer.manifest)],
};

export function analysisFolder(format: AnalysisFormat, projection: Projection, answer: DatasetAnswer): AnalysisFolder {
  // A de-identified answer follows its mode's dictionary (Safe Harbor: dates are years; limited data set:
  // dates shifted per patient; ids pseudonyms in both).
  const mode = answer.manifest.deidentification;
  const described = mode ? { ...projection, columns: deidentifyColumns(mode, projection) } : projection;
  const table: AnalysisTable = { name: described.name, description: described.description, columns: described.columns, rows: answer.rows };
  const [extension, program] = PROGRAMS[format](table, answer);
  const dictionary = { name: described.name, grain: described.grain, description: described.description, columns: described.columns };
  return {
    [csvFileName(table.name)]: strToU8(answer.csv),
    'manifest.json': strToU8(`${JSON.stringify(answer.manifest, null, 2)}\n`),
    'dictionary.json': strToU8(`${JSON.stringify(dictionary, null, 2)}\n`),
    'dictionary.md': strToU8(dictionaryMarkdown(described)),
    [`${table.name}.${extension}`]: program,
  };
}

/**
 * The folder as one zip, under a folder named after the dataset and format. Entries carry a fixed
 * date, so the same answer zips to the same bytes.
 */
export function zipFolder(folderName: string, folder: AnalysisFolder): Uint8Array {
  const mtime = new Date('2000-01-01T00:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(folder).map(([file, content]) => [`${folderName}/${file}`, [content, { mtime }]])), { level: 6 });
}

export const exportFolderName = (datasetName: string, format: AnalysisFormat): string => `${datasetName}-${format}`;
