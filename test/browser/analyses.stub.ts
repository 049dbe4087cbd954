/**
 * Until GET /analyses/kaplan-meier and /analyses/rate-comparison land, the browser tests answer them in
 * the page (Playwright routing) with the agreed contract, filled from the reference cohort's
 * expected.json (R survival 3.5-3): the UI's wiring and drawing are tested now, and the same tests run
 * against the real endpoints, unchanged, once the OpenAPI document lists them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MAYO_DIR } from '../support/mayo';

export const EXPECTED = JSON.parse(readFileSync(join(MAYO_DIR, 'expected.json'), 'utf8'));

interface RTable { time: number; n_risk: number; n_event: number; n_censor: number; surv: number; std_err: number; lower: number; upper: number }
interface RAt { time: number; n_risk: number; n_event: number; surv: number; std_err_surv: number; lower: number; upper: number }

/** The reference figures for a cut-off: the whole cohort, or one of expected.json's as_of dates. */
function reference(asOf: string | null): { n: number; events: number; table: RTable[]; at: RAt[] } {
  if (asOf === null) return { n: EXPECTED.kaplan_meier.n, events: EXPECTED.kaplan_meier.events, table: EXPECTED.kaplan_meier.table.log, at: EXPECTED.kaplan_meier.at.log };
  const cut = EXPECTED.as_of[asOf];
  if (!cut) throw new Error(`the stub knows no reference figures as of ${asOf}`);
  return { n: cut.n, events: cut.events, table: cut.table_log, at: cut.at.log };
}

/** The contract's answer; times the reference does not cover are left out (the figure shows a dash). */
export function kaplanMeierAnswer(asOf: string | null, times: number[]) {
  const ref = reference(asOf);
  const at = times.flatMap((time) => (time === 0 ? [{ time: 0, n_risk: ref.n, n_event: 0, surv: 1, std_err_surv: 0, lower: 1, upper: 1 }] : ref.at.filter((a) => a.time === time)));
  return {
    manifest: { position: 2005, asOf, knownAt: null, eventsFolded: 2005, sha256: 'stub' },
    timeUnit: 'months',
    confType: 'log',
    confLevel: 0.95,
    strata: [
      {
        name: 'all',
        n: ref.n,
        events: ref.events,
        table: ref.table.map((r) => ({ time: r.time, nRisk: r.n_risk, nEvent: r.n_event, nCensor: r.n_censor, surv: r.surv, stdErr: r.std_err, lower: r.lower, upper: r.upper })),
        median: null,
        atTimes: at.map((a) => ({ time: a.time, nRisk: a.n_risk, nEvent: a.n_event, surv: a.surv, stdErr: a.std_err_surv, lower: a.lower, upper: a.upper })),
        riskTable: at.map((a) => ({ time: a.time, nRisk: a.n_risk, cumEvents: null, cumCensored: null })),
      },
    ],
    logRank: null,
  };
}

/** expected.json has the test's figures but no curve: the stub's curve is three points, enough to see it drawn. */
export function rateComparisonAnswer() {
  const r = EXPECTED.logrank_one_sample_minnesota;
  return {
    manifest: { position: 2005, asOf: null, knownAt: null, eventsFolded: 2005, sha256: 'stub' },
    ratetable: 'minnesota',
    observed: r.observed,
    expected: r.expected,
    chisq: r.chisq,
    df: r.df,
    pvalue: r.p,
    smr: { ratio: r.observed / r.expected, lower: 0.71, upper: 3.66 },
    expectedCurve: [{ time: 120, surv: 0.93 }, { time: 240, surv: 0.85 }, { time: 360, surv: 0.74 }],
  };
}

/** True when the server documents the endpoints (then nothing is stubbed). */
export async function analysesLanded(url: string): Promise<boolean> {
  const document = await (await fetch(`${url}/docs/openapi.json`)).json();
  return Boolean(document.paths['/analyses/kaplan-meier'] && document.paths['/analyses/rate-comparison']);
}

/** Routes the two endpoints and adds them to the OpenAPI document the page reads. Returns the queries the page sent. */
export async function stubAnalyses(page: Page): Promise<URLSearchParams[]> {
  const queries: URLSearchParams[] = [];
  await page.route('**/docs/openapi.json', async (route) => {
    const document = await (await route.fetch()).json();
    const get = { get: { parameters: [{ in: 'query', name: 'groupBy', schema: { type: 'string', enum: ['sex', 'actd_group'] } }] } };
    document.paths['/analyses/kaplan-meier'] = get;
    document.paths['/analyses/rate-comparison'] = { get: { parameters: [] } };
    await route.fulfill({ json: document });
  });
  await page.route('**/analyses/kaplan-meier?*', (route) => {
    const query = new URL(route.request().url()).searchParams;
    queries.push(query);
    return route.fulfill({ json: kaplanMeierAnswer(query.get('asOf'), (query.get('times') ?? '').split(',').map(Number)) });
  });
  await page.route('**/analyses/rate-comparison?*', (route) => route.fulfill({ json: rateComparisonAnswer() }));
  return queries;
}
