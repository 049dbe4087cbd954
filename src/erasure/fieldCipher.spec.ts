import { randomBytes } from 'node:crypto';
import { open, seal } from './fieldCipher';

const ivOf = (sealed: { $enc: string }) => sealed.$enc.split(':')[1];

describe('fieldCipher', () => {
  const key = randomBytes(32);

  it('given 3,000 seals (past several blocks of IVs), then every IV is 12 bytes and none is used twice, and each opens to its value', () => {
    const sealed = Array.from({ length: 3000 }, (_, i) => seal(key, `e${i}`, 'name', { n: i }));
    const ivs = sealed.map(ivOf);
    expect(new Set(ivs).size).toBe(3000);
    expect(ivs.every((iv) => Buffer.from(iv, 'base64url').length === 12)).toBe(true);
    sealed.forEach((s, i) => expect(open(key, `e${i}`, 'name', s)).toEqual({ n: i }));
  });

  it('given a sealed field moved to another event or field, then opening it throws', () => {
    const sealed = seal(key, 'e1', 'name', 'Ada');
    expect(() => open(key, 'e2', 'name', sealed)).toThrow();
    expect(() => open(key, 'e1', 'birthDate', sealed)).toThrow();
  });
});
