import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type OperationObject,
  type SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import type { AppConfig } from '../core/config/app-config';
import { REQUEST_BODIES_EXTENSION } from '../core/http/api-docs';
import { SECURITY_SCHEMES } from './security-schemes';
import { describeStandardResponses } from './standard-responses';

/** Every tag an operation uses, described once (Spectral fails the build on an undeclared one). */
const TAGS: Record<string, string> = {
  auth: 'Sign up, sign in, refresh and end sessions',
  users: 'The people of the organization and their roles',
  invitations: 'Invite people into the organization',
  'api-keys': 'Keys for servers and integrations, acting with a role',
  tickets: 'Support tickets, their comments, filters and full-text search',
  knowledge: 'Documents of the knowledge base, indexed in the background, and search over them',
  assistant: 'Agents, conversations and the assistant that answers from the knowledge base',
  billing: "The organization's plan, checkout and the customer portal (Stripe)",
  health: 'Liveness and readiness probes for the orchestrator',
};

/** `@ApiBodyPerMediaType` routes: each media type gets its own schema instead of a shared one. */
function applyRequestBodiesPerMediaType(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      const extended = operation as (OperationObject & Record<string, unknown>) | undefined;
      const schemas = extended?.[REQUEST_BODIES_EXTENSION] as Record<string, SchemaObject> | undefined;
      if (!extended || !schemas) continue;
      delete extended[REQUEST_BODIES_EXTENSION];
      extended.requestBody = {
        required: true,
        content: Object.fromEntries(Object.entries(schemas).map(([type, schema]) => [type, { schema }])),
      };
    }
  }
}

export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  describeStandardResponses(app);
  const builder = new DocumentBuilder()
    .setTitle(config.API_TITLE)
    .setDescription(
      'Multi-tenant backend for support teams. Every response uses the `{ data }` or `{ error }` envelope; ' +
        'every error carries a `requestId`, also sent as the `X-Request-Id` header.',
    )
    .setVersion('1')
    // Relative: the document is served by the deployment it describes (local, staging or production).
    .addServer('/', 'This deployment: local, staging or production, the host serving this document', undefined, {
      'x-internal': false,
    });
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) builder.addSecurity(name, scheme);
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());
  applyRequestBodiesPerMediaType(document);
  return document;
}

/** Swagger UI at /docs, the OpenAPI document at /docs/json. */
export function setupSwagger(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'docs/json',
    yamlDocumentUrl: 'docs/yaml',
    // Keep the credential across reloads; a newcomer authorizes once.
    swaggerOptions: { persistAuthorization: true },
  });
}
