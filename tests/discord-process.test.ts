import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/engine.js';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord/index.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { createQuotingModel } from './helpers/quoting-model.js';
import { runStorybot } from './helpers/spawn-cli.js';

const KEY = 'sk-process-test-key-000000000000';
let discord: FakeDiscord;
let openai: FakeOpenAi;
let varDir: string;

beforeAll(async () => {
  discord = await startFakeDiscord();
  openai = await startFakeOpenAi({ chat: createQuotingModel() });
  varDir = await mkdtemp(path.join(tmpdir(), 'storybot-process-'));
});
afterAll(async () => {
  await openai.close();
  await discord.close();
  await rm(varDir, { recursive: true, force: true });
});

const env = () => ({
  DISCORD_TOKEN: discord.botToken,
  DISCORD_APPLICATION_ID: discord.applicationId,
  DISCORD_GUILD_ID: discord.guildId,
  DISCORD_API_URL: discord.apiUrl,
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: openai.baseURL,
  GROUNDING_CHECK: 'code',
  STORYBOT_VAR_DIR: varDir,
  LOG_LEVEL: 'info',
});

function startBot(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('npm start with DISCORD_TOKEN: the bot process', () => {
  it('deploy-commands registers the commands to the guild and says so', async () => {
    const run = await runStorybot(['deploy-commands'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/guild/i);
    expect(discord.commands.map((command) => command.name).sort()).toEqual([
      'article',
      'ask',
      'config',
      'help',
      'quote',
      'story',
    ]);
    expect(discord.violations).toEqual([]);
  });

  it('answers /ask, then on SIGTERM finishes the question in flight before exiting', async () => {
    const bot = startBot();
    // A whole process starts here (discord.js, the engine, the records database): allow a busy machine.
    await discord.waitForReady(20_000);
    const user = discord.createUser('reader');
    const first = discord.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'What is Salt Typhoon?' }],
      user,
    });
    const reply = await first.waitForReply();
    expect(JSON.stringify(reply.original?.embeds)).toContain('¶2');

    openai.onChat((body) => ({ ...createQuotingModel()(body), delayMs: 600 }));
    const slow = discord.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'Who drafted the sanctions package?' }],
      user: discord.createUser('late reader'),
    });
    await slow.ack;
    bot.child.kill('SIGTERM');
    const late = await slow.waitForReply();
    expect(JSON.stringify(late.original?.embeds)).toContain('¶4');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toMatch(/shutting down/);
    expect(bot.output()).not.toContain(discord.botToken);
    expect(bot.output()).not.toContain(KEY);
    expect(discord.violations).toEqual([]);
  });

  it('a rejected token gives one clear message and exits 1', async () => {
    const run = await runStorybot([], { env: { ...env(), DISCORD_TOKEN: 'not-the-token' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DISCORD_TOKEN/);
    expect(run.stderr.split('\n').filter((line) => line.includes('DISCORD_TOKEN'))).toHaveLength(1);
  });
});
