import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../src/core/config/app-config';
import { createHttpApp } from '../../src/http-app';
import { enforceOpenApiContract } from './openapi-contract';
import { testConfig } from './test-config';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Base URL of the listening app, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/**
 * Boots the real API (optionally wrapped with fixtures) and listens on a free loopback port.
 * Every response it sends is checked against the OpenAPI document (openapi-contract.ts).
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  wrap?: (config: AppConfig) => DynamicModule,
): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await createHttpApp(config, wrap?.(config));
  enforceOpenApiContract(app.getHttpAdapter().getInstance());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('test app is not listening on TCP');
  return { app, config, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
