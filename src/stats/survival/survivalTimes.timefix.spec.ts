import { kaplanMeier } from './kaplanMeier.estimator';
import { timefix } from './survivalTimes.timefix';

describe('timefix (R aeqSurv)', () => {
  it('ties times that differ by rounding only, keeping the smallest of a run', () => {
    // 0.1 + 0.2 = 0.30000000000000004: 5.6e-17 from 0.3, far below sqrt(eps) = 1.49e-8
    expect(Array.from(timefix([0.1 + 0.2, 0.3, 1]))).toEqual([0.3, 0.3, 1]);
  });
  it('returns the input itself when nothing is tied', () => {
    const time = [3, 1, 2];
    expect(timefix(time)).toBe(time);
  });
  it('relative ties: differences below sqrt(eps) times the mean absolute time', () => {
    // mean of distinct |t| ~ 1e9/2; 1 day apart is a relative 2e-9 < 1.49e-8: tied
    expect(Array.from(timefix([1e9, 1e9 + 1, 5]))).toEqual([1e9, 1e9, 5]);
  });
  it('so Kaplan-Meier counts such times as one (as survfit does), unless timefix is off', () => {
    const data = { time: [0.1 + 0.2, 0.3, 1], status: [1, 1, 0] };
    expect(kaplanMeier(data).curves[0].rows.map((r) => r.nEvent)).toEqual([2, 0]);
    expect(kaplanMeier(data, { timefix: false }).curves[0].rows.map((r) => r.nEvent)).toEqual([1, 1, 0]);
  });
});
