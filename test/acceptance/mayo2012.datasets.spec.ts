// Acceptance: the datasets of the shared mayo-2012 cohort, imported through the import's own
// bundle -> commands function and the real command loop, reproduce every row of the reference files
// that R and Python computed independently (shared/cohorts/mayo-2012/expected/*.csv).
import { appendMayo, MAYO_DIR } from '../support/mayo';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyCohort, foldCohort, type CohortState } from '../../projections/cohort.fold';
import { DATASET_NAMES, findDataset } from '../../projections/dataset.registry';
import type { RowsOptions } from '../../projections/projection';
import { textTable } from '../../projections/row.format';
import { datasetAnswer } from '../../src/datasets/dataset.answer';
import { toLoggedPatientEvent } from '../../src/datasets/loggedEvent';
import { MemoryEventStore } from '../../src/eventStore/memory.adapter';

const MAYO = MAYO_DIR;

async function mayoCohort(): Promise<CohortState> {
  const store = new MemoryEventStore();
  await appendMayo(store);
  const logged = (await store.readAll()).map(toLoggedPatientEvent).filter((e) => e !== null);
  return foldCohort(emptyCohort(), logged);
}

function expected(file: string): Record<string, string>[] {
  return parse(readFileSync(join(MAYO, 'expected', file), 'utf8'), { columns: true });
}

function actual(cohort: CohortState, dataset: string, options: RowsOptions): Record<string, string>[] {
  const projection = findDataset(dataset)!;
  const [header, ...rows] = textTable(projection.columns, projection.rows(cohort, options));
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

/** Every row and every column of the reference file, by exact text; columns it lacks are not compared. */
function onlyColumnsOf(reference: Record<string, string>[], rows: Record<string, string>[]) {
  const columns = Object.keys(reference[0]);
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
}

describe('mayo-2012 acceptance: datasets reproduce the independently computed reference files', () => {
  let cohort: CohortState;
  beforeAll(async () => {
    cohort = await mayoCohort();
  });

  it.each([
    ['survival.csv', 'survival', {}],
    ['survival-asof-2000-01-01.csv', 'survival', { asOf: '2000-01-01' }],
    ['survival-asof-2005-06-30.csv', 'survival', { asOf: '2005-06-30' }],
    ['followup.csv', 'follow-up', {}],
    ['time-to-onset.csv', 'time-to-onset', {}],
    ['patients-derived.csv', 'patients', {}],
  ])('expected/%s = dataset %s %j', (file, dataset, options) => {
    const reference = expected(file);
    expect(reference.length).toBeGreaterThan(30);
    expect(onlyColumnsOf(reference, actual(cohort, dataset, options))).toEqual(reference);
  });

  it.each([
    ['survival.csv', 'survival', {}],
    ['survival-asof-2005-06-30.csv', 'survival', { asOf: '2005-06-30' }],
    ['patients-derived.csv', 'patients', {}],
  ])('expected/%s = the CSV answer of dataset %s %j, written patient by patient', (file, dataset, options) => {
    const reference = expected(file);
    const answer = datasetAnswer(findDataset(dataset)!, cohort, { name: dataset, format: 'csv', ...options }, 0);
    expect(answer.csvChunks).toHaveLength(2); // the header, then one block: the cohort's lines are under 64 KB
    const rows: Record<string, string>[] = parse(answer.csv, { columns: true });
    expect(answer.manifest.rows).toBe(reference.length);
    expect(onlyColumnsOf(reference, rows)).toEqual(reference);
  });

  it('given the records in reverse order, then every CSV answer (patient by patient) has the bytes and digest of the JSON answer (rows made whole)', () => {
    const reversed = { ...cohort, records: new Map([...cohort.records].reverse()) };
    for (const name of DATASET_NAMES) {
      for (const asOf of [undefined, '2005-06-30']) {
        const csv = datasetAnswer(findDataset(name)!, reversed, { name, format: 'csv', asOf }, 0);
        const json = datasetAnswer(findDataset(name)!, cohort, { name, format: 'json', asOf }, 0);
        expect([name, asOf, csv.manifest.rows, csv.manifest.sha256, csv.csv]).toEqual([name, asOf, json.manifest.rows, json.manifest.sha256, json.csv]);
        expect([name, csv.rows]).toEqual([name, json.rows]);
      }
    }
  });

  it('the 3 patients who denied research authorization are in no dataset', () => {
    const denied = ['MCC-2486', 'MCC-2813', 'MCC-4025'];
    expect(cohort.records.size).toBe(81);
    for (const dataset of ['patients', 'time-to-onset', 'follow-up', 'survival', 'survival-counting', 'treatments', 'treatment-summary']) {
      const ids = new Set(actual(cohort, dataset, {}).map((r) => r.patient_id));
      expect(denied.filter((id) => ids.has(id))).toEqual([]);
    }
  });

  it('survival-counting intervals add up to each patient survival time and carry the same deaths', () => {
    const survival = actual(cohort, 'survival', {});
    const intervals = actual(cohort, 'survival-counting', {});
    const total = new Map<string, number>();
    const deaths = new Map<string, number>();
    for (const r of intervals) {
      total.set(r.patient_id, (total.get(r.patient_id) ?? 0) + Number(r.stop_days) - Number(r.start_days));
      deaths.set(r.patient_id, (deaths.get(r.patient_id) ?? 0) + Number(r.status));
    }
    expect(survival.map((r) => [r.patient_id, total.get(r.patient_id), deaths.get(r.patient_id)])).toEqual(
      expected('survival.csv').map((r) => [r.patient_id, Number(r.time_days), Number(r.status)]),
    );
  });

  it('treatment summaries give Tables 3 and 4 of expected.json (patients by category or agent, and best response)', () => {
    const derived = JSON.parse(readFileSync(join(MAYO, 'expected.json'), 'utf8')).derived;
    const table3: Record<string, Record<string, number>> = {};
    const table4: Record<string, Record<string, number>> = {};
    const count = (table: typeof table3, group: string, grade: string) => {
      table[group] ??= { complete: 0, none: 0, partial: 0, unknown: 0, total: 0 };
      table[group][grade] += 1;
      table[group].total += 1;
    };
    for (const row of actual(cohort, 'treatment-summary', {})) {
      count(table3, row.treatment_category, row.best_response);
      for (const pair of row.calcinosis_agents ? row.calcinosis_agents.split(';') : []) {
        const [agent, grade] = pair.split('=');
        count(table4, agent, grade);
      }
    }
    expect(table3).toEqual(derived.table3);
    expect(table4).toEqual(derived.table4);
  });
});
