import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../src/access/public.decorator';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Routes open to the tenant guard, on purpose. Adding one means adding it here, in review.
 * /metrics skips the tenant guard for its own operator token (test/metrics.e2e-spec.ts); the
 * queue dashboard at /admin/queues is a Fastify plugin outside Nest's routes, behind the
 * operator's Basic login (test/queue-dashboard.e2e-spec.ts). Stripe's webhook is authenticated
 * by its signature instead (test/billing-webhooks.e2e-spec.ts).
 */
const PUBLIC_ROUTES = [
  'GET /metrics',
  'GET /health/live',
  'GET /health/ready',
  'POST /auth/signup',
  'POST /auth/signup/confirm',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/password-reset',
  'POST /auth/password-reset/confirm',
  'POST /auth/two-factor/login',
  'POST /invitations/accept',
  'POST /billing/webhooks/stripe',
].sort();

describe('default deny', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('opens exactly the allow-listed routes; every other route requires a caller', () => {
    const reflector = t.app.get(Reflector);
    const publicRoutes: string[] = [];
    let routes = 0;
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    for (const controller of controllers) {
      const type = controller.metatype as new (...args: never[]) => object;
      const prefix = String(reflector.get<string>(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (method === undefined) continue;
        routes += 1;
        const path = `/${[prefix, String(reflector.get<string>(PATH_METADATA, handler))].filter((p) => p && p !== '/').join('/')}`;
        if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, type])) {
          publicRoutes.push(`${RequestMethod[method]} ${path}`);
        }
      }
    }
    expect(routes).toBeGreaterThan(PUBLIC_ROUTES.length);
    expect(publicRoutes.sort()).toEqual(PUBLIC_ROUTES);
  });

  it('answers 401 in the envelope on a closed route', async () => {
    const response = await fetch(`${t.url}/v1/users`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});
