import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { startTestApp, type TestApp } from '../../test/support/testApp';

describe('ExpressAppAdapter', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('given a request, when it reaches the server, then it and its response already have the prototypes Express would give them', async () => {
    const express = app.app.getHttpAdapter().getInstance() as Express;
    const arrived: [IncomingMessage, ServerResponse][] = [];
    (app.app.getHttpServer() as Server).prependListener('request', (req, res) => arrived.push([req, res]));
    await app.http().get('/health').expect(200);
    await app.http().post('/patients').send({ patientId: 'H-1', sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' }).expect(201);
    expect(arrived).toHaveLength(2);
    for (const [req, res] of arrived) {
      expect([Object.getPrototypeOf(req) === express.request, Object.getPrototypeOf(res) === express.response]).toEqual([true, true]);
      expect(typeof req.on).toBe('function');
    }
  });
});
