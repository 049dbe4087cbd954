/**
 * Stata and SAS are not installed here, so their programs are checked by structure, for the
 * dictionary of every dataset: every column is read in CSV order with the type of its dictionary
 * entry, every column is labelled, every coded term of the rows has a value label.
 */
import { DATASETS } from '../../../projections/dataset.registry';
import type { Column, ColumnType, Projection, Row } from '../../../projections/projection';
import type { AnalysisTable } from './analysis.table';
import { rProgram } from './r.format';
import { sasProgram } from './sas.format';
import { stataProgram } from './stata.format';

const SAMPLE: Record<ColumnType, [string | number, string | number]> = {
  text: ['P-1', 'an "odd" id, with `ticks` and $signs'],
  code: ['alpha_term', 'beta'],
  list: ['a;b', 'c'],
  date: ['2001-02-03', '2011-06-30'],
  integer: [1, -20],
  decimal: [1.5, 0.25],
  flag: [0, 1],
};

/** Two rows with a value for every column, and one blank row. */
const tableOf = (p: Projection): AnalysisTable => ({
  name: p.name,
  description: p.description,
  columns: p.columns,
  rows: [0, 1].map((i) => Object.fromEntries(p.columns.map((c) => [c.name, SAMPLE[c.type][i]])) as Row).concat([Object.fromEntries(p.columns.map((c) => [c.name, null]))]),
});

const codeTerms = (t: AnalysisTable, c: Column) => [...new Set(t.rows.map((r) => r[c.name]).filter((v) => v !== null))] as string[];
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(DATASETS.map((p) => [p.name, tableOf(p)] as const))('analysis programs of %s', (_name, table) => {
  it('Stata: import delimited types every column (strings: text, codes, lists, dates; the rest numeric, as doubles)', () => {
    const program = stataProgram(table);
    const importLine = program.split('\n').find((l) => l.startsWith('import delimited'))!;
    const numbers = (option: string) => (importLine.match(new RegExp(`${option}\\(([\\d ]+)\\)`))?.[1] ?? '').split(' ').filter(Boolean).map(Number);
    const stringType = (c: Column) => ['text', 'code', 'list', 'date'].includes(c.type);
    expect(numbers('stringcols')).toEqual(table.columns.flatMap((c, i) => (stringType(c) ? [i + 1] : [])));
    expect(numbers('numericcols')).toEqual(table.columns.flatMap((c, i) => (stringType(c) ? [] : [i + 1])));
    expect(importLine).toContain('asdouble');
    expect(program).toContain(`order ${table.columns.map((c) => c.name).join(' ')}\n`);
  });

  it('Stata: every variable gets a label of at most 80 characters and no macro characters; dates become %td', () => {
    const program = stataProgram(table);
    for (const c of table.columns) {
      const label = program.match(new RegExp(`^label variable ${c.name} "([^"]*)"$`, 'm'));
      expect([c.name, label !== null && label[1].length <= 80 && !/[`$]/.test(label[1])]).toEqual([c.name, true]);
      if (c.type === 'date') expect(program).toContain(`generate double cc_tmp = date(${c.name}, "YMD")`);
    }
  });

  it('Stata: every coded term gets a value label (encode ... noextend), every flag the no/yes label', () => {
    const program = stataProgram(table);
    for (const c of table.columns.filter((c) => c.type === 'code')) {
      const define = program.split('\n').find((l) => l.startsWith(`label define ${c.name.slice(0, 28)}_lbl `))!;
      for (const term of codeTerms(table, c)) expect([c.name, define]).toEqual([c.name, expect.stringMatching(new RegExp(`\\d+ "${escapeRe(term)}"`))]);
      expect(program).toContain(`encode ${c.name}, generate(cc_tmp) label(${c.name.slice(0, 28)}_lbl) noextend`);
    }
    for (const c of table.columns.filter((c) => c.type === 'flag')) expect(program).toContain(`label values ${c.name} cc_noyes`);
    expect(program).toContain('label define cc_noyes 0 "no" 1 "yes"');
  });

  it('SAS: INPUT lists every column in CSV order, character columns as $w. (w = the longest value), dates as YYMMDD10., numbers numeric', () => {
    const program = sasProgram(table);
    const input = program.slice(program.indexOf('  input\n') + 8, program.indexOf('  ;', program.indexOf('  input\n'))).trim().split('\n').map((l) => l.trim().split(' :'));
    expect(input.map(([name]) => name)).toEqual(table.columns.map((c) => c.name));
    input.forEach(([name, informat], i) => {
      const c = table.columns[i];
      const width = Math.max(...table.rows.map((r) => Buffer.byteLength(String(r[c.name] ?? ''))));
      const expected = ['text', 'code', 'list'].includes(c.type) ? `$${width}.` : c.type === 'date' ? 'yymmdd10.' : 'best32.';
      expect([name, informat]).toEqual([c.name, expected]);
    });
    expect(program).toMatch(/infile cccsv dsd firstobs=2/);
  });

  it('SAS: every column gets a LABEL, dates the YYMMDD10. FORMAT, every coded term and flag a value label', () => {
    const program = sasProgram(table);
    for (const c of table.columns) {
      expect([c.name, new RegExp(`^    ${c.name} = '`, 'm').test(program)]).toEqual([c.name, true]);
      if (c.type === 'date') expect(program).toMatch(new RegExp(`^    ${c.name} yymmdd10\\.$`, 'm'));
      if (c.type === 'flag') expect(program).toMatch(new RegExp(`^    ${c.name} ccnoyes\\.$`, 'm'));
    }
    for (const c of table.columns.filter((c) => c.type === 'code')) {
      const value = program.split('\n').find((l) => l.startsWith(`  value $${c.name.slice(0, 29)}f `))!;
      for (const term of codeTerms(table, c)) expect([c.name, term, value.includes(`'${term}'=`)]).toEqual([c.name, term, true]);
      expect(program).toMatch(new RegExp(`^    ${c.name} \\$${c.name.slice(0, 29)}f\\.$`, 'm'));
    }
    expect(program).toContain("value ccnoyes 0='no' 1='yes';");
  });

  it('R: colClasses name every column in order with its class, every column gets a label', () => {
    const program = rProgram(table);
    const classes = [...program.matchAll(/^ {4}"([^"]+)" = "(\w+)"/gm)].map((m) => [m[1], m[2]]);
    const CLASS: Record<ColumnType, string> = { text: 'character', code: 'character', list: 'character', date: 'character', integer: 'integer', decimal: 'numeric', flag: 'integer' };
    expect(classes).toEqual(table.columns.map((c) => [c.name, CLASS[c.type]]));
    for (const c of table.columns) expect(program).toContain(`[["${c.name}"]], "label") <- `);
  });
});
