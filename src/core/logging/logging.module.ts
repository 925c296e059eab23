import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { serializeError } from './error-serializer';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';

/** The query string can carry tokens (invitation links, signed URLs): log the path only. */
const pathOnly = (url: string | undefined): string | undefined => url?.split('?')[0];

export function loggerParams(config: AppConfig): Params {
  const options: NonNullable<Params['pinoHttp']> = {
    level: config.LOG_LEVEL,
    // Fastify assigned the id (core/http/fastify-adapter); bind it to every line of the request.
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
    serializers: {
      req: (req: { method?: string; url?: string; headers?: unknown }) => ({
        method: req.method,
        url: pathOnly(req.url),
        headers: req.headers,
      }),
      err: serializeError,
    },
    // Probes hit every few seconds; their lines would drown the useful ones.
    autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
  if (config.NODE_ENV === 'development') {
    return {
      pinoHttp: { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } },
      assignResponse: true,
    };
  }
  // JSON lines through process.stdout (not a private fd), so one stream carries every line.
  // assignResponse: the "request completed" line also carries the caller the auth guard assigned.
  return { pinoHttp: [options, process.stdout], assignResponse: true };
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
