/**
 * The SAS program of an analysis export: PROC FORMAT with a value label for every coded term and for
 * flags, then one DATA step that reads the canonical CSV (INFILE ... DSD, modified list INPUT with an
 * informat per column in CSV order: $w. for text as wide as its longest value, YYMMDD10. for dates so
 * they become SAS dates), with LABEL and FORMAT statements.
 */
import type { Column } from '../../../projections/projection';
import { DECIMAL_PLACES } from '../../../projections/row.format';
import { csvFileName, FLAG_LABELS, labelOf, levelsOf, maxBytes, objectName, termLabel, type AnalysisTable } from './analysis.table';

/** SAS's limit on a variable label. */
export const SAS_LABEL_MAX = 256;
export const SAS_FLAG_FORMAT = 'ccnoyes';

/** A single-quoted SAS literal: quotes doubled; single quotes also keep & and % from the macro processor. */
export const sasString = (text: string): string => `'${text.replace(/[\r\n]+/g, ' ').replace(/'/g, "''")}'`;

/** A character format's name: `$`, at most 32 characters, not ending in a digit. */
export const sasFormatName = (column: Column): string => `$${column.name.slice(0, 29)}f`;

const isCharacter = (c: Column) => c.type === 'text' || c.type === 'code' || c.type === 'list';

/** The informat each column is read with: its position in the INPUT statement decides its CSV column. */
export function sasInformat(column: Column, table: AnalysisTable): string {
  if (isCharacter(column)) return `$${maxBytes(column, table.rows)}.`;
  if (column.type === 'date') return 'yymmdd10.';
  return 'best32.';
}

/** Coded columns with at least one term get a format (PROC FORMAT has no empty VALUE statement). */
const hasTerms = (column: Column, table: AnalysisTable) => column.type === 'code' && levelsOf(column, table.rows).length > 0;

function sasFormat(column: Column, table: AnalysisTable): string | null {
  if (column.type === 'date') return 'yymmdd10.';
  if (column.type === 'code') return hasTerms(column, table) ? `${sasFormatName(column)}.` : null;
  if (column.type === 'flag') return `${SAS_FLAG_FORMAT}.`;
  if (column.type === 'decimal') return `32.${DECIMAL_PLACES}`;
  return null;
}

export function sasProgram(table: AnalysisTable): string {
  const name = objectName(table.name);
  const codes = table.columns.filter((c) => hasTerms(c, table));
  const formats = table.columns.flatMap((c) => {
    const format = sasFormat(c, table);
    return format ? [`    ${c.name} ${format}`] : [];
  });
  const lines = [
    `/* ${name}: ${table.description.replace(/\*\//g, '* /')} */`,
    '/* Written by Cohort Chronicle. Run it with the CSV in the current directory, or set the path in',
    '   the FILENAME statement. manifest.json gives the cut (asOf, knownAt, position) and the CSV\'s SHA-256. */',
    `filename cccsv ${sasString(csvFileName(table.name))} encoding='utf-8';`,
    '',
    'proc format;',
    `  value ${SAS_FLAG_FORMAT} ${FLAG_LABELS.map(([value, text]) => `${value}=${sasString(text)}`).join(' ')};`,
    ...codes.map((c) => {
      const terms = levelsOf(c, table.rows).map((term) => `${sasString(term)}=${sasString(termLabel(term))}`);
      return `  value ${sasFormatName(c)} ${terms.join(' ')};`;
    }),
    'run;',
    '',
    `data ${name} (label=${sasString(`${table.name}: ${table.description}`.slice(0, SAS_LABEL_MAX))});`,
    '  infile cccsv dsd firstobs=2 truncover lrecl=1048576 termstr=lf;',
    '  input',
    ...table.columns.map((c) => `    ${c.name} :${sasInformat(c, table)}`),
    '  ;',
    ...(formats.length > 0 ? ['  format', ...formats, '  ;'] : []),
    '  label',
    ...table.columns.map((c) => `    ${c.name} = ${sasString(labelOf(c).slice(0, SAS_LABEL_MAX))}`),
    '  ;',
    'run;',
  ];
  return `${lines.join('\n')}\n`;
}
