/**
 * The Kaplan-Meier drawing module on its own, in Chromium: the step geometry of a hand-made answer, and
 * a 100,000-patient answer drawn at a bounded size (the figure must stay usable at registry scale).
 * Also: the UI loads over plain HTTP from another machine's point of view (a non-loopback address).
 */
import type { Page } from 'playwright-core';
import { appAndBrowser, describeInBrowser, networkAddress } from './browser.support';

/** Runs a script in the page with the plotting module imported as `km` (typed outside the page's DOM). */
const inPage = <T>(page: Page, body: string): Promise<T> => page.evaluate(`(async () => { const km = await import('/js/km.plot.js'); ${body} })()`) as Promise<T>;

describeInBrowser('Kaplan-Meier drawing in Chromium', () => {
  const env = appAndBrowser('disabled');
  let page: Page;
  beforeAll(async () => {
    page = await env.browser.newPage();
    await page.goto(env.app.url);
  });

  it('loads over plain HTTP at a non-loopback address: its policy upgrades no request to https', async () => {
    const address = networkAddress();
    if (!address) return void console.warn('no non-loopback IPv4 address on this machine: the plain-HTTP check did not run');
    const remote = await env.browser.newPage();
    const failed: string[] = [];
    remote.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    await remote.goto(`http://${address}:${env.app.port}/`);
    await remote.locator('#empty-state').waitFor();
    expect(failed).toEqual([]);
    await remote.close();
  });

  it('steps down at each event, holds at a censoring, and marks the censoring with a tick', async () => {
    const drawn = await inPage<{ d: string; ticks: number; atRisk: string[] }>(
      page,
      `const answer = { timeUnit: 'months', confLevel: 0.95, confType: 'log', logRank: null, strata: [{ name: 'all', n: 4, events: 2, median: null,
         table: [{ time: 6, nRisk: 4, nEvent: 1, nCensor: 0, surv: 0.75, lower: 0.5, upper: 1 }, { time: 12, nRisk: 3, nEvent: 0, nCensor: 1, surv: 0.75, lower: 0.5, upper: 1 },
                 { time: 18, nRisk: 2, nEvent: 2, nCensor: 0, surv: 0, lower: null, upper: null }],
         riskTable: [{ time: 0, nRisk: 4 }, { time: 12, nRisk: 3 }] }] };
       const svg = km.drawKaplanMeier(answer, { riskTimes: [0, 12], title: 't', xLabel: 'x' });
       return { d: svg.querySelector('.km-curve').getAttribute('d'), ticks: svg.querySelectorAll('.km-censor').length, atRisk: [...svg.querySelectorAll('.km-at-risk')].map((t) => t.textContent) };`,
    );
    // y runs from 316 (0%) up to 16 (100%) over 300 px: 75% is at 91
    const ys = [...drawn.d.matchAll(/V([\d.]+)/g)].map((m) => Number(m[1]));
    expect(drawn.d.startsWith('M64,16H')).toBe(true);
    expect(ys).toEqual([91, 91, 316]);
    expect(drawn.ticks).toBe(1);
    expect(drawn.atRisk).toEqual(['4', '3']);
  });

  it('puts numbers at risk for nearby times on alternate lines, so that none covers another', async () => {
    const ys = await inPage<number[]>(
      page,
      `const table = [{ time: 700, nRisk: 3, nEvent: 1, nCensor: 0, surv: 0.5, lower: 0.2, upper: 0.9 }];
       const svg = km.drawKaplanMeier({ timeUnit: 'months', confLevel: 0.95, confType: 'log', logRank: null, strata: [{ name: 'all', n: 3, events: 1, median: null, table,
         riskTable: [{ time: 12, nRisk: 3 }, { time: 24, nRisk: 3 }, { time: 36, nRisk: 2 }] }] }, { riskTimes: [36, 12, 24], title: 't', xLabel: 'x' });
       return [...svg.querySelectorAll('.km-at-risk')].map((t) => Number(t.getAttribute('y')));`,
    );
    expect(ys).toHaveLength(3);
    expect(ys[1] - ys[0]).toBe(14);
    expect(ys[2]).toBe(ys[0]);
  });

  it('draws 100,000 patients with at most one censoring tick per pixel', async () => {
    const drawn = await inPage<{ ticks: number; ms: number; width: number }>(
      page,
      `const table = Array.from({ length: 100000 }, (_, i) => ({ time: (i + 1) / 200, nRisk: 100000 - i, nEvent: i % 10 === 0 ? 1 : 0, nCensor: i % 10 === 0 ? 0 : 1, surv: 1 - i / 200000, lower: 1 - i / 150000, upper: 1 }));
       const start = performance.now();
       const svg = km.drawKaplanMeier({ timeUnit: 'months', confLevel: 0.95, confType: 'log', logRank: null, strata: [{ name: 'all', n: 100000, events: 10000, median: null, table, riskTable: [] }] }, { riskTimes: [], title: 't', xLabel: 'x' });
       document.body.append(svg);
       const box = svg.getBoundingClientRect();
       return { ticks: svg.querySelectorAll('.km-censor').length, ms: performance.now() - start, width: box.width };`,
    );
    expect(drawn.width).toBe(760);
    expect(drawn.ticks).toBeGreaterThan(100);
    expect(drawn.ticks).toBeLessThanOrEqual(760 * 2);
    expect(drawn.ms).toBeLessThan(5000);
  });
});
