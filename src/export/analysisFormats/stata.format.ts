/**
 * The Stata do-file of an analysis export: `import delimited` with each column's type fixed
 * (stringcols / numericcols, doubles so decimals keep their 10 places), dates turned into Stata
 * dates (%td), coded columns encoded against value labels defined up front (`noextend`: a term
 * without a label stops the program instead of getting a silent new code), flags labelled no/yes,
 * every variable labelled (the 80-character limit of a label; the whole definition goes in `notes`).
 */
import type { Column } from '../../../projections/projection';
import { csvFileName, FLAG_LABELS, labelOf, levelsOf, objectName, type AnalysisTable } from './analysis.table';

/** Stata's limit on a variable label. */
export const STATA_LABEL_MAX = 80;
/** The one value label of every flag column. */
export const STATA_FLAG_LABEL = 'cc_noyes';

/**
 * Text inside a Stata string: double quotes become single ones, and the macro characters ` and $
 * are replaced, since Stata expands macros even inside double quotes.
 */
export const stataText = (text: string): string => text.replace(/"/g, "'").replace(/`/g, "'").replace(/\$/g, 'S').replace(/[\r\n]+/g, ' ');

const quoted = (text: string) => `"${stataText(text)}"`;
const clip = (text: string) => (text.length <= STATA_LABEL_MAX ? text : `${text.slice(0, STATA_LABEL_MAX - 3)}...`);
export const valueLabelName = (column: Column): string => `${column.name.slice(0, 28)}_lbl`;

const isString = (c: Column) => c.type === 'text' || c.type === 'code' || c.type === 'list' || c.type === 'date';
/** 1-based positions of the columns of a kind, as import delimited wants them. */
const positions = (columns: readonly Column[], keep: (c: Column) => boolean) =>
  columns.flatMap((c, i) => (keep(c) ? [String(i + 1)] : [])).join(' ');

function conversion(column: Column, table: AnalysisTable): string[] {
  const v = column.name;
  if (column.type === 'date') {
    return [`generate double cc_tmp = date(${v}, "YMD")`, `format cc_tmp %td`, `drop ${v}`, `rename cc_tmp ${v}`];
  }
  if (column.type === 'code') {
    const name = valueLabelName(column);
    const levels = levelsOf(column, table.rows);
    // a column blank in every row: nothing to encode, a numeric column of missing values
    if (levels.length === 0) return [`drop ${v}`, `generate long ${v} = .`, `label values ${v} ${name}`];
    return [
      // the labels are the terms themselves, as in the CSV: encode matches the text against them
      `label define ${name} ${levels.map((term, i) => `${i + 1} ${quoted(term)}`).join(' ')}`,
      `encode ${v}, generate(cc_tmp) label(${name}) noextend`,
      `drop ${v}`,
      `rename cc_tmp ${v}`,
    ];
  }
  if (column.type === 'flag') return [`label values ${v} ${STATA_FLAG_LABEL}`];
  if (column.type === 'integer') return [`recast long ${v}`];
  return [];
}

export function stataProgram(table: AnalysisTable): string {
  const { columns } = table;
  const strings = positions(columns, isString);
  const numbers = positions(columns, (c) => !isString(c));
  const options = [
    'varnames(1)',
    'delimiters(",")',
    'bindquotes(strict)',
    'encoding("utf-8")',
    'case(preserve)',
    'asdouble',
    ...(strings ? [`stringcols(${strings})`] : []),
    ...(numbers ? [`numericcols(${numbers})`] : []),
    'clear',
  ];
  const lines = [
    `* ${objectName(table.name)}: ${stataText(table.description)}`,
    '* Written by Cohort Chronicle. Run it from the folder that holds the CSV (cd), e.g. do ' + `${table.name}.do.`,
    '* manifest.json gives the cut (asOf, knownAt, position) and the SHA-256 of the CSV.',
    'version 16',
    `import delimited using "${csvFileName(table.name)}", ${options.join(' ')}`,
    '',
    `label define ${STATA_FLAG_LABEL} ${FLAG_LABELS.map(([value, text]) => `${value} ${quoted(text)}`).join(' ')}`,
    ...columns.flatMap((c) => conversion(c, table)),
    `order ${columns.map((c) => c.name).join(' ')}`,
    '',
    ...columns.flatMap((c) => [`label variable ${c.name} ${quoted(clip(labelOf(c)))}`, `notes ${c.name}: ${stataText(labelOf(c))}`]),
    `label data ${quoted(clip(`${table.name}: ${table.description}`))}`,
  ];
  return `${lines.join('\n')}\n`;
}
