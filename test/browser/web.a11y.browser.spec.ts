/**
 * Accessibility of every page, checked by axe-core against WCAG 2.1 A and AA (labels, names, contrast,
 * landmarks, ARIA) in Chromium, including a form showing the server's errors and an open dialog.
 */
import type { Page } from 'playwright-core';
import { appendMayo } from '../support/mayo';
import { appAndBrowser, describeInBrowser, TEST_USER } from './browser.support';

interface Violation { id: string; impact: string; help: string; targets: string[] }

/** axe is added as an inline script, which the UI's own policy forbids: this context bypasses it. */
async function violations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`) as Promise<Violation[]>;
}

describeInBrowser('web UI accessibility (axe-core, WCAG 2.1 AA) in Chromium', () => {
  const env = appAndBrowser('required', (app) => appendMayo(app.store));
  let page: Page;
  beforeAll(async () => {
    page = await (await env.browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true })).newPage();
  });

  it('the sign-in page, also when it refuses', async () => {
    await page.goto(env.app.url);
    await page.getByLabel('User name').fill(TEST_USER.userName);
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#login-error').getByText('Unknown user or wrong password.').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('Password').fill(TEST_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signed-in').waitFor();
  });

  it('the cohort dashboard, ungrouped and grouped, in the past', async () => {
    await page.goto(`${env.app.url}/?asOf=2005-06-30#/`);
    await page.locator('#km-plot').waitFor();
    await page.locator('#report-table-1').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.goto(`${env.app.url}/?atPosition=900#/?groupBy=actd_group`);
    await page.locator('#km-plot').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('the patient list and a patient with every form open, one showing the server’s errors', async () => {
    await page.goto(`${env.app.url}/#/patients`);
    await page.locator('#patient-list').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.goto(`${env.app.url}/#/patients/MCC-1078`);
    await page.locator('#data-entry').waitFor();
    for (const summary of await page.locator('#data-entry summary').all()) await summary.click();
    await page.locator('#form-lesions button[type=submit]').click();
    await page.locator('#form-lesions-site-error').getByText('is required').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('the correction dialog', async () => {
    await page.getByRole('button', { name: 'Correct lesion L1' }).click();
    await page.locator('dialog #form-correction').waitFor();
    expect(await violations(page)).toEqual([]);
  });
});
