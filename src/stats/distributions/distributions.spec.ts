import { expectClose, loadFixture, RValue } from '../../../test/reference/fixtures';
import { regularizedBeta } from './beta.functions';
import { pchisq, qchisq, qgamma } from './chiSquare.distribution';
import { logBeta, logFactorial, logGamma, regularizedGamma } from './gamma.functions';
import { dnorm, pnorm, qnorm } from './normal.distribution';
import { dpois, ppois } from './poisson.distribution';
import { pt } from './t.distribution';

type Grid = Record<string, (number | boolean | RValue)[]> & { value: RValue[] };
const fixture = loadFixture<Record<string, Grid>>('distributions.json');

/** each row of an R expand.grid as an object */
function rows(grid: Grid): Record<string, number | boolean>[] {
  return grid.value.map((_, i) => Object.fromEntries(Object.entries(grid).map(([k, v]) => [k, v[i] as number | boolean])));
}

describe('special functions against R 4.2 (test/reference/fixtures/distributions.json), 1e-10 relative', () => {
  const cases: [string, (r: Record<string, number | boolean>) => number, number][] = [
    ['pnorm', (r) => pnorm(r.x as number, r.lower as boolean), 0],
    ['qnorm', (r) => qnorm(r.p as number), 0],
    ['pchisq', (r) => pchisq(r.q as number, r.df as number, r.lower as boolean), 0],
    ['qchisq', (r) => qchisq(r.p as number, r.df as number), 0],
    ['qgamma', (r) => qgamma(r.p as number, r.shape as number), 0],
    ['pt', (r) => pt(r.t as number, r.df as number, r.lower as boolean), 0],
    // lgamma(1) = lgamma(2) = 0: absolute there
    ['lgamma', (r) => logGamma(r.x as number), 1e-14],
    ['pgamma', (r) => (r.lower ? regularizedGamma(r.a as number, r.x as number).lower : regularizedGamma(r.a as number, r.x as number).upper), 0],
    ['pbeta', (r) => (r.lower ? regularizedBeta(r.x as number, r.a as number, r.b as number).lower : regularizedBeta(r.x as number, r.a as number, r.b as number).upper), 0],
    ['dpois', (r) => dpois(r.x as number, r.lambda as number), 0],
    ['ppois', (r) => ppois(r.x as number, r.lambda as number, r.lower as boolean), 0],
  ];
  it.each(cases)('%s', (name, f, abs) => {
    const grid = fixture[name];
    expect(grid.value.length).toBeGreaterThan(10);
    rows(grid).forEach((r, i) => expectClose(f(r), grid.value[i], `${name}(${JSON.stringify(r)})`, 1e-10, abs));
  });
});

describe('special functions: values known in closed form', () => {
  it('pnorm(0) = 1/2, pnorm(-x) = 1 - pnorm(x), qnorm inverts pnorm', () => {
    expect(pnorm(0)).toBe(0.5);
    expect(pnorm(-1.3)).toBeCloseTo(1 - pnorm(1.3), 14);
    expect(qnorm(pnorm(-2.5))).toBeCloseTo(-2.5, 13);
  });
  it('logGamma(n + 1) = log n!, logGamma(1/2) = log √π', () => {
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
  it('chi-square with 2 df is exponential: P(X > q) = exp(-q/2)', () => {
    expect(pchisq(3, 2, false)).toBeCloseTo(Math.exp(-1.5), 14);
    expect(qchisq(0.5, 2)).toBeCloseTo(2 * Math.log(2), 14);
  });
  it('t with 1 df is Cauchy: P(T <= t) = 1/2 + atan(t)/π', () => {
    expect(pt(0.7, 1)).toBeCloseTo(0.5 + Math.atan(0.7) / Math.PI, 14);
  });
  it('the doc-block examples hold', () => {
    expect(qnorm(0.975)).toBe(1.959963984540054);
    expectClose(pt(2.0, 10, false), 0.036694017385370196, 'pt(2, 10, upper)');
    expect(regularizedGamma(1, 2).upper).toBeCloseTo(Math.exp(-2), 14);
    expect(regularizedBeta(0.5, 1, 1).lower).toBeCloseTo(0.5, 14);
    expect(dpois(2, 3)).toBeCloseTo((9 * Math.exp(-3)) / 2, 14);
    // R: pnorm(1.959963984540054) = 0.975, pchisq(3.841458820694124, 1, lower = F) = 0.05,
    // qchisq(0.95, 1) = 3.841458820694124, ppois(2, 3) = 0.42319008112684348, dnorm(1) = 0.24197072451914337
    expectClose(pnorm(1.959963984540054), 0.975, 'pnorm', 1e-15);
    expectClose(pchisq(3.841458820694124, 1, false), 0.049999999999999975, 'pchisq', 1e-13);
    expectClose(qchisq(0.95, 1), 3.841458820694124, 'qchisq', 1e-14);
    expectClose(ppois(2, 3), 0.42319008112684348, 'ppois', 1e-14);
    expectClose(dnorm(1), 0.24197072451914337, 'dnorm', 1e-15);
    expectClose(logFactorial(5), Math.log(120), 'logFactorial', 1e-15);
    expectClose(logBeta(2, 3), Math.log(1 / 12), 'logBeta', 1e-14);
    expect(logGamma(0.5)).toBe(0.5723649429247001);
    expect(logGamma(6)).toBe(Math.log(120));
  });
});

describe('special functions: invalid arguments', () => {
  it('throw RangeError', () => {
    expect(() => qnorm(1.5)).toThrow(RangeError);
    expect(() => pchisq(1, 0)).toThrow(RangeError);
    expect(() => pchisq(NaN, 1)).toThrow(RangeError);
    expect(() => qgamma(0.5, -1)).toThrow(RangeError);
    expect(() => pt(1, 0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(RangeError);
    expect(() => regularizedBeta(2, 1, 1)).toThrow(RangeError);
    expect(() => dpois(1, -1)).toThrow(RangeError);
  });
});
