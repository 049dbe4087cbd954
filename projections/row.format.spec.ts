import { GivenLog } from './cohort.specification';
import { DATASETS } from './dataset.registry';
import { dictionaryMarkdown } from './dictionary.render';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { csvHeader, csvLines, formatCell, jsonRows, textTable } from './row.format';

const csvText = (columns: Parameters<typeof csvLines>[0], rows: Parameters<typeof csvLines>[1]) => csvHeader(columns) + csvLines(columns, rows);
import type { Column, Row } from './projection';

describe('canonical cells', () => {
  it('given decimals, then 10 places, rounded to nearest (as R sprintf("%.10f") and Python "%.10f" print them)', () => {
    expect(formatCell('decimal', 695 / 30.4375)).toBe('22.8336755647');
    expect(formatCell('decimal', -152 / 30.4375)).toBe('-4.9938398357');
    expect(formatCell('decimal', 0)).toBe('0.0000000000');
    expect(formatCell('decimal', 1000)).toBe('1000.0000000000');
  });

  it('given whole numbers, flags, text and missing values, then plain text and blanks', () => {
    expect([formatCell('integer', -352), formatCell('flag', 1), formatCell('date', '2000-01-01'), formatCell('code', null)]).toEqual(['-352', '1', '2000-01-01', '']);
  });

  it('given a value that has no canonical text, then it is refused rather than printed differently on another machine', () => {
    expect(() => formatCell('decimal', Number.NaN)).toThrow(RangeError);
    expect(() => formatCell('integer', 1.5)).toThrow(RangeError);
  });

  it('given rows, then JSON values read back the same numbers as the CSV text', () => {
    const columns = [{ name: 'm', type: 'decimal' as const, unit: 'months', definition: '' }];
    expect(jsonRows(columns, [{ m: 695 / 30.4375 }])).toEqual([{ m: 22.8336755647 }]);
    expect(textTable(columns, [{ m: 695 / 30.4375 }])).toEqual([['m'], ['22.8336755647']]);
  });
});

describe('canonical CSV', () => {
  const columns: Column[] = [
    { name: 'patient_id', type: 'text', unit: null, definition: '' },
    { name: 'time_days', type: 'integer', unit: 'days', definition: '' },
    { name: 'time_months', type: 'decimal', unit: 'months', definition: '' },
  ];

  it('given cells with quotes, commas and line ends, then only those are quoted, quotes doubled, "\\n" after every record', () => {
    const rows: Row[] = [
      { patient_id: 'P1', time_days: 695, time_months: 695 / 30.4375 },
      { patient_id: 'say "hi", twice', time_days: null, time_months: null },
      { patient_id: 'two\nlines', time_days: -1, time_months: 0 },
      { patient_id: 'carriage\rreturn', time_days: 0, time_months: 1 },
    ];
    expect(csvText(columns, rows)).toBe(
      'patient_id,time_days,time_months\nP1,695,22.8336755647\n"say ""hi"", twice",,\n"two\nlines",-1,0.0000000000\ncarriage\rreturn,0,1.0000000000\n',
    );
    expect(csvText(columns, [])).toBe('patient_id,time_days,time_months\n');
  });

  it('given any text, then the bytes are those csv-stringify writes for the same cells', () => {
    const text = fc.oneof(fc.string(), fc.array(fc.constantFrom('a', '"', ',', '\n', '\r', ' ', 'é', '\u2028')).map((parts) => parts.join('')));
    fc.assert(
      fc.property(fc.array(fc.record({ patient_id: text, time_days: fc.option(fc.integer(), { nil: null }), time_months: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { nil: null }) })), (rows) => {
        expect(csvText(columns, rows)).toBe(stringify(textTable(columns, rows), { record_delimiter: '\n' }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('dictionaries', () => {
  const log = new GivenLog();
  log.enrol('P1');
  log.diagnose('P1', 'dermatomyositis', '1990-01-01', { subtype: 'classic' });
  log.diagnose('P1', 'calcinosis_cutis', '2000-01-01');
  log.lesion('P1', 'L1', '1999-01-01');
  log.start('P1', 'T1', 'colchicine', '2000-02-01');
  log.contact('P1', '2001-01-01');

  it.each(DATASETS.map((d) => [d.name, d] as const))('%s: every row has exactly the columns of the dictionary, each defined', (_name, dataset) => {
    const rows = dataset.rows(log.cohort(), {});
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row)).toEqual(dataset.columns.map((c) => c.name));
    for (const c of dataset.columns) expect(c.definition.length).toBeGreaterThan(10);
    expect(dictionaryMarkdown(dataset)).toContain(`| ${dataset.columns[0].name} | ${dataset.columns[0].type} |`);
  });
});
