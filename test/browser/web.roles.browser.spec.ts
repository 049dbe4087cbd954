/**
 * The UI offers each user what their roles allow (the server decides; the page only stops offering the
 * rest and says why): an analyst sees the figures but no patient, an auditor the records but no form.
 */
import type { Page } from 'playwright-core';
import { appendMayo } from '../support/mayo';
import { addUser, appAndBrowser, describeInBrowser, screenshot, TEST_USER, watchConsole } from './browser.support';

describeInBrowser('web UI roles in Chromium', () => {
  const env = appAndBrowser('required', async (app) => {
    await appendMayo(app.store);
    await addUser(app, 'ana', ['analyst']);
    await addUser(app, 'otto', ['auditor']);
  });

  async function signIn(userName: string): Promise<{ page: Page; problems: string[] }> {
    const page = await (await env.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    const problems = watchConsole(page);
    await page.goto(env.app.url);
    await page.getByLabel('User name').fill(userName);
    await page.getByLabel('Password').fill(TEST_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signed-in').waitFor();
    return { page, problems };
  }

  it('an analyst gets the counts, tables and survival figure, and no patient list', async () => {
    const { page, problems } = await signIn('ana');
    await page.locator('#km-plot').waitFor();
    expect(await page.locator('#count-analysed').textContent()).toBe('78');
    expect(await page.locator('#count-patients').count()).toBe(0);
    expect(await page.locator('#report-table-1').count()).toBe(1);
    expect(await page.locator('#nav').textContent()).toBe('CohortAPI docs');
    await page.goto(`${env.app.url}/#/patients`);
    await page.getByText('The patient list needs the recorder or auditor role.').waitFor();
    await screenshot(page, 'roles-analyst');
    expect(problems).toEqual([]);
  });

  it('an auditor reads patients and their history, with no form to change them and no analysis', async () => {
    const { page, problems } = await signIn('otto');
    await page.locator('#survival').getByText('The survival analysis needs the analyst role.').waitFor();
    await page.getByText('The tables are not available: they need the analyst or recorder role.').waitFor();
    await page.goto(`${env.app.url}/#/patients/MCC-1078`);
    await page.locator('#history').waitFor();
    expect(await page.locator('#data-entry').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Correct|Retract) / }).count()).toBe(0);
    expect(await page.locator('#timeline g.tl-lesion').count()).toBe(2);
    await screenshot(page, 'roles-auditor');
    expect(problems).toEqual([]);
  });
});
