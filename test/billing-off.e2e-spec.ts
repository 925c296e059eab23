import { ApiClient, addMember, createApiKey, signUp } from './support/api-client';
import { sql } from './support/database';
import { expectError } from './support/expect-envelope';
import { uploadFile } from './support/knowledge-client';
import { signEvent, stripeEvent, deliver } from './support/stripe-events';
import { startTestApp, type TestApp } from './support/test-app';

/** Without STRIPE_SECRET_KEY: the self-hosted plan, no limit, no billing rows, no webhook endpoint. */
describe('billing off (no Stripe key)', () => {
  let testApp: TestApp;
  let api: ApiClient;

  // Free limits far below what the spec uses: they must not apply while billing is off.
  beforeAll(async () => {
    testApp = await startTestApp({
      BILLING_FREE_SEATS: '1',
      BILLING_FREE_DOCUMENTS: '0',
      BILLING_FREE_API_KEYS: '0',
      BILLING_FREE_ASSISTANT_ANSWERS: '0',
    });
    api = new ApiClient(testApp.url);
  });
  afterAll(() => testApp?.close());

  it('limits nothing and writes no billing state', async () => {
    const owner = await signUp(api, 'billing-off');
    await addMember(api, owner, 'member');
    await createApiKey(api, owner, 'member');
    const upload = await uploadFile(testApp.url, owner.accessToken, Buffer.from('Self-hosted notes'), 'notes.txt');
    expect(upload.status).toBe(202);
    const answer = await api.post('/v1/chat', { token: owner.accessToken, body: { message: 'Anything?' } });
    expect(answer.status).toBe(200);
    expect(await sql('SELECT 1 FROM billing_accounts WHERE organization_id = $1', [owner.organizationId])).toEqual([]);
    expect(await sql('SELECT 1 FROM billing_usage WHERE organization_id = $1', [owner.organizationId])).toEqual([]);

    const overview = await api.get<{ data: Record<string, unknown> }>('/v1/billing', { token: owner.accessToken });
    expect(overview.body.data).toMatchObject({ billingEnabled: false, plan: 'self_hosted', subscription: null });
    expect(overview.body.data.entitlements).toMatchObject({
      seats: { limit: null, used: 2 },
      documents: { limit: null, used: 1 },
      apiKeys: { limit: null, used: 1 },
      assistantAnswers: { limit: null, used: 0 },
    });
  });

  it('checkout and the portal say billing is off (409); the webhook endpoint does not exist (404)', async () => {
    const owner = await signUp(api, 'billing-off-routes');
    const checkout = expectError(
      await api.post('/v1/billing/checkout', { token: owner.accessToken, body: { plan: 'team' } }),
      409,
      'conflict',
    );
    expect(checkout.message).toBe('Billing is not enabled on this server');
    expectError(await api.post('/v1/billing/portal', { token: owner.accessToken }), 409, 'conflict');
    const signed = signEvent(
      stripeEvent('invoice.paid', { id: 'in_1', object: 'invoice' }),
      'whsec_anything_0123456789',
    );
    const response = await deliver(testApp.url, signed.body, signed.signature);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(await sql('SELECT 1 FROM billing_events WHERE id = $1', [signed.id])).toEqual([]);
  });
});
