import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app';
import { buildApp } from '../app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('platform HTTP behaviour', () => {
  it('reports health with version and database state', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', version: expect.any(String), database: { ok: true } });
  });

  it('serves the OpenAPI document listing the routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/bays', '/api/auth/login', '/api/health']));
  });

  it('answers malformed JSON with 400 and an unknown API path with a JSON 404', async () => {
    const c = await t.as('after_sales_manager');
    const bad = await c.request({ method: 'POST', url: '/api/bays', payload: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    const missing = await c.get('/api/no-such-thing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('gives validation messages in English when asked', async () => {
    const c = await t.as('after_sales_manager');
    const res = await c.request({ method: 'POST', url: '/api/bays', payload: { code: 'A B', name: 'x', type: 'wash' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.json().error.details.fields[0].message).toBe('Code may contain letters, digits, - and _ only');
  });

  it('hides the internals of a 5xx', async () => {
    const app = await buildApp({ config: t.app.config, database: t.database, logger: false });
    app.get('/api/boom', { config: { public: true } }, async () => {
      throw new Error('secret connection string postgres://admin:pw@db');
    });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(res.json().error).toEqual({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
    await app.close();
  });

  it('refuses to register an /api route that declares no permission', async () => {
    const app = await buildApp({ config: t.app.config, database: t.database, logger: false });
    expect(() => app.get('/api/unguarded', async () => ({}))).toThrow(/must declare exactly one of permission/);
    await app.close();
  });
});
