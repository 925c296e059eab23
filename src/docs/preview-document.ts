import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import type { AppConfig } from '../core/config/app-config';
import { createFastifyAdapter } from '../core/http/fastify-adapter';
import { applyVersioning } from '../http-app';
import { buildOpenApiDocument } from './swagger';

/**
 * The OpenAPI document without a database or Redis: preview mode builds the route table but
 * instantiates no provider, so nothing connects anywhere.
 */
export async function previewOpenApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(config), createFastifyAdapter(config), {
    preview: true,
    logger: false,
  });
  applyVersioning(app);
  const document = buildOpenApiDocument(app, config);
  await app.close();
  return document;
}
