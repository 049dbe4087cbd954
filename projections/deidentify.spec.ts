import type { Projection } from './projection';
import { column } from './projection';
import { deidentifiedColumns, deidentifyRows } from './deidentify';

const projection: Projection = {
  name: 'example',
  grain: 'one row per patient',
  description: '',
  columns: [
    column('patient_id', 'text', null, 'id'),
    column('entry_date', 'date', null, 'origin'),
    column('birth_year', 'integer', null, 'year of birth'),
    column('age_days', 'integer', 'days', 'age at entry'),
    column('age_at_onset_years', 'integer', 'years', 'age at onset'),
    column('time_days', 'integer', 'days', 'follow-up'),
  ],
  rows: () => [],
  patientRows: () => [],
};
const d = { pseudonym: (id: string) => `P-${id.length}`, referenceYear: 2011 };

describe('de-identification (Safe Harbor)', () => {
  it('pseudonymises ids, keeps years of dates, pools ages over 89 and keeps durations exact', () => {
    const rows = deidentifyRows(
      projection,
      [
        { patient_id: 'MCC-1', entry_date: '1998-10-01', birth_year: 1950, age_days: 17532, age_at_onset_years: 47, time_days: 695 },
        // born 1915: 96 in 2011; 90.1 years at entry (32910 days); 91 at onset
        { patient_id: 'MCC-22', entry_date: '2005-03-04', birth_year: 1915, age_days: 32910, age_at_onset_years: 91, time_days: 12 },
      ],
      d,
    );
    expect(rows).toEqual([
      { patient_id: 'P-5', entry_date: 1998, birth_year: 1950, age_days: 17532, age_at_onset_years: 47, time_days: 695 },
      { patient_id: 'P-6', entry_date: 2005, birth_year: null, age_days: null, age_at_onset_years: 90, time_days: 12 },
    ]);
  });

  it('says in the dictionary which columns were transformed', () => {
    const columns = deidentifiedColumns(projection);
    expect(columns.filter((c) => c.definition.includes('DE-IDENTIFIED')).map((c) => c.name)).toEqual(['patient_id', 'entry_date', 'birth_year', 'age_days', 'age_at_onset_years']);
    expect(columns.find((c) => c.name === 'entry_date')?.type).toBe('integer');
    expect(columns.find((c) => c.name === 'time_days')).toEqual(projection.columns[5]);
  });
});
