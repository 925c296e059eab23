import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { AppConfig } from './core/config/app-config';
import { loadConfigOrExit } from './core/config/load-config-or-exit';
import { createFastifyAdapter } from './core/http/fastify-adapter';
import { closeOnTerminationSignal } from './core/lifecycle/graceful-shutdown';
import { releaseBootGarbage } from './core/lifecycle/release-boot-garbage';
import { WorkerModule } from './worker.module';

/**
 * The worker process: BullMQ processors; its HTTP port serves only its probes and metrics.
 * No shutdown delay (no load balancer sends it traffic); the timeout bounds the wait for
 * active jobs. `rootModule` lets process-level tests add fixture processors.
 */
export async function runWorker(
  rootModule: (config: AppConfig) => DynamicModule = (config) => WorkerModule.forRoot(config),
): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestFastifyApplication>(rootModule(config), createFastifyAdapter(config), {
    bufferLogs: true,
    // The adapter installs the only body parser (core/http/json-body-parser).
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  closeOnTerminationSignal(app, { delayMs: 0, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  await app.listen({ port: config.WORKER_HEALTH_PORT, host: config.HOST });
  PinoLogger.root.info({ port: config.WORKER_HEALTH_PORT, bootGcMs: releaseBootGarbage() }, 'worker.started');
}
