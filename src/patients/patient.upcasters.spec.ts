import { upcast, type UpcasterRegistry } from './patient.upcasters';

const registry: UpcasterRegistry = {
  ContactRecorded: {
    0: (d) => ({ seenOn: d.date }),
    1: (d) => ({ ...d, kind: 'visit' }),
  },
};

describe('upcast', () => {
  it('leaves a current payload as it is', () => expect(upcast('ContactRecorded', 2, { seenOn: 'x', kind: 'call' }, 2, registry)).toEqual({ seenOn: 'x', kind: 'call' }));
  it('lifts an old payload through every version in turn', () => expect(upcast('ContactRecorded', 0, { date: '2001-01-01' }, 2, registry)).toEqual({ seenOn: '2001-01-01', kind: 'visit' }));
  it('refuses a version with no upcaster', () => expect(() => upcast('DeathRecorded', 1, {}, 2, registry)).toThrow('no upcaster lifts DeathRecorded from schema version 1 to 2'));
  it('refuses an event written by newer software', () => expect(() => upcast('ContactRecorded', 3, {}, 2, registry)).toThrow(/newer than this software reads/));
});
