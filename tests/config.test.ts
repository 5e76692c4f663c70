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

  it('reads sharding and Redis: unset is one process in memory; shards are "auto" or a count', () => {
    const plain = loadConfig({});
    expect([plain.STORYBOT_SHARDS, plain.REDIS_URL, plain.REDIS_PREFIX]).toEqual([
      undefined,
      undefined,
      'storybot:',
    ]);
    expect(loadConfig({ STORYBOT_SHARDS: 'auto' }).STORYBOT_SHARDS).toBe('auto');
    const sharded = loadConfig({ STORYBOT_SHARDS: '4', REDIS_URL: 'redis://127.0.0.1:6379/2' });
    expect([sharded.STORYBOT_SHARDS, sharded.REDIS_URL]).toEqual([4, 'redis://127.0.0.1:6379/2']);
    const problems = () => {
      try {
        loadConfig({ STORYBOT_SHARDS: 'many', REDIS_URL: 'http://127.0.0.1:6379' });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(problems()).toEqual([
      expect.stringMatching(/^REDIS_URL: must be a redis:\/\//),
      expect.stringMatching(/^STORYBOT_SHARDS: must be "auto" or a whole number/),
    ]);
    expect(() => loadConfig({ STORYBOT_SHARDS: '0' })).toThrow(ConfigError);
  });
});

describe('grounding check settings', () => {
  it('defaults to the code check, with a nano-class model for the optional second opinion', () => {
    expect(loadConfig({})).toMatchObject({ GROUNDING_CHECK: 'code', GROUNDING_MODEL: 'gpt-4.1-nano' });
    // With a key the second opinion is on unless turned off.
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x' }).GROUNDING_CHECK).toBe('model');
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', GROUNDING_CHECK: 'code' }).GROUNDING_CHECK).toBe('code');
    expect(loadConfig({}).GROUNDING_TIMEOUT_MS).toBe(8_000);
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
