/**
 * Load generation with autocannon's programmatic API, from the bench process. Each request
 * takes the next access token (organizations in turn, so every tenant is hit equally) and, for
 * the search and create scenarios, the next query or body. Latencies are recorded per response
 * with sub-millisecond resolution; at a fixed rate autocannon's own p99 (corrected for
 * coordinated omission) is kept as well.
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  /** Path for each request (called per request). */
  path: (i: number) => string;
  body?: (i: number) => string;
  tokens: string[];
  seconds: number;
  connections: number;
  /** Requests per second over all connections; omitted = as fast as it goes. */
  overallRate?: number;
}

export interface Measurement {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** autocannon's p99 (1 ms resolution; corrected for coordinated omission at a fixed rate). */
  autocannonP99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencies: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

export function summarize(latencies: number[]): Pick<Measurement, 'p50' | 'p90' | 'p99' | 'max'> {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50), 2),
    p90: round(percentile(sorted, 90), 2),
    p99: round(percentile(sorted, 99), 2),
    max: round(sorted[sorted.length - 1] ?? NaN, 2),
  };
}

export async function runLoad(spec: LoadSpec): Promise<Measurement> {
  let counter = 0;
  const latencies: number[] = [];
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        pipelining: 1,
        duration: spec.seconds,
        timeout: 30,
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
        requests: [
          {
            method: spec.method,
            setupRequest: (request) => {
              const i = counter++;
              return {
                ...request,
                method: spec.method,
                path: spec.path(i),
                headers: {
                  authorization: `Bearer ${spec.tokens[i % spec.tokens.length]}`,
                  ...(spec.body ? { 'content-type': 'application/json' } : {}),
                },
                ...(spec.body ? { body: spec.body(i) } : {}),
              };
            },
          },
        ],
      },
      (error: Error | null, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance?.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await finished;
  const seconds = result.duration;
  const ok = latencies.length;
  return {
    requests: ok,
    seconds,
    rps: round(ok / seconds, 1),
    ...summarize(latencies),
    autocannonP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencies,
  };
}
