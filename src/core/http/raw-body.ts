import { Readable } from 'node:stream';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { PayloadTooLargeError } from './app-error';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's exact bytes, kept only on the routes passed to `keepRawBody`. */
    rawBody?: Buffer;
  }
}

/**
 * Keeps the exact bytes of the body on `request.rawBody` for these routes only (a signature is
 * computed over the bytes, not over re-serialized JSON). The hook is attached to those routes as
 * they are registered, so every other route neither keeps a copy nor runs it. The usual JSON
 * parser still runs on the same bytes afterwards. Call it before the routes are registered.
 */
export function keepRawBody(app: NestFastifyApplication, routes: readonly string[], bodyLimit: number): void {
  const wanted = new Set(routes);
  const keepBytes: preParsingAsyncHookHandler = async (request, _reply, payload) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > bodyLimit) throw new PayloadTooLargeError();
      chunks.push(chunk);
    }
    request.rawBody = Buffer.concat(chunks);
    return Readable.from([request.rawBody]);
  };
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (!wanted.has(route.url)) return;
      const others = route.preParsing ?? [];
      route.preParsing = [...(Array.isArray(others) ? others : [others]), keepBytes];
    });
}

/** The raw bytes of the body, on a route registered with `keepRawBody`. */
export const RawBody = createParamDecorator(
  (_: unknown, context: ExecutionContext): Buffer | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().rawBody,
);
