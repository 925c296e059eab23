import { request as httpRequest } from 'node:http';
import Redis from 'ioredis';
import { ApiClient, signUp, type Session } from './support/api-client';
import { eventually } from './support/eventually';
import { anthropicAt, FakeModelServer } from './support/fake-model-server';
import { passage, PassageFixture, withPassages } from './support/passage-fixture';
import { openStream } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';
import { testStack } from './support/test-stack';

const MAX_STREAMS = 5;

/** Sends the request and drops the socket as soon as it is written: no byte of the answer is read. */
function postAndLeave(url: string, token: string, body: unknown): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const req = httpRequest({
      host: hostname,
      port,
      path: '/v1/chat/stream',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    req.on('error', () => undefined);
    req.on('close', () => resolve());
    req.end(JSON.stringify(body), () => req.destroy());
  });
}

/**
 * Clients that leave an answer stream early, at every stage: the organization's stream slots
 * (a Redis sorted set, limit ASSISTANT_MAX_CONCURRENT_STREAMS) must come back each time, well
 * before a lease could lapse on its own.
 */
describe('assistant stream: clients that leave early give their slot back', () => {
  let t: TestApp;
  let api: ApiClient;
  let upstream: FakeModelServer;
  let redis: Redis;
  const fixture = new PassageFixture();

  beforeAll(async () => {
    upstream = await new FakeModelServer().start();
    t = await startTestApp(
      {
        ...anthropicAt(upstream),
        ANTHROPIC_MODEL: 'claude-test',
        // Longer than any wait below: a slot that comes back did so because the client left.
        ASSISTANT_PROVIDER_TIMEOUT_MS: '20000',
        ASSISTANT_HEARTBEAT_MS: '100',
        ASSISTANT_MAX_CONCURRENT_STREAMS: String(MAX_STREAMS),
      },
      withPassages(fixture),
    );
    api = new ApiClient(t.url);
    redis = new Redis(testStack().redisUrl);
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
    await upstream.stop();
  });

  async function organization(): Promise<Session> {
    const owner = await signUp(api, 'leaver');
    fixture.set(owner.organizationId, [passage({ documentTitle: 'Refund policy', text: 'Refunds take five days.' })]);
    return owner;
  }

  const slotsHeld = (owner: Session): Promise<number> => redis.zcard(`assistant:streams:${owner.organizationId}`);
  const slotsBack = (owner: Session): Promise<number> =>
    eventually(
      () => slotsHeld(owner),
      (held) => held === 0,
    );

  it(`${MAX_STREAMS} clients that close before the first byte leave every slot free`, async () => {
    const owner = await organization();
    // No plan is queued: whether or not the upstream is still asked, it answers in full.
    await Promise.all(
      Array.from({ length: MAX_STREAMS }, () => postAndLeave(t.url, owner.accessToken, { message: 'Gone at once' })),
    );
    expect(await slotsBack(owner)).toBe(0);
    const next = await api.post('/v1/chat', { token: owner.accessToken, body: { message: 'Still there?' } });
    expect(next.status).toBe(200);
  });

  it('a client that closes mid-stream gives its slot back', async () => {
    const owner = await organization();
    upstream.enqueue({ steps: [{ text: 'Half of ' }, { stall: true }] });
    const stream = await openStream(t.url, owner.accessToken, { message: 'I will leave mid-answer' });
    for await (const event of stream.events) if (event.event === 'delta') break;
    expect(await slotsHeld(owner)).toBe(1);
    stream.abort();
    expect(await slotsBack(owner)).toBe(0);
  });

  it('a client that closes while the upstream is silent gives its slot back', async () => {
    const owner = await organization();
    upstream.enqueue({ steps: [{ stall: true }] });
    const stream = await openStream(t.url, owner.accessToken, { message: 'Anyone there?' });
    // Read by hand: leaving a for-await loop would close the stream, and this client stays.
    const events = stream.events[Symbol.asyncIterator]();
    for (let next = await events.next(); !next.done && next.value.event !== 'sources'; next = await events.next());
    // The upstream has the request and says nothing; only heartbeats would flow.
    const asked = await eventually(
      () => Promise.resolve(upstream.last().body),
      (body) => JSON.stringify(body).includes('Anyone there?'),
    );
    expect(JSON.stringify(asked)).toContain('Anyone there?');
    // Still connected, nothing from the upstream: the slot is held for the whole silence.
    expect(await slotsHeld(owner)).toBe(1);
    stream.abort();
    expect(await slotsBack(owner)).toBe(0);
    const next = await api.post('/v1/chat', { token: owner.accessToken, body: { message: 'Back again' } });
    expect(next.status).toBe(200);
  });
});
