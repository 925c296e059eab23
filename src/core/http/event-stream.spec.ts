import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type EventProducer, sendEventStream } from './event-stream';

/** A real Fastify server whose one route streams what `produce` yields once `ready` resolves; `done` once it ended. */
async function serve(produce: EventProducer, ready: (request: FastifyRequest) => Promise<void>) {
  const app: FastifyInstance = Fastify();
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  app.post('/stream', async (request, reply) => {
    await ready(request);
    await sendEventStream(request, reply, produce, { heartbeatMs: 60_000 }).finally(ended);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, port, done };
}

/** Resolves once the server has seen the client's socket close. */
const socketClosed = (request: FastifyRequest): Promise<void> =>
  new Promise((resolve) => {
    const socket = request.raw.socket;
    if (socket.destroyed) resolve();
    else socket.once('close', () => setImmediate(resolve));
  });

/**
 * Opens the stream and drops the connection once `leave` resolves, or at the first chunk read when
 * it is 'first-chunk'; resolves once the socket is closed.
 */
function openAndLeave(port: number, leave: Promise<void> | 'first-chunk'): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/stream', method: 'POST' }, (res) => {
      res.on('data', () => {
        if (leave === 'first-chunk') req.destroy();
      });
    });
    req.on('error', () => undefined);
    req.on('close', () => resolve());
    req.end();
    if (leave !== 'first-chunk') void leave.then(() => req.destroy());
  });
}

describe('sendEventStream', () => {
  it('gives an already aborted signal when the client left while the route was preparing', async () => {
    const seen: boolean[] = [];
    let routeEntered!: () => void;
    const entered = new Promise<void>((resolve) => (routeEntered = resolve));
    const { app, port, done } = await serve(
      async function* (signal) {
        seen.push(signal.aborted);
        await Promise.resolve();
        yield { event: 'delta', data: { text: 'never read' } };
      },
      // The route prepares until the client has left (and the server noticed). The client leaves
      // only once the route has begun: leaving earlier would mean the route never runs at all.
      (request) => {
        routeEntered();
        return socketClosed(request);
      },
    );
    try {
      await openAndLeave(port, entered);
      await done;
      expect(seen).toEqual([true]);
    } finally {
      await app.close();
    }
  });

  it('aborts the signal when the client leaves mid-stream and ends without waiting for a drain', async () => {
    const aborted: boolean[] = [];
    const big = 'x'.repeat(64 * 1024);
    const { app, port, done } = await serve(
      async function* (signal) {
        // Far more than the socket buffers: writes must wait for the reader, then stop when it leaves.
        for (let i = 0; i < 10_000 && !signal.aborted; i += 1) {
          yield { event: 'delta', data: { text: big } };
          await Promise.resolve();
        }
        aborted.push(signal.aborted);
      },
      () => Promise.resolve(),
    );
    try {
      await openAndLeave(port, 'first-chunk');
      await done;
      expect(aborted).toEqual([true]);
    } finally {
      await app.close();
    }
  });
});
