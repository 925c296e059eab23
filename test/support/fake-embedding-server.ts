import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * Words of one meaning. A text's vector has a component for each concept it mentions, so two
 * texts that share no word but share a concept ("typeface" and "font") come out close, which
 * lexical search cannot see. Deterministic, and nothing like a language model: it only gives
 * the semantic side of search something real to find.
 */
export const CONCEPTS: string[][] = [
  ['font', 'typeface', 'glyph', 'lettering'],
  ['missing', 'gone', 'disappeared', 'lost', 'vanished', 'absent'],
  ['refund', 'reimburse', 'reimbursement', 'repay', 'money back'],
  ['gift card', 'voucher', 'gift certificate'],
  ['password', 'passphrase', 'credential', 'login'],
  ['printer', 'printing', 'print'],
  ['invoice', 'bill', 'receipt'],
  ['slow', 'sluggish', 'lag', 'latency'],
];

/** Vector length when the request does not ask for one. */
export const DEFAULT_DIMENSIONS = 48;

/** One answer to come, in place of the normal one. */
export type Fault =
  | { status: number; retryAfter?: string }
  | { delayMs: number }
  /** Vectors one component too short. */
  | { wrongLength: true };

export interface EmbeddingRequest {
  headers: IncomingMessage['headers'];
  body: { model: string; input: string[] | string; encoding_format?: string; dimensions?: number };
  at: number;
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)
    .map((word) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word));

/** The concept vector of `text`, unit length; words of no concept add a little noise in the spare components. */
export function conceptVector(text: string, dimensions = DEFAULT_DIMENSIONS): Float32Array {
  const vector = new Float32Array(dimensions);
  const lower = ` ${words(text).join(' ')} `;
  CONCEPTS.forEach((terms, concept) => {
    if (terms.some((term) => lower.includes(` ${words(term).join(' ')} `))) vector[concept % dimensions] += 1;
  });
  for (const word of words(text)) {
    let hash = 0;
    for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    vector[CONCEPTS.length + (hash % (dimensions - CONCEPTS.length))] += 0.05;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

const tokensOf = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/**
 * A local stand-in for an OpenAI-compatible embeddings server: `POST /v1/embeddings` as the
 * official SDK calls it (a list of inputs, `encoding_format: base64`, optional `dimensions`),
 * answering base64 float32 vectors in input order with `usage`. Faults queue up per request;
 * `outage` answers every request with that status until cleared.
 */
export interface FakeEmbeddingOptions {
  /** The vector of a text (default: conceptVector). */
  vectorOf?: (text: string, dimensions: number) => Float32Array;
  /** Every answer waits this long, like a remote model. */
  latencyMs?: number;
}

export class FakeEmbeddingServer {
  readonly requests: EmbeddingRequest[] = [];
  readonly faults: Fault[] = [];
  outage: number | null = null;
  /** Tokens billed so far, as `usage.prompt_tokens` told the client. */
  billedTokens = 0;
  private server?: Server;
  url = '';

  constructor(private readonly options: FakeEmbeddingOptions = {}) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('fake embedding server is not on TCP');
    this.url = `http://127.0.0.1:${address.port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Every input received, in order. */
  inputs(): string[] {
    return this.requests.flatMap((request) => [request.body.input].flat());
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const piece of request) chunks.push(piece as Buffer);
    if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
      return this.refuse(response, 404, 'not_found_error', 'Unknown path');
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EmbeddingRequest['body'];
    this.requests.push({ headers: request.headers, body, at: Date.now() });
    if (this.outage) return this.refuse(response, this.outage, 'server_error', 'The server is overloaded');
    const fault = this.faults.shift();
    if (fault && 'status' in fault) {
      if (fault.retryAfter) response.setHeader('retry-after', fault.retryAfter);
      return this.refuse(response, fault.status, fault.status === 429 ? 'rate_limit_exceeded' : 'server_error', 'No');
    }
    const delayMs = (fault && 'delayMs' in fault ? fault.delayMs : 0) + (this.options.latencyMs ?? 0);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const inputs = [body.input].flat();
    const length = (body.dimensions ?? DEFAULT_DIMENSIONS) - (fault && 'wrongLength' in fault ? 1 : 0);
    const tokens = inputs.reduce((sum, input) => sum + tokensOf(input), 0);
    this.billedTokens += tokens;
    const data = inputs.map((input, index) => {
      const vector = (this.options.vectorOf ?? conceptVector)(input, length);
      const embedding =
        body.encoding_format === 'base64'
          ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
          : Array.from(vector);
      return { object: 'embedding', index, embedding };
    });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        object: 'list',
        data,
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      }),
    );
  }

  private refuse(response: ServerResponse, status: number, type: string, message: string): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
  }
}
