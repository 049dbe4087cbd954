/**
 * The survival section of the dashboard: its options (grouping, time unit, confidence interval, times of
 * the risk table) live in the page's hash; it asks GET /analyses/kaplan-meier and, for the expected
 * curve, GET /analyses/rate-comparison, draws the figure, and offers it as SVG, PNG and CSV. A user
 * without the analyst role, or a point in time with nothing to estimate, gets a plain note instead.
 */
import { api, ApiError } from './api.client.js';
import { fill, h } from './dom.build.js';
import { csvText, download } from './file.download.js';
import { downloadPng, downloadSvg } from './figure.export.js';
import { axisFor, drawKaplanMeier, formatP } from './km.plot.js';
import { queryEnum } from './openapi.schema.js';
import { can } from './session.state.js';
import { cutQuery } from './timeCut.state.js';
import { currentView, navigate } from './url.state.js';

const KM_PATH = '/analyses/kaplan-meier';
const RATE_PATH = '/analyses/rate-comparison';
/** Without chosen times the risk table follows the axis ticks, which are known only from the answer: ask for a fine grid. */
const GRID = { months: Array.from({ length: 101 }, (_, k) => k * 12).join(','), years: Array.from({ length: 101 }, (_, k) => k).join(',') };
const CONF_TYPES = ['log', 'log-log', 'plain'];

/** @param {Record<string, string>} options */
function panelOptions(options) {
  const unit = options.unit === 'years' ? 'years' : 'months';
  const times = /^\d+(\.\d+)?(,\d+(\.\d+)?)*$/.test(options.times ?? '') ? options.times : '';
  return { unit, times, groupBy: options.groupBy ?? '', confType: CONF_TYPES.includes(options.conf) ? options.conf : 'log' };
}

/** @param {Record<string, string>} change */
const setOption = (change) => {
  const view = currentView();
  navigate({ options: { ...view.options, ...change } });
};

/** @param {string} label @param {string} id @param {string} value @param {[string, string][]} choices @param {(v: string) => void} onChange */
function select(label, id, value, choices, onChange) {
  const element = /** @type {HTMLSelectElement} */ (h('select', { id, name: id }, choices.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
  element.addEventListener('change', () => onChange(element.value));
  return h('span', { class: 'control' }, h('label', { for: id }, label), ' ', element);
}

/** A refusal as a sentence for the page; anything else (an aborted request) goes on up. @param {unknown} error @param {string} what */
function unavailable(error, what) {
  if (error instanceof ApiError && error.status === 403) return `${what} needs the analyst role.`;
  // 422: nothing to estimate at this point in time (no patient yet, or no follow-up)
  if (error instanceof ApiError && error.status === 422) return `${what} cannot be estimated at this point in time: ${error.message}`;
  if (error instanceof ApiError) return `${what} failed: ${error.message}`;
  throw error;
}

/**
 * @param {HTMLElement} container
 * @param {import('./timeCut.state.js').TimeCut} cut
 * @param {AbortSignal} signal
 */
export async function renderSurvival(container, cut, signal) {
  const options = panelOptions(currentView().options);
  fill(container, h('h2', { id: 'survival-heading' }, 'Survival after the calcinosis cutis diagnosis'), h('p', { class: 'loading' }, 'Computing survival…'));
  if (!can('analyst')) {
    fill(container, container.firstChild, h('p', { class: 'note', id: 'km-unavailable' }, 'The survival analysis needs the analyst role.'));
    return;
  }
  const groups = (await queryEnum(KM_PATH, 'groupBy')) ?? [];
  const query = { ...cutQuery(cut), groupBy: options.groupBy || null, confType: options.confType, confLevel: 0.95, times: options.times || GRID[/** @type {'months' | 'years'} */ (options.unit)], timeUnit: options.unit };
  const [km, rate] = await Promise.all([
    api('GET', KM_PATH, { query, signal }).catch((error) => unavailable(error, 'The survival analysis')),
    api('GET', RATE_PATH, { query: { ...cutQuery(cut), ratetable: 'minnesota', timeUnit: options.unit }, signal }).catch((error) => unavailable(error, 'The comparison with Minnesota residents')),
  ]);

  const controls = h(
    'div',
    { class: 'controls', role: 'group', 'aria-label': 'Survival figure options' },
    select('Group by', 'km-group', options.groupBy, [['', 'No grouping'], ...groups.map((g) => /** @type {[string, string]} */ ([g, g.replace(/_/g, ' ')]))], (v) => setOption({ groupBy: v })),
    select('Time axis', 'km-unit', options.unit, [['months', 'Months'], ['years', 'Years']], (v) => setOption({ unit: v, times: '' })),
    select('Confidence interval', 'km-conf', options.confType, CONF_TYPES.map((c) => /** @type {[string, string]} */ ([c, c])), (v) => setOption({ conf: v })),
    timesInput(options.times, options.unit),
  );
  if (typeof km === 'string') {
    fill(container, container.firstChild, controls, h('p', { class: 'note', id: 'km-unavailable' }, km));
    return;
  }
  const rateAnswer = typeof rate === 'string' ? null : rate;
  const riskTimes = options.times ? options.times.split(',').map(Number) : axisFor(km).ticks;
  const svg = drawKaplanMeier(km, {
    rate: options.groupBy ? null : rateAnswer,
    riskTimes,
    title: `Kaplan-Meier survival${options.groupBy ? ` by ${options.groupBy.replace(/_/g, ' ')}` : ''}, ${cut.asOf ? `as of ${cut.asOf}` : 'all facts'}${knowledge(cut, ', ')}`,
    xLabel: `${options.unit === 'years' ? 'Years' : 'Months'} since the calcinosis cutis diagnosis`,
  });
  const base = `kaplan-meier${options.groupBy ? `-by-${options.groupBy}` : ''}${cut.asOf ? `-asof-${cut.asOf}` : ''}${knowledge(cut, '-').replace(/[ :]/g, '-')}`;
  fill(
    container,
    container.firstChild,
    controls,
    h('figure', { class: 'km-figure' }, h('div', { class: 'figure-scroll' }, svg), h('figcaption', {}, provenance(km))),
    h(
      'div',
      { class: 'downloads' },
      h('button', { type: 'button', onclick: () => downloadSvg(svg, `${base}.svg`) }, 'Download figure (SVG)'),
      h('button', { type: 'button', onclick: () => downloadPng(svg, `${base}.png`) }, 'Download figure (PNG)'),
      h('button', { type: 'button', id: 'km-csv', onclick: () => download(new Blob([kmCsv(km)], { type: 'text/csv' }), `${base}.csv`) }, 'Download data (CSV)'),
    ),
    typeof rate === 'string' ? h('p', { class: 'note' }, rate) : rateLine(rate, options.unit),
    summaryTable(km, options.unit, riskTimes),
  );
}

/** The knowledge cut for a title or a file name, so a saved figure says which record it came from. @param {import('./timeCut.state.js').TimeCut} cut @param {string} separator */
const knowledge = (cut, separator) => (cut.atPosition !== null ? `${separator}log position ${cut.atPosition}` : cut.knownAt ? `${separator}recorded by ${cut.knownAt}` : '');

/** @param {string} times @param {string} unit */
function timesInput(times, unit) {
  const input = /** @type {HTMLInputElement} */ (h('input', { id: 'km-times', name: 'km-times', value: times, inputmode: 'decimal', size: 24, 'aria-describedby': 'km-times-hint' }));
  input.addEventListener('change', () => setOption({ times: input.value.replace(/\s+/g, '') }));
  return h('span', { class: 'control' }, h('label', { for: 'km-times' }, 'Number at risk at'), ' ', input, h('span', { id: 'km-times-hint', class: 'hint' }, ` ${unit}, comma-separated; empty: at the axis ticks`));
}

/** Where the figure's numbers come from: the dataset's cut and the answer's fingerprint. @param {any} km */
function provenance(km) {
  const dataset = km.manifest?.datasets?.[0];
  if (!dataset) return '';
  const n = (/** @type {number} */ v) => Number(v).toLocaleString('en-US');
  const excluded = km.excluded ? ` ${km.excluded} patient${km.excluded === 1 ? '' : 's'} without a value of ${km.groupBy} left out.` : '';
  return `Kaplan-Meier estimate over ${n(dataset.rows)} patients of the ${dataset.dataset} dataset, folded from ${n(dataset.eventsFolded)} events up to log position ${n(dataset.position)}; analysis SHA-256 ${String(km.manifest.sha256).slice(0, 12)}….${excluded}`;
}

/** @param {any} rate @param {string} unit */
function rateLine(rate, unit) {
  return h(
    'p',
    { class: 'rate-line', id: 'km-rate' },
    `Observed ${rate.observed} deaths against ${rate.expected.toFixed(2)} expected among ${rate.ratetable === 'minnesota' ? 'Minnesota' : 'US'} residents of the same age, sex and calendar year: `,
    `SMR ${rate.smr.smr.toFixed(2)} (${Math.round(rate.smr.confLevel * 100)}% CI ${rate.smr.lower.toFixed(2)}–${rate.smr.upper.toFixed(2)}), one-sample log-rank χ² = ${rate.chisq.toFixed(2)}, ${formatP(rate.pvalue)}. The dashed curve is their expected survival (Ederer), in ${unit}.`,
  );
}

/** @param {number | null | undefined} v */
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/** The figure's numbers as a table: screen readers, and anyone who wants the values. @param {any} km @param {string} unit @param {number[]} times */
function summaryTable(km, unit, times) {
  const grouped = km.strata.length > 1;
  const median = (/** @type {any} */ m) => (m?.estimate === null || m?.estimate === undefined ? 'not reached' : `${m.estimate.toFixed(1)} ${unit} (${m.lower?.toFixed(1) ?? '–'}–${m.upper?.toFixed(1) ?? 'not reached'})`);
  // a dozen groups make a long table: folded then, open for one curve
  return h('details', { class: 'km-summary', open: !grouped }, h('summary', {}, 'The figure’s numbers as a table'), h(
    'table',
    { class: 'data', id: 'km-summary' },
    h('caption', {}, `Survival at chosen times (${Math.round(km.confLevel * 100)}% CI, ${km.confType})`),
    h('thead', {}, h('tr', {}, ['Group', `Time (${unit})`, 'At risk', 'Events', 'Survival', 'CI', 'Median survival'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      km.strata.flatMap((/** @type {any} */ st) =>
        st.atTimes.filter((/** @type {any} */ row) => times.includes(row.time)).map((/** @type {any} */ row, /** @type {number} */ k) =>
          h('tr', {}, h('th', { scope: 'row' }, k === 0 ? st.name : ''), h('td', {}, row.time), h('td', {}, row.nRisk), h('td', {}, row.nEvent), h('td', {}, pct(row.surv)), h('td', {}, `${pct(row.lower)}–${pct(row.upper)}`), h('td', {}, k === 0 ? median(st.median) : '')),
        ),
      ),
    ),
  ));
}

/** @param {any} km */
function kmCsv(km) {
  const header = ['stratum', 'time', 'n_risk', 'n_event', 'n_censor', 'surv', 'std_err', 'lower', 'upper'];
  const rows = km.strata.flatMap((/** @type {any} */ st) => st.table.map((/** @type {any} */ r) => [st.name, r.time, r.nRisk, r.nEvent, r.nCensor, r.surv, r.stdErr, r.lower, r.upper]));
  return csvText(header, rows);
}
