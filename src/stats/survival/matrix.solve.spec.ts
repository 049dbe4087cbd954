import { solveSymmetric } from './matrix.solve';

describe('solveSymmetric', () => {
  it('solves a positive definite system (hand: [[2,1],[1,2]] x = [1,1] -> x = [1/3, 1/3])', () => {
    const { x, rank } = solveSymmetric([[2, 1], [1, 2]], [1, 1]);
    expect(rank).toBe(2);
    x.forEach((v) => expect(v).toBeCloseTo(1 / 3, 15));
  });
  it('a 3 x 3 system, checked by multiplying back', () => {
    const v = [[4, -2, 1], [-2, 5, 0.5], [1, 0.5, 3]];
    const b = [1, -2, 0.25];
    const { x, rank } = solveSymmetric(v, b);
    expect(rank).toBe(3);
    v.forEach((row, i) => expect(row.reduce((s, a, j) => s + a * x[j], 0)).toBeCloseTo(b[i], 14));
  });
  it('a singular matrix: generalized inverse, the dependent component set to 0, rank counted', () => {
    // the second row/column is twice the first: rank 1; x'b is the same for every generalized inverse
    const { x, rank } = solveSymmetric([[1, 2], [2, 4]], [1, 2]);
    expect(rank).toBe(1);
    expect(x).toEqual([1, 0]);
    expect(solveSymmetric([[0]], [0])).toEqual({ x: [0], rank: 0 });
  });
});
