import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsersService } from '../../src/auth/users.service';
import { runCli } from '../support/cli';
import { startTestApp, type TestApp } from '../support/testApp';

type Role = 'recorder' | 'analyst' | 'auditor' | 'admin';
const ROLES: Role[] = ['recorder', 'analyst', 'auditor', 'admin'];

/**
 * Who may call what: the security policy written out independently of the code. Every route of the
 * OpenAPI document must appear here, so a new endpoint cannot ship without a decision.
 */
const POLICY: Record<string, Role[] | 'public'> = {
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'GET /auth/me': ROLES,
  'GET /health': 'public',
  'POST /users': ['admin'],
  'POST /users/{userName}/api-keys': ['admin'],
  'POST /users/{userName}/api-keys/{keyId}/revoke': ['admin'],
  'POST /users/{userName}/password': ['admin'],
  'POST /patients': ['recorder'],
  'GET /patients': ['recorder', 'auditor'],
  'GET /patients/{id}': ['recorder', 'auditor'],
  'GET /patients/{id}/events': ['recorder', 'auditor'],
  'GET /patients/{id}/history': ['recorder', 'auditor'],
  'POST /patients/{id}/diagnoses': ['recorder'],
  'POST /patients/{id}/lesions': ['recorder'],
  'POST /patients/{id}/treatments': ['recorder'],
  'POST /patients/{id}/treatments/{treatmentId}/stop': ['recorder'],
  'POST /patients/{id}/treatments/{treatmentId}/responses': ['recorder'],
  'POST /patients/{id}/contacts': ['recorder'],
  'POST /patients/{id}/death': ['recorder'],
  'POST /patients/{id}/research-authorization': ['recorder'],
  'POST /patients/{id}/corrections': ['recorder'],
  'POST /patients/{id}/retractions': ['recorder'],
  'POST /patients/{id}/erasure': ['admin'],
  'GET /audit/verify': ['auditor'],
  'GET /audit/access': ['auditor'],
  'GET /audit/trail': ['auditor'],
  'GET /datasets/{name}/diff': ['auditor'],
  // every event of the log, identified, as server-sent events (the matrix's request gets 406: no Accept: text/event-stream)
  'GET /events/stream': ['auditor'],
  // the answer holds digests and a manifest, no rows
  'POST /reproduce': ['auditor', 'analyst'],
  'GET /quality': ['auditor', 'recorder'],
  'POST /imports': ['recorder'],
  'POST /demo': ['recorder'],
  // analysts too, but only with identified access, which the matrix's analyst lacks
  'GET /exports/bundle': ['recorder'],
  // FHIR: the same identified-access rule as the bundle export; the import is a recorder's, like POST /imports
  'GET /fhir/Patient/{id}/$everything': ['recorder'],
  'POST /fhir': ['recorder'],
  'GET /reports/cohort': ['analyst', 'recorder'],
  'GET /datasets': ['analyst'],
  // analysts without identified access get the de-identified rows
  'GET /datasets/{name}': ['analyst'],
  'GET /datasets/{name}/dictionary': ['analyst'],
  // the datasets' rows (de-identified without identified access) with an R, Stata, SAS or Parquet file
  'GET /datasets/{name}/export': ['analyst'],
  'GET /analyses/kaplan-meier': ['analyst'],
  'GET /analyses/log-rank': ['analyst'],
  'GET /analyses/rate-comparison': ['analyst'],
};

const enrolment = { patientId: 'P1', sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' };

describe('security (e2e, authentication required)', () => {
  let t: TestApp;
  let keys: Record<Role, string>;
  beforeEach(async () => {
    t = await startTestApp({ config: { auth: 'required' } });
    const users = t.app.get(UsersService);
    keys = {} as Record<Role, string>;
    for (const role of ROLES) keys[role] = (await users.addUser({ userName: `${role}-user`, roles: [role], identifiedAccess: false }, 'test', 'correct horse battery')).apiKey;
  });
  afterEach(() => t.close());

  const call = (method: string, path: string, key?: string) => {
    const req = method === 'GET' ? t.http().get(path) : t.http().post(path).send({});
    return key ? req.set('Authorization', `Bearer ${key}`) : req;
  };

  it('has a decision for every endpoint, and enforces it for every role: 401 without a key, 403 without the role', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(Object.keys(POLICY).sort());
    for (const route of routes) {
      const [method, template] = route.split(' ');
      const path = template.replace(/\{[^}]+\}/g, 'x');
      const policy = POLICY[route];
      const anonymous = await call(method, path);
      if (policy === 'public') {
        expect([route, anonymous.status < 500 && anonymous.status !== 403]).toEqual([route, true]);
        continue;
      }
      expect([route, anonymous.status]).toEqual([route, 401]);
      for (const role of ROLES) {
        const answer = await call(method, path, keys[role]);
        const expected = policy.includes(role) ? 'allowed' : 403;
        const actual = answer.status === 401 || answer.status === 403 ? answer.status : 'allowed';
        expect([route, role, actual]).toEqual([route, role, expected]);
        expect(answer.status).toBeLessThan(500);
      }
    }
  });

  it('takes recordedBy from the authenticated user, never from the body', async () => {
    await t.http().post('/patients').set('Authorization', `Bearer ${keys.recorder}`).send({ ...enrolment, recordedBy: 'someone-else' }).expect(400);
    await t.http().post('/patients').set('Authorization', `Bearer ${keys.recorder}`).send(enrolment).expect(201);
    const events = await t.store.readStream(t.streamOf('P1'));
    expect(events.map((e) => e.recordedBy)).toEqual(['recorder-user']);
  });

  it('refuses a wrong or revoked key', async () => {
    await t.http().get('/auth/me').set('Authorization', 'Bearer cc_nope_nope').expect(401);
    const admin = t.app.get(UsersService);
    const extra = await admin.issueApiKey('auditor-user', 'laptop', 'test');
    await t.http().get('/auth/me').set('Authorization', `Bearer ${extra.apiKey}`).expect(200);
    await admin.revokeApiKey('auditor-user', extra.keyId, 'laptop lost', 'test');
    await t.http().get('/auth/me').set('Authorization', `Bearer ${extra.apiKey}`).expect(401);
  });

  it('logs in with a password to an HttpOnly SameSite session cookie and demands the CSRF token on writes', async () => {
    await t.http().post('/auth/login').send({ userName: 'recorder-user', password: 'wrong password!' }).expect(401);
    const login = await t.http().post('/auth/login').send({ userName: 'recorder-user', password: 'correct horse battery' }).expect(200);
    const cookies = login.headers['set-cookie'] as unknown as string[];
    expect(cookies.find((c) => c.startsWith('cc_session='))).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    expect((await t.http().get('/auth/me').set('Cookie', cookie).expect(200)).body).toMatchObject({ userName: 'recorder-user', via: 'session' });
    await t.http().post('/patients').set('Cookie', cookie).send(enrolment).expect(403);
    await t.http().post('/patients').set('Cookie', cookie).set('X-CSRF-Token', login.body.csrfToken).send(enrolment).expect(201);
  });

  it('limits login attempts', async () => {
    const attempts = [];
    for (let i = 0; i < 12; i++) attempts.push((await t.http().post('/auth/login').send({ userName: 'admin-user', password: `guess ${i}` })).status);
    expect(attempts.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(attempts.slice(10)).toEqual([429, 429]);
  });

  it('logs who read which analysis with which parameters, for auditors', async () => {
    await t.http().post('/patients').set('Authorization', `Bearer ${keys.recorder}`).send(enrolment).expect(201);
    await t.http().get('/analyses/kaplan-meier?asOf=2005-06-30&times=60').set('Authorization', `Bearer ${keys.analyst}`).expect(422);
    await t.http().get('/reports/cohort?format=json').set('Authorization', `Bearer ${keys.analyst}`).expect(200);
    await t.http().get('/audit/trail?format=jsonl').set('Authorization', `Bearer ${keys.auditor}`).expect(200);
    // Express matches routes whatever the letter case, so the log must too
    await t.http().get('/REPORTS/cohort?format=json').set('Authorization', `Bearer ${keys.analyst}`).expect(200);
    const log = (await t.http().get('/audit/access?date=2011-06-30').set('Authorization', `Bearer ${keys.auditor}`).expect(200)).body;
    expect(log.map((e: { userName: string; resource: string; status: number; parameters: object }) => [e.userName, e.resource, e.status, e.parameters])).toEqual([
      ['analyst-user', '/analyses/kaplan-meier', 422, { asOf: '2005-06-30', times: '60' }],
      ['analyst-user', '/reports/cohort', 200, { format: 'json' }],
      ['auditor-user', '/audit/trail', 200, { format: 'jsonl' }],
      ['analyst-user', '/REPORTS/cohort', 200, { format: 'json' }],
    ]);
    await t.http().get('/audit/access?date=2011-02-30').set('Authorization', `Bearer ${keys.auditor}`).expect(400);
  });

  it('sends hardened headers and no CORS allowance', async () => {
    const answer = await t.http().get('/health').set('Origin', 'https://evil.example');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-powered-by']).toBeUndefined();
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    // the API docs must load over plain HTTP on a private network: no forced upgrade to https
    expect(answer.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});

describe('users from the CLI (e2e)', () => {
  it('prints the new API key alone on the last line, and that key works against the server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-users-'));
    try {
      const run = runCli(['user', 'add', 'ana', '--role', 'analyst,auditor'], { DATA_DIR: dataDir });
      expect(run.status).toBe(0);
      const key = run.stdout.trim().split('\n').pop()!;
      expect(key).toMatch(/^cc_[A-Za-z0-9_-]+_[A-Za-z0-9_-]{43}$/);
      const t = await startTestApp({ config: { store: 'sqlite', dataDir, auth: 'required' } });
      const me = (await t.http().get('/auth/me').set('Authorization', `Bearer ${key}`).expect(200)).body;
      expect(me).toMatchObject({ userName: 'ana', roles: ['analyst', 'auditor'], identifiedAccess: false });
      await t.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
