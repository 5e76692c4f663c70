import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Test files share one module cache per worker instead of re-importing discord.js, openai, pino
    // and the app for every file (about a third of the suite's time went to imports).
    isolate: false,
  },
});
