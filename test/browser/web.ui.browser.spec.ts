/**
 * The web UI in a real headless Chromium against the real app (sign-in required, memory store): one
 * user's journey from an empty store through the cohort figures, time travel and data entry to signing
 * out. Screenshots land in test/artifacts/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { MAYO_DIR } from '../support/mayo';
import { appAndBrowser, ARTIFACTS, describeInBrowser, screenshot, TEST_USER, watchConsole } from './browser.support';

const PATIENT = 'MCC-1078';
/** The reference figures of the synthetic cohort (R survival 3.5-3), shared/ beside the repository. */
const EXPECTED = JSON.parse(readFileSync(join(MAYO_DIR, 'expected.json'), 'utf8'));
/** How many rows of one of the cohort's CSV files belong to a patient. */
const rowsOf = (file: string, patientId: string) => readFileSync(join(MAYO_DIR, file), 'utf8').split('\n').filter((line) => line.startsWith(`${patientId},`)).length;
const atRisk = (page: Page, time: number) => page.locator(`#km-plot text.km-at-risk[data-stratum="all"][data-time="${time}"]`).textContent();

describeInBrowser('web UI in Chromium', () => {
  const env = appAndBrowser('required');
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    problems = watchConsole(page);
  });
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${env.app.url}${path}`, { ...init, headers: { Authorization: `Bearer ${env.app.apiKey}`, 'Content-Type': 'application/json', ...init.headers } });
  // answers are checked field by field below
  const getJson = async (path: string): Promise<any> => (await api(path)).json();

  it('asks for a password, refuses a wrong one, and signs in with the right one', async () => {
    await page.goto(env.app.url);
    await page.getByLabel('User name').fill(TEST_USER.userName);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.locator('#login-error'), 'Unknown user or wrong password.');
    await screenshot(page, '01-login-refused');
    await page.getByLabel('Password').fill(TEST_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.locator('#signed-in'), 'Signed in as ruth (recorder, analyst, auditor)');
  });

  it('offers the demo cohort on an empty store and shows its counts once loaded', async () => {
    await page.locator('#empty-state').waitFor();
    await screenshot(page, '02-empty-store');
    await page.getByRole('button', { name: /Load the synthetic demo cohort/ }).click();
    await expectText(page.locator('#status'), new RegExp(`^Loaded the demo cohort: ${EXPECTED.rows.patients} patients, \\d+ events\\.$`));
    await expectText(page.locator('#count-patients'), String(EXPECTED.rows.patients));
    await expectText(page.locator('#count-analysed'), String(EXPECTED.rows.analysed));
    await expectText(page.locator('#count-deaths'), String(EXPECTED.kaplan_meier.events));
    await expectText(page.locator('#report-table-1 caption'), `Table 1. Patients by autoimmune connective tissue disease (n = ${EXPECTED.rows.analysed})`);
  });

  it("draws the Kaplan-Meier figure with expected.json's numbers at risk, censoring and the Minnesota comparison", async () => {
    await page.goto(`${env.app.url}/#/?times=60,120,180,240`);
    await page.locator('#km-plot').waitFor();
    const expectedAt = EXPECTED.kaplan_meier.at.log as { time: number; n_risk: number; surv: number }[];
    expect(expectedAt.map((a) => a.n_risk)).toEqual([38, 22, 14, 9]);
    for (const { time, n_risk } of expectedAt) expect([time, await atRisk(page, time)]).toEqual([time, String(n_risk)]);
    // one censoring tick per time with a censored patient, the band and the dashed expected curve
    const censoredTimes = (EXPECTED.kaplan_meier.table.log as { n_censor: number }[]).filter((r) => r.n_censor > 0).length;
    expect(await page.locator('#km-plot line.km-censor').count()).toBe(censoredTimes);
    expect(await page.locator('#km-plot polygon.km-band').count()).toBe(1);
    expect(await page.locator('#km-plot polyline.km-expected').getAttribute('stroke-dasharray')).toBe('6 4');
    const minnesota = EXPECTED.logrank_one_sample_minnesota;
    await expectText(page.locator('#km-plot .km-legend'), new RegExp(`SMR ${(minnesota.observed / minnesota.expected).toFixed(2)}, p = ${minnesota.p.toFixed(3)}`));
    const survivalAt240 = (100 * expectedAt[3].surv).toFixed(1);
    await expectText(page.locator('#km-summary tbody tr').nth(3).locator('td').nth(3), `${survivalAt240}%`);
    await screenshot(page, '03-dashboard-survival');
  });

  it('downloads the figure as SVG and PNG and its data as CSV', async () => {
    const saved = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const path = join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(path);
      return readFileSync(path);
    };
    const csv = (await saved('Download data (CSV)')).toString('utf8').trim().split('\r\n');
    expect(csv[0]).toBe('stratum,time,n_risk,n_event,n_censor,surv,std_err,lower,upper');
    expect(csv).toHaveLength(1 + EXPECTED.kaplan_meier.table.log.length);
    const svg = (await saved('Download figure (SVG)')).toString('utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('data-time="240"');
    const png = await saved('Download figure (PNG)');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(2 * 760); // IHDR width: the figure drawn at twice its size
  });

  it('travels in time: asOf changes the figure and the counts, says so, and is in a shareable URL', async () => {
    const before = await page.locator('#count-analysed').textContent();
    await page.goto(`${env.app.url}/#/?times=12,24,60`);
    await page.locator('#km-plot').waitFor();
    await page.locator('#asOf').fill('2005-06-30');
    await expectText(page.locator('#time-statement'), /^Showing facts dated on or before 2005-06-30, as the record stands now/);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2005-06-30');
    const reference = EXPECTED.as_of['2005-06-30'].at.log as { time: number; n_risk: number }[];
    for (const { time, n_risk } of reference) await expectText(page.locator(`#km-plot text.km-at-risk[data-time="${time}"]`), String(n_risk));
    const asOfReport = await getJson('/reports/cohort?asOf=2005-06-30');
    await expectText(page.locator('#count-analysed'), String(asOfReport.analysed));
    expect(asOfReport.analysed).not.toBe(Number(before));
    await screenshot(page, '04-time-travel-asof');

    // the same address in a fresh tab reproduces the view
    const shared = await context.newPage();
    await shared.goto(page.url());
    await expectText(shared.locator('#time-statement'), /^Showing facts dated on or before 2005-06-30/);
    await expectText(shared.locator('#km-plot text.km-at-risk[data-time="24"]'), String(reference[1].n_risk));
    await shared.close();
  });

  it('cuts the record at a log position with the slider and sends that cut to the analyses', async () => {
    const head = (await getJson('/health')).headPosition as number;
    await page.getByLabel('Up to log position', { exact: true }).check();
    const position = Math.round(head / 2);
    await page.locator('#atPosition').fill(String(position));
    // the head moves on as the page reads (reads of data are logged too): the statement names the one it saw
    await expectText(page.locator('#time-statement'), new RegExp(`^Showing facts dated on or before 2005-06-30, as the log stood at position ${position.toLocaleString('en-US')} of [\\d,]+\\.$`));
    expect(new URL(page.url()).searchParams.get('atPosition')).toBe(String(position));
    // half the log holds fewer patients: fewer at risk at 12 months than the whole record as of that date
    const atHalf = await getJson(`/analyses/kaplan-meier?asOf=2005-06-30&atPosition=${position}&times=12`);
    const fewer = atHalf.strata[0].riskTable[0].nRisk as number;
    expect(fewer).toBeLessThan(EXPECTED.as_of['2005-06-30'].at.log[0].n_risk);
    await expectText(page.locator('#km-plot text.km-at-risk[data-time="12"]'), String(fewer));
    // the tables are cut at the same position
    const atHalfReport = await getJson(`/reports/cohort?asOf=2005-06-30&atPosition=${position}`);
    expect(atHalfReport.analysed).toBeLessThan(EXPECTED.as_of['2005-06-30'].n);
    await expectText(page.locator('#count-analysed'), String(atHalfReport.analysed));
    await expectText(page.locator('#report-table-1 caption'), `Table 1. Patients by autoimmune connective tissue disease (n = ${atHalfReport.analysed})`);
    await screenshot(page, '05-time-travel-position');

    // a knowledge instant before the demo cohort was recorded (the test clock starts at 10:00 UTC) shows no one
    await page.getByLabel('Recorded by (UTC)', { exact: true }).check();
    await page.locator('#knownAt').fill('2011-06-30T09:59');
    await expectText(page.locator('#time-statement'), 'Showing facts dated on or before 2005-06-30, as recorded up to 2011-06-30 09:59 UTC.');
    expect(new URL(page.url()).searchParams.get('knownAt')).toBe('2011-06-30T09:59:00Z');
    await expectText(page.locator('#count-analysed'), '0');
    await expectText(page.locator('#km-unavailable'), /^The survival analysis cannot be estimated at this point in time: /);
    await page.getByLabel('Now', { exact: true }).check();
    await page.getByRole('button', { name: 'All dates' }).click();
    await expectText(page.locator('#time-statement'), /^Showing every fact, whatever its date, as the record stands now/);
  });

  it('groups the curves on request, with a legend entry per group and the log-rank test', async () => {
    await page.goto(`${env.app.url}/#/?times=60,120`);
    await page.locator('#km-plot').waitFor();
    await page.getByLabel('Group by').selectOption('sex');
    await expectText(page.locator('#km-plot title'), /by sex/);
    expect(await page.locator('#km-plot g.km-stratum').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-stratum')))).toEqual(['female', 'male']);
    const km = await getJson('/analyses/kaplan-meier?groupBy=sex&times=60,120');
    for (const stratum of km.strata) await expectText(page.locator(`#km-plot text.km-at-risk[data-stratum="${stratum.name}"][data-time="60"]`), String(stratum.riskTable[0].nRisk));
    await expectText(page.locator('#km-plot .km-legend'), new RegExp(`Log-rank χ² = ${km.logRank.chisq.toFixed(2)}, df = 1, p = ${km.logRank.pvalue.toFixed(3)}`));
    expect(new URL(page.url()).hash).toBe('#/?times=60%2C120&groupBy=sex');
    await screenshot(page, '03b-survival-by-sex');
  });

  it('can be used from the keyboard: a skip link first, the time controls before the content', async () => {
    await page.goto(env.app.url);
    await page.locator('#counts').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect([await page.evaluate('document.activeElement?.id'), new URL(page.url()).hash]).toEqual(['main', '']);
    // backwards from the content: the time controls, entered at the checked radio of their group
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('knowledge-now');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('asOf');
  });

  it('pages through the patients and opens one on its timeline', async () => {
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    await expectText(page.locator('#page-range'), `1–50 of ${EXPECTED.rows.patients}`);
    await page.getByRole('link', { name: 'Next →' }).click();
    await expectText(page.locator('#page-range'), `51–${EXPECTED.rows.patients} of ${EXPECTED.rows.patients}`);
    await page.getByLabel('Open patient by id').fill(PATIENT);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('#timeline').waitFor();
    expect(await page.title()).toBe(`Patient ${PATIENT} · Cohort Chronicle`);
    expect(await page.locator('#timeline g.tl-lesion').count()).toBe(rowsOf('lesions.csv', PATIENT));
    await screenshot(page, '06-patient-timeline');
  });

  it('fades on the timeline what is dated after asOf, and marks the cut-off', async () => {
    const starts = readFileSync(join(MAYO_DIR, 'treatments.csv'), 'utf8').split('\n').filter((line) => line.startsWith(`${PATIENT},`)).map((line) => line.split(',')[7]);
    const asOf = '1998-09-01';
    await page.goto(`${env.app.url}/?asOf=${asOf}#/patients/${PATIENT}`);
    await expectText(page.locator('#timeline g.tl-asof'), `as of ${asOf}`);
    expect(await page.locator('#timeline g.tl-treatment').count()).toBe(starts.length);
    expect(await page.locator('#timeline g.tl-treatment[opacity="0.3"]').count()).toBe(starts.filter((start) => start > asOf).length);
    expect(await page.locator('#facts-treatments tbody tr.after-asof').count()).toBe(starts.filter((start) => start > asOf).length);
    await screenshot(page, '06b-patient-timeline-asof');
    await page.goto(`${env.app.url}/#/patients/${PATIENT}`);
    await page.locator('#entry-lesions').waitFor();
  });

  it('records a lesion through the form, showing the server’s validation message next to its field first', async () => {
    const revision = (await getJson(`/patients/${PATIENT}`)).revision as number;
    await page.locator('#entry-lesions summary').click();
    await fillForm(page, 'form-lesions', { lesionId: 'L9', onsetOn: '2001-02-03' });
    await page.locator('#form-lesions button[type=submit]').click();
    await expectText(page.locator('#form-lesions-site-error'), 'is required');
    expect(await page.locator('#form-lesions-site').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement?.id')).toBe('form-lesions-site');
    await screenshot(page, '07-lesion-validation-error');

    await page.locator('#form-lesions-site').selectOption('trunk');
    await page.locator('#form-lesions button[type=submit]').click();
    await expectText(page.locator('#patient-summary'), new RegExp(`Revision ${revision + 1}\\.`));
    await expectText(page.locator('#facts-lesions tbody'), /L9\s*trunk\s*2001-02-03/);
    expect(await page.locator('#timeline g.tl-lesion').count()).toBe(rowsOf('lesions.csv', PATIENT) + 1);
    const stored = (await getJson(`/patients/${PATIENT}`)).lesions.find((l: { lesionId: string }) => l.lesionId === 'L9');
    expect(stored).toMatchObject({ site: 'trunk', onsetOn: '2001-02-03' });

    // read your writes: the figures are asked to include the lesion's log position
    const written = (await getJson(`/patients/${PATIENT}/history`)).at(-1).position;
    const reportRequest = page.waitForRequest((request) => request.url().includes('/reports/cohort?'));
    await page.getByRole('link', { name: 'Cohort', exact: true }).click();
    expect(new URL((await reportRequest).url()).searchParams.get('minPosition')).toBe(String(written));
    await page.locator('#counts').waitFor();
    await page.goBack();
    await page.locator('#entry-lesions').waitFor();
  });

  it('explains a concurrent change instead of overwriting it, and keeps what was typed', async () => {
    await api(`/patients/${PATIENT}/contacts`, { method: 'POST', body: JSON.stringify({ seenOn: '2001-06-01' }) });
    await page.locator('#entry-lesions summary').click();
    await fillForm(page, 'form-lesions', { lesionId: 'L10', site: 'head', onsetOn: '2001-03-03' });
    await page.locator('#form-lesions button[type=submit]').click();
    await expectText(page.locator('#form-lesions-problems'), /This patient changed since you opened it/);
    expect(await page.locator('#form-lesions-lesionId').inputValue()).toBe('L10');
    const lesions = (await getJson(`/patients/${PATIENT}`)).lesions.map((l: { lesionId: string }) => l.lesionId);
    expect(lesions).not.toContain('L10');
    await screenshot(page, '08-concurrency-conflict');
    await page.getByRole('button', { name: 'Reload the patient' }).click();
    await expectText(page.locator('#facts-contacts tbody'), /2001-06-01/);
    // the reloaded page still holds the entry, now against the new revision, and saves it
    expect(await page.locator('#form-lesions-lesionId').inputValue()).toBe('L10');
    expect(await page.locator('#form-lesions-site').inputValue()).toBe('head');
    await page.locator('#form-lesions button[type=submit]').click();
    await expectText(page.locator('#facts-lesions tbody'), /L10\s*head\s*2001-03-03/);
  });

  it('corrects a fact with a reason, and shows the correction in the facts and the history', async () => {
    await page.getByRole('button', { name: 'Correct lesion L9' }).click();
    await page.locator('dialog #form-correction-site').selectOption('extremity');
    await page.locator('dialog #form-correction-reason').fill('site misread from the chart');
    await page.locator('dialog button[type=submit]').click();
    await expectText(page.locator('#facts-lesions tbody'), /L9\s*extremity[\s\S]*site trunk → extremity\. Reason: site misread from the chart/);
    await expectText(page.locator('#history'), /site misread from the chart/);
    expect(await page.locator('#timeline g.tl-lesion circle.corrected-ring').count()).toBe(1);
    expect(await page.locator('#timeline g.tl-lesion').count()).toBe(rowsOf('lesions.csv', PATIENT) + 2);
    await screenshot(page, '09-correction');
  });

  it('starts, stops and grades a course through the forms, the course chosen from the patient’s own', async () => {
    await page.locator('#entry-treatments summary').click();
    await fillForm(page, 'form-treatments', { treatmentId: 'T9', indication: 'calcinosis', agent: 'colchicine', category: 'medical', dose: '0.6', doseUnit: 'mg/d', startedOn: '2001-04-01' });
    await page.getByLabel('L9 (extremity)').check();
    await page.locator('#form-treatments button[type=submit]').click();
    await expectText(page.locator('#facts-treatments tbody'), /T9\s*colchicine\s*calcinosis\s*medical\s*0\.6 mg\/d\s*2001-04-01/);

    await page.locator('#entry-treatments-treatmentId-stop summary').click();
    await fillForm(page, 'form-treatments-treatmentId-stop', { course: 'T9', stoppedOn: '2001-09-30' });
    await page.locator('#form-treatments-treatmentId-stop button[type=submit]').click();
    await expectText(page.locator('#facts-treatments tbody'), /T9[^\n]*2001-04-01\s*2001-09-30/);

    await page.locator('#entry-treatments-treatmentId-responses summary').click();
    await fillForm(page, 'form-treatments-treatmentId-responses', { course: 'T9', assessedOn: '2001-10-15', grade: 'partial' });
    await page.locator('#form-treatments-treatmentId-responses button[type=submit]').click();
    await expectText(page.locator('#facts-treatments tbody'), /partial \(2001-10-15\)/);
    const course = (await getJson(`/patients/${PATIENT}`)).treatments.find((c: { treatmentId: string }) => c.treatmentId === 'T9');
    expect(course).toMatchObject({ agent: 'colchicine', dose: 0.6, lesionIds: ['L9'], stoppedOn: '2001-09-30', responses: [expect.objectContaining({ grade: 'partial' })] });
    expect(await page.locator('#timeline g.tl-response').count()).toBeGreaterThan(0);
  });

  it('retracts a fact only with a reason, and leaves it out of the facts while the history keeps it', async () => {
    await page.getByRole('button', { name: 'Retract contact 2001-06-01' }).click();
    await page.locator('dialog button[type=submit]').click();
    await expectText(page.locator('#form-retraction-reason-error'), /.+/);
    await page.locator('dialog #form-retraction-reason').fill('entered for the wrong patient');
    await page.locator('dialog button[type=submit]').click();
    await expectText(page.locator('#facts-contacts caption'), `Contacts (${rowsOf('contacts.csv', PATIENT)})`);
    expect(await page.locator('#facts-contacts tbody').textContent()).not.toContain('2001-06-01');
    await expectText(page.locator('#history tbody tr').last(), /entered for the wrong patient/);
  });

  it('shows the patient read-only as the record stood before the lesion was entered', async () => {
    const history = await getJson(`/patients/${PATIENT}/history`);
    // the patient's own event just before the lesion (positions are global: the one before may be another patient's)
    const beforeLesion = history[history.findIndex((e: { description: string }) => /L9/.test(e.description)) - 1].position;
    await page.locator('#history').getByRole('link', { name: String(beforeLesion), exact: true }).click();
    await expectText(page.locator('#patient-summary'), new RegExp(`Shown as of log position ${beforeLesion};`));
    expect(new URL(page.url()).searchParams.get('atPosition')).toBe(String(beforeLesion));
    await expectText(page.locator('#facts-lesions caption'), `Lesions (${rowsOf('lesions.csv', PATIENT)})`);
    expect(await page.locator('#data-entry').count()).toBe(0);
    await screenshot(page, '10-patient-in-the-past');
  });

  it('enrols a new patient through the form and opens it', async () => {
    await page.goto(`${env.app.url}/#/patients`);
    await page.locator('#enrol summary').click();
    await fillForm(page, 'form-enrol', { patientId: 'MCC-0001', sex: 'male', birthDate: '1960-05-06', researchAuthorization: 'granted', treatmentHistory: 'documented' });
    await page.locator('#form-enrol button[type=submit]').click();
    await expectText(page.locator('h1'), 'Patient MCC-0001');
    await expectText(page.locator('#patient-summary'), /^male, born 1960-05-06; .* Revision 0\.$/);
    expect((await getJson('/patients?limit=1')).total).toBe(EXPECTED.rows.patients + 1);
  });

  it('sends the user back to the sign-in form when the session is gone, and on to the page after signing in', async () => {
    await context.clearCookies();
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    await expectText(page.locator('#login-message'), 'Your session has ended: sign in again.');
    await page.getByLabel('User name').fill(TEST_USER.userName);
    await page.getByLabel('Password').fill(TEST_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.locator('#page-range'), /^1–50 of /);
  });

  it('signs out: the page returns to the sign-in form and the cookie no longer works', async () => {
    await page.goto(env.app.url);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectText(page.locator('#login-message'), 'You are signed out.');
    expect(await page.evaluate(async () => (await fetch('/auth/me')).status)).toBe(401);
    await screenshot(page, '11-signed-out');
  });
});

/** Fills a form the UI generated from a request schema, by field name: a select is chosen from, the rest typed. */
async function fillForm(page: Page, formId: string, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`#${formId}-${name}`);
    if (await page.locator(`select#${formId}-${name}`).count()) await field.selectOption(value);
    else await field.fill(value);
  }
}

/** Waits (up to 10 s) for the element's text to match: the page renders asynchronously. */
async function expectText(locator: ReturnType<Page['locator']>, expected: string | RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline) {
    text = ((await locator.count()) ? await locator.first().textContent() : '') ?? '';
    if (typeof expected === 'string' ? text === expected : expected.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(text).toEqual(expected);
}
