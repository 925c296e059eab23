import { IsIn, IsOptional, IsString, ValidateIf } from 'class-validator';
import { FlagSetting, IntSetting, type SettingsBase, TextSetting, UrlSetting } from './setting-kinds';

export const ASSISTANT_PROVIDERS = ['extractive', 'anthropic', 'openai'] as const;
export type AssistantProvider = (typeof ASSISTANT_PROVIDERS)[number];

/** The assistant: which model answers, and the bounds on one answer stream. */
export const AssistantSettings = <Base extends SettingsBase>(base: Base) => {
  class Assistant extends base {
    /**
     * Which model answers the assistant by default: `extractive` (no model: the best passages
     * themselves), `anthropic` or `openai`. Unset: anthropic when ANTHROPIC_API_KEY is set,
     * openai when OPENAI_BASE_URL or OPENAI_API_KEY is set, extractive otherwise.
     */
    @IsOptional() @IsIn(ASSISTANT_PROVIDERS) ASSISTANT_PROVIDER?: AssistantProvider;

    @ValidateIf(
      (config: Assistant) => config.ASSISTANT_PROVIDER === 'anthropic' || config.ANTHROPIC_API_KEY !== undefined,
    )
    @IsString({ message: 'ANTHROPIC_API_KEY is required when ASSISTANT_PROVIDER is anthropic' })
    ANTHROPIC_API_KEY?: string;

    @UrlSetting('http', 'https') ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
    @TextSetting() ANTHROPIC_MODEL = 'claude-sonnet-4-6';
    @IsOptional() @IsString() OPENAI_API_KEY?: string;

    /** Any OpenAI-compatible server (vLLM, Ollama, LM Studio); setting it turns the openai provider on. */
    @IsOptional() @UrlSetting('http', 'https') OPENAI_BASE_URL?: string;

    @TextSetting() OPENAI_MODEL = 'gpt-4.1-mini';

    /** Longest wait for the provider to start answering, and then between two pieces of the answer. */
    @IntSetting(100, 600_000) ASSISTANT_PROVIDER_TIMEOUT_MS = 60_000;

    /** Retries of a provider request that failed before it started streaming (rate limit, overload). */
    @IntSetting(0, 5) ASSISTANT_PROVIDER_MAX_RETRIES = 2;

    /** Answers streaming at once per organization, across every API replica; the next one is 429. */
    @IntSetting(1, 1_000) ASSISTANT_MAX_CONCURRENT_STREAMS = 5;

    /** Tokens (estimated) of earlier conversation turns sent with a question. */
    @IntSetting(0, 100_000) ASSISTANT_HISTORY_TOKEN_BUDGET = 2_000;

    /** Milliseconds between heartbeat comments on an idle answer stream, so proxies keep it open. */
    @IntSetting(10, 120_000) ASSISTANT_HEARTBEAT_MS = 15_000;

    /**
     * Before retrieving, ask the answering model (not the extractive one) for other wordings of the
     * question and search them too, fused by reciprocal rank. Off: it did not measurably help on
     * the retrieval benchmark (README, "Semantic search") and costs a model call per question.
     */
    @FlagSetting() ASSISTANT_QUERY_REPHRASING = false;

    /** Longest wait for the rephrasings; past it the question is searched alone. */
    @IntSetting(100, 60_000) ASSISTANT_REPHRASE_TIMEOUT_MS = 3_000;
  }
  return Assistant;
};
