import type { INestApplicationContext } from '@nestjs/common';
import { ApiClient, signUp, type Session } from './support/api-client';
import { billingSettings, startFakeStripe } from './support/billing-fixture';
import { sql } from './support/database';
import { FakeEmbeddingServer } from './support/fake-embedding-server';
import type { FakeStripeServer } from './support/fake-stripe-server';
import {
  type EmbeddedDocument,
  type SearchHitBody,
  startInProcessWorker,
  uploadAndEmbed,
} from './support/knowledge-client';
import { startTestApp, type TestApp } from './support/test-app';
import { testStack } from './support/test-stack';

interface EmbeddingTokensUsage {
  limit: number;
  used: number;
}

/** The free plan's embedding tokens a month: the first document fits, the second passes them. */
const TOKEN_LIMIT = 60;
const FITS = '# Fonts\n\nFonts that disappeared come back once reinstalled.';
const PASSES = `# Refunds\n\n${'Gift cards are never refundable, but they can be transferred once. '.repeat(6)}`;

/**
 * The plan's embedding tokens, end to end: the real worker embeds through the fake provider and
 * counts what the provider billed against billing's `embeddingTokens`; past the month's limit it
 * stores no vector, marks the document `embedding_quota_exceeded`, and lexical search still
 * finds it. Its own Redis database keeps its queue apart from the other specs' workers.
 */
describe('embedding tokens under a plan limit', () => {
  const provider = new FakeEmbeddingServer();
  let stripe: FakeStripeServer;
  let t: TestApp;
  let worker: INestApplicationContext;
  let api: ApiClient;
  let owner: Session;

  const upload = (title: string, content: string): Promise<EmbeddedDocument> =>
    uploadAndEmbed(api, owner.accessToken, title, content);

  const embeddingTokens = async (): Promise<EmbeddingTokensUsage> =>
    (
      await api.get<{ data: { entitlements: { embeddingTokens: EmbeddingTokensUsage } } }>('/v1/billing', {
        token: owner.accessToken,
      })
    ).body.data.entitlements.embeddingTokens;

  const vectorsOf = async (documentId: string): Promise<number> =>
    (
      await sql<{ count: number }>('SELECT count(*)::int AS count FROM chunk_embeddings WHERE document_id = $1', [
        documentId,
      ])
    )[0].count;

  beforeAll(async () => {
    await provider.start();
    stripe = await startFakeStripe();
    const settings = billingSettings(stripe, {
      REDIS_URL: `${testStack().redisUrl}/8`,
      BILLING_FREE_EMBEDDING_TOKENS: String(TOKEN_LIMIT),
      EMBEDDING_PROVIDER: 'openai',
      EMBEDDING_BASE_URL: provider.url,
      EMBEDDING_MODEL: 'concepts-1',
      KNOWLEDGE_RECONCILE_INTERVAL_MS: '3600000',
    });
    t = await startTestApp(settings);
    worker = await startInProcessWorker(settings);
    api = new ApiClient(t.url);
    owner = await signUp(api, 'embedding-quota');
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await stripe?.close();
    await provider.stop();
  });

  it('counts the tokens the provider billed against the plan, and embeds while they last', async () => {
    const document = await upload('Fonts', FITS);
    expect(document.embedding).toEqual({ status: 'ready', progress: 100, code: null });
    expect(await vectorsOf(document.id)).toBe(document.chunkCount);
    const usage = await embeddingTokens();
    expect(usage).toEqual({ limit: TOKEN_LIMIT, used: provider.billedTokens, period: 'month' });
    expect(usage.used).toBeGreaterThan(0);
  });

  it('past the limit stores no vector and marks the document, which lexical search still finds', async () => {
    const before = await embeddingTokens();
    const document = await upload('Refunds', PASSES);
    expect(document).toMatchObject({
      status: 'ready',
      embedding: { status: 'failed', progress: 0, code: 'embedding_quota_exceeded' },
    });
    expect(await vectorsOf(document.id)).toBe(0);
    // The provider answered (and billed) the refused batch, but the month's count never passes the limit.
    expect(provider.billedTokens).toBeGreaterThan(TOKEN_LIMIT);
    expect(await embeddingTokens()).toEqual(before);
    const [{ tokens }] = await sql<{ tokens: string | null }>(
      'SELECT sum(tokens)::text AS tokens FROM embedding_usage WHERE organization_id = $1',
      [owner.organizationId],
    );
    expect(Number(tokens)).toBe(before.used);

    const found = await api.get<{ data: SearchHitBody[] }>(
      `/v1/knowledge/search?q=${encodeURIComponent('gift cards refundable')}&mode=lexical`,
      { token: owner.accessToken },
    );
    expect(found.status).toBe(200);
    expect(found.body.data.map((hit) => hit.documentId)).toContain(document.id);
  });
});
