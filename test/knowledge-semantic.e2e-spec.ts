import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { EmbeddingReconciler } from '../src/knowledge/embedding/embedding-reconciler';
import { ApiClient, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import { FakeEmbeddingServer } from './support/fake-embedding-server';
import {
  type DocumentBody,
  type EmbeddedDocument,
  type SearchHitBody,
  startInProcessWorker,
  uploadAndEmbed,
  waitForEmbedding,
  waitForIndexing,
} from './support/knowledge-client';
import { streamAll } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';
import { testConfig } from './support/test-config';
import { testStack } from './support/test-stack';

const FONTS = [
  '# Fonts',
  '',
  'Fonts that disappeared from the editor come back once you reinstall them from the font manager.',
].join('\n');
const REFUNDS = ['# Refunds', '', 'Gift cards are never refundable, but they can be transferred once.'].join('\n');
const PRINTERS = ['# Printers', '', 'A printer that prints blank pages needs its driver updated.'].join('\n');

/**
 * Semantic and hybrid search against a local OpenAI-compatible embeddings server. Its own Redis
 * database keeps its queue apart from the other specs' workers (which run without embeddings).
 */
describe('semantic retrieval', () => {
  const provider = new FakeEmbeddingServer();
  let settings: Record<string, string>;
  let t: TestApp;
  let worker: INestApplicationContext;
  let api: ApiClient;
  let owner: Session;
  let other: Session;
  let fonts: EmbeddedDocument;
  let refunds: EmbeddedDocument;

  const upload = (who: Session, title: string, content: string): Promise<EmbeddedDocument> =>
    uploadAndEmbed(api, who.accessToken, title, content);

  const getDocument = async (who: Session, id: string): Promise<EmbeddedDocument> =>
    (await api.get<{ data: EmbeddedDocument }>(`/v1/knowledge/documents/${id}`, { token: who.accessToken })).body.data;

  const search = (who: Session, query: string, mode?: string) =>
    api.get<{ data: SearchHitBody[] }>(
      `/v1/knowledge/search?q=${encodeURIComponent(query)}${mode ? `&mode=${mode}` : ''}`,
      { token: who.accessToken },
    );

  beforeAll(async () => {
    await provider.start();
    settings = {
      REDIS_URL: `${testStack().redisUrl}/7`,
      EMBEDDING_PROVIDER: 'openai',
      EMBEDDING_BASE_URL: provider.url,
      EMBEDDING_MODEL: 'concepts-1',
      EMBEDDING_BATCH_SIZE: '2',
      EMBEDDING_MAX_ATTEMPTS: '3',
      EMBEDDING_MAX_INPUT_TOKENS: '100',
      // The reconciler runs when a test asks it to.
      KNOWLEDGE_RECONCILE_INTERVAL_MS: '3600000',
      KNOWLEDGE_STALE_AFTER_MS: '1000',
    };
    t = await startTestApp(settings);
    worker = await startInProcessWorker(settings);
    api = new ApiClient(t.url);
    owner = await signUp(api, 'semantic');
    other = await signUp(api, 'semantic-other');
    fonts = await upload(owner, 'Fonts', FONTS);
    refunds = await upload(owner, 'Refunds', REFUNDS);
    await upload(owner, 'Printers', PRINTERS);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await provider.stop();
  });

  it('embeds every chunk after indexing, over the wire format the SDK uses, in batches', () => {
    expect(fonts).toMatchObject({ status: 'ready', embedding: { status: 'ready', progress: 100, code: null } });
    const request = provider.requests[0];
    expect(request.body).toMatchObject({ model: 'concepts-1', encoding_format: 'base64' });
    expect(provider.requests.every((r) => [r.body.input].flat().length <= 2)).toBe(true);
    expect(provider.inputs()).toContain(
      'Fonts\nFonts that disappeared from the editor come back once you reinstall them from the font manager.',
    );
  });

  it('finds a paraphrase by meaning that the lexical side misses, and hybrid finds both sides', async () => {
    const lexical = await search(owner, 'my lettering is absent', 'lexical');
    expect(lexical.status).toBe(200);
    expect(lexical.body.data.map((hit) => hit.documentId)).not.toContain(fonts.id);

    const semantic = await search(owner, 'my lettering is absent', 'semantic');
    expect(semantic.headers.get('x-search-mode')).toBe('semantic');
    expect(semantic.body.data[0]).toMatchObject({ documentId: fonts.id, headingPath: ['Fonts'] });
    expect(semantic.body.data[0].snippet).toContain('Fonts that disappeared');

    // "refundable" only matches by words; "absent" only by meaning (lexical search relates it to
    // "missing", "gone" and "lost", none of which a passage holds: the fonts one says "disappeared").
    const hybrid = await search(owner, 'absent refundable');
    expect(hybrid.headers.get('x-search-mode')).toBe('hybrid');
    expect(hybrid.headers.get('x-search-fallback')).toBeNull();
    const found = hybrid.body.data.map((hit) => hit.documentId);
    expect(found.slice(0, 2)).toEqual(expect.arrayContaining([fonts.id, refunds.id]));
  });

  it('grounds the assistant with hybrid retrieval: a paraphrased question finds its passage', async () => {
    const { status, received } = await streamAll(t.url, owner.accessToken, { message: 'My typeface is missing?' });
    expect(status).toBe(200);
    const sources = received.find((event) => event.event === 'sources')?.data as {
      sources: Array<{ documentId: string }>;
    };
    expect(sources.sources[0].documentId).toBe(fonts.id);
  });

  it('answers lexically and says so when the query cannot be embedded, never a 5xx; readiness stays up, degraded', async () => {
    provider.outage = 503;
    try {
      const response = await search(owner, 'gift cards refundable');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-search-mode')).toBe('lexical');
      expect(response.headers.get('x-search-fallback')).toBe('embedding_unavailable');
      expect(response.body.data[0].documentId).toBe(refunds.id);

      const ready = await fetch(`${t.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        data: { details: { embedding: { status: 'up', state: 'degraded', model: 'concepts-1' } } },
      });
    } finally {
      provider.outage = null;
    }
  });

  it('answers lexically when the query embedding is slower than the search deadline', async () => {
    provider.faults.push({ delayMs: 2_500 });
    const response = await search(owner, 'gift cards refundable', 'semantic');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-search-fallback')).toBe('embedding_unavailable');
    expect(response.body.data[0].documentId).toBe(refunds.id);
  });

  it("never answers with another organization's vectors", async () => {
    const theirs = await upload(
      other,
      'Their fonts',
      '# Typefaces\n\nA typeface that went missing is restored overnight.',
    );
    expect(theirs.embedding?.status).toBe('ready');
    for (const mode of ['semantic', 'hybrid']) {
      const response = await search(owner, 'typeface missing', mode);
      expect(response.body.data.map((hit) => hit.documentId)).not.toContain(theirs.id);
      const theirResponse = await search(other, 'typeface missing', mode);
      expect(theirResponse.body.data.map((hit) => hit.documentId)).toEqual([theirs.id]);
    }
  });

  it('keeps chunk vectors under FORCE row-level security, like the chunks', async () => {
    const dataSource = await new DataSource(dataSourceOptions(testConfig(), 'semantic-rls-spec')).initialize();
    try {
      expect(await dataSource.query('SELECT chunk_id FROM chunk_embeddings')).toEqual([]);
      expect(await dataSource.query('SELECT tokens FROM embedding_usage')).toEqual([]);
      const seen = await new TenantTransaction(dataSource).run(other.organizationId, (manager) =>
        manager.query<Array<{ organization_id: string }>>('SELECT DISTINCT organization_id FROM chunk_embeddings'),
      );
      expect(seen).toEqual([{ organization_id: other.organizationId }]);
      const [flags] = await sql<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
        `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'chunk_embeddings'`,
      );
      expect(flags).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
    } finally {
      await dataSource.destroy();
    }
  });

  it('counts the tokens billed, per organization', async () => {
    const rows = await sql<{ organization_id: string; tokens: string }>(
      'SELECT organization_id, sum(tokens)::text AS tokens FROM embedding_usage WHERE organization_id = ANY($1) GROUP BY 1',
      [[owner.organizationId, other.organizationId]],
    );
    const total = rows.reduce((sum, row) => sum + Number(row.tokens), 0);
    expect(rows.map((row) => row.organization_id).sort()).toEqual([owner.organizationId, other.organizationId].sort());
    // Query embeddings are not stored against the organization; every document batch is.
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(provider.billedTokens);
  });

  it('cuts chunks longer than the input limit, and embeds them anyway', async () => {
    const long = `# Long\n\n${'The lettering vanished again. '.repeat(40)}`;
    const document = await upload(owner, 'Long', long);
    expect(document.embedding).toMatchObject({ status: 'ready' });
    expect(Math.max(...provider.inputs().map((input) => input.length))).toBeLessThanOrEqual(300);
  });

  it('re-embeds only changed chunks on re-index', async () => {
    const before = provider.inputs().length;
    await api.post(`/v1/knowledge/documents/${fonts.id}/reindex`, { token: owner.accessToken });
    await waitForIndexing(api, owner.accessToken, fonts.id);
    const document = await waitForEmbedding(api, owner.accessToken, fonts.id);
    expect(document).toMatchObject({ version: 2, embedding: { status: 'ready', progress: 100 } });
    expect(provider.inputs().length).toBe(before);
    const semantic = await search(owner, 'my typeface is missing', 'semantic');
    expect(semantic.body.data[0].documentId).toBe(fonts.id);
  });

  it('retries a 429 after the Retry-After the provider asked for, then a 500', async () => {
    provider.faults.push({ status: 429, retryAfter: '1' }, { status: 500 });
    const document = await upload(owner, 'Invoices', '# Invoices\n\nEvery invoice is sent as a PDF receipt.');
    expect(document.embedding).toMatchObject({ status: 'ready', progress: 100 });
    const tail = provider.requests.slice(-3);
    expect(tail[1].at - tail[0].at).toBeGreaterThanOrEqual(950);
  });

  it('marks a document failed with a clear code on a refused key, and lexical search still finds it', async () => {
    provider.faults.push({ status: 401 });
    const document = await upload(
      owner,
      'Passwords',
      '# Passwords\n\nReset a forgotten passphrase from the sign-in page.',
    );
    expect(document).toMatchObject({ status: 'ready', embedding: { status: 'failed', code: 'embedding_rejected' } });
    const response = await search(owner, 'forgotten passphrase', 'lexical');
    expect(response.body.data.map((hit) => hit.documentId)).toContain(document.id);
  });

  it('marks vectors of the wrong length invalid instead of storing them', async () => {
    provider.faults.push({ wrongLength: true });
    const document = await upload(owner, 'Latency', '# Latency\n\nA sluggish dashboard is usually a slow network.');
    expect(document.embedding).toMatchObject({ status: 'failed', code: 'embedding_invalid' });
    const [{ count }] = await sql<{ count: number }>(
      'SELECT count(*)::int AS count FROM chunk_embeddings WHERE document_id = $1',
      [document.id],
    );
    expect(count).toBe(0);
  });

  it('lets the reconciler embed chunks an outage left without vectors', async () => {
    provider.outage = 500;
    let document: EmbeddedDocument;
    try {
      const response = await api.post<{ data: DocumentBody }>('/v1/knowledge/documents', {
        token: owner.accessToken,
        body: { title: 'Vouchers', content: '# Vouchers\n\nA voucher never expires.', format: 'markdown' },
      });
      // Lexically searchable at once, whatever the provider does.
      await waitForIndexing(api, owner.accessToken, response.body.data.id);
      const lexical = await search(owner, 'voucher expires', 'lexical');
      expect(lexical.body.data.map((hit) => hit.documentId)).toContain(response.body.data.id);
      document = await getDocument(owner, response.body.data.id);
      expect(document.embedding).toMatchObject({ status: 'embedding', progress: 0 });
    } finally {
      provider.outage = null;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await worker.get(EmbeddingReconciler).reconcile(owner.organizationId);
    expect((await getDocument(owner, document.id)).embedding).toMatchObject({ status: 'ready', progress: 100 });
  });

  it('removes the vectors with their document', async () => {
    const document = await upload(owner, 'Temporary', '# Temporary\n\nThe printer lost its lettering.');
    expect(document.embedding?.status).toBe('ready');
    const response = await api.delete(`/v1/knowledge/documents/${document.id}`, { token: owner.accessToken });
    expect(response.status).toBe(200);
    const rows = await sql('SELECT chunk_id FROM chunk_embeddings WHERE document_id = $1', [document.id]);
    expect(rows).toEqual([]);
  });

  it('re-embeds every chunk in the background when the model changes, and searches one model only', async () => {
    const changed = { ...settings, EMBEDDING_MODEL: 'concepts-2', EMBEDDING_DIMENSIONS: '32' };
    const newWorker = await startInProcessWorker(changed);
    const newApi = await startTestApp(changed);
    try {
      // Before the background work, the new model has no vectors: semantic finds nothing, never the old model's.
      const before = await new ApiClient(newApi.url).get<{ data: SearchHitBody[] }>(
        `/v1/knowledge/search?q=typeface&mode=semantic`,
        { token: owner.accessToken },
      );
      expect(before.body.data).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await newWorker.get(EmbeddingReconciler).reconcile(owner.organizationId);
      const models = await sql<{ model: string; dimensions: number }>(
        'SELECT DISTINCT model, dimensions FROM chunk_embeddings WHERE organization_id = $1',
        [owner.organizationId],
      );
      // The refused and invalid documents are retried too: the first pass after a start retries them.
      expect(models).toEqual([{ model: 'concepts-2', dimensions: 32 }]);
      const after = await new ApiClient(newApi.url).get<{ data: SearchHitBody[] }>(
        `/v1/knowledge/search?q=${encodeURIComponent('my typeface is missing')}&mode=semantic`,
        { token: owner.accessToken },
      );
      expect(after.body.data[0].documentId).toBe(fonts.id);
    } finally {
      await newWorker.close();
      await newApi.close();
    }
  });
});
