import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Metrics } from './metrics';

/** Label of requests that matched no route: one value, whatever URL was asked for. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request in Fastify's own hooks, so 401s from the guard and 404s for unknown URLs
 * are counted too. The route label is the template Fastify matched (`/v1/tickets/:id`), never
 * the raw URL. Installed at init: Fastify binds hooks to routes when it becomes ready.
 */
@Injectable()
export class HttpMetricsHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const { httpRequestDuration, httpRequestsInFlight } = this.metrics;
    fastify.addHook('onRequest', (request, reply, done) => {
      httpRequestsInFlight.inc();
      // 'close' fires once whether the response finished or the client went away.
      reply.raw.once('close', () => httpRequestsInFlight.dec());
      done();
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
      httpRequestDuration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
}
