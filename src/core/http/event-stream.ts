import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { ERRORS_BY_STATUS } from './error-envelope';

/** One named Server-Sent Event; `data` is sent as JSON. */
export interface ServerSentEvent {
  event: string;
  data: object;
}

/**
 * What an event-stream route returns: the events, given a signal that aborts when the client
 * leaves (or the server drains). The signal is already aborted if the client left before the
 * stream began, so the producer only has to honour it, never to check the socket itself.
 */
export type EventProducer = (signal: AbortSignal) => AsyncIterable<ServerSentEvent>;

export interface EventStreamOptions {
  /** A comment line is sent this often, so proxies and clients keep an idle stream open. */
  heartbeatMs: number;
  /**
   * Subscribes to the process's shutdown (returns the unsubscribe). When it fires, the stream
   * ends with an `error` event coded `service_unavailable`, so the server can close.
   */
  onShutdown?: (listener: () => void) => () => void;
}

const SHUTTING_DOWN = { code: 'service_unavailable', message: 'The server is restarting; ask again' };

const HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

const isGone = (response: ServerResponse): boolean => response.destroyed || response.socket?.destroyed === true;

const format = ({ event, data }: ServerSentEvent): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Answers with `text/event-stream`, writing each event the moment `produce` yields it. When the
 * client goes away, the signal given to `produce` aborts; the events that follow (the producer
 * winding down and recording how it ended) are drained but not written. `error` events carry the
 * request id, like the error envelope. An unexpected throw becomes an `internal_error` event, and
 * is rethrown for the error filter to log (the reply is already sent, so it writes nothing).
 */
export async function sendEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  produce: EventProducer,
  options: EventStreamOptions,
): Promise<void> {
  const response = reply.hijack().raw;
  const disconnected = new AbortController();
  // The response's 'close' (not the request's, which fires once the body is read) tells a client that left.
  response.on('close', () => {
    if (!response.writableEnded) disconnected.abort();
  });
  // A client that left while the route was still preparing: 'close' has fired already.
  if (isGone(response)) disconnected.abort();
  for (const [name, value] of Object.entries({ ...reply.getHeaders(), ...HEADERS })) {
    if (value !== undefined) response.setHeader(name, value);
  }
  response.writeHead(200);
  response.flushHeaders();

  const write = async (chunk: string): Promise<void> => {
    if (disconnected.signal.aborted || response.writableEnded || isGone(response)) return;
    // Respect backpressure: a slow reader holds the producer instead of growing a buffer. A
    // destroyed socket never drains (and has already closed), so it is never waited for.
    if (!response.write(chunk) && !isGone(response)) {
      await new Promise<void>((resolve) => {
        const go = (): void => {
          response.off('drain', go);
          disconnected.signal.removeEventListener('abort', go);
          resolve();
        };
        response.once('drain', go);
        disconnected.signal.addEventListener('abort', go, { once: true });
      });
    }
  };
  const heartbeat = setInterval(() => void write(': heartbeat\n\n'), options.heartbeatMs);
  const unsubscribe = options.onShutdown?.(() => {
    // Last words first; then the producer sees its signal abort and records how the answer ended.
    void write(format({ event: 'error', data: { ...SHUTTING_DOWN, requestId: request.id } })).then(() => {
      disconnected.abort();
      response.end();
    });
  });
  try {
    for await (const event of produce(disconnected.signal)) {
      const data = event.event === 'error' ? { ...event.data, requestId: request.id } : event.data;
      await write(format({ event: event.event, data }));
    }
  } catch (error) {
    const { code, message } = error instanceof AppError ? error : ERRORS_BY_STATUS[500];
    await write(format({ event: 'error', data: { code, message, requestId: request.id } }));
    if (!(error instanceof AppError)) throw error;
  } finally {
    clearInterval(heartbeat);
    unsubscribe?.();
    response.end();
  }
}
