import type { AppConfig } from '../../core/config/app-config';
import type { TokenUsage } from '../message.entity';
import type { AnswerRequest } from '../prompt/prompt';
import type { AnswerPart, AnswerProvider } from './answer-provider';
import { sdkFailure } from './provider-failure';

/** The SDK is loaded once a provider is configured, not by every process at boot (it is large). */
const loadSdk = () => import('openai');
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** Local OpenAI-compatible servers need no key, but the SDK insists on one. */
const NO_KEY = 'not-needed';

/** OpenAI, or any server speaking its chat completions API (vLLM, Ollama, LM Studio), through the official SDK. */
export class OpenAIProvider implements AnswerProvider {
  private readonly sdk: Promise<Sdk> = loadSdk();
  private readonly client: Promise<InstanceType<Sdk['OpenAI']>>;

  constructor(config: AppConfig) {
    // Everything explicit, so the SDK reads nothing from the environment by itself.
    this.client = this.sdk.then(
      ({ OpenAI }) =>
        new OpenAI({
          apiKey: config.OPENAI_API_KEY ?? NO_KEY,
          baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
          organization: null,
          project: null,
          timeout: config.ASSISTANT_PROVIDER_TIMEOUT_MS,
          maxRetries: config.ASSISTANT_PROVIDER_MAX_RETRIES,
          logLevel: 'off',
        }),
    );
  }

  async *stream(request: AnswerRequest, signal: AbortSignal): AsyncGenerator<AnswerPart> {
    let usage: TokenUsage | null = null;
    let finishReason: 'stop' | 'length' = 'stop';
    try {
      const client = await this.client;
      const chunks = await client.chat.completions.create(
        {
          model: request.model,
          max_completion_tokens: request.maxTokens,
          temperature: request.temperature,
          messages: [{ role: 'system', content: request.prompt.system }, ...request.prompt.turns],
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      for await (const chunk of chunks) {
        const choice = chunk.choices[0];
        if (choice?.delta.content) yield { type: 'text', text: choice.delta.content };
        if (choice?.finish_reason === 'length') finishReason = 'length';
        if (chunk.usage) {
          usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      throw sdkFailure((await this.sdk).OpenAI, error, (apiError) => apiError.type ?? apiError.code);
    }
    if (!signal.aborted) yield { type: 'finish', finishReason, usage };
  }
}
