import { collectDefaultMetrics, Registry } from 'prom-client';
import { Metrics } from '../src/core/metrics/metrics';
import { lintExposition } from './support/prometheus-lint';

describe('the Prometheus exposition passes the rules of promtool check metrics', () => {
  it("prom-client's own defaults break the _total rule, which is why Metrics drops those gauges", async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const problems = lintExposition(await registry.metrics());
    expect(problems).toContain('non-counter nodejs_active_handles_total should not end in _total');
    expect(problems).toContain('non-counter nodejs_active_requests_total should not end in _total');
  });

  it('Metrics exposes every family cleanly once every kind of metric has samples', async () => {
    const metrics = new Metrics();
    metrics.recordJob('knowledge-indexing', 'succeeded', 0.2);
    metrics.recordJob('knowledge-indexing', 'failed', 3);
    metrics.recordDocumentIndexed('succeeded');
    metrics.httpRequestDuration.observe({ method: 'GET', route: '/v1/tickets', status_code: '200' }, 0.01);
    metrics.httpRequestsInFlight.inc();
    const text = (await metrics.exposition()).body;
    expect(lintExposition(text)).toEqual([]);
    expect(text).toContain('# TYPE nodejs_active_handles gauge');
  });

  describe('the checker itself', () => {
    const valid = ['# HELP jobs_total Jobs done', '# TYPE jobs_total counter', 'jobs_total{queue="a"} 3'];
    const broken: Array<[string, string[], string]> = [
      [
        'a counter without _total',
        ['# HELP jobs Jobs', '# TYPE jobs counter', 'jobs 1'],
        'counter jobs should end in _total',
      ],
      ['a gauge with _total', ['# HELP up_total Up', '# TYPE up_total gauge', 'up_total 1'], 'non-counter up_total'],
      ['a sample without TYPE', ['# HELP up Up', 'up 1'], 'up lacks HELP or TYPE'],
      ['a sample of no family', ['up 1'], 'sample up has no HELP or TYPE'],
      ['TYPE after the samples', ['# HELP up Up', 'up 1', '# TYPE up gauge'], 'TYPE for up after its samples'],
      ['two TYPE lines', ['# HELP up Up', '# TYPE up gauge', '# TYPE up gauge', 'up 1'], 'second TYPE for up'],
      ['an unquoted label value', [...valid.slice(0, 2), 'jobs_total{queue=a} 1'], 'label value not quoted'],
      ['a repeated label', [...valid.slice(0, 2), 'jobs_total{q="a",q="b"} 1'], 'label "q" repeated'],
      ['a bad label name', [...valid.slice(0, 2), 'jobs_total{1q="a"} 1'], 'invalid label name "1q"'],
      ['a bad escape', [...valid.slice(0, 2), 'jobs_total{q="a\\t"} 1'], 'invalid escape'],
      ['a value that is no number', [...valid.slice(0, 2), 'jobs_total 1,5'], 'invalid value'],
      [
        'a histogram sample with a foreign suffix',
        ['# HELP d Duration', '# TYPE d histogram', 'd_total 1'],
        'sample d_total has no HELP or TYPE',
      ],
      ['a bucket without le', ['# HELP d Duration', '# TYPE d histogram', 'd_bucket{x="1"} 1'], 'bucket without le'],
    ];

    it('accepts a valid family with escaped label values', () => {
      expect(
        lintExposition([...valid, 'jobs_total{queue="a \\"b\\" \\\\ c\\n"} 4 1700000000000', ''].join('\n')),
      ).toEqual([]);
    });

    it.each(broken)('rejects %s', (_, lines, expected) => {
      expect(lintExposition(lines.join('\n')).join('\n')).toContain(expected);
    });
  });
});
