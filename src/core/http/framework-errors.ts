import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { ERRORS_BY_STATUS, type ErrorEnvelope } from './error-envelope';
import { REQUEST_ID_HEADER } from './request-id';

/** The envelope for a status the framework chose; statuses outside the contract fold into 400. */
export function envelopeFor(status: number, requestId: string): { status: number; body: ErrorEnvelope } {
  const known = status in ERRORS_BY_STATUS ? status : 400;
  return { status: known, body: { error: { ...ERRORS_BY_STATUS[known], requestId } } };
}

/**
 * Fastify's router refuses a malformed URL (400) or an over-long path parameter (414) before any
 * hook or Nest filter runs; this answers those in the error envelope too.
 */
export function answerRouterError(
  error: Error & { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const { status, body } = envelopeFor(error.statusCode ?? 400, request.id);
  void reply
    .code(status)
    .header(REQUEST_ID_HEADER, request.id)
    .header('content-type', 'application/json; charset=utf-8')
    .send(body);
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers too large, a
 * malformed request line, a request that timed out). Those too get an envelope, written on the
 * socket, when the socket can still take it.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const requestId = uuidv7();
  const { body } = envelopeFor(status, requestId);
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
      `Connection: close\r\nContent-Type: application/json; charset=utf-8\r\nX-Request-Id: ${requestId}\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
