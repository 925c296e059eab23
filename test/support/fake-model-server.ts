import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One step of a scripted upstream answer. */
export type Step =
  | { text: string }
  /** Hold the stream until the promise settles (or the client goes away). */
  | { wait: Promise<void> }
  /** Pause this long before the next step. */
  | { pauseMs: number }
  /** Say nothing more, until the client goes away. */
  | { stall: true }
  /** Fail mid-stream, the way the provider reports it inside a stream. */
  | { error: { type: string; message: string } };

export interface Plan {
  /** Refuse before streaming, with this status and error. */
  status?: number;
  error?: { type: string; message: string };
  steps?: Step[];
  finish?: 'stop' | 'length';
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** True when the client closed the connection before the answer ended. */
  aborted: boolean;
  /** Settles when the connection closes, however. */
  closed: Promise<void>;
  /** performance.now() at each text step written, for the benchmark. */
  emittedAt: number[];
}

const DEFAULT_PLAN: Plan = { steps: [{ text: 'Refunds take ' }, { text: '5 days [1].' }] };

/** The wire format of one provider: how it opens, sends text, fails mid-stream and ends. */
interface Dialect {
  open(model: string): string[];
  text(text: string): string;
  error(error: { type: string; message: string }): string;
  end(finish: 'stop' | 'length'): string[];
  refusal(status: number, error: { type: string; message: string }): unknown;
}

const sse = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const chunk = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

/** Anthropic Messages streaming: named events, as the API sends them. */
const anthropic: Dialect = {
  open: (model) => [
    sse('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_test',
        type: 'message',
        role: 'assistant',
        content: [],
        model,
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 42, output_tokens: 1 },
      },
    }),
    sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    sse('ping', { type: 'ping' }),
  ],
  text: (text) =>
    sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
  error: (error) => sse('error', { type: 'error', error }),
  end: (finish) => [
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: finish === 'length' ? 'max_tokens' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: 7 },
    }),
    sse('message_stop', { type: 'message_stop' }),
  ],
  refusal: (_status, error) => ({ type: 'error', error }),
};

/** OpenAI chat completions streaming: unnamed chunks, usage last, then [DONE]. */
const openai: Dialect = {
  open: (model) => [
    chunk({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1,
      model,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    }),
  ],
  text: (text) =>
    chunk({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: text }, finish_reason: null }],
    }),
  error: (error) => chunk({ error }),
  end: (finish) => [
    chunk({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: {}, finish_reason: finish }],
    }),
    chunk({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [],
      usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 },
    }),
    'data: [DONE]\n\n',
  ],
  refusal: (_status, error) => ({ error: { ...error, code: null, param: null } }),
};

const DIALECTS: Record<string, Dialect> = { '/v1/messages': anthropic, '/v1/chat/completions': openai };

/**
 * A local stand-in for the model providers, speaking their real streaming wire formats so the
 * official SDKs run their real code paths. Each request takes the next queued plan.
 */
/** Settings that point the app's Anthropic provider at `server`, without retries. */
export const anthropicAt = (server: FakeModelServer): Record<string, string> => ({
  ASSISTANT_PROVIDER: 'anthropic',
  ANTHROPIC_API_KEY: 'test-anthropic-key',
  ANTHROPIC_BASE_URL: server.url,
  ASSISTANT_PROVIDER_MAX_RETRIES: '0',
});

export class FakeModelServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly plans: Plan[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('fake model server is not on TCP');
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  /** The next request answers with `plan`. */
  enqueue(plan: Plan): void {
    this.plans.push(plan);
  }

  last(): ReceivedRequest {
    const request = this.requests.at(-1);
    if (!request) throw new Error('the fake model server received no request');
    return request;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const piece of request) chunks.push(piece as Buffer);
    const path = (request.url ?? '').split('?')[0];
    const dialect = DIALECTS[path];
    let closeSeen: () => void = () => undefined;
    const received: ReceivedRequest = {
      path,
      headers: request.headers,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      aborted: false,
      closed: new Promise((resolve) => (closeSeen = resolve)),
      emittedAt: [],
    };
    this.requests.push(received);
    response.on('close', () => {
      if (!response.writableEnded) received.aborted = true;
      closeSeen();
    });
    if (!dialect) {
      response.writeHead(404).end();
      return;
    }
    const plan = this.plans.shift() ?? DEFAULT_PLAN;
    if (plan.status) {
      const error = plan.error ?? { type: 'api_error', message: 'upstream says no' };
      response.writeHead(plan.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(dialect.refusal(plan.status, error)));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const line of dialect.open(String(received.body.model))) response.write(line);
    for (const step of plan.steps ?? []) {
      if (received.aborted || response.destroyed) return;
      if ('text' in step) {
        response.write(dialect.text(step.text));
        received.emittedAt.push(performance.now());
      } else if ('wait' in step) {
        await Promise.race([step.wait, received.closed]);
      } else if ('pauseMs' in step) {
        await new Promise((resolve) => setTimeout(resolve, step.pauseMs));
      } else if ('stall' in step) {
        await received.closed;
        return;
      } else {
        response.end(dialect.error(step.error));
        return;
      }
    }
    if (response.destroyed) return;
    for (const line of dialect.end(plan.finish ?? 'stop')) response.write(line);
    response.end();
  }
}
