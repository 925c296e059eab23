import type { INestApplicationContext } from '@nestjs/common';
import type { Job } from 'bullmq';
import { IndexingReconciler } from '../src/knowledge/indexing/indexing-reconciler';
import type { IndexingJob } from '../src/knowledge/indexing/indexing-job';
import { IndexingJobHandler } from '../src/knowledge/indexing/indexing-job.handler';
import { addMember, ApiClient, type Session, signUp } from './support/api-client';
import { sql } from './support/database';
import { makeDocx, makePdf, makeZipBomb } from './support/document-fixtures';
import {
  type DocumentBody,
  type SearchHitBody,
  startInProcessWorker,
  uploadFile,
  waitForIndexing,
} from './support/knowledge-client';
import { startTestApp, type TestApp } from './support/test-app';

// Each document is parsed in a fresh thread that first compiles its TypeScript entry: slow on a busy machine.
jest.setTimeout(120_000);

const MAX_UPLOAD = 2_000_000;
const settings = {
  KNOWLEDGE_MAX_UPLOAD_BYTES: String(MAX_UPLOAD),
  KNOWLEDGE_MAX_INFLATED_BYTES: String(5 * 1024 * 1024),
};

const fakeJob = (data: IndexingJob): Job<IndexingJob> =>
  ({
    id: 'test',
    data,
    attemptsMade: 0,
    opts: { attempts: 1 },
    updateProgress: () => Promise.resolve(),
  }) as unknown as Job<IndexingJob>;

describe('knowledge base', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let api: ApiClient;
  let owner: Session;
  let member: Session;
  let admin: Session;
  let other: Session;

  beforeAll(async () => {
    testApp = await startTestApp(settings);
    worker = await startInProcessWorker(settings);
    api = new ApiClient(testApp.url);
    owner = await signUp(api, 'kb-owner');
    member = await addMember(api, owner, 'member');
    admin = await addMember(api, owner, 'admin');
    other = await signUp(api, 'kb-other');
  });

  afterAll(async () => {
    await worker?.close();
    await testApp?.close();
  });

  const documentRows = (organizationId: string) =>
    sql<{ id: string }>('SELECT id FROM documents WHERE organization_id = $1', [organizationId]);
  const search = (session: Session, query: string) =>
    api.get<{ data: SearchHitBody[] }>(`/v1/knowledge/search?q=${encodeURIComponent(query)}`, {
      token: session.accessToken,
    });

  async function uploadAndIndex(bytes: Buffer, filename: string, session = owner): Promise<DocumentBody> {
    const response = await uploadFile(testApp.url, session.accessToken, bytes, filename);
    expect(response.status).toBe(202);
    expect(response.body.data.status).toBe('queued');
    return waitForIndexing(api, session.accessToken, response.body.data.id);
  }

  describe('each format: upload, index, search finds a phrase under its heading', () => {
    const cases: Array<[string, () => Promise<Buffer>, string, string, string[]]> = [
      [
        'text',
        () => Promise.resolve(Buffer.from('Opening hours.\n\nOur lighthouse desk answers weekdays.')),
        'notes.txt',
        'text',
        [],
      ],
      [
        'markdown',
        () => Promise.resolve(Buffer.from('# Shipping\n\n## Parcels\n\nParcels travel by zeppelin express.\n')),
        'shipping.md',
        'markdown',
        ['Shipping', 'Parcels'],
      ],
      [
        'html',
        () =>
          Promise.resolve(
            Buffer.from(
              '<!doctype html><html><head><script>var hidden = "marmalade";</script></head>' +
                '<body><h1>Warranty</h1><h2>Claims</h2><p>Claims need the original kumquat receipt.</p></body></html>',
            ),
          ),
        'warranty.html',
        'html',
        ['Warranty', 'Claims'],
      ],
      [
        'pdf',
        () =>
          makePdf(
            [{ heading: 'Exceptions', paragraphs: ['Gift cards bought with walrus points are final.'] }],
            'Refunds',
          ),
        'refunds.pdf',
        'pdf',
        ['Refunds', 'Exceptions'],
      ],
      [
        'docx',
        () =>
          makeDocx('Onboarding', [{ heading: 'Accounts', paragraphs: ['Every newcomer receives a tangerine badge.'] }]),
        'onboarding.docx',
        'docx',
        ['Onboarding', 'Accounts'],
      ],
    ];
    const phrases: Record<string, string> = {
      text: 'lighthouse desk',
      markdown: 'zeppelin express',
      html: 'kumquat receipt',
      pdf: 'walrus points',
      docx: 'tangerine badge',
    };

    it.each(cases)('%s', async (name, make, filename, format, headingPath) => {
      const document = await uploadAndIndex(await make(), filename);
      expect(document).toMatchObject({ status: 'ready', format, progress: 100, error: null });
      expect(document.chunkCount).toBeGreaterThan(0);
      const { status, body } = await search(owner, phrases[name]);
      expect(status).toBe(200);
      const hit = body.data.find((h) => h.documentId === document.id);
      expect(hit).toMatchObject({ headingPath, documentTitle: filename.replace(/\.\w+$/, '') });
      expect(hit?.snippet).toContain('<mark>');
      expect(hit?.score).toBeGreaterThan(0);
    });

    it('html: script content is never indexed', async () => {
      expect((await search(owner, 'marmalade')).body.data).toEqual([]);
    });

    it('JSON text with a declared format and title', async () => {
      const response = await api.post<{ data: DocumentBody }>('/v1/knowledge/documents', {
        token: member.accessToken,
        body: {
          title: 'Escalations',
          content: '# Escalations\n\nPage the platypus rota after hours.',
          format: 'markdown',
        },
      });
      expect(response.status).toBe(202);
      const document = await waitForIndexing(api, member.accessToken, response.body.data.id);
      expect(document).toMatchObject({ status: 'ready', title: 'Escalations', format: 'markdown' });
      const hits = (await search(member, 'platypus rota')).body.data;
      expect(hits.map((h) => h.headingPath)).toEqual([['Escalations']]);
    });
  });

  describe('bad input', () => {
    it('a renamed binary is 415 and nothing is stored', async () => {
      const before = (await documentRows(owner.organizationId)).length;
      const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 1)]);
      const response = await uploadFile(testApp.url, owner.accessToken, png, 'manual.pdf');
      expect(response.status).toBe(415);
      expect(response.body.error?.code).toBe('unsupported_media_type');
      expect(await documentRows(owner.organizationId)).toHaveLength(before);
    });

    it('an unsupported content type is 415', async () => {
      const response = await fetch(`${testApp.url}/v1/knowledge/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'application/octet-stream' },
        body: 'hello',
      });
      expect(response.status).toBe(415);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    });

    it('a file over the limit is 413 and nothing is stored; one under it (larger than the JSON body limit) is accepted', async () => {
      const before = (await documentRows(owner.organizationId)).length;
      const tooBig = Buffer.from('lorem ipsum '.repeat(Math.ceil((MAX_UPLOAD + 10) / 12)));
      const response = await uploadFile(testApp.url, owner.accessToken, tooBig, 'big.txt');
      expect(response.status).toBe(413);
      expect(response.body.error?.code).toBe('payload_too_large');
      expect(await documentRows(owner.organizationId)).toHaveLength(before);

      const large = Buffer.from('dolor sit amet '.repeat(100_000));
      expect((await uploadFile(testApp.url, owner.accessToken, large, 'large.txt')).status).toBe(202);
    });

    it.each([
      [
        'a truncated PDF',
        async () => {
          const pdf = await makePdf([{ heading: 'Cut', paragraphs: ['Half of this file is missing.'] }]);
          return pdf.subarray(0, Math.floor(pdf.length / 2));
        },
        'corrupt_file',
      ],
      ['a DOCX zip bomb', () => makeZipBomb(20 * 1024 * 1024), 'too_large'],
      ['an empty file', () => Promise.resolve(Buffer.alloc(0)), 'no_text'],
      ['a file of blank lines', () => Promise.resolve(Buffer.from('\n\n   \n\t\n')), 'no_text'],
    ])('%s ends failed with a stable code', async (_name, make, code) => {
      const document = await uploadAndIndex(await make(), 'bad.bin');
      expect(document.status).toBe('failed');
      expect(document.error?.code).toBe(code);
      expect(document.error?.message).toMatch(/\w/);
      expect(document.chunkCount).toBe(0);
    });

    it('422 for a JSON body with a bad format, and for a form without a file', async () => {
      const json = await api.post('/v1/knowledge/documents', {
        token: owner.accessToken,
        body: { title: 'x', content: 'y', format: 'pdf' },
      });
      expect(json.status).toBe(422);
      const form = new FormData();
      form.append('title', 'no file');
      const response = await fetch(`${testApp.url}/v1/knowledge/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.accessToken}` },
        body: form,
      });
      expect(response.status).toBe(422);
    });

    it('search: stop words or punctuation only is an empty result, a missing query is 422', async () => {
      for (const query of ['the and of', '!!! ??? ...', '"" -']) {
        const { status, body } = await search(owner, query);
        expect(status).toBe(200);
        expect(body.data).toEqual([]);
      }
      expect((await api.get('/v1/knowledge/search', { token: owner.accessToken })).status).toBe(422);
    });
  });

  describe('idempotency', () => {
    it('the same content uploaded twice gives one document (200 the second time)', async () => {
      const bytes = Buffer.from('# Duplicates\n\nThe same bytes twice make one narwhal document.\n');
      const first = await uploadFile(testApp.url, owner.accessToken, bytes, 'a.md');
      const second = await uploadFile(testApp.url, member.accessToken, bytes, 'b.md');
      expect(first.status).toBe(202);
      expect(second.status).toBe(200);
      expect(second.body.data.id).toBe(first.body.data.id);
      const rows = await sql('SELECT id FROM documents WHERE organization_id = $1 AND title = $2', [
        owner.organizationId,
        'a',
      ]);
      expect(rows).toHaveLength(1);
      // Another organization uploading the same bytes gets its own document.
      expect((await uploadFile(testApp.url, other.accessToken, bytes, 'a.md')).status).toBe(202);
    });

    it('the same job processed twice leaves the same chunks', async () => {
      const document = await uploadAndIndex(
        await makeDocx('Twice', [{ heading: 'Run', paragraphs: ['Idempotent ocelot.'] }]),
        't.docx',
      );
      const chunks = () =>
        sql<{ position: number; text: string; heading_path: string[] }>(
          'SELECT position, text, heading_path FROM document_chunks WHERE document_id = $1 ORDER BY position',
          [document.id],
        );
      const first = await chunks();
      // As if the job's worker died after writing but before BullMQ recorded it: the re-run redoes it.
      await sql(`UPDATE documents SET status = 'processing' WHERE id = $1`, [document.id]);
      const handler = worker.get(IndexingJobHandler);
      const job = fakeJob({ organizationId: owner.organizationId, documentId: document.id, version: 1 });
      expect(await handler.handle(job)).toBe('ready');
      expect(await handler.handle(job)).toBe('skipped');
      expect(await chunks()).toEqual(first);
    });
  });

  describe('lifecycle', () => {
    it('reindex bumps the version and replaces the chunks; a job of the old version writes nothing', async () => {
      const document = await uploadAndIndex(Buffer.from('# Reindex\n\nVersioned capybara content.\n'), 'r.md');
      const response = await api.post<{ data: DocumentBody }>(`/v1/knowledge/documents/${document.id}/reindex`, {
        token: member.accessToken,
      });
      expect(response.status).toBe(202);
      expect(response.body.data).toMatchObject({ version: 2, status: 'queued' });
      const reindexed = await waitForIndexing(api, owner.accessToken, document.id);
      expect(reindexed).toMatchObject({ status: 'ready', version: 2 });
      const versions = await sql<{ version: number }>(
        'SELECT DISTINCT version FROM document_chunks WHERE document_id = $1',
        [document.id],
      );
      expect(versions).toEqual([{ version: 2 }]);
      const stale = fakeJob({ organizationId: owner.organizationId, documentId: document.id, version: 1 });
      expect(await worker.get(IndexingJobHandler).handle(stale)).toBe('skipped');
    });

    it('lists with filters and pages; lists chunks in order', async () => {
      const list = await api.get<{ data: DocumentBody[]; total: number; limit: number }>(
        '/v1/knowledge/documents?status=failed&limit=2',
        { token: owner.accessToken },
      );
      expect(list.status).toBe(200);
      expect(list.body.limit).toBe(2);
      expect(list.body.data.every((d) => d.status === 'failed')).toBe(true);
      const fuzzy = await api.get<{ data: DocumentBody[] }>('/v1/knowledge/documents?search=shiping', {
        token: owner.accessToken,
      });
      expect(fuzzy.body.data.map((d) => d.title)).toContain('shipping');

      const document = await uploadAndIndex(Buffer.from(`# Long\n\n${'word '.repeat(2000)}`), 'long.md');
      const chunks = await api.get<{ data: Array<{ position: number }>; total: number }>(
        `/v1/knowledge/documents/${document.id}/chunks?limit=3`,
        { token: owner.accessToken },
      );
      expect(chunks.body.total).toBe(document.chunkCount);
      expect(chunks.body.data.map((c) => c.position)).toEqual([0, 1, 2]);
    });

    it('delete: members are refused; an admin removes the document, its bytes and chunks', async () => {
      const document = await uploadAndIndex(Buffer.from('# Gone\n\nSoon deleted wombat text.\n'), 'gone.md');
      const path = `/v1/knowledge/documents/${document.id}`;
      expect((await api.delete(path, { token: member.accessToken })).status).toBe(403);
      expect((await api.delete(path, { token: admin.accessToken })).status).toBe(200);
      expect((await api.get(path, { token: owner.accessToken })).status).toBe(404);
      for (const table of ['documents', 'document_contents', 'document_chunks']) {
        const column = table === 'documents' ? 'id' : 'document_id';
        expect(await sql(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [document.id])).toEqual([]);
      }
      const late = fakeJob({ organizationId: owner.organizationId, documentId: document.id, version: 1 });
      expect(await worker.get(IndexingJobHandler).handle(late)).toBe('skipped');
      expect(await sql('SELECT 1 FROM document_chunks WHERE document_id = $1', [document.id])).toEqual([]);
    });

    it('the reconciler re-runs a document stuck without a job', async () => {
      const document = await uploadAndIndex(Buffer.from('# Stuck\n\nReconciled axolotl.\n'), 'stuck.md');
      await sql(`UPDATE documents SET status = 'processing', updated_at = now() - interval '1 day' WHERE id = $1`, [
        document.id,
      ]);
      expect(await worker.get(IndexingReconciler).runOnce()).toBeGreaterThanOrEqual(1);
      expect(await waitForIndexing(api, owner.accessToken, document.id)).toMatchObject({
        status: 'ready',
        chunkCount: document.chunkCount,
      });
    });
  });

  describe('isolation', () => {
    let document: DocumentBody;

    beforeAll(async () => {
      document = await uploadAndIndex(Buffer.from('# Secret\n\nConfidential pangolin roadmap.\n'), 'secret.md');
    });

    it("another organization's search never returns these chunks", async () => {
      expect((await search(owner, 'pangolin roadmap')).body.data).toHaveLength(1);
      expect((await search(other, 'pangolin roadmap')).body.data).toEqual([]);
      const scoped = await api.get<{ data: SearchHitBody[] }>(
        `/v1/knowledge/search?q=pangolin&documentId=${document.id}`,
        { token: other.accessToken },
      );
      expect(scoped.body.data).toEqual([]);
    });

    it('another organization cannot read, re-index or delete the document (404), and nothing changes', async () => {
      const path = `/v1/knowledge/documents/${document.id}`;
      const token = other.accessToken;
      expect((await api.get(path, { token })).status).toBe(404);
      expect((await api.get(`${path}/chunks`, { token })).status).toBe(404);
      expect((await api.post(`${path}/reindex`, { token })).status).toBe(404);
      expect((await api.delete(path, { token })).status).toBe(404);
      const after = await api.get<{ data: DocumentBody }>(path, { token: owner.accessToken });
      expect(after.body.data).toMatchObject({ status: 'ready', version: 1, chunkCount: document.chunkCount });
      const list = await api.get<{ data: DocumentBody[] }>('/v1/knowledge/documents?limit=100', { token });
      expect(list.body.data.map((d) => d.id)).not.toContain(document.id);
    });
  });
});

describe('knowledge base with Redis away', () => {
  it('an upload answers 503 at once and stores nothing', async () => {
    const healthy = await startTestApp();
    const owner = await signUp(new ApiClient(healthy.url), 'kb-no-redis').finally(() => healthy.close());
    const testApp = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const started = Date.now();
      const response = await uploadFile(testApp.url, owner.accessToken, Buffer.from('# Hello\n\nQueued?'), 'q.md');
      expect(response.status).toBe(503);
      expect(response.body.error?.code).toBe('service_unavailable');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await sql('SELECT 1 FROM documents WHERE organization_id = $1', [owner.organizationId])).toEqual([]);
    } finally {
      await testApp.close();
    }
  });
});
