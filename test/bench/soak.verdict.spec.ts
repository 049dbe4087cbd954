/**
 * The soak's verdicts on made-up samples whose trends are known by construction (straight lines with
 * slopes chosen here), so that a wrong slope or a wrong half shows as a wrong number, not as a noisy run.
 */
import { slope, steadyVerdict, writesVerdict, type Sample } from '../../bench/soak.bench';

const sample = (t: number, values: Partial<Sample>): Sample => ({
  phase: 'steady',
  t,
  rssMb: 200,
  heapMb: 50,
  externalMb: 1,
  events: 0,
  requests: 100,
  p50Ms: 10,
  p99Ms: 40,
  statuses: { '200': 100 },
  load1: 1,
  ...values,
});

describe('soak verdicts', () => {
  it('given points on y = 1 + 2x, then the least-squares slope is 2', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 10);
  });

  it('given a flat RSS after a warm-up sample and a heap growing 1 MB every 10 s, then RSS passes and the heap fails at 6 MB/min', () => {
    // the warm-up sample (t = 10 s) is far off and must be left out
    const samples = [10, 20, 30, 40, 50, 60, 70].map((t, i) => sample(t, { rssMb: i === 0 ? 100 : 200, heapMb: 50 + t / 10 }));

    const verdict = steadyVerdict(samples);

    expect(verdict.samplesUsed).toBe(6);
    expect(verdict.rss.slopePerMinute).toBe(0);
    expect(verdict.rssFlat).toBe(true);
    // 1 MB per 10 s = 6 MB per minute; thirds: mean of 52, 53 = 52.5 and of 56, 57 = 56.5
    expect(verdict.heap.slopePerMinute).toBeCloseTo(6, 6);
    expect(verdict.heap.secondHalfSlopePerMinute).toBeCloseTo(6, 6);
    expect(verdict.heap.firstThird).toBe(52.5);
    expect(verdict.heap.lastThird).toBe(56.5);
    expect(verdict.heapFlat).toBe(false);
    expect(verdict.noGrowth).toBe(false);
  });

  it('given a heap that rises for 20 s after the warm-up and then stays flat, then its second-half slope is 0', () => {
    const heap = [50, 51, 51.5, 52, 52, 52, 52];
    const samples = [10, 20, 30, 40, 50, 60, 70].map((t, i) => sample(t, { heapMb: heap[i] }));

    expect(steadyVerdict(samples).heap.secondHalfSlopePerMinute).toBe(0);
    expect(steadyVerdict(samples).heap.slopePerMinute).toBeGreaterThan(0);
  });

  it('given p99 doubling from the first third to the last, then p99 is not flat', () => {
    const samples = [10, 20, 30, 40, 50, 60, 70].map((t, i) => sample(t, { p99Ms: i <= 3 ? 40 : 80 }));

    expect(steadyVerdict(samples).p99.ratio).toBe(2);
    expect(steadyVerdict(samples).p99Flat).toBe(false);
  });

  it('given a heap that costs 0.5 MB per 1,000 events throughout, then the cost is constant in both halves', () => {
    const samples = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => sample(10 * (k + 1), { phase: 'writes', events: 1000 * k, heapMb: 100 + 0.5 * k }));

    const verdict = writesVerdict(samples);

    expect(verdict.heapMbPer1000Events).toEqual({ firstHalf: 0.5, secondHalf: 0.5 });
    expect(verdict.heapCostConstant).toBe(true);
  });

  it('given a heap that costs 1 MB per 1,000 events up to 5,000 events and 3 MB after, then the rising cost is flagged', () => {
    // kept after the warm-up: events 1,000 .. 8,000; first half 1,000 .. 5,000 (slope 1), second 5,000 .. 8,000 (slope 3)
    const heap = (events: number) => (events <= 5000 ? events / 1000 : 5 + (3 * (events - 5000)) / 1000);
    const samples = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => sample(10 * (k + 1), { phase: 'writes', events: 1000 * k, heapMb: heap(1000 * k) }));

    const verdict = writesVerdict(samples);

    expect(verdict.eventsPerHalf).toEqual([4000, 3000]);
    expect(verdict.heapMbPer1000Events).toEqual({ firstHalf: 1, secondHalf: 3 });
    expect(verdict.heapCostConstant).toBe(false);
  });
});
