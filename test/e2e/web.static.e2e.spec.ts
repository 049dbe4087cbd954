/**
 * The web UI's files are served at / without sign-in and with their own content security policy, and
 * take nothing away from the API: API routes and /docs answer as before, and no UI path is documented.
 */
import { startTestApp, type TestApp } from '../support/testApp';

describe('web UI static files (e2e, authentication required)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { auth: 'required' } });
  });
  afterAll(() => t.close());

  it('serves the page and its modules to anyone, with a policy that allows no inline script or style', async () => {
    const page = await t.http().get('/').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<script type="module" src="js/app.main.js"></script>');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    const module = await t.http().get('/js/app.main.js').expect(200);
    expect(module.headers['content-type']).toBe('text/javascript; charset=utf-8');
    await t.http().get('/app.css').expect(200).expect('content-type', 'text/css; charset=utf-8');
  });

  it('leaves the API, its sign-in rule and the docs as they were', async () => {
    await t.http().get('/patients').expect(401);
    await t.http().post('/').send({}).expect(404);
    await t.http().get('/docs/openapi.json').expect(200);
    const paths = Object.keys((await t.http().get('/docs/openapi.json')).body.paths);
    expect(paths.filter((path) => path === '/' || path.startsWith('/js') || path.endsWith('.css'))).toEqual([]);
  });

  it('serves nothing outside its folder', async () => {
    await t.http().get('/../webApp.serve.ts').expect(404);
    await t.http().get('/%2e%2e/webApp.serve.ts').expect(404);
    await t.http().get('/js/../../webApp.serve.ts').expect(404);
  });
});
