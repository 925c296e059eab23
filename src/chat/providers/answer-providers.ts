import { Injectable } from '@nestjs/common';
import { availableProviders, defaultModel, defaultProvider } from '../../agents/assistant-providers';
import { AppConfig, type AssistantProvider } from '../../core/config/app-config';
import { ServiceUnavailableError } from '../../core/http/app-error';
import type { AnswerProvider } from './answer-provider';
import { AnthropicProvider } from './anthropic.provider';
import { ExtractiveProvider } from './extractive.provider';
import { OpenAIProvider } from './openai.provider';

export interface ChosenProvider {
  name: AssistantProvider;
  model: string;
  provider: AnswerProvider;
}

/** The provider and model that answer for an agent: its own choice, else the configured default. */
@Injectable()
export class AnswerProviders {
  private readonly providers: Partial<Record<AssistantProvider, AnswerProvider>>;

  constructor(private readonly config: AppConfig) {
    const create: Record<AssistantProvider, () => AnswerProvider> = {
      extractive: () => new ExtractiveProvider(),
      anthropic: () => new AnthropicProvider(config),
      openai: () => new OpenAIProvider(config),
    };
    this.providers = Object.fromEntries(availableProviders(config).map((name) => [name, create[name]()]));
  }

  choose(agent: { provider: AssistantProvider | null; model: string | null }): ChosenProvider {
    const name = agent.provider ?? defaultProvider(this.config);
    const provider = this.providers[name];
    // An agent saved while a provider was configured, and the configuration changed since.
    if (!provider) throw new ServiceUnavailableError(`The agent's provider (${name}) is not configured on this server`);
    return { name, model: agent.model ?? defaultModel(this.config, name), provider };
  }
}
