import { randomBytes } from 'node:crypto';
import { Metrics } from '../src/core/metrics/metrics';
import { addMember, ApiClient, createApiKey, type Session, signUp, uniqueEmail } from './support/api-client';
import { billingSettings, type LimitDetail, startFakeStripe } from './support/billing-fixture';
import { sql } from './support/database';
import { expectError } from './support/expect-envelope';
import type { FakeStripeServer } from './support/fake-stripe-server';
import { uploadFile } from './support/knowledge-client';
import { startTestApp, type TestApp } from './support/test-app';

const FREE = { seats: 2, documents: 3, storageBytes: 4_000, assistantAnswers: 2, apiKeys: 2 };

/** A text document of `size` bytes that no other upload shares (same bytes would be the same document). */
const textOf = (size: number): Buffer => {
  const head = Buffer.from(`Document ${randomBytes(8).toString('hex')}\n\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 'a')]);
};

describe('billing on: every limit of the free plan answers 402 payment_required', () => {
  let stripe: FakeStripeServer;
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    testApp = await startTestApp(
      billingSettings(stripe, {
        BILLING_FREE_SEATS: String(FREE.seats),
        BILLING_FREE_DOCUMENTS: String(FREE.documents),
        BILLING_FREE_STORAGE_BYTES: String(FREE.storageBytes),
        BILLING_FREE_ASSISTANT_ANSWERS: String(FREE.assistantAnswers),
        BILLING_FREE_API_KEYS: String(FREE.apiKeys),
      }),
    );
    api = new ApiClient(testApp.url);
  });

  afterAll(async () => {
    await testApp?.close();
    await stripe?.close();
  });

  const upload = (session: Session, bytes: Buffer) => uploadFile(testApp.url, session.accessToken, bytes, 'notes.txt');

  function expectLimit(
    response: { status: number; body: unknown; headers: Headers },
    field: string,
    limit: number,
    used: number,
  ) {
    const error = expectError(response, 402, 'payment_required');
    expect(error.details).toEqual([
      { field, message: error.message, limit, used, plan: 'free' },
    ] satisfies LimitDetail[]);
    expect(error.message).toContain('free plan');
    return error;
  }

  const invite = async (owner: Session) => {
    const invited = await api.post<{ data: { token: string } }>('/v1/invitations', {
      token: owner.accessToken,
      body: { email: uniqueEmail('seat'), role: 'member' },
    });
    expect(invited.status).toBe(201);
    return invited.body.data.token;
  };
  const accept = (token: string) =>
    api.post('/v1/invitations/accept', { body: { token, name: 'New member', password: 'a long enough passphrase' } });

  it('shows a new organization on free, with each limit and its usage', async () => {
    const owner = await signUp(api, 'billing-overview');
    await createApiKey(api, owner, 'member');
    const response = await api.get<{ data: Record<string, unknown> }>('/v1/billing', { token: owner.accessToken });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      billingEnabled: true,
      plan: 'free',
      subscription: null,
      entitlements: {
        seats: { limit: FREE.seats, used: 1, period: null },
        documents: { limit: FREE.documents, used: 0, period: null },
        storageBytes: { limit: FREE.storageBytes, used: 0, period: null },
        assistantAnswers: { limit: FREE.assistantAnswers, used: 0, period: 'month' },
        embeddingTokens: { limit: 500_000, used: 0, period: 'month' },
        apiKeys: { limit: FREE.apiKeys, used: 1, period: null },
      },
    });
  });

  it('seats: accepting an invitation past the limit is refused and creates no user', async () => {
    const owner = await signUp(api, 'billing-seats');
    await addMember(api, owner, 'member');
    const token = await invite(owner);
    expectLimit(await accept(token), 'seats', FREE.seats, FREE.seats);
    const [{ count }] = await sql<{ count: string }>('SELECT count(*) FROM users WHERE organization_id = $1', [
      owner.organizationId,
    ]);
    expect(Number(count)).toBe(FREE.seats);
    const [invitation] = await sql<{ accepted_at: Date | null }>(
      'SELECT accepted_at FROM invitations WHERE organization_id = $1 ORDER BY created_at DESC LIMIT 1',
      [owner.organizationId],
    );
    expect(invitation.accepted_at).toBeNull();
  });

  it('seats: two acceptances racing for the last seat, one wins', async () => {
    const owner = await signUp(api, 'billing-seat-race');
    const tokens = await Promise.all([invite(owner), invite(owner), invite(owner)]);
    const statuses = (await Promise.all(tokens.map(accept))).map((response) => response.status).sort();
    expect(statuses).toEqual([201, 402, 402]);
  });

  it('seats: a disabled user frees a seat, and re-enabling past the limit is refused', async () => {
    const owner = await signUp(api, 'billing-reenable');
    const member = await addMember(api, owner, 'member');
    const disable = await api.patch(`/v1/users/${member.userId}`, {
      token: owner.accessToken,
      body: { status: 'disabled' },
    });
    expect(disable.status).toBe(200);
    expect((await accept(await invite(owner))).status).toBe(201);
    const enable = await api.patch(`/v1/users/${member.userId}`, {
      token: owner.accessToken,
      body: { status: 'active' },
    });
    expectLimit(enable, 'seats', FREE.seats, FREE.seats);
    const [row] = await sql<{ status: string }>('SELECT status FROM users WHERE id = $1', [member.userId]);
    expect(row.status).toBe('disabled');
  });

  it('documents: the upload past the limit is refused and stores nothing; deleting frees the slot', async () => {
    const owner = await signUp(api, 'billing-documents');
    const ids: string[] = [];
    for (let i = 0; i < FREE.documents; i++) {
      const response = await upload(owner, textOf(100));
      expect(response.status).toBe(202);
      ids.push(response.body.data.id);
    }
    expectLimit(await upload(owner, textOf(100)), 'documents', FREE.documents, FREE.documents);
    const rows = await sql('SELECT id FROM documents WHERE organization_id = $1', [owner.organizationId]);
    expect(rows).toHaveLength(FREE.documents);
    expect((await api.delete(`/v1/knowledge/documents/${ids[0]}`, { token: owner.accessToken })).status).toBe(200);
    expect((await upload(owner, textOf(100))).status).toBe(202);
  });

  it('stored bytes: an upload that would pass the limit is refused, naming the bytes in use', async () => {
    const owner = await signUp(api, 'billing-bytes');
    expect((await upload(owner, textOf(3_000))).status).toBe(202);
    expectLimit(await upload(owner, textOf(1_500)), 'storageBytes', FREE.storageBytes, 3_000);
    expect((await upload(owner, textOf(1_000))).status).toBe(202);
  });

  it('documents: concurrent uploads at the last free slot, exactly one wins', async () => {
    const owner = await signUp(api, 'billing-upload-race');
    for (let i = 0; i < FREE.documents - 1; i++) expect((await upload(owner, textOf(50))).status).toBe(202);
    const responses = await Promise.all(Array.from({ length: 6 }, () => upload(owner, textOf(50))));
    expect(responses.map((response) => response.status).sort()).toEqual([202, 402, 402, 402, 402, 402]);
    const rows = await sql('SELECT id FROM documents WHERE organization_id = $1', [owner.organizationId]);
    expect(rows).toHaveLength(FREE.documents);
  });

  it('API keys: the key past the limit is refused; revoking one frees its slot', async () => {
    const owner = await signUp(api, 'billing-keys');
    const first = await createApiKey(api, owner, 'member');
    await createApiKey(api, owner, 'admin');
    const refused = await api.post('/v1/api-keys', {
      token: owner.accessToken,
      body: { name: 'third', role: 'member' },
    });
    expectLimit(refused, 'apiKeys', FREE.apiKeys, FREE.apiKeys);
    expect(await sql('SELECT id FROM api_keys WHERE organization_id = $1', [owner.organizationId])).toHaveLength(2);
    expect((await api.delete(`/v1/api-keys/${first.id}`, { token: owner.accessToken })).status).toBe(200);
    await createApiKey(api, owner, 'member');
  });

  it('assistant answers: the month allows its number of answers, concurrent questions included', async () => {
    const owner = await signUp(api, 'billing-answers');
    const ask = () =>
      api.post('/v1/chat', { token: owner.accessToken, body: { message: 'What are the opening hours?' } });
    const statuses = (await Promise.all(Array.from({ length: 5 }, ask))).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 402, 402, 402]);
    expectLimit(await ask(), 'assistantAnswers', FREE.assistantAnswers, FREE.assistantAnswers);
    // The streaming route refuses before any event is sent: a plain JSON envelope.
    const stream = await api.post('/v1/chat/stream', { token: owner.accessToken, body: { message: 'And now?' } });
    expect(stream.headers.get('content-type')).toMatch(/^application\/json/);
    expectLimit(stream, 'assistantAnswers', FREE.assistantAnswers, FREE.assistantAnswers);
    const overview = await api.get<{ data: { entitlements: { assistantAnswers: { used: number } } } }>('/v1/billing', {
      token: owner.accessToken,
    });
    expect(overview.body.data.entitlements.assistantAnswers.used).toBe(FREE.assistantAnswers);
  });

  it('a paid plan lifts the limits; nothing is deleted when it ends, and the organization can read and delete but not add', async () => {
    const owner = await signUp(api, 'billing-shrink');
    await sql(`INSERT INTO billing_accounts (organization_id, plan, status) VALUES ($1, 'team', 'active')`, [
      owner.organizationId,
    ]);
    const ids: string[] = [];
    for (let i = 0; i < FREE.documents + 2; i++) {
      const response = await upload(owner, textOf(100));
      expect(response.status).toBe(202);
      ids.push(response.body.data.id);
    }
    await sql(`UPDATE billing_accounts SET status = 'canceled' WHERE organization_id = $1`, [owner.organizationId]);
    const list = await api.get<{ total: number }>('/v1/knowledge/documents', { token: owner.accessToken });
    expect(list.body.total).toBe(FREE.documents + 2);
    expectLimit(await upload(owner, textOf(100)), 'documents', FREE.documents, FREE.documents + 2);
    expect((await api.delete(`/v1/knowledge/documents/${ids[0]}`, { token: owner.accessToken })).status).toBe(200);
  });

  it('GET /v1/billing is for owners and admins; checkout and the portal for owners', async () => {
    const owner = await signUp(api, 'billing-roles');
    const member = await addMember(api, owner, 'member');
    expectError(await api.get('/v1/billing', { token: member.accessToken }), 403, 'forbidden');
    expectError(await api.get('/v1/billing'), 401, 'unauthorized');
    // A third seat needs a paid plan.
    await sql(
      `INSERT INTO billing_accounts (organization_id, plan, status) VALUES ($1, 'team', 'active')
       ON CONFLICT (organization_id) DO UPDATE SET plan = 'team', status = 'active'`,
      [owner.organizationId],
    );
    const admin = await addMember(api, owner, 'admin');
    expect((await api.get('/v1/billing', { token: admin.accessToken })).status).toBe(200);
    expectError(
      await api.post('/v1/billing/checkout', { token: admin.accessToken, body: { plan: 'team' } }),
      403,
      'forbidden',
    );
    expectError(await api.post('/v1/billing/portal', { token: admin.accessToken }), 403, 'forbidden');
  });

  it('counts usage and refusals in metrics by plan, never by organization', async () => {
    const metrics = testApp.app.get(Metrics);
    const usage = await metrics.registry.getSingleMetricAsString('billing_usage_total');
    const refusals = await metrics.registry.getSingleMetricAsString('billing_limit_reached_total');
    expect(usage).toMatch(/billing_usage_total\{plan="free",entitlement="documents"\} [1-9]/);
    expect(refusals).toMatch(/billing_limit_reached_total\{plan="free",entitlement="seats"\} [1-9]/);
    expect(`${usage}${refusals}`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
