import type { AppConfig, AssistantProvider } from '../core/config/app-config';

/** The providers this server can reach: extractive always, a model provider once configured. */
export function availableProviders(config: AppConfig): AssistantProvider[] {
  const available: AssistantProvider[] = ['extractive'];
  if (config.ANTHROPIC_API_KEY) available.push('anthropic');
  const openai = config.ASSISTANT_PROVIDER === 'openai' || config.OPENAI_BASE_URL || config.OPENAI_API_KEY;
  if (openai) available.push('openai');
  return available;
}

/** ASSISTANT_PROVIDER, or the first model provider configured, or extractive when there is none. */
export function defaultProvider(config: AppConfig): AssistantProvider {
  if (config.ASSISTANT_PROVIDER) return config.ASSISTANT_PROVIDER;
  return availableProviders(config).find((provider) => provider !== 'extractive') ?? 'extractive';
}

export function defaultModel(config: AppConfig, provider: AssistantProvider): string {
  if (provider === 'anthropic') return config.ANTHROPIC_MODEL;
  if (provider === 'openai') return config.OPENAI_MODEL;
  return 'extractive';
}
