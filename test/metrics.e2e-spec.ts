import { randomUUID } from 'node:crypto';
import { freePort } from '../scripts/stack/free-port';
import { Metrics } from '../src/core/metrics/metrics';
import { ApiClient, signUp } from './support/api-client';
import { lintExposition } from './support/prometheus-lint';
import { startTestApp, type TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

/** The values of one metric family, as `labels -> value` lines of the exposition text. */
const samples = (text: string, name: string): string[] => text.split('\n').filter((line) => line.startsWith(name));

describe('metrics on the main port, behind the operator token', () => {
  let t: TestApp;
  let api: ApiClient;
  const scrape = async (): Promise<string> => {
    const response = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN });
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  it('refuses a missing or wrong token, and a tenant token, with 401 in the envelope', async () => {
    const owner = await signUp(api, 'metrics');
    for (const authorization of [undefined, 'Bearer not-the-token', `Bearer ${owner.accessToken}`]) {
      const response = await fetch(`${t.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('serves Prometheus text with process, event-loop and queue metrics', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('# TYPE http_requests_in_flight gauge');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_resident_memory_bytes');
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(text).toContain(`queue_jobs{queue="knowledge-indexing",state="${state}"}`);
    }
    expect(text).toContain('# TYPE queue_job_duration_seconds histogram');
    expect(text).toContain('# TYPE documents_indexed_total counter');
  });

  it('scrapes as promtool check metrics wants it, queue gauges and request histograms included', async () => {
    const owner = await signUp(api, 'promtool');
    expect((await api.get(`/v1/tickets/${randomUUID()}`, { token: owner.accessToken })).status).toBe(404);
    expect(lintExposition(await scrape())).toEqual([]);
  });

  it('records a request under its route template, method and status', async () => {
    const owner = await signUp(api, 'route');
    const id = randomUUID();
    expect((await api.get(`/v1/tickets/${id}`, { token: owner.accessToken })).status).toBe(404);
    const lines = samples(await scrape(), 'http_request_duration_seconds_count');
    expect(lines.some((l) => l.includes('route="/v1/tickets/:id"') && l.includes('status_code="404"'))).toBe(true);
    expect(lines.some((l) => l.includes(id))).toBe(false);
  });

  it('keeps label cardinality bounded after 1,000 requests to distinct ids and unknown URLs', async () => {
    const before = samples(await scrape(), 'http_request_duration_seconds_count').length;
    for (let batch = 0; batch < 20; batch += 1) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${t.url}/${i % 2 ? 'v1/tickets' : 'no/such/route'}/${randomUUID()}`).then((r) => r.body?.cancel()),
        ),
      );
    }
    const lines = samples(await scrape(), 'http_request_duration_seconds_count');
    // At most the two new series (tickets/:id 401, unmatched 404), whatever the ids.
    expect(lines.length - before).toBeLessThanOrEqual(2);
    expect(lines.some((l) => l.includes('route="unmatched"'))).toBe(true);
  });

  it('exposes the counters domain code records through the Metrics service', async () => {
    t.app.get(Metrics).recordDocumentIndexed('succeeded');
    t.app.get(Metrics).recordJob('knowledge-indexing', 'failed', 0.2);
    const text = await scrape();
    expect(text).toMatch(/^documents_indexed_total\{outcome="succeeded"\} 1$/m);
    expect(text).toMatch(/^queue_jobs_processed_total\{queue="knowledge-indexing",outcome="failed"\} 1$/m);
  });
});

describe('metrics on a separate port', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp({ METRICS_PORT: String(port) });
  });
  afterAll(() => t.close());

  it('serves them there without a token, and not at all on the main port', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('http_request_duration_seconds');
    const main = await fetch(`${t.url}/metrics`);
    expect(main.status).toBe(404);
    expect(await main.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
