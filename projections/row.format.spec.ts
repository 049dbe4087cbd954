import { GivenLog } from './cohort.specification';
import { DATASETS } from './dataset.registry';
import { dictionaryMarkdown } from './dictionary.render';
import { formatCell, jsonRows, textTable } from './row.format';

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
