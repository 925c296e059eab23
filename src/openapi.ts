import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadConfig } from './core/config/load-config';
import { previewOpenApiDocument } from './docs/preview-document';

/** `npm run openapi [file]`: writes the OpenAPI document without a database or Redis. */
async function writeOpenApi(file = 'openapi.json'): Promise<void> {
  // Placeholders: preview mode connects nowhere and signs nothing.
  const config = loadConfig({
    DATABASE_URL: 'postgres://preview@127.0.0.1/preview',
    REDIS_URL: 'redis://127.0.0.1',
    JWT_SECRET: 'openapi-preview-placeholder-not-a-secret',
  });
  writeFileSync(file, `${JSON.stringify(await previewOpenApiDocument(config), null, 2)}\n`);
  process.stdout.write(`OpenAPI document written to ${file}\n`);
}

void writeOpenApi(process.argv[2]);
