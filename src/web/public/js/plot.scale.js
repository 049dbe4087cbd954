/**
 * Linear scales and "nice" axis ticks for the hand-drawn SVG figures (Kaplan-Meier, timelines).
 * Time axes in months step by multiples of 12 so ticks fall on whole years.
 */

/** @param {number} d0 @param {number} d1 @param {number} r0 @param {number} r1 @returns {(v: number) => number} */
export function linear(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/**
 * About `count` ticks from 0 to at least `max`, on a 1-2-5 progression (months: 12-24-60-120...).
 * @param {number} max @param {number} count @param {'months' | 'days' | 'years' | 'plain'} [unit]
 * @returns {{ticks: number[], end: number}}
 */
export function niceTicks(max, count = 6, unit = 'plain') {
  const raw = Math.max(max, Number.EPSILON) / count;
  const steps =
    unit === 'months'
      ? [1, 3, 6, 12, 24, 36, 60, 120, 240, 600]
      : [1, 2, 5].flatMap((m) => [-3, -2, -1, 0, 1, 2, 3, 4, 5].map((e) => m * 10 ** e)).sort((a, b) => a - b);
  const step = steps.find((candidate) => candidate >= raw) ?? steps[steps.length - 1];
  const end = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const ticks = [];
  for (let t = 0; t <= end + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { ticks, end };
}
