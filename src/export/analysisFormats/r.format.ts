/**
 * The R program of an analysis export: reads the canonical CSV with explicit column classes (so no
 * column's type is guessed from its first rows), converts dates, makes coded columns factors with
 * their levels, labels every column (attr "label", which RStudio, Hmisc, labelled and gtsummary show)
 * and, for survival-type datasets, builds the survival::Surv() object.
 */
import type { Column, ColumnType } from '../../../projections/projection';
import { csvFileName, labelOf, levelsOf, objectName, survivalLayoutOf, type AnalysisTable } from './analysis.table';

/** The class read.csv reads each column type as, before dates and factors are converted. */
const COL_CLASS: Record<ColumnType, string> = {
  text: 'character',
  code: 'character',
  list: 'character',
  date: 'character',
  integer: 'integer',
  decimal: 'numeric',
  flag: 'integer',
};

/** A double-quoted R string literal: JSON's escapes (\" \\ \n \uXXXX) are R's too. */
export const rString = (text: string): string => JSON.stringify(text);

const vector = (items: readonly string[], indent: string): string => `c(\n${items.map((item) => `${indent}  ${item}`).join(',\n')}\n${indent})`;

function conversion(df: string, column: Column, table: AnalysisTable): string | null {
  const cell = `${df}[[${rString(column.name)}]]`;
  if (column.type === 'date') return `${cell} <- as.Date(${cell}, format = "%Y-%m-%d")`;
  if (column.type === 'code') return `${cell} <- factor(${cell}, levels = ${vector(levelsOf(column, table.rows).map(rString), '')})`;
  return null;
}

export function rProgram(table: AnalysisTable): string {
  const df = objectName(table.name);
  const classes = table.columns.map((c) => `${rString(c.name)} = ${rString(COL_CLASS[c.type])}`);
  const layout = survivalLayoutOf(table.name);
  const lines = [
    `# ${table.name}: ${table.description}`.replace(/\n/g, ' '),
    '# Written by Cohort Chronicle. Run it from the folder that holds the CSV (setwd), or set',
    `# cc_csv to the CSV's path first. manifest.json gives the cut (asOf, knownAt, position) and the`,
    '# SHA-256 of the CSV; the dictionary gives each column\'s type, unit and definition.',
    '',
    ...(layout ? ['library(survival)', ''] : []),
    `if (!exists("cc_csv")) cc_csv <- ${rString(csvFileName(table.name))}`,
    `${df} <- read.csv(`,
    '  cc_csv,',
    `  colClasses = ${vector(classes, '  ')},`,
    '  na.strings = "", check.names = FALSE, stringsAsFactors = FALSE, encoding = "UTF-8"',
    ')',
    '',
    '# dates (ISO YYYY-MM-DD) and coded columns (factors with every level of the vocabulary)',
    ...table.columns.map((c) => conversion(df, c, table)).filter((line): line is string => line !== null),
    '',
    '# labels',
    ...table.columns.map((c) => `attr(${df}[[${rString(c.name)}]], "label") <- ${rString(labelOf(c))}`),
  ];
  if (layout) {
    const args = [layout.start, layout.time, layout.event].filter((name): name is string => name !== undefined).map((name) => `${df}[[${rString(name)}]]`);
    lines.push(
      '',
      `# the survival outcome: ${layout.start ? `(${layout.start}, ${layout.time}]` : layout.time} with ${layout.event} = 1 for the event; e.g. survfit(${df}_surv ~ 1)`,
      `${df}_surv <- Surv(${args.join(', ')})`,
    );
  }
  return `${lines.join('\n')}\n`;
}
