import type { Projection } from './projection';
import { column } from './projection';
import { dateShiftDays, limitedDataSetColumns, limitedDataSetRows } from './limitedDataSet';

const projection: Projection = {
  name: 'example',
  grain: 'one row per course',
  description: '',
  columns: [
    column('patient_id', 'text', null, 'id'),
    column('birth_year', 'integer', null, 'year of birth'),
    column('started_on', 'date', null, 'start'),
    column('stopped_on', 'date', null, 'stop'),
    column('duration_days', 'integer', 'days', 'stopped_on - started_on'),
    column('age_at_onset_years', 'integer', 'years', 'age at onset'),
  ],
  rows: () => [],
  patientRows: () => [],
};
// offsets chosen by hand for the example: +100 days for MCC-1, -31 for MCC-22
const keys = { pseudonym: (id: string) => `P-${id.length}`, offsetDays: (id: string) => (id === 'MCC-1' ? 100 : -31) };

describe('limited data set (dates shifted per patient)', () => {
  it('given rows of two patients, then each date moves by its patient\'s offset and everything else stays', () => {
    const rows = limitedDataSetRows(
      projection,
      [
        { patient_id: 'MCC-1', birth_year: 1949, started_on: '1998-10-01', stopped_on: '1999-02-28', duration_days: 150, age_at_onset_years: 93 },
        { patient_id: 'MCC-1', birth_year: 1949, started_on: '2000-02-28', stopped_on: null, duration_days: null, age_at_onset_years: 93 },
        { patient_id: 'MCC-22', birth_year: 1960, started_on: '2005-03-01', stopped_on: '2005-03-31', duration_days: 30, age_at_onset_years: 44 },
      ],
      keys,
    );
    // by hand: 1998-10-01 + 100 d = 1999-01-09 (30 to Oct 31, 30 to Nov 30, 31 to Dec 31, 9 more);
    // 1999-02-28 + 100 d = 1999-06-08 (31 to Mar 31, 30 to Apr 30, 31 to May 31, 8 more): still 150 days apart;
    // 2000-02-28 + 100 d = 2000-06-07 (a leap year: 1 to Feb 29, 31, 30, 31, 7 more);
    // 2005-03-01 - 31 d = 2005-01-29 (28 back to Feb 1, 3 more); 2005-03-31 - 31 d = 2005-02-28
    expect(rows).toEqual([
      { patient_id: 'P-5', birth_year: 1949, started_on: '1999-01-09', stopped_on: '1999-06-08', duration_days: 150, age_at_onset_years: 93 },
      { patient_id: 'P-5', birth_year: 1949, started_on: '2000-06-07', stopped_on: null, duration_days: null, age_at_onset_years: 93 },
      { patient_id: 'P-6', birth_year: 1960, started_on: '2005-01-29', stopped_on: '2005-02-28', duration_days: 30, age_at_onset_years: 44 },
    ]);
  });

  it('blanks the dates of a row without a patient id rather than leave them real', () => {
    expect(limitedDataSetRows(projection, [{ patient_id: null, birth_year: null, started_on: '1998-10-01', stopped_on: null, duration_days: null, age_at_onset_years: null }], keys)[0].started_on).toBeNull();
  });

  it('says in the dictionary which columns were transformed and how', () => {
    const columns = limitedDataSetColumns(projection);
    expect(columns.filter((c) => c.definition.includes('LIMITED DATA SET')).map((c) => c.name)).toEqual(['patient_id', 'birth_year', 'started_on', 'stopped_on']);
    expect(columns.find((c) => c.name === 'started_on')).toMatchObject({ type: 'date', definition: expect.stringContaining("moved by the patient's offset") });
    expect(columns.find((c) => c.name === 'duration_days')).toEqual(projection.columns[4]);
  });

  it('turns the first 4 bytes of a digest into an offset in [-182, -1] or [1, 182], never 0', () => {
    const of = (n: number) => dateShiftDays(Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, 0xff));
    // k mod 364: 0 -> -182, 181 -> -1, 182 -> +1, 363 -> +182, 364 -> -182 again; 2^32 - 1 = 364 * 11799360 + 255 -> 255 - 181 = 74
    expect([of(0), of(181), of(182), of(363), of(364), of(0xffffffff)]).toEqual([-182, -1, 1, 182, -182, 74]);
    const all = new Set(Array.from({ length: 728 }, (_, k) => of(k)));
    expect(all.size).toBe(364);
    expect(all.has(0)).toBe(false);
  });
});
