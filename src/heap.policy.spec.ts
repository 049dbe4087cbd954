import { applyHeapPolicy } from './heap.policy';

describe('the heap policy', () => {
  it.each([
    [['--heap-growing-percent=20'], ''],
    [['--heap_growing_percent=20'], ''],
    [[], '--max-old-space-size=4096 --heap-growing-percent=80'],
  ])('given the process was started with its own growing percent (%j, NODE_OPTIONS "%s"), then it is left as given', (execArgv, nodeOptions) => {
    expect(applyHeapPolicy(execArgv, nodeOptions)).toBe(false);
  });

  it('given no growing percent among the flags, then the policy is set', () => {
    expect(applyHeapPolicy(['--enable-source-maps'], '--max-old-space-size=4096')).toBe(true);
  });
});
