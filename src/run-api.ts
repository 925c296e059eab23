import type { DynamicModule } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from './core/config/app-config';
import { loadConfigOrExit } from './core/config/load-config-or-exit';
import { closeOnTerminationSignal } from './core/lifecycle/graceful-shutdown';
import { releaseBootGarbage } from './core/lifecycle/release-boot-garbage';
import { createHttpApp } from './http-app';

/**
 * The API process: validated config, the app, signal handling, listen. `rootModule` lets
 * process-level tests run the real entry point with fixtures added.
 */
export async function runApi(rootModule?: (config: AppConfig) => DynamicModule): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createHttpApp(config, rootModule?.(config));
  closeOnTerminationSignal(app, { delayMs: config.SHUTDOWN_DELAY_MS, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  await app.listen({ port: config.PORT, host: config.HOST });
  PinoLogger.root.info({ port: config.PORT, bootGcMs: releaseBootGarbage() }, 'api.started');
}
