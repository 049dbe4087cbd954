/**
 * Standard normal distribution. `pnorm` is W. J. Cody's rational Chebyshev algorithm (ACM TOMS 715,
 * 1993), the one R's pnorm runs, so values agree with R to the last bit or two in both tails.
 * `qnorm` starts from Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4) and polishes with three Halley
 * steps on pnorm, which reaches full double precision (R uses Wichura's AS 241; both are exact to
 * ~1e-16 relative).
 */

const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
const M_SQRT_32 = 5.656854249492380195206754896838;
const M_1_SQRT_2PI = 0.398942280401432677939946059934;

/**
 * Φ(x) = P(Z <= x) (or P(Z > x) with lowerTail = false), R: `pnorm(x, lower.tail=)`. O(1).
 * @example pnorm(1.959963984540054) ≈ 0.975
 */
export function pnorm(x: number, lowerTail = true): number {
  if (Number.isNaN(x)) throw new RangeError('pnorm needs a number');
  const y = Math.abs(x);
  let cum: number;
  let ccum: number;
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > 1.1102230246251565e-16) {
      const xsq = x * x;
      xnum = A[4] * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + A[i]) * xsq;
        xden = (xden + B[i]) * xsq;
      }
    }
    const temp = (x * (xnum + A[3])) / (xden + B[3]);
    return lowerTail ? 0.5 + temp : 0.5 - temp;
  } else if (y <= M_SQRT_32) {
    let xnum = C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]) * y;
      xden = (xden + D[i]) * y;
    }
    const temp = (xnum + C[7]) / (xden + D[7]);
    cum = gaussianTail(y, temp);
  } else if (y < 40) {
    const xsq = 1 / (x * x);
    let xnum = P[5] * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + P[i]) * xsq;
      xden = (xden + Q[i]) * xsq;
    }
    let temp = (xsq * (xnum + P[4])) / (xden + Q[4]);
    temp = (M_1_SQRT_2PI - temp) / y;
    cum = gaussianTail(x, temp);
  } else {
    cum = 0;
  }
  ccum = 1 - cum;
  // cum is the tail beyond |x|; swap when x is on the right
  if (x > 0) [cum, ccum] = [ccum, cum];
  return lowerTail ? cum : ccum;
}

/** exp(-x²/2) * factor, split so that x² is exact (Cody's "do_del"). */
function gaussianTail(x: number, factor: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * factor;
}

/**
 * Standard normal density φ(x) = exp(-x²/2)/√(2π) (R: `dnorm`). O(1).
 * @example dnorm(1) = 0.24197072451914337
 */
export function dnorm(x: number): number {
  return M_1_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * The p-quantile of the standard normal (R: `qnorm(p)`). O(1).
 * @example qnorm(0.975) === 1.959963984540054
 */
export function qnorm(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`qnorm needs p in [0, 1] (got ${p})`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // work in the lower half, where pnorm is accurate relative to p
  const lower = p < 0.5;
  const q = lower ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  let x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 3; i++) {
    const e = pnorm(x) - q;
    const u = (e / M_1_SQRT_2PI) * Math.exp(0.5 * x * x);
    x = x - u / (1 + 0.5 * x * u);
  }
  return lower ? x : -x;
}
