import { loadConfig } from '../core/config/load-config';
import { availableProviders, defaultModel, defaultProvider } from './assistant-providers';
import { MINIMAL_ENV } from '../../test/support/minimal-env';

describe('assistant providers from configuration', () => {
  it('defaults to extractive when no model is configured', () => {
    const config = loadConfig(MINIMAL_ENV);
    expect(defaultProvider(config)).toBe('extractive');
    expect(availableProviders(config)).toEqual(['extractive']);
  });

  it('picks anthropic when its key is set, openai when only a compatible base URL is set', () => {
    expect(defaultProvider(loadConfig({ ...MINIMAL_ENV, ANTHROPIC_API_KEY: 'k' }))).toBe('anthropic');
    const local = loadConfig({ ...MINIMAL_ENV, OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'llama3' });
    expect(defaultProvider(local)).toBe('openai');
    expect(defaultModel(local, 'openai')).toBe('llama3');
  });

  it('honours ASSISTANT_PROVIDER, and refuses anthropic without a key at boot', () => {
    expect(
      defaultProvider(loadConfig({ ...MINIMAL_ENV, ANTHROPIC_API_KEY: 'k', ASSISTANT_PROVIDER: 'extractive' })),
    ).toBe('extractive');
    expect(() => loadConfig({ ...MINIMAL_ENV, ASSISTANT_PROVIDER: 'anthropic' })).toThrow(
      /ANTHROPIC_API_KEY is required/,
    );
  });
});
