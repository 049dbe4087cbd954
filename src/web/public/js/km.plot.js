/**
 * The Kaplan-Meier figure as SVG, drawn from the analyses' answer without computing any statistic:
 * step curves with their confidence bands, censoring ticks, the expected survival of matched
 * Minnesota residents dashed, a legend with the log-rank test, and the number at risk under the x axis
 * (from the server's riskTable). Presentation attributes only, so the downloaded SVG/PNG looks the same.
 */
import { s } from './dom.build.js';
import { drawLegend } from './km.legend.js';
import { linear, niceTicks } from './plot.scale.js';

/** Okabe-Ito: told apart by colour-blind readers, and dark enough on white for lines. */
export const STRATUM_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const FONT = { 'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', 'font-size': 12, fill: '#1a1a1a' };
const W = 760;
const M = { right: 24, top: 16 };
const PLOT_H = 300;
const ROW = 18;
const MAX_TICKS = 1000;
/** More overlapping bands than this hide the curves. */
const MAX_BANDS = 2;

/**
 * @typedef {{time: number, nRisk: number, nEvent: number, nCensor: number, surv: number, lower: number | null, upper: number | null}} KmRow
 * @typedef {{name: string, n: number, events: number, table: KmRow[], riskTable: {time: number, nRisk: number}[], median: {estimate: number | null} | null}} Stratum
 * @typedef {{strata: Stratum[], logRank: {chisq: number, df: number, pvalue: number} | null, confLevel: number, confType: string, timeUnit: string}} KmAnswer
 * @typedef {{observed: number, expected: number, pvalue: number, smr: {smr: number}, expectedCurve: {time: number, surv: number}[], ratetable: string}} RateAnswer
 */

/** @param {number} p */
export const formatP = (p) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** @param {Stratum} stratum @param {number} groups */
const stratumLabel = (stratum, groups) => `${groups > 1 ? stratum.name.replace(/_/g, ' ') : 'All patients'} (n = ${stratum.n}, ${stratum.events} deaths)`;

/** @param {Stratum} stratum @param {number} groups */
const riskLabel = (stratum, groups) => (groups > 1 ? stratum.name.replace(/_/g, ' ').slice(0, 32) : 'All');

/** Steps of one curve as [from, to, surv, lower, upper] segments, starting at S(0) = 1. @param {KmRow[]} table */
function segments(table) {
  const rows = [...table].sort((a, b) => a.time - b.time);
  const out = [];
  let from = 0;
  let current = { surv: 1, lower: 1, upper: 1 };
  for (const row of rows) {
    out.push({ from, to: row.time, ...current });
    from = row.time;
    current = { surv: row.surv, lower: row.lower ?? row.surv, upper: row.upper ?? row.surv };
  }
  out.push({ from, to: from, ...current });
  return out;
}

/** The time axis: from 0 to a round number past the last time of any curve. @param {KmAnswer} km */
export function axisFor(km) {
  const maxTime = Math.max(1e-9, ...km.strata.flatMap((st) => st.table.map((r) => r.time)));
  return niceTicks(maxTime, 6, /** @type {any} */ (km.timeUnit));
}

/**
 * @param {KmAnswer} km
 * @param {{rate?: RateAnswer | null, riskTimes: number[], title: string, xLabel: string}} options
 * @returns {SVGSVGElement}
 */
export function drawKaplanMeier(km, { rate = null, riskTimes, title, xLabel }) {
  const strata = km.strata;
  const { ticks, end } = axisFor(km);
  // the risk table's row labels sit left of the plot: room for the longest group name
  const names = strata.map((st) => riskLabel(st, strata.length));
  const left = Math.min(240, Math.max(64, 30 + 6.6 * Math.max(...names.map((n) => n.length))));
  const x = linear(0, end, left, W - M.right);
  const y = linear(0, 1, M.top + PLOT_H, M.top);
  const shownTimes = riskTimes.filter((t) => t >= 0 && t <= end).sort((a, b) => a - b);
  // times closer than a number's width (12 and 24 months on a 60-year axis) alternate between two lines
  const crowded = shownTimes.some((t, k) => k > 0 && x(t) - x(shownTimes[k - 1]) < 28);
  const riskRow = crowded ? ROW + 14 : ROW;
  const colour = (/** @type {number} */ i) => STRATUM_COLOURS[i % STRATUM_COLOURS.length];
  // past the palette, colours come round again: dashed the second time
  const dash = (/** @type {number} */ i) => (i >= STRATUM_COLOURS.length ? '6 3' : null);
  const withBands = strata.length <= MAX_BANDS;

  const grid = ticks.map((t) => s('line', { x1: x(t), x2: x(t), y1: y(0), y2: y(1), stroke: '#e6e6e6' }));
  const yTicks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => [
    s('line', { x1: left, x2: W - M.right, y1: y(v), y2: y(v), stroke: '#e6e6e6' }),
    s('text', { ...FONT, x: left - 8, y: y(v) + 4, 'text-anchor': 'end' }, `${Math.round(v * 100)}%`),
  ]);
  const xAxis = [
    s('line', { x1: left, x2: W - M.right, y1: y(0), y2: y(0), stroke: '#1a1a1a' }),
    ...ticks.map((t) => [
      s('line', { x1: x(t), x2: x(t), y1: y(0), y2: y(0) + 5, stroke: '#1a1a1a' }),
      s('text', { ...FONT, x: x(t), y: y(0) + 18, 'text-anchor': 'middle' }, String(t)),
    ]),
    s('text', { ...FONT, x: (left + W - M.right) / 2, y: y(0) + 38, 'text-anchor': 'middle' }, xLabel),
  ];
  const yAxis = [
    s('line', { x1: left, x2: left, y1: y(0), y2: y(1), stroke: '#1a1a1a' }),
    s('text', { ...FONT, transform: `translate(16 ${y(0.5)}) rotate(-90)`, 'text-anchor': 'middle' }, 'Survival probability'),
  ];

  const curves = strata.map((stratum, i) => {
    const steps = segments(stratum.table);
    const band = [...steps.flatMap((g) => [`${x(g.from)},${y(g.upper)}`, `${x(g.to)},${y(g.upper)}`]), ...[...steps].reverse().flatMap((g) => [`${x(g.to)},${y(g.lower)}`, `${x(g.from)},${y(g.lower)}`])];
    const line = steps.map((g, k) => (k === 0 ? `M${x(g.from)},${y(g.surv)}` : `V${y(g.surv)}`) + `H${x(g.to)}`).join('');
    const censoredRows = stratum.table.filter((r) => r.nCensor > 0);
    // past a thousand, one tick per pixel: with 100,000 patients the figure stays small and looks the same
    const censored = censoredRows.length <= MAX_TICKS ? censoredRows : [...new Map(censoredRows.map((r) => [`${Math.round(x(r.time))},${Math.round(y(r.surv))}`, r])).values()];
    return s(
      'g',
      { class: 'km-stratum', 'data-stratum': stratum.name },
      withBands ? s('polygon', { class: 'km-band', points: band.join(' '), fill: colour(i), 'fill-opacity': 0.15, stroke: 'none' }) : null,
      s('path', { class: 'km-curve', d: line, fill: 'none', stroke: colour(i), 'stroke-width': 2, 'stroke-dasharray': dash(i) }),
      censored.map((r) => s('line', { class: 'km-censor', x1: x(r.time), x2: x(r.time), y1: y(r.surv) - 5, y2: y(r.surv) + 5, stroke: colour(i), 'stroke-width': 1.5 })),
    );
  });

  const expected = rate?.expectedCurve?.length
    ? s('polyline', {
        class: 'km-expected',
        points: rate.expectedCurve.filter((p) => p.time <= end).map((p) => `${x(p.time)},${y(p.surv)}`).join(' '),
        fill: 'none',
        stroke: '#333333',
        'stroke-width': 1.5,
        'stroke-dasharray': '6 4',
      })
    : null;

  /** @type {import('./km.legend.js').LegendLine[]} */
  const legendLines = [
    ...strata.map((st, i) => ({ kind: /** @type {const} */ ('curve'), colour: colour(i), dash: dash(i), text: stratumLabel(st, strata.length) })),
    { kind: withBands ? 'band' : 'text', colour: colour(0), text: withBands ? `${Math.round(km.confLevel * 100)}% confidence band (${km.confType}); ticks: censored` : `ticks: censored (confidence bands are drawn for at most ${MAX_BANDS} groups; see the table)` },
    ...(expected && rate ? [{ kind: /** @type {const} */ ('dash'), colour: '#333333', dash: '6 4', text: `Expected: matched ${rate.ratetable === 'minnesota' ? 'Minnesota' : 'US'} residents (SMR ${rate.smr.smr.toFixed(2)}, ${formatP(rate.pvalue)})` }] : []),
    ...(km.logRank ? [{ kind: /** @type {const} */ ('text'), colour: '', text: `Log-rank χ² = ${km.logRank.chisq.toFixed(2)}, df = ${km.logRank.df}, ${formatP(km.logRank.pvalue)}` }] : []),
  ];
  const legend = drawLegend(legendLines, { x: 16, y: y(0) + 52, width: W - M.right - 16, font: FONT });
  const tableTop = y(0) + 52 + legend.height + 28;
  const height = tableTop + 22 + riskRow * strata.length + 10;

  const riskTable = s(
    'g',
    { class: 'km-risk-table' },
    s('text', { ...FONT, x: 8, y: tableTop, 'font-weight': 'bold' }, 'Number at risk'),
    strata.map((stratum, i) => {
      const ry = tableTop + 22 + riskRow * i;
      const byTime = new Map(stratum.riskTable.map((r) => [r.time, r.nRisk]));
      return [
        s('rect', { x: 8, y: ry - 9, width: 10, height: 10, fill: colour(i) }),
        s('text', { ...FONT, x: 22, y: ry }, names[i]),
        shownTimes.map((t, k) =>
          s('text', { ...FONT, class: 'km-at-risk', 'data-stratum': stratum.name, 'data-time': t, x: x(t), y: ry + (crowded && k % 2 ? 14 : 0), 'text-anchor': 'middle' }, byTime.has(t) ? String(byTime.get(t)) : '–'),
        ),
      ];
    }),
  );

  return /** @type {SVGSVGElement} */ (
    s(
      'svg',
      { xmlns: 'http://www.w3.org/2000/svg', id: 'km-plot', viewBox: `0 0 ${W} ${height}`, width: W, height, role: 'img', 'aria-labelledby': 'km-title km-desc' },
      s('title', { id: 'km-title' }, title),
      s('desc', { id: 'km-desc' }, `${legendLines.map((l) => l.text).join('. ')}. The numbers at risk are also in the table below the figure.`),
      s('rect', { x: 0, y: 0, width: W, height, fill: '#ffffff' }),
      grid,
      yTicks,
      curves,
      expected,
      xAxis,
      yAxis,
      legend.element,
      riskTable,
    )
  );
}
