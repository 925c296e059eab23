import { loadConfig } from '../core/config/load-config';
import { availableProviders, defaultModel, defaultProvider } from './assistant-providers';

const base = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'a-signing-key-of-at-least-32-characters',
};

describe('assistant providers from configuration', () => {
  it('defaults to extractive when no model is configured', () => {
    const config = loadConfig(base);
    expect(defaultProvider(config)).toBe('extractive');
    expect(availableProviders(config)).toEqual(['extractive']);
  });

  it('picks anthropic when its key is set, openai when only a compatible base URL is set', () => {
    expect(defaultProvider(loadConfig({ ...base, ANTHROPIC_API_KEY: 'k' }))).toBe('anthropic');
    const local = loadConfig({ ...base, OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'llama3' });
    expect(defaultProvider(local)).toBe('openai');
    expect(defaultModel(local, 'openai')).toBe('llama3');
  });

  it('honours ASSISTANT_PROVIDER, and refuses anthropic without a key at boot', () => {
    expect(defaultProvider(loadConfig({ ...base, ANTHROPIC_API_KEY: 'k', ASSISTANT_PROVIDER: 'extractive' }))).toBe(
      'extractive',
    );
    expect(() => loadConfig({ ...base, ASSISTANT_PROVIDER: 'anthropic' })).toThrow(/ANTHROPIC_API_KEY is required/);
  });
});
