import { type DynamicModule, type INestApplication, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './core/config/app-config';
import { createFastifyAdapter } from './core/http/fastify-adapter';
import { registerMultipart } from './core/http/multipart';
import { keepRawBody } from './core/http/raw-body';
import { STRIPE_WEBHOOK_ROUTE } from './billing/webhooks/stripe-webhook.controller';
import { setupSwagger } from './docs/swagger';

/**
 * The API application, configured but not listening: main.ts listens, tests listen on a free
 * port. Tests may pass a root module that wraps AppModule with fixtures.
 */
export async function createHttpApp(
  config: AppConfig,
  rootModule: DynamicModule = AppModule.forRoot(config),
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, createFastifyAdapter(config), {
    bufferLogs: true,
    // The adapter installs the only body parser (core/http/json-body-parser).
    bodyParser: false,
    // Boot errors reach the caller (main.ts exits, a test fails) instead of killing the process here.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  await registerMultipart(app, config.KNOWLEDGE_MAX_UPLOAD_BYTES);
  // Stripe signs the exact bytes it sends; only its webhook keeps them.
  keepRawBody(app, [STRIPE_WEBHOOK_ROUTE], config.BODY_LIMIT_BYTES);
  applyVersioning(app);
  setupSwagger(app, config);
  return app;
}

/** Routes live under /v1 unless they opt out (probes, docs) with VERSION_NEUTRAL. */
export function applyVersioning(app: INestApplication): void {
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}
