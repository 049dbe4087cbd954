import { deidentificationFor } from './deidentify.policy';

describe('which rows a caller gets', () => {
  const identified = { identifiedAccess: true };
  const plain = { identifiedAccess: false };

  it('given identified access, then the caller gets what it asks: identified rows by default', () => {
    expect([undefined, 'safe-harbor', 'limited-data-set'].map((asked) => deidentificationFor(identified, asked as never))).toEqual([undefined, 'safe-harbor', 'limited-data-set']);
  });

  it('given no identified access, then Safe Harbor whatever was asked, and a limited data set is refused as forbidden', () => {
    expect([undefined, 'safe-harbor'].map((asked) => deidentificationFor(plain, asked as never))).toEqual(['safe-harbor', 'safe-harbor']);
    expect(() => deidentificationFor(plain, 'limited-data-set')).toThrow(expect.objectContaining({ code: 'forbidden', message: expect.stringContaining('needs identified access') }));
  });
});
