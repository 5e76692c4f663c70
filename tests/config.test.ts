import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load-config.js';

describe('loadConfig', () => {
  it('gives sensible defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.OPENAI_TIMEOUT_MS).toBe(30_000);
    expect(config.OPENAI_TEMPERATURE).toBe(0);
    expect(config.STORYBOT_TOP_K).toBe(5);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: ' ', DISCORD_GUILD_ID: '' });
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.OPENAI_BASE_URL).toBeUndefined();
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        OPENAI_BASE_URL: 'not a url',
        OPENAI_TIMEOUT_MS: 'soon',
        STORYBOT_TOP_K: '0',
        DISCORD_GUILD_ID: 'my-server',
        LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of [
      'OPENAI_BASE_URL',
      'OPENAI_TIMEOUT_MS',
      'STORYBOT_TOP_K',
      'DISCORD_GUILD_ID',
      'LOG_LEVEL',
    ]) {
      expect(message).toContain(name);
    }
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('turns embeddings off with "off"', () => {
    expect(loadConfig({}).OPENAI_EMBEDDING_MODEL).toBe('text-embedding-3-small');
    expect(loadConfig({ OPENAI_EMBEDDING_MODEL: 'off' }).OPENAI_EMBEDDING_MODEL).toBeUndefined();
    expect(loadConfig({ OPENAI_EMBEDDING_MODEL: 'None' }).OPENAI_EMBEDDING_MODEL).toBeUndefined();
  });

  it('parses numbers and URLs', () => {
    const config = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MAX_RETRIES: '0' });
    expect(config.OPENAI_BASE_URL).toBe('http://127.0.0.1:11434/v1');
    expect(config.OPENAI_MAX_RETRIES).toBe(0);
  });
});

describe('grounding check settings', () => {
  it('defaults to the code check, with a nano-class model for the optional second opinion', () => {
    expect(loadConfig({})).toMatchObject({ GROUNDING_CHECK: 'code', GROUNDING_MODEL: 'gpt-4.1-nano' });
    expect(loadConfig({ GROUNDING_CHECK: 'Model', OPENAI_API_KEY: 'sk-x' }).GROUNDING_CHECK).toBe('model');
  });

  it('refuses an unknown mode, and the model check without a key', () => {
    expect(() => loadConfig({ GROUNDING_CHECK: 'both' })).toThrow(
      /GROUNDING_CHECK: must be "code" or "model"/,
    );
    expect(() => loadConfig({ GROUNDING_CHECK: 'model' })).toThrow(
      /GROUNDING_CHECK: "model" needs OPENAI_API_KEY/,
    );
  });
});
