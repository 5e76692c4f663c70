import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE, makeArticle, unescapeMarkdown } from './helpers/discord-fixtures.js';
import { startHarness, type DiscordHarness } from './helpers/discord-harness.js';

const LIBRARY = makeArticle(
  [
    'RIVERTON, May 2 (Wire) - The city library will open on Sundays from June, the council decided on Tuesday.',
    'Librarians said Sunday opening had been the most requested change in a survey of 2,000 residents.',
    'The council set aside 300,000 dollars a year for extra staff.',
  ],
  { id: 'library-sundays', title: 'Library to open on Sundays', source: 'Riverton Daily' },
);

let h: DiscordHarness;

beforeAll(async () => {
  h = await startHarness({ articles: [BRIDGE, LIBRARY], model: false });
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  h.advance(60_000);
  expect(h.fake.violations).toEqual([]);
});

describe('with several stories', () => {
  it('registers a story option with autocomplete on /ask, /article and /quote', () => {
    for (const name of ['ask', 'article', 'quote']) {
      const command = h.fake.commands.find((c) => c.name === name) as {
        options?: { name: string; autocomplete?: boolean }[];
      };
      expect(command.options?.find((o) => o.name === 'story')).toMatchObject({ autocomplete: true });
    }
  });

  it('autocompletes stories by what is typed', async () => {
    const options = [{ name: 'story', type: 3, value: 'libr', focused: true }];
    const reply = await h.fake
      .sendAutocomplete({ name: 'ask', options, user: h.fake.createUser('a') })
      .waitForReply();
    expect(reply.choices).toEqual([{ name: LIBRARY.title, value: LIBRARY.id }]);
    const all = [{ name: 'story', type: 3, value: 'zzz', focused: true }];
    const fallback = await h.fake
      .sendAutocomplete({ name: 'quote', options: all, user: h.fake.createUser('b') })
      .waitForReply();
    expect(fallback.choices).toHaveLength(2);
  });

  it('autocompletes paragraphs of the chosen story', async () => {
    const options = [
      { name: 'paragraph', type: 4, value: '', focused: true },
      { name: 'story', type: 3, value: LIBRARY.id },
    ];
    const reply = await h.fake
      .sendAutocomplete({ name: 'quote', options, user: h.fake.createUser('c') })
      .waitForReply();
    expect((reply.choices ?? []).map((c) => c.value)).toEqual([1, 2, 3]);
  });

  it('asks about the chosen story', async () => {
    const options = [
      { name: 'question', type: 3, value: 'When will the library open on Sundays?' },
      { name: 'story', type: 3, value: LIBRARY.id },
    ];
    const { original } = await h.fake
      .sendCommand({ name: 'ask', options, user: h.fake.createUser('d') })
      .waitForReply();
    expect(h.answerer.questions.at(-1)?.articleId).toBe(LIBRARY.id);
    // The story is named once, in the footer under the answer.
    expect(original?.embeds.at(-1)?.footer?.text).toContain(LIBRARY.title);
  });

  it('lists the stories for /article without a story, and quotes the chosen one', async () => {
    const list = await h.fake.sendCommand({ name: 'article', user: h.fake.createUser('e') }).waitForReply();
    expect(list.original?.embeds[0]?.fields?.map((f) => f.name)).toEqual([BRIDGE.title, LIBRARY.title]);
    const options = [
      { name: 'paragraph', type: 4, value: 3 },
      { name: 'story', type: 3, value: LIBRARY.id },
    ];
    const quote = await h.fake
      .sendCommand({ name: 'quote', options, user: h.fake.createUser('f') })
      .waitForReply();
    expect(unescapeMarkdown(quote.original?.embeds[0]?.description ?? '')).toBe(
      `> ${LIBRARY.paragraphs[2]?.text}`,
    );
  });

  it('refuses an unknown story clearly', async () => {
    const options = [
      { name: 'question', type: 3, value: 'What happened?' },
      { name: 'story', type: 3, value: 'no such story' },
    ];
    const { callback } = await h.fake
      .sendCommand({ name: 'ask', options, user: h.fake.createUser('g') })
      .waitForReply();
    expect(String(callback.data?.content)).toMatch(/don't have a story matching/);
  });

  it('asks which story a vague question is about, with a button per story that answers it there', async () => {
    const user = h.fake.createUser('h');
    const options = [{ name: 'question', type: 3, value: 'What happened?' }];
    const { original } = await h.fake.sendCommand({ name: 'ask', options, user }).waitForReply();
    await h.bot.settled();
    const row = original?.components?.[0] as
      { components?: { label?: string; custom_id?: string }[] } | undefined;
    expect((row?.components ?? []).map((button) => [button.label, button.custom_id])).toEqual([
      [`1. ${BRIDGE.title}`, 'story:1'],
      [`2. ${LIBRARY.title}`, 'story:2'],
    ]);
    expect(unescapeMarkdown(original?.embeds[0]?.description ?? '')).toMatch(/Which story do you mean\?/);
    const picked = await h.fake.pressButton({ customId: 'story:2', message: original!, user }).waitForReply();
    await h.bot.settled();
    expect(h.answerer.questions.at(-1)).toMatchObject({ question: 'What happened?', articleId: LIBRARY.id });
    // The footer names the story an answer is about.
    expect(picked.original?.embeds.at(-1)?.footer?.text).toContain(LIBRARY.title);
    expect(unescapeMarkdown(picked.original?.embeds[0]?.description ?? '')).toContain(
      'The city library will open on Sundays from June',
    );
  });
});
