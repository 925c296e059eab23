import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { loadConfigOrExit } from './core/config/load-config-or-exit';
import { createFastifyAdapter } from './core/http/fastify-adapter';
import { closeOnTerminationSignal } from './health/graceful-shutdown';
import { WorkerModule } from './worker.module';

/** Runs the BullMQ processors; its HTTP port serves only its own health probes. */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot(config),
    createFastifyAdapter(config),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  closeOnTerminationSignal(app, 0);
  await app.listen({ port: config.WORKER_HEALTH_PORT, host: config.HOST });
  PinoLogger.root.info({ port: config.WORKER_HEALTH_PORT }, 'worker.started');
}

void bootstrap();
