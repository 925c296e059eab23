import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../src/core/queue/queue-names';
import { ApiClient, createApiKey, signUp } from './support/api-client';
import { startTestApp, type TestApp } from './support/test-app';

const OPERATOR = { username: 'operator', password: 'operator-password-for-tests' };
const basic = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe('queue dashboard', () => {
  let t: TestApp;
  let api: ApiClient;
  beforeAll(async () => {
    t = await startTestApp({
      QUEUE_DASHBOARD_USERNAME: OPERATOR.username,
      QUEUE_DASHBOARD_PASSWORD: OPERATOR.password,
    });
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/admin/queues${path}`, { headers });

  it('refuses tenant credentials of any role, no credentials and a wrong password', async () => {
    const owner = await signUp(api, 'dashboard');
    const adminKey = await createApiKey(api, owner, 'admin');
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${owner.accessToken}` },
      { authorization: `Bearer ${adminKey.key}` },
      { 'x-api-key': adminKey.key },
      { authorization: basic(owner.email, owner.password) },
      { authorization: basic(OPERATOR.username, 'not-the-password') },
    ];
    for (const headers of attempts) {
      for (const path of ['', '/api/queues']) {
        const response = await get(path, headers);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Basic realm="queues"');
        expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
    }
  });

  it('lets the operator in, lists every queue, and shows payloads as identifiers only', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.knowledgeIndexing));
    const job = await queue.add(
      'index',
      { organizationId: 'org-1', documentId: 'doc-1', attempt: 2, text: 'confidential contract text' },
      { delay: 60_000 },
    );
    try {
      const auth = { authorization: basic(OPERATOR.username, OPERATOR.password) };
      const page = await get('', auth);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');

      const response = await get('/api/queues?activeQueue=knowledge-indexing&status=delayed&page=1', auth);
      expect(response.status).toBe(200);
      const text = await response.text();
      const body = JSON.parse(text) as { queues: Array<{ name: string; jobs: Array<{ id: string; data: unknown }> }> };
      const indexing = body.queues.find((q) => q.name === QUEUES.knowledgeIndexing);
      const shown = indexing?.jobs.find((j) => j.id === job.id);
      expect(shown?.data).toEqual({ organizationId: 'org-1', documentId: 'doc-1', attempt: 2, text: '[hidden]' });
      expect(text).not.toContain('confidential');
    } finally {
      await job.remove();
    }
  });
});

describe('queue dashboard without operator credentials configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is not mounted', async () => {
    const response = await fetch(`${t.url}/admin/queues`);
    expect(response.status).toBe(404);
  });
});
