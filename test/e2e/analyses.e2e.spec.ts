/**
 * Analyses over HTTP on the synthetic mayo-2012 cohort, against values computed independently:
 * R survival's survfit / survdiff / survexp as recorded in shared/cohorts/mayo-2012/expected.json and
 * test/reference/fixtures (never from this code).
 */
import { loadFixture, loadMayoExpected } from '../reference/fixtures';
import { appendMayo } from '../support/mayo';
import { startTestApp, type TestApp } from '../support/testApp';

const close = (actual: number | null, expected: number, tolerance = 1e-9) =>
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));

describe('analyses (e2e, mayo-2012)', () => {
  let t: TestApp;
  let head: number;
  const expected = loadMayoExpected();
  // The read model follows the log asynchronously: minPosition makes each answer include the whole cohort.
  const get = (path: string) => t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`);
  beforeAll(async () => {
    t = await startTestApp();
    await appendMayo(t.store);
    head = await t.store.headPosition();
  });
  afterAll(() => t.close());

  it('reproduces R survfit at 60, 120, 180 and 240 months: survival, CI and numbers at risk', async () => {
    const km = (await get('/analyses/kaplan-meier?times=60,120,180,240').expect(200)).body;
    expect(km.strata).toHaveLength(1);
    expect(km.strata[0]).toMatchObject({ name: 'all', n: 75, events: 7, median: { estimate: null } });
    const at = expected.kaplan_meier.at.log;
    expect(km.strata[0].atTimes.map((r: { nRisk: number }) => r.nRisk)).toEqual(at.map((r: { n_risk: number }) => r.n_risk));
    km.strata[0].atTimes.forEach((row: { surv: number; lower: number; upper: number }, i: number) => {
      close(row.surv, at[i].surv);
      close(row.lower, at[i].lower);
      close(row.upper, at[i].upper);
    });
    expect(km.strata[0].riskTable.map((r: { nRisk: number }) => r.nRisk)).toEqual([38, 22, 14, 9]);
    expect(km.manifest).toMatchObject({ analysis: 'kaplan-meier', datasets: [expect.objectContaining({ dataset: 'survival', rows: 75 })], sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('reproduces the whole survfit table for log-log limits', async () => {
    const km = (await get('/analyses/kaplan-meier?confType=log-log').expect(200)).body;
    const table = expected.kaplan_meier.table['log-log'];
    expect(km.strata[0].table).toHaveLength(table.length);
    km.strata[0].table.forEach((row: Record<string, number>, i: number) => {
      expect([row.nRisk, row.nEvent, row.nCensor]).toEqual([table[i].n_risk, table[i].n_event, table[i].n_censor]);
      close(row.surv, table[i].surv);
      if (table[i].lower !== null) close(row.lower, table[i].lower);
    });
  });

  it('compares the sexes as R survdiff does', async () => {
    const reference = loadFixture('log-rank.json').cases.find((c: { name: string }) => c.name === 'mayo-2012: by sex').tests[0];
    const test = (await get('/analyses/log-rank?groupBy=sex').expect(200)).body;
    expect(test.groups).toEqual(reference.groups);
    close(test.chisq, reference.chisq);
    close(test.pvalue, reference.pvalue);
    const km = (await get('/analyses/kaplan-meier?groupBy=sex').expect(200)).body;
    expect(km.strata.map((s: { name: string; n: number }) => s.name)).toEqual(['female', 'male']);
    close(km.logRank.pvalue, reference.pvalue);
  });

  it('compares the cohort with Minnesota as the seed study did (P = .12)', async () => {
    const comparison = (await get('/analyses/rate-comparison?ratetable=minnesota').expect(200)).body;
    const reference = expected.logrank_one_sample_minnesota;
    expect(comparison).toMatchObject({ n: 75, observed: 7, df: 1 });
    close(comparison.expected, reference.expected, 1e-9);
    close(comparison.pvalue, reference.p, 1e-9);
    expect(comparison.smr.smr).toBeCloseTo(7 / reference.expected, 10);
    expect(comparison.expectedCurve[0]).toEqual({ time: 0, surv: 1 });
    expect(comparison.expectedCurve.at(-1).surv).toBeLessThan(1);
  });

  it('answers at a valid-time cut-off: the as-of 2005-06-30 survival of R', async () => {
    const km = (await get('/analyses/kaplan-meier?asOf=2005-06-30&times=12,24,60').expect(200)).body;
    const asOf = expected.as_of['2005-06-30'];
    expect(km.strata[0]).toMatchObject({ n: asOf.n, events: asOf.events });
    const at = asOf.at.log;
    km.strata[0].atTimes.forEach((row: { surv: number; nRisk: number }, i: number) => {
      close(row.surv, at[i].surv);
      expect(row.nRisk).toBe(at[i].n_risk);
    });
  });

  it('refuses bad parameters, naming each', async () => {
    const answer = await t.http().get('/analyses/kaplan-meier?confType=wide&confLevel=2&groupBy=height&asOf=2005-02-30&colour=red').expect(400);
    expect(answer.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['asOf', 'colour', 'confLevel', 'confType', 'groupBy']);
    await t.http().get('/analyses/log-rank').expect(400);
    await t.http().get('/analyses/rate-comparison?ratetable=mars').expect(400);
  });

  it('says why when there is nothing to analyse', async () => {
    const answer = await get('/analyses/kaplan-meier?asOf=1900-01-01').expect(422);
    expect(answer.body.message).toBe('no patient with follow-up at this cut: there is nothing to analyse');
  });
});
