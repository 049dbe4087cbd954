import fc from 'fast-check';
import { radixOrder } from './survivalTimes.sort';

describe('radixOrder', () => {
  it('sorts and returns the permutation (hand: [2.5, 0, 1] -> order 1, 2, 0)', () => {
    const { order, sorted } = radixOrder([2.5, 0, 1]);
    expect(Array.from(order)).toEqual([1, 2, 0]);
    expect(Array.from(sorted)).toEqual([0, 1, 2.5]);
  });
  it('-0 sorts as 0, ties keep their input order (stable)', () => {
    const { order, sorted } = radixOrder([3, -0, 0, 3, 1e-310, 1e300]);
    expect(Array.from(order)).toEqual([1, 2, 4, 0, 3, 5]);
    expect(Array.from(sorted)).toEqual([0, 0, 1e-310, 3, 3, 1e300]);
  });
  it('agrees with a stable comparator sort on any non-negative doubles (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }))), (values) => {
        const expected = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const { order, sorted } = radixOrder(values);
        expect(Array.from(order)).toEqual(expected.map((e) => e[1]));
        expect(Array.from(sorted)).toEqual(expected.map((e) => e[0] + 0));
      }),
    );
  });
});
