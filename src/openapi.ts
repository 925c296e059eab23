import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { loadConfig } from './core/config/load-config';
import { createFastifyAdapter } from './core/http/fastify-adapter';
import { buildOpenApiDocument } from './docs/swagger';
import { applyVersioning } from './http-app';

/**
 * `npm run openapi [file]`: writes the OpenAPI document without a database or Redis. Preview
 * mode builds the route table but instantiates no provider, so nothing connects anywhere.
 */
async function writeOpenApi(file = 'openapi.json'): Promise<void> {
  // Placeholders: preview mode connects nowhere and signs nothing.
  const config = loadConfig({
    DATABASE_URL: 'postgres://preview@127.0.0.1/preview',
    REDIS_URL: 'redis://127.0.0.1',
    JWT_SECRET: 'openapi-preview-placeholder-not-a-secret',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), createFastifyAdapter(config), {
    preview: true,
    logger: false,
  });
  applyVersioning(app);
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(app, config), null, 2)}\n`);
  await app.close();
  process.stdout.write(`OpenAPI document written to ${file}\n`);
}

void writeOpenApi(process.argv[2]);
