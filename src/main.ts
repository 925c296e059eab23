import 'reflect-metadata';
import { PinoLogger } from 'nestjs-pino';
import { loadConfigOrExit } from './core/config/load-config-or-exit';
import { closeOnTerminationSignal } from './health/graceful-shutdown';
import { createHttpApp } from './http-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createHttpApp(config);
  closeOnTerminationSignal(app, config.SHUTDOWN_DELAY_MS);
  await app.listen({ port: config.PORT, host: config.HOST });
  PinoLogger.root.info({ port: config.PORT }, 'api.started');
}

void bootstrap();
