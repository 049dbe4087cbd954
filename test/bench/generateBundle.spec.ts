import { bundleToCommands } from '../../src/import/bundle.commands';
import { parseBundle } from '../../src/import/bundle.parse';
import { generateBundle } from '../../src/synthetic/bundle.generate';

describe('generateBundle', () => {
  it('given a count and a seed, then the same bytes every time, and a bundle that imports cleanly', () => {
    const files = generateBundle(300, 7);

    expect(generateBundle(300, 7)).toEqual(files);
    expect(parseBundle(files).patients).toHaveLength(300);
    expect(bundleToCommands(files, { now: '2026-01-01T00:00:00Z' }).size).toBe(300);
  });
});
