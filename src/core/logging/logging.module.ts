import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { BufferedStdout } from './buffered-stdout';
import { serializeError } from './error-serializer';
import { LOGGED_HEADERS, REDACTED_PATHS, REDACTION_CENSOR } from './redaction';
import { routeTemplate } from './route-template';

/** A fixed few headers (the credential ones are censored by REDACTED_PATHS), not the whole set. */
function loggedHeaders(headers: IncomingMessage['headers']): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) if (headers[name] !== undefined) picked[name] = headers[name];
  return picked;
}

export function loggerParams(config: AppConfig): Params {
  const options: NonNullable<Params['pinoHttp']> = {
    level: config.LOG_LEVEL,
    // Fastify assigned the id (core/http/fastify-adapter); bind it to every line of the request.
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
    // The request line: method, route template (the query string can carry tokens), a few headers, status.
    serializers: {
      req: (req: { method?: string; raw: IncomingMessage }) => ({
        method: req.method,
        url: routeTemplate(req.raw),
        headers: loggedHeaders(req.raw.headers),
      }),
      err: serializeError,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
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
  // JSON lines through process.stdout (not a private fd), so one stream carries every line, written
  // after the event loop's turn rather than inside the request (BufferedStdout).
  // assignResponse: the "request completed" line also carries the caller the auth guard assigned.
  return { pinoHttp: [options, new BufferedStdout()], assignResponse: true };
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
