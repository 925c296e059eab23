import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../../core/config/app-config';
import {
  type EmbeddingProvider,
  EmbeddingRejectedError,
  type Embeddings,
  EmbeddingUnavailableError,
} from './embedding-provider';
import { RequestPacer } from './request-pacer';
import { MAX_RETRY_WAIT_MS, retryDelayMs } from './retry-delay';

/** The SDK is loaded when a provider is configured, not by every process at boot (it is large). */
const loadSdk = () => import('openai');
type Sdk = Awaited<ReturnType<typeof loadSdk>>;
type EmbeddingResponse = Awaited<ReturnType<InstanceType<Sdk['OpenAI']>['embeddings']['create']>>;

/** Statuses no retry can fix: a bad key, a key without access, an unknown model. */
const REJECTED = new Set([401, 403, 404]);
/** Characters per token assumed when cutting a long input; low, so the cut text surely fits. */
const CHARS_PER_TOKEN = 3;

/**
 * Embeddings through the official OpenAI SDK, against OpenAI or any server that speaks its API.
 * The SDK asks for base64 vectors and decodes them; its own retries are off so that ours pace
 * the requests, honour Retry-After on 429 and 5xx, and tell a refusal from an outage.
 */
export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly model: string;
  readonly dimensions?: number;
  readonly maxInputChars: number;
  private readonly sdk: Promise<Sdk> = loadSdk();
  private readonly client: Promise<InstanceType<Sdk['OpenAI']>>;
  private readonly pacer: RequestPacer;
  private readonly maxAttempts: number;
  /** Without EMBEDDING_DIMENSIONS, the length of the model's first answer: every later one must match it. */
  private learntLength?: number;

  constructor(config: AppConfig) {
    this.model = config.EMBEDDING_MODEL;
    this.dimensions = config.EMBEDDING_DIMENSIONS;
    this.maxInputChars = config.EMBEDDING_MAX_INPUT_TOKENS * CHARS_PER_TOKEN;
    this.maxAttempts = config.EMBEDDING_MAX_ATTEMPTS;
    this.pacer = new RequestPacer(config.EMBEDDING_MAX_REQUESTS_PER_MINUTE);
    this.client = this.sdk.then(
      ({ OpenAI }) =>
        new OpenAI({
          // Local servers take any key; the SDK insists on one.
          apiKey: config.EMBEDDING_API_KEY ?? 'unused',
          baseURL: config.EMBEDDING_BASE_URL,
          timeout: config.EMBEDDING_TIMEOUT_MS,
          maxRetries: 0,
        }),
    );
  }

  async embed(texts: string[], options: { signal?: AbortSignal; maxAttempts?: number } = {}): Promise<Embeddings> {
    const maxAttempts = options.maxAttempts ?? this.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      await this.pacer.turn(options.signal);
      try {
        return this.check(texts, await this.request(texts, options.signal));
      } catch (error) {
        const sdk = await this.sdk;
        const answer = error instanceof sdk.APIError ? (error as InstanceType<Sdk['APIError']>) : null;
        const status = answer?.status;
        if (status !== undefined && REJECTED.has(status))
          throw new EmbeddingRejectedError('embedding_rejected', status);
        if (options.signal?.aborted) throw error;
        // Anything else that is not an outage is an answer we cannot read.
        if (!isTransient(sdk, error)) throw new EmbeddingRejectedError('embedding_invalid', status);
        const wait = retryDelayMs(attempt, answer?.headers);
        if (attempt >= maxAttempts || wait >= MAX_RETRY_WAIT_MS) throw new EmbeddingUnavailableError(status);
        await sleep(wait, undefined, { signal: options.signal });
      }
    }
  }

  private async request(texts: string[], signal?: AbortSignal): Promise<EmbeddingResponse> {
    return (await this.client).embeddings.create(
      { model: this.model, input: texts, ...(this.dimensions ? { dimensions: this.dimensions } : {}) },
      { signal },
    );
  }

  /** One vector per text, in input order, all of the same length (the asked one, if any). */
  private check(texts: string[], response: EmbeddingResponse): Embeddings {
    const vectors = Array.from({ length: texts.length }, (): Float32Array | undefined => undefined);
    for (const item of response.data ?? []) {
      if (!Number.isInteger(item.index) || item.index < 0 || item.index >= texts.length) continue;
      vectors[item.index] = Float32Array.from(item.embedding);
    }
    const length = this.dimensions ?? this.learntLength ?? vectors[0]?.length;
    const usable = vectors.every(
      (vector) => vector !== undefined && vector.length === length && vector.every(Number.isFinite),
    );
    if (!usable || !length) throw new EmbeddingRejectedError('embedding_invalid');
    this.learntLength = length;
    return {
      vectors: vectors as Float32Array[],
      tokens: response.usage?.prompt_tokens ?? response.usage?.total_tokens ?? 0,
    };
  }
}

/** Rate limits, server errors, timeouts and dropped connections may pass; anything else will not. */
function isTransient({ APIConnectionError, APIError }: Sdk, error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  const status = error instanceof APIError ? (error.status as number | undefined) : undefined;
  if (status === undefined) return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
