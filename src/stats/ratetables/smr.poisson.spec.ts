import { expectClose, loadFixture } from '../../../test/reference/fixtures';
import { standardizedMortalityRatio } from './smr.poisson';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('rate-tables.json');

describe('standardizedMortalityRatio', () => {
  it('hand-worked: no deaths among 2.5 expected: SMR 0, lower 0, upper = -log(0.025)/2.5', () => {
    // Poisson(μ) has P(X = 0) = e^-μ = 0.025 at μ = -log 0.025 = 3.6888794541139363
    const r = standardizedMortalityRatio(0, 2.5);
    expect([r.smr, r.lower]).toEqual([0, 0]);
    expectClose(r.upper, 3.6888794541139363 / 2.5, 'upper', 1e-14);
  });
  it.each((fixture.smr as any[]).map((c) => [c.observed, c.expected, c] as const))('O = %s, E = %s: R poisson.test to 1e-10', (o, e, c) => {
    const r = standardizedMortalityRatio(o, e);
    expectClose(r.smr, c.estimate, 'smr');
    expectClose(r.lower, c.lower, 'lower');
    expectClose(r.upper, c.upper, 'upper');
    expectClose(r.pvalue, c.pvalue, 'pvalue');
    const r90 = standardizedMortalityRatio(o, e, 0.9);
    expectClose(r90.lower, c.lower90, 'lower 90%');
    expectClose(r90.upper, c.upper90, 'upper 90%');
  });
  it('mayo-2012: 7 deaths vs 3.94 expected (R poisson.test: 1.7753, 0.7138 - 3.6579)', () => {
    const m = fixture.mayo.smr;
    const r = standardizedMortalityRatio(m.observed, m.expected);
    expectClose(r.smr, m.estimate, 'smr');
    expectClose(r.lower, m.lower, 'lower');
    expectClose(r.upper, m.upper, 'upper');
  });
  it('invalid input -> RangeError', () => {
    expect(() => standardizedMortalityRatio(1.5, 2)).toThrow(RangeError);
    expect(() => standardizedMortalityRatio(-1, 2)).toThrow(RangeError);
    expect(() => standardizedMortalityRatio(1, 0)).toThrow(RangeError);
    expect(() => standardizedMortalityRatio(1, 2, 1.2)).toThrow(RangeError);
  });
});
