import { numericSummary } from './summary.statistics';

describe('numericSummary', () => {
  it('given an even number of values, then the median is the mean of the middle two (R: median(c(10, 1, 3, 2)) = 2.5)', () => {
    expect(numericSummary([10, 1, 3, 2])).toEqual({ n: 4, mean: 4, median: 2.5, min: 1, max: 10 });
  });

  it('given an odd number of values, then the middle one (R: mean(c(5, -1, 0.5)) = 1.5, median 0.5)', () => {
    expect(numericSummary([5, -1, 0.5])).toEqual({ n: 3, mean: 1.5, median: 0.5, min: -1, max: 5 });
  });

  it('given no values, then null; given a NaN, then RangeError', () => {
    expect(numericSummary([])).toBeNull();
    expect(() => numericSummary([1, Number.NaN])).toThrow(RangeError);
  });
});
