import { IsIn, IsOptional, IsString } from 'class-validator';
import { IntSetting, type SettingsBase, TextSetting, UrlSetting } from './setting-kinds';

export const EMBEDDING_PROVIDERS = ['none', 'openai'] as const;
export type EmbeddingProviderName = (typeof EMBEDDING_PROVIDERS)[number];

/** Semantic search: the embeddings provider and how hard the worker may call it. */
export const EmbeddingSettings = <Base extends SettingsBase>(base: Base) => {
  class Embedding extends base {
    /**
     * Semantic search: `none` (lexical search only) or `openai`, any server speaking the OpenAI
     * embeddings API (OpenAI, Azure OpenAI, Ollama, vLLM, Hugging Face TEI, LM Studio, LocalAI).
     */
    @IsIn(EMBEDDING_PROVIDERS) EMBEDDING_PROVIDER: EmbeddingProviderName = 'none';

    @IsOptional() @UrlSetting('http', 'https') EMBEDDING_BASE_URL?: string;

    /** Sent as the bearer token; local servers usually need none. */
    @IsOptional() @IsString() EMBEDDING_API_KEY?: string;

    /** Vectors of one model only are compared; changing it re-embeds every chunk in the background. */
    @TextSetting() EMBEDDING_MODEL = 'text-embedding-3-small';

    /** Asks the model for shorter vectors (models that support it); unset: the model's own length. */
    @IsOptional() @IntSetting(8, 8_192) EMBEDDING_DIMENSIONS?: number;

    /** Chunks per embeddings request. */
    @IntSetting(1, 2_048) EMBEDDING_BATCH_SIZE = 64;

    /** Requests per minute each worker process sends at most (the provider's rate limit, split among workers). */
    @IntSetting(1, 100_000) EMBEDDING_MAX_REQUESTS_PER_MINUTE = 3_000;

    /** The model's input limit in tokens: longer chunks are cut to fit (and counted), never failed. */
    @IntSetting(16, 1_000_000) EMBEDDING_MAX_INPUT_TOKENS = 8_191;

    /** Longest wait for one embeddings request before it counts as failed and is retried. */
    @IntSetting(100, 600_000) EMBEDDING_TIMEOUT_MS = 30_000;

    /** Attempts of one embeddings request on 429, 5xx or a network fault, with backoff honouring Retry-After. */
    @IntSetting(1, 10) EMBEDDING_MAX_ATTEMPTS = 4;

    /**
     * Vectors of one model an organization needs before the worker partitions them into lists
     * (k-means) so that a query scans a few lists; below it every query scans them all, which is
     * fast enough (about 0.3 µs a vector, see README).
     */
    @IntSetting(2, 100_000_000) EMBEDDING_PARTITION_MIN_VECTORS = 20_000;
  }
  return Embedding;
};
