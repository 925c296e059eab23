import type { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../core/config/app-config';
import type { ErrorEnvelope } from '../core/http/error-envelope';
import { ALL_QUEUE_PRODUCERS } from '../core/queue/queue.module';
import { idsOnly } from './ids-only';
import { OperatorCredentials } from './operator-credentials';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for operators: inspect and retry failed jobs of every queue.
 * It is a Fastify plugin outside Nest's routing, so the tenant auth guard never applies; its
 * own hook demands the operator's Basic login first. Payloads are shown as identifiers only.
 * Not mounted at all unless QUEUE_DASHBOARD_USERNAME and QUEUE_DASHBOARD_PASSWORD are set, and
 * Bull Board is loaded only then: an API without it never pays for it (about 9 MB).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    @Inject(ALL_QUEUE_PRODUCERS) private readonly queues: Queue[],
  ) {}

  async onModuleInit(): Promise<void> {
    const { QUEUE_DASHBOARD_USERNAME: username, QUEUE_DASHBOARD_PASSWORD: password } = this.config;
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!username || !password || !fastify) return;
    const credentials = new OperatorCredentials(username, password);
    const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter: BullBoardFastifyAdapter }] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/fastify'),
    ]);

    const board = new BullBoardFastifyAdapter();
    const adapterFor = (queue: Queue): BullMQAdapter => {
      const adapter = new BullMQAdapter(queue, { allowRetries: true });
      adapter.setFormatter('data', idsOnly);
      adapter.setFormatter('returnValue', idsOnly);
      return adapter;
    };
    createBullBoard({ queues: this.queues.map(adapterFor), serverAdapter: board });
    board.setBasePath(QUEUE_DASHBOARD_PATH);

    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        if (credentials.accepts(request.headers.authorization)) return;
        const body: ErrorEnvelope = {
          error: { code: 'unauthorized', message: 'Operator credentials required', requestId: request.id },
        };
        await reply.status(401).header('WWW-Authenticate', 'Basic realm="queues"').send(body);
      });
      await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
    });
  }
}
