import type { AppConfig } from '../../core/config/app-config';
import type { TokenUsage } from '../message.entity';
import type { AnswerRequest } from '../prompt/prompt';
import type { AnswerPart, AnswerProvider } from './answer-provider';
import { sdkFailure } from './provider-failure';

/** The SDK is loaded once a provider is configured, not by every process at boot (it is large). */
const loadSdk = () => import('@anthropic-ai/sdk');
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** Claude through the official SDK's streaming Messages API. */
export class AnthropicProvider implements AnswerProvider {
  private readonly sdk: Promise<Sdk> = loadSdk();
  private readonly client: Promise<InstanceType<Sdk['Anthropic']>>;

  constructor(config: AppConfig) {
    // Everything explicit, so the SDK reads nothing from the environment by itself.
    this.client = this.sdk.then(
      ({ Anthropic }) =>
        new Anthropic({
          apiKey: config.ANTHROPIC_API_KEY,
          authToken: null,
          baseURL: config.ANTHROPIC_BASE_URL,
          timeout: config.ASSISTANT_PROVIDER_TIMEOUT_MS,
          maxRetries: config.ASSISTANT_PROVIDER_MAX_RETRIES,
          logLevel: 'off',
        }),
    );
  }

  async *stream(request: AnswerRequest, signal: AbortSignal): AsyncGenerator<AnswerPart> {
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    let finishReason: 'stop' | 'length' = 'stop';
    try {
      const client = await this.client;
      const events = await client.messages.create(
        {
          model: request.model,
          max_tokens: request.maxTokens,
          // The Messages API has retired `temperature`; the agent's value applies to OpenAI-compatible models.
          system: request.prompt.system,
          messages: request.prompt.turns,
          stream: true,
        },
        { signal },
      );
      for await (const event of events) {
        if (event.type === 'message_start') usage.inputTokens = event.message.usage.input_tokens;
        else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          yield { type: 'text', text: event.delta.text };
        } else if (event.type === 'message_delta') {
          usage.outputTokens = event.usage.output_tokens;
          if (event.delta.stop_reason === 'max_tokens') finishReason = 'length';
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      throw sdkFailure((await this.sdk).Anthropic, error, (apiError) => apiError.type);
    }
    // On abort the SDK ends the stream quietly: no finish part then.
    if (!signal.aborted) yield { type: 'finish', finishReason, usage };
  }
}
