import type { StoredEvent } from '../eventStore/eventStore.port';
import { DomainError } from '../shared/domain.error';
import { eventFrame, streamPreamble } from './eventStream.frame';
import { streamStart } from './eventStream.params';

const stored = (over: Partial<StoredEvent>): StoredEvent => ({
  eventId: 'e-1',
  type: 'ContactRecorded',
  schemaVersion: 1,
  data: { seenOn: '2011-02-03', note: 'line one\nline two' },
  recordedAt: '2011-06-30T10:00:00.000Z',
  recordedBy: 'nurse',
  correlationId: 'c-1',
  causationId: null,
  metadata: {},
  streamId: 'patient-P1',
  revision: 4,
  position: 42,
  hash: 'ab'.repeat(32),
  ...over,
});

describe('eventStream.frame', () => {
  it('given a patient event, then the frame is id (position), event (type), one data line with the envelope and payload, and a blank line', () => {
    const frame = eventFrame(stored({}));
    // written out by hand from the WHATWG EventSource format
    expect(frame).toBe(
      'id: 42\n' +
        'event: ContactRecorded\n' +
        'data: {"eventId":"e-1","type":"ContactRecorded","schemaVersion":1,"recordedAt":"2011-06-30T10:00:00.000Z","recordedBy":"nurse","correlationId":"c-1","causationId":null,"metadata":{},"streamId":"patient-P1","revision":4,"position":42,"data":{"seenOn":"2011-02-03","note":"line one\\nline two"}}\n' +
        '\n',
    );
  });

  it('given an event of a user stream, then its payload (credential hashes) is left out', () => {
    const frame = eventFrame(stored({ streamId: 'user-admin', type: 'PasswordSet', data: { passwordHash: 'scrypt$...' } }));
    expect(frame).not.toContain('scrypt');
    expect(JSON.parse(frame.split('\n')[2].slice('data: '.length))).toMatchObject({ streamId: 'user-admin', type: 'PasswordSet', data: null });
  });

  it('starts with the reconnection delay and a comment naming the start', () => {
    expect(streamPreamble(7, 2000)).toBe('retry: 2000\n: following the log after position 7\n\n');
  });
});

describe('eventStream.params', () => {
  it('starts after the Last-Event-ID when a client reconnects, else after `after`, else at the head', () => {
    expect(streamStart({ after: '3' }, '9', 10)).toBe(9);
    expect(streamStart({ after: '3' }, undefined, 10)).toBe(3);
    expect(streamStart({}, undefined, 10)).toBe(10);
    expect(streamStart({ after: '0' }, undefined, 0)).toBe(0);
  });

  it('names every bad field at once', () => {
    const refused = () => streamStart({ after: '11', since: '1' }, '-2', 10);
    expect(refused).toThrow(DomainError);
    expect(() => refused()).toThrow(expect.objectContaining({
      details: [
        { field: 'since', reason: 'is not a parameter of this request' },
        { field: 'after', reason: 'is beyond the end of the log (position 10)' },
        { field: 'Last-Event-ID', reason: 'must be a whole number >= 0 (a log position)' },
      ],
    }));
  });
});
