import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import { paragraphChoices, storyChoices } from '../src/discord/commands/autocomplete.js';
import { buildCommands } from '../src/discord/commands/index.js';
import { createCooldown, retryMessage } from '../src/discord/ask/cooldown.js';
import { chooseStory } from '../src/discord/deliver/stories.js';
import { BRIDGE, makeArticle } from './helpers/discord-fixtures.js';

const OTHER = makeArticle(['One.', 'Two.'], { id: 'other', title: 'Another story' });

describe('command definitions', () => {
  it('defines /ask, /article, /quote and /help for guilds, bot DMs and private channels; /config and /story for servers', () => {
    const commands = buildCommands([BRIDGE], { maxQuestionLength: 500 });
    expect(commands.map((c) => c.name)).toEqual(['ask', 'article', 'quote', 'help', 'config', 'story']);
    const config = commands.find((c) => c.name === 'config');
    expect(config).toMatchObject({ contexts: [0], integration_types: [0], default_member_permissions: '32' });
    expect(config?.options?.map((o) => o.name)).toEqual(['set', 'show']);
    for (const command of commands.filter((c) => c.name !== 'config' && c.name !== 'story')) {
      expect(command.contexts).toEqual([0, 1, 2]);
      expect(command.integration_types).toEqual([0, 1]);
    }
    const ask = commands[0]?.options ?? [];
    expect(ask[0]).toMatchObject({ name: 'question', required: true, max_length: 500 });
    expect(ask[1]).toMatchObject({ name: 'private', type: ApplicationCommandOptionType.Boolean });
    expect(ask.some((o) => o.name === 'story')).toBe(false);
    const quote = commands[2]?.options?.[0];
    expect(quote).toMatchObject({
      name: 'paragraph',
      type: ApplicationCommandOptionType.Integer,
      min_value: 1,
      max_value: 4,
      autocomplete: true,
    });
  });

  it('adds the story option only with more than one article', () => {
    const commands = buildCommands([BRIDGE, OTHER], { maxQuestionLength: 300 });
    for (const name of ['ask', 'article', 'quote']) {
      const command = commands.find((c) => c.name === name);
      expect(command?.options?.find((o) => o.name === 'story')).toMatchObject({
        autocomplete: true,
        required: false,
      });
    }
    expect(JSON.stringify(commands[2]?.options?.[0])).not.toContain('max_value');
  });
});

describe('/story', () => {
  it('is a server command for Manage Server, with add, list and remove', () => {
    const story = buildCommands([BRIDGE], { maxQuestionLength: 500 }).find((c) => c.name === 'story');
    expect(story).toMatchObject({ contexts: [0], integration_types: [0], default_member_permissions: '32' });
    expect(story?.options?.map((o) => o.name)).toEqual(['add', 'list', 'remove']);
  });
});

describe('autocomplete choices', () => {
  const many = makeArticle(
    Array.from({ length: 40 }, (_, i) => `Paragraph number ${i + 1} says ${'words '.repeat(30)}`),
  );

  it('offers at most 25 paragraphs, names within 100 characters, filtered by digits or words', () => {
    const all = paragraphChoices(many, '');
    expect(all).toHaveLength(25);
    for (const choice of all) expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(paragraphChoices(many, '3').map((c) => c.value)).toEqual([
      3, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
    ]);
    expect(paragraphChoices(many, 'number 17 says').map((c) => c.value)).toEqual([17]);
    expect(paragraphChoices(many, 12).map((c) => c.value)).toEqual([12]);
  });

  it('answers junk with the valid range instead of failing', () => {
    for (const junk of ['999', '-4', '0', '¶¶¶', '<@&1>', ' '.repeat(200), 'x'.repeat(6000)]) {
      const choices = paragraphChoices(many, junk);
      expect(choices.length).toBeGreaterThan(0);
      expect(choices[0]?.value).toBe(1);
    }
  });

  it('matches stories by title or id', () => {
    expect(storyChoices([BRIDGE, OTHER], 'anoth')).toEqual([{ name: 'Another story', value: 'other' }]);
    expect(storyChoices([BRIDGE, OTHER], 'nothing like it')).toHaveLength(2);
  });

  it('resolves a story by id, title or an unambiguous part of one', () => {
    expect(chooseStory([BRIDGE, OTHER], 'other')).toEqual({ ok: true, article: OTHER });
    expect(chooseStory([BRIDGE, OTHER], 'HARBOUR BRIDGE')).toEqual({ ok: true, article: BRIDGE });
    expect(chooseStory([BRIDGE, OTHER], null)).toEqual({ ok: true, article: undefined });
    expect(chooseStory([BRIDGE], null)).toEqual({ ok: true, article: BRIDGE });
    expect(chooseStory([BRIDGE, OTHER], '@everyone')).toMatchObject({
      ok: false,
      message: expect.stringContaining('@\u200beveryone') as unknown,
    });
  });
});

describe('cooldown', () => {
  it('lets a user ask once per window, tells them once, and never extends on spam', () => {
    let now = 1_000_000;
    const cooldown = createCooldown({ seconds: 5, now: () => now });
    expect(cooldown.take('u')).toEqual({ ok: true });
    expect(cooldown.take('v')).toEqual({ ok: true });
    now += 2_000;
    expect(cooldown.take('u')).toEqual({ ok: false, retryAt: 1_005_000 });
    expect(cooldown.take('u')).toEqual({ ok: false, retryAt: 1_005_000 });
    now += 3_000;
    expect(cooldown.take('u')).toEqual({ ok: true });
    expect(retryMessage(1_005_000)).toBe("You're asking a little fast. You can ask again <t:1005:R>.");
  });

  it('is off at 0 seconds and keeps its memory bounded', () => {
    const off = createCooldown({ seconds: 0 });
    expect(off.take('u')).toEqual({ ok: true });
    expect(off.take('u')).toEqual({ ok: true });
    const bounded = createCooldown({ seconds: 5, maxUsers: 2, now: () => 0 });
    for (const user of ['a', 'b', 'c']) bounded.take(user);
    expect(bounded.take('a')).toEqual({ ok: true });
    expect(bounded.take('c').ok).toBe(false);
  });
});
