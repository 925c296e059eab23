import type { INestApplicationContext } from '@nestjs/common';
import Stripe from 'stripe';
import { ApiClient, type Session, signUp } from './support/api-client';
import { billingSettings, PRICES, startFakeStripe, WEBHOOK_SECRET } from './support/billing-fixture';
import { captureStdout } from './support/capture-stdout';
import { sql } from './support/database';
import { expectError } from './support/expect-envelope';
import type { FakeStripeServer } from './support/fake-stripe-server';
import { uploadFile, startInProcessWorker } from './support/knowledge-client';
import { deliver, signEvent, stripeEvent } from './support/stripe-events';
import { startTestApp, type TestApp } from './support/test-app';
import { testStack } from './support/test-stack';

interface BillingBody {
  data: {
    plan: string;
    subscription: null | {
      plan: string | null;
      status: string;
      cancelAtPeriodEnd: boolean;
      currentPeriodEnd: string | null;
      graceEndsAt: string | null;
    };
    entitlements: Record<string, { limit: number | null; used: number }>;
  };
}

interface EventRow {
  processed_at: Date | null;
  outcome: string | null;
  failures: number;
}

const FREE_DOCUMENTS = 2;
const now = () => Math.floor(Date.now() / 1000);

describe('Stripe webhooks: verified, stored once, applied once by the worker, newest state wins', () => {
  let stripe: FakeStripeServer;
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let api: ApiClient;
  let output: ReturnType<typeof captureStdout>;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    // JSON log lines at info, to read the worker's failure lines (one process: both apps share pino's root logger).
    // A Redis database of its own: other specs' workers (billing off, other limits) must not take
    // this spec's jobs, nor this worker theirs.
    const redis = new URL(testStack().redisUrl);
    redis.pathname = '/7';
    const settings = billingSettings(stripe, {
      REDIS_URL: redis.toString(),
      BILLING_FREE_DOCUMENTS: String(FREE_DOCUMENTS),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    });
    output = captureStdout();
    testApp = await startTestApp(settings);
    worker = await startInProcessWorker(settings);
    api = new ApiClient(testApp.url);
  });

  afterAll(async () => {
    await worker?.close();
    await testApp?.close();
    await stripe?.close();
    output?.restore();
  });

  const eventRow = async (id: string): Promise<EventRow | undefined> =>
    (await sql<EventRow>('SELECT processed_at, outcome, failures FROM billing_events WHERE id = $1', [id]))[0];

  async function processed(id: string, timeoutMs = 20_000): Promise<EventRow> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await eventRow(id);
      if (row?.processed_at) return row;
      if (Date.now() > deadline) throw new Error(`event ${id} not processed`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const billing = async (session: Session) =>
    (await api.get<BillingBody>('/v1/billing', { token: session.accessToken })).body.data;

  /** Sends a signed event about `subscription` and waits for the worker to apply it. */
  async function send(type: string, object: Record<string, unknown>, created = now()): Promise<string> {
    const signed = signEvent(stripeEvent(type, object, created), WEBHOOK_SECRET);
    const response = await deliver(testApp.url, signed.body, signed.signature);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { message: 'Event received' },
    });
    await processed(signed.id);
    return signed.id;
  }

  /** An organization subscribed through Checkout: the session's customer, a subscription in Stripe, the completed event. */
  async function subscribe(label: string, plan: keyof typeof PRICES = 'team') {
    const owner = await signUp(api, label);
    const checkout = await api.post<{ data: { url: string } }>('/v1/billing/checkout', {
      token: owner.accessToken,
      body: { plan },
    });
    expect(checkout.status).toBe(201);
    const session = stripe.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1);
    const customer = session?.params.customer as string;
    const subscription = stripe.putSubscription({
      customer,
      status: 'active',
      price: PRICES[plan],
      organizationId: owner.organizationId,
    });
    await send('checkout.session.completed', {
      id: 'cs_test_completed',
      object: 'checkout.session',
      mode: 'subscription',
      client_reference_id: owner.organizationId,
      customer,
      subscription: subscription.id,
      metadata: { organizationId: owner.organizationId },
    });
    /** Stripe's current state of this subscription, as a later change would leave it. */
    const restate = (status: string, price: string = PRICES[plan]) =>
      stripe.putSubscription({ id: subscription.id, customer, status, price, organizationId: owner.organizationId });
    return { owner, customer, subscription, restate };
  }

  describe('verification', () => {
    const body = () =>
      JSON.stringify(stripeEvent('customer.subscription.updated', { id: 'sub_x', object: 'subscription' }));

    it('refuses a missing, malformed or wrongly keyed signature with 400, storing nothing', async () => {
      const payload = body();
      const id = (JSON.parse(payload) as { id: string }).id;
      const cases = [
        undefined,
        'not a signature',
        signEvent(JSON.parse(payload) as { id: string }, 'whsec_someone_else_0123456789').signature,
      ];
      for (const signature of cases) {
        const response = await deliver(testApp.url, payload, signature);
        const text = await response.text();
        expectError({ status: response.status, headers: response.headers, body: JSON.parse(text) }, 400, 'bad_request');
      }
      expect(await eventRow(id)).toBeUndefined();
    });

    it('refuses a body that is not the one signed (the signature covers the exact bytes)', async () => {
      const event = stripeEvent('customer.subscription.updated', { id: 'sub_x', object: 'subscription' });
      const signed = signEvent(event, WEBHOOK_SECRET);
      // Same JSON, other bytes: a re-serialized body would not verify either.
      const reformatted = JSON.stringify(event, null, 2);
      expect((await deliver(testApp.url, reformatted, signed.signature)).status).toBe(400);
      expect(await eventRow(event.id)).toBeUndefined();
    });

    it('keeps the body limit and the content type on the raw route, in the envelope', async () => {
      const big = JSON.stringify({ id: 'evt_big', padding: 'x'.repeat(testApp.config.BODY_LIMIT_BYTES) });
      const signed = Stripe.webhooks.generateTestHeaderString({ payload: big, secret: WEBHOOK_SECRET });
      const tooLarge = await deliver(testApp.url, big, signed);
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
      const text = await fetch(`${testApp.url}/v1/billing/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml', 'stripe-signature': signed },
        body: '<event/>',
      });
      expect(text.status).toBe(415);
      expect(await text.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    });

    it('refuses a replay outside the tolerance (signed more than five minutes ago)', async () => {
      const event = stripeEvent('customer.subscription.updated', { id: 'sub_x', object: 'subscription' });
      const old = signEvent(event, WEBHOOK_SECRET, now() - 301);
      const response = await deliver(testApp.url, old.body, old.signature);
      expect(response.status).toBe(400);
      expect(await eventRow(event.id)).toBeUndefined();
      const fresh = signEvent(event, WEBHOOK_SECRET, now() - 60);
      expect((await deliver(testApp.url, fresh.body, fresh.signature)).status).toBe(200);
    });
  });

  it('checkout: creates one customer (idempotent) and a session carrying the organization; the completed event applies the plan', async () => {
    const { owner, customer, subscription } = await subscribe('webhook-checkout');
    const customers = stripe.requests.filter((r) => r.path === '/v1/customers' && r.method === 'POST');
    const mine = customers.filter(
      (r) => (r.params.metadata as { organizationId?: string }).organizationId === owner.organizationId,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].idempotencyKey).toBe(`deskbase-customer-${owner.organizationId}`);
    const session = stripe.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1);
    expect(session?.params).toMatchObject({
      mode: 'subscription',
      customer,
      client_reference_id: owner.organizationId,
      line_items: [{ price: PRICES.team, quantity: '1' }],
      subscription_data: { metadata: { organizationId: owner.organizationId } },
    });
    const state = await billing(owner);
    expect(state.plan).toBe('team');
    expect(state.subscription).toMatchObject({ plan: 'team', status: 'active', cancelAtPeriodEnd: false });
    expect(state.entitlements.documents.limit).toBe(2_000);
    const [account] = await sql<{ stripe_subscription_id: string; stripe_customer_id: string }>(
      'SELECT stripe_subscription_id, stripe_customer_id FROM billing_accounts WHERE organization_id = $1',
      [owner.organizationId],
    );
    expect(account).toEqual({ stripe_subscription_id: subscription.id, stripe_customer_id: customer });

    // Subscribed: a second checkout is refused, the portal opens.
    expectError(
      await api.post('/v1/billing/checkout', { token: owner.accessToken, body: { plan: 'business' } }),
      409,
      'conflict',
    );
    const portal = await api.post<{ data: { url: string } }>('/v1/billing/portal', { token: owner.accessToken });
    expect(portal.status).toBe(201);
    expect(portal.body.data.url).toMatch(/\/portal\/bps_/);
  });

  it('a customer created but whose answer was lost is not created twice: the retry carries the same idempotency key', async () => {
    stripe.failNext('POST', '/v1/customers', 1, true);
    const owner = await signUp(api, 'webhook-idempotent');
    const checkout = await api.post('/v1/billing/checkout', { token: owner.accessToken, body: { plan: 'team' } });
    expect(checkout.status).toBe(201);
    const mine = [...stripe.customers.values()].filter(
      (c) => (c.metadata as { organizationId?: string }).organizationId === owner.organizationId,
    );
    expect(mine).toHaveLength(1);
  });

  it('checkout: a bad plan is 422, Stripe being down is 503, and the portal before any checkout is 409', async () => {
    const owner = await signUp(api, 'webhook-checkout-errors');
    expectError(
      await api.post('/v1/billing/checkout', { token: owner.accessToken, body: { plan: 'gold' } }),
      422,
      'validation_failed',
    );
    expectError(await api.post('/v1/billing/portal', { token: owner.accessToken }), 409, 'conflict');
    stripe.failNext('POST', '/v1/checkout/sessions', 1);
    const down = await api.post('/v1/billing/checkout', { token: owner.accessToken, body: { plan: 'team' } });
    const error = expectError(down, 503, 'service_unavailable');
    expect(error.message).not.toMatch(/sk_test|stripe\.com|api_error/);
  });

  it('a duplicate delivery is acknowledged and applied once', async () => {
    const { owner, subscription } = await subscribe('webhook-duplicate');
    const retrievals = () => stripe.requests.filter((r) => r.path === `/v1/subscriptions/${subscription.id}`).length;
    const before = retrievals();
    const event = stripeEvent('customer.subscription.updated', subscription);
    const signed = signEvent(event, WEBHOOK_SECRET);
    const first = await deliver(testApp.url, signed.body, signed.signature);
    const second = await deliver(testApp.url, signed.body, signed.signature);
    expect([first.status, second.status]).toEqual([200, 200]);
    await processed(event.id);
    const third = await deliver(testApp.url, signed.body, signed.signature);
    expect(third.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(retrievals() - before).toBe(1);
    expect(await sql('SELECT id FROM billing_events WHERE id = $1', [event.id])).toHaveLength(1);
    expect((await billing(owner)).plan).toBe('team');
  });

  it('out of order: an older event arriving last does not overwrite the newer state', async () => {
    const { owner, subscription, restate } = await subscribe('webhook-order');
    const upgraded = restate('active', PRICES.business);
    await send('customer.subscription.updated', upgraded, now());
    expect((await billing(owner)).plan).toBe('business');
    // An hour-old update saying "team, past due" is delivered late.
    const stale = { ...subscription, status: 'past_due' };
    await send('customer.subscription.updated', stale, now() - 3_600);
    const state = await billing(owner);
    expect(state.plan).toBe('business');
    expect(state.subscription?.status).toBe('active');
  });

  it('past due keeps the plan through the grace period, then free limits: nothing deleted, read and delete allowed, adding refused', async () => {
    const { owner, customer, restate } = await subscribe('webhook-past-due');
    const ids: string[] = [];
    for (let i = 0; i < FREE_DOCUMENTS + 1; i++) {
      const response = await uploadFile(
        testApp.url,
        owner.accessToken,
        Buffer.from(`Past due document ${i}`),
        `n${i}.txt`,
      );
      expect(response.status).toBe(202);
      ids.push(response.body.data.id);
    }
    const failing = restate('past_due', PRICES.team);
    await send('invoice.payment_failed', {
      id: 'in_test_failed',
      object: 'invoice',
      customer,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: failing.id, metadata: { organizationId: owner.organizationId } },
      },
    });
    let state = await billing(owner);
    expect(state.plan).toBe('team');
    expect(state.subscription?.status).toBe('past_due');
    expect(Date.parse(state.subscription?.graceEndsAt ?? '')).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    // The grace period (7 days by default) is over.
    await sql(`UPDATE billing_accounts SET past_due_since = now() - interval '8 days' WHERE organization_id = $1`, [
      owner.organizationId,
    ]);
    state = await billing(owner);
    expect(state.plan).toBe('free');
    expect(state.entitlements.documents).toEqual({ limit: FREE_DOCUMENTS, used: FREE_DOCUMENTS + 1, period: null });
    const refused = await uploadFile(testApp.url, owner.accessToken, Buffer.from('One more'), 'more.txt');
    expect(refused.status).toBe(402);
    expect((await api.get<{ total: number }>('/v1/knowledge/documents', { token: owner.accessToken })).body.total).toBe(
      FREE_DOCUMENTS + 1,
    );
    expect((await api.delete(`/v1/knowledge/documents/${ids[0]}`, { token: owner.accessToken })).status).toBe(200);

    // Paid again: the plan is back.
    const paid = restate('active', PRICES.team);
    await send('invoice.paid', {
      id: 'in_test_paid',
      object: 'invoice',
      customer,
      parent: { type: 'subscription_details', subscription_details: { subscription: paid.id, metadata: {} } },
    });
    state = await billing(owner);
    expect(state.plan).toBe('team');
    expect(state.subscription?.graceEndsAt).toBeNull();
  });

  it('a deleted subscription returns the organization to free', async () => {
    const { owner, restate } = await subscribe('webhook-deleted');
    const canceled = restate('canceled', PRICES.team);
    await send('customer.subscription.deleted', canceled);
    const state = await billing(owner);
    expect(state.plan).toBe('free');
    expect(state.subscription?.status).toBe('canceled');
  });

  it('a subscription made outside Checkout (no metadata) is matched through the customer Deskbase created', async () => {
    const { owner, customer } = await subscribe('webhook-dashboard');
    const made = stripe.putSubscription({ customer, status: 'active', price: PRICES.business });
    await send('customer.subscription.created', made);
    expect((await billing(owner)).plan).toBe('business');
    expect(stripe.requests.some((r) => r.method === 'GET' && r.path === `/v1/customers/${customer}`)).toBe(true);
  });

  it('an unknown event type is stored and acknowledged, and nothing else happens', async () => {
    const event = stripeEvent('customer.tax_id.created', { id: 'txi_123', object: 'tax_id' });
    const signed = signEvent(event, WEBHOOK_SECRET);
    const response = await deliver(testApp.url, signed.body, signed.signature);
    expect(response.status).toBe(200);
    expect(await eventRow(event.id)).toEqual({ processed_at: expect.any(Date), outcome: 'ignored', failures: 0 });
  });

  it('a job that fails once is retried and succeeds; the failure is logged with the event id and type, never the payload', async () => {
    const { owner, customer, subscription, restate } = await subscribe('webhook-retry');
    const upgraded = restate('active', PRICES.business);
    stripe.failNext('GET', `/v1/subscriptions/${subscription.id}`, 1);
    const id = await send('customer.subscription.updated', upgraded);
    expect(await eventRow(id)).toMatchObject({ outcome: 'applied', failures: 1 });
    expect((await billing(owner)).plan).toBe('business');
    const failures = output.lines().filter((line) => line.msg === 'billing.webhook_failed' && line.eventId === id);
    expect(failures).toEqual([
      expect.objectContaining({ eventId: id, eventType: 'customer.subscription.updated', attempt: 1 }),
    ]);
    const logged = JSON.stringify(failures);
    expect(logged).not.toContain(customer);
    expect(logged).not.toContain(owner.organizationId);
  });
});
