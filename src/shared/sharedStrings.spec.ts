import { shareStrings } from './sharedStrings';

describe('shareStrings', () => {
  it('given two payloads with equal codes and empty lists, then they hold one string and one frozen empty list', () => {
    const code = (text: string) => [...text].join(''); // a string object of its own each time
    const first = shareStrings({ condition: code('calcinosis_cutis'), components: [] as string[], confirmedBy: [code('biopsy')] });
    const second = shareStrings({ condition: code('calcinosis_cutis'), components: [] as string[], confirmedBy: [code('biopsy')] });
    expect(first).toEqual({ condition: 'calcinosis_cutis', components: [], confirmedBy: ['biopsy'] });
    expect(second.components).toBe(first.components);
    expect(Object.isFrozen(first.components)).toBe(true);
    expect(second.confirmedBy).not.toBe(first.confirmedBy); // a list with values stays the payload's own
    expect(second.confirmedBy).toEqual(['biopsy']);
  });
});
