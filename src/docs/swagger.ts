import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../core/config/app-config';

export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle(config.API_TITLE)
    .setDescription('Multi-tenant backend for support teams. Every response uses the { data } or { error } envelope.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or API key' })
    .build();
  return withTwoFactorRefusal(SwaggerModule.createDocument(app, options));
}

/**
 * Any route with a caller can answer 403 when the organization requires two-factor
 * authentication of owners and admins who have none yet (they may only enrol): every operation
 * that documents a 401 for a missing caller also documents that 403, in the same envelope.
 */
function withTwoFactorRefusal(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Array<{
      security?: unknown[];
      responses?: Record<string, object>;
    }>) {
      const responses = operation?.responses;
      const unauthorized = responses?.['401'];
      if (!operation?.security?.length || !responses || !unauthorized || responses['403']) continue;
      responses['403'] = {
        ...unauthorized,
        description: 'Forbidden: a role too low, or two-factor authentication required by the organization',
      };
    }
  }
  return document;
}

/** Swagger UI at /docs, the OpenAPI document at /docs/json. */
export function setupSwagger(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'docs/json',
    yamlDocumentUrl: 'docs/yaml',
  });
}
