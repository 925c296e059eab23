import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { BufferedStdout } from './buffered-stdout';
import { serializeError } from './error-serializer';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';
import { requestLogMixin } from './request-log-fields';

/**
 * nestjs-pino is the Nest logger and builds the one root logger; the request line is ours
 * (request-line.ts, a Fastify hook), so nestjs-pino mounts no middleware (`forRoutes: []`) and
 * pino-http's per-request child loggers and serializers are never made.
 */
export function loggerParams(config: AppConfig): Params {
  const options: NonNullable<Params['pinoHttp']> = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
    // The request line builds its `req` and `res` itself; only errors need a serializer.
    wrapSerializers: false,
    serializers: { err: serializeError },
    // Lines written inside a request carry its id and caller (request-log-fields).
    mixin: requestLogMixin,
  };
  if (config.NODE_ENV === 'development') {
    return {
      pinoHttp: { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } },
      forRoutes: [],
    };
  }
  // JSON lines through process.stdout (not a private fd), so one stream carries every line, written
  // after the event loop's turn rather than inside the request (BufferedStdout).
  return { pinoHttp: [options, new BufferedStdout()], forRoutes: [] };
}

@Module({})
export class LoggingModule {
  /**
   * Built at call time, not at import time: nestjs-pino creates the `@InjectPinoLogger(context)`
   * providers from the decorators it has seen, so every domain file must be loaded first.
   */
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams })],
    };
  }
}
