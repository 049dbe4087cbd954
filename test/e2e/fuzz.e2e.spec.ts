/**
 * Hostile input: random and malicious bodies posted to every endpoint of the OpenAPI document. The
 * server must never answer 5xx, and a rejected request must leave the log exactly as it was.
 */
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/testApp';

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom("'; DROP TABLE events; --", '" OR 1=1 --', '<script>alert(1)</script>', '../../etc/passwd', '\u0000\u202e', '2021-02-30', '9999-99-99', 'NaN', '__proto__'),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const pollutingKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
const leaf = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 4 }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string(), pollutingKeys), tie('value'), { maxKeys: 5 })),
})).value;
const deepNesting = fc.integer({ min: 200, max: 5000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

describe('hostile input (fuzz, e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/patients').send({ patientId: 'x', sex: 'male', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' }).expect(201);
  });
  afterAll(() => t.close());

  it('never answers 5xx, and writes nothing when it refuses', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const posts = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([, ops]) => 'post' in ops)
      .map(([path]) => path.replace(/\{[^}]+\}/g, 'x'));
    expect(posts.length).toBeGreaterThan(10);
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), fc.oneof(hostileValue.map((v) => JSON.stringify(v) ?? 'null'), deepNesting, hostileString), async (path, body) => {
        const before = (await t.store.readAll()).length;
        const answer = await t.http().post(path).set('content-type', 'application/json').send(body);
        requests++;
        expect([path, answer.status < 500]).toEqual([path, true]);
        if (answer.status >= 400) expect((await t.store.readAll()).length).toBe(before);
        expect(answer.text).not.toMatch(/SQLITE|at \S+\.(js|ts):\d+/);
      }),
      { numRuns: 400 },
    );
    expect(requests).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('a');
  }, 120_000);
});
