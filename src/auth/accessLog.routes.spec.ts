import { RequestMethod, type Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config';
import { isLogged } from './accessLog';
import { AccessLogInterceptor } from './accessLog.interceptor';
import { mayServe } from './accessLog.routes';

/** every route of the application as `METHOD /path`, with whether the access log is bound to it */
function routes(): Map<string, boolean> {
  const { controllers = [] } = AppModule.forRoot({ config: {} as AppConfig });
  const found = new Map<string, boolean>();
  for (const controller of controllers as Type[]) {
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      const method = Reflect.getMetadata(METHOD_METADATA, handler);
      if (name === 'constructor' || method === undefined) continue;
      const path = `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((s) => s !== '' && s !== '/').join('/')}`;
      found.set(`${RequestMethod[method]} ${path}`, (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []).includes(AccessLogInterceptor));
    }
  }
  return found;
}

describe('the access log binds to the routes of logged resources', () => {
  it('given a route pattern, when it can match a path at or below a logged prefix, then it may serve it', () => {
    expect(mayServe('/datasets/:name', '/datasets')).toBe(true);
    expect(mayServe('/datasets', '/datasets')).toBe(true);
    expect(mayServe('/audit/trail', '/audit/trail')).toBe(true);
    expect(mayServe('/audit/verify', '/audit/trail')).toBe(false);
    expect(mayServe('/audit', '/audit/trail')).toBe(false);
    expect(mayServe('/fhir/Patient/:id/\\$everything', '/fhir/Patient')).toBe(true);
    expect(mayServe('/fhir/:type', '/fhir/Patient')).toBe(true);
    expect(mayServe('/fhir/*path', '/fhir/Patient')).toBe(true);
    expect(mayServe('/Reports/x', '/reports')).toBe(true);
    expect(mayServe('/patients/:id/contacts', '/datasets')).toBe(false);
    expect(mayServe('/:anything', '/datasets')).toBe(true);
  });

  it('given the application, when its routes are listed, then every route under a logged resource carries the interceptor and the patient writes do not', () => {
    const all = routes();
    const bound = [...all].filter(([, isBound]) => isBound).map(([route]) => route);
    const logged = [...all.keys()].filter((route) => isLogged(route.split(' ')[1]));
    expect(bound.sort()).toEqual(logged.sort());
    expect(bound).toEqual(expect.arrayContaining(['GET /audit/trail', 'GET /datasets/:name', 'GET /fhir/Patient/:id/\\$everything']));
    const writes = [...all.keys()].filter((route) => route.startsWith('POST /patients'));
    expect(writes.length).toBeGreaterThan(10);
    expect(writes.filter((route) => all.get(route))).toEqual([]);
  });
});
