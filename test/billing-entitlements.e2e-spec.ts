import { Entitlements } from '../src/plans/entitlements';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { PaymentRequiredError } from '../src/core/http/app-error';
import { ApiClient, signUp } from './support/api-client';
import { billingSettings, startFakeStripe } from './support/billing-fixture';
import { sql } from './support/database';
import type { FakeStripeServer } from './support/fake-stripe-server';
import { startTestApp, type TestApp } from './support/test-app';

const TOKENS = 1_000;

/** The entitlement API the embedding code will call (issue 14): counted per month, atomic, refused past the limit. */
describe('Entitlements.consume (embedding tokens)', () => {
  let stripe: FakeStripeServer;
  let testApp: TestApp;
  let api: ApiClient;
  let entitlements: Entitlements;
  let tenant: TenantTransaction;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    testApp = await startTestApp(billingSettings(stripe, { BILLING_FREE_EMBEDDING_TOKENS: String(TOKENS) }));
    api = new ApiClient(testApp.url);
    entitlements = testApp.app.get(Entitlements);
    tenant = testApp.app.get(TenantTransaction);
  });
  afterAll(async () => {
    await testApp?.close();
    await stripe?.close();
  });

  const consume = (organizationId: string, amount: number) =>
    tenant.run(organizationId, (manager) => entitlements.consume(manager, organizationId, 'embeddingTokens', amount));
  const used = async (organizationId: string) =>
    Number(
      (
        await sql<{ used: string }>(
          `SELECT used FROM billing_usage WHERE organization_id = $1 AND entitlement = 'embeddingTokens'`,
          [organizationId],
        )
      )[0]?.used ?? 0,
    );

  it('adds up within the month and refuses what would pass the limit, naming limit, usage and plan', async () => {
    const { organizationId } = await signUp(api, 'tokens');
    await consume(organizationId, 600);
    await consume(organizationId, 400);
    const refusal = await consume(organizationId, 1).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PaymentRequiredError);
    expect((refusal as PaymentRequiredError).details).toEqual([
      { field: 'embeddingTokens', message: expect.any(String), limit: TOKENS, used: TOKENS, plan: 'free' },
    ]);
    expect(await used(organizationId)).toBe(TOKENS);
    // The period is the calendar month (UTC).
    const [{ period_start }] = await sql<{ period_start: string }>(
      `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start FROM billing_usage WHERE organization_id = $1`,
      [organizationId],
    );
    expect(period_start).toBe(`${new Date().toISOString().slice(0, 7)}-01`);
  });

  it('refuses a single request larger than the whole limit, writing nothing', async () => {
    const { organizationId } = await signUp(api, 'tokens-big');
    await expect(consume(organizationId, TOKENS + 1)).rejects.toBeInstanceOf(PaymentRequiredError);
    expect(await used(organizationId)).toBe(0);
  });

  it('concurrent consumers cannot both take the last units', async () => {
    const { organizationId } = await signUp(api, 'tokens-race');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => consume(organizationId, 300)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    expect(await used(organizationId)).toBe(900);
  });

  it('a refusal inside the caller transaction leaves the caller nothing half-written', async () => {
    const { organizationId } = await signUp(api, 'tokens-rollback');
    await consume(organizationId, TOKENS);
    const attempt = tenant.run(organizationId, async (manager) => {
      await manager.query(`UPDATE organizations SET name = 'changed' WHERE id = $1`, [organizationId]);
      await entitlements.consume(manager, organizationId, 'embeddingTokens', 1);
    });
    await expect(attempt).rejects.toBeInstanceOf(PaymentRequiredError);
    const [organization] = await sql<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [
      organizationId,
    ]);
    expect(organization.name).not.toBe('changed');
  });
});
