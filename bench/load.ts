/**
 * Load generation from the bench process: as fast as it goes with autocannon's programmatic API,
 * or at a fixed rate with a paced open-loop generator (`runPacedLoad`). Each request takes the
 * next access token (organizations in turn, so every tenant is hit equally) and, for the search
 * and create scenarios, the next query or body. Latencies are recorded per response with
 * sub-millisecond resolution.
 */
import { Agent, request as httpRequest } from 'node:http';
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
  /** Paced only: seconds at the same rate before the measured ones, sent but not recorded. */
  leadInSeconds?: number;
}

export interface Measurement {
  /** Requests answered 2xx in the measured window. */
  requests: number;
  /** Requests the server answered, a paced lead-in's included: what its CPU was spent on. */
  served: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** A paced load's lead-in, not in the figures above: its p99 (NaN without one). */
  leadInP99: number;
  /** autocannon's own p99 (1 ms resolution); none for a paced load. */
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

/** As fast as `connections` closed-loop connections go with autocannon, or paced when the spec names a rate. */
export async function runLoad(spec: LoadSpec): Promise<Measurement> {
  if (spec.overallRate) return runPacedLoad({ ...spec, overallRate: spec.overallRate });
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
    served: ok,
    seconds,
    rps: round(ok / seconds, 1),
    ...summarize(latencies),
    leadInP99: NaN,
    autocannonP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencies,
  };
}

/**
 * An open-loop load at a fixed rate: request i is due at start + i / rate whatever the server's
 * answers so far, over at most `connections` keep-alive connections, and its latency runs from
 * when it was due (a request waiting for a free connection waits on the server's account). So a
 * pause of the server shows in the latencies of every request due during it. autocannon's
 * `overallRate` is not this: each connection sends its share of a second back to back and then
 * waits for the next second, so half the rate is full load half of the time. A lead-in
 * (`leadInSeconds`) runs at the same rate first and is not recorded: the round then measures the
 * server at that load, not its recovery from the lull before it (its pool reopening connections).
 */
async function runPacedLoad(spec: LoadSpec & { overallRate: number }): Promise<Measurement> {
  const target = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const leadIn = Math.round(spec.overallRate * (spec.leadInSeconds ?? 0));
  const total = leadIn + Math.round(spec.overallRate * spec.seconds);
  const latencies: number[] = [];
  const leadInLatencies: number[] = [];
  let served = 0;
  let non2xx = 0;
  let errors = 0;
  const send = (i: number, due: number): Promise<void> =>
    new Promise((resolve) => {
      const body = spec.body?.(i);
      const request = httpRequest(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: spec.method,
          path: spec.path(i),
          headers: {
            authorization: `Bearer ${spec.tokens[i % spec.tokens.length]}`,
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            served++;
            const ok = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
            // The lead-in's answers are kept apart, for its p99 only.
            if (i < leadIn) leadInLatencies.push(performance.now() - due);
            else if (ok) latencies.push(performance.now() - due);
            else non2xx++;
            resolve();
          });
        },
      );
      request.on('error', () => {
        if (i >= leadIn) errors++;
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let next = 0; next < total;) {
    const now = performance.now();
    for (; next < total && started + (next * 1000) / spec.overallRate <= now; next++) {
      inFlight.push(send(next, started + (next * 1000) / spec.overallRate));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000 - leadIn / spec.overallRate;
  agent.destroy();
  return {
    requests: latencies.length,
    served,
    seconds,
    rps: round(latencies.length / seconds, 1),
    ...summarize(latencies),
    leadInP99: summarize(leadInLatencies).p99,
    autocannonP99: NaN,
    non2xx,
    errors,
    timeouts: 0,
    latencies,
  };
}
