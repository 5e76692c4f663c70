import { describe, expect, it } from 'vitest';
import { NOTES } from '../src/answering/notes.js';
import { ComponentType, type APIEmbed } from 'discord.js';
import { parseCustomId, paragraphsButtonId, quoteButtonId } from '../src/discord/commands/custom-ids.js';
import { embedLength, packEmbeds } from '../src/discord/render/outgoing.js';
import {
  ANSWER_COLORS,
  ANSWER_FOOTER,
  EXTRACTIVE_TITLE,
  renderAnswer,
  restatedQuestion,
} from '../src/discord/render/render-answer.js';
import { renderArticle, renderParagraph, renderParagraphs } from '../src/discord/render/render-article.js';
import { renderHelp } from '../src/discord/render/render-help.js';
import {
  neutraliseMentions,
  sanitiseModelText,
  stripMaskedLinks,
  suppressLinkPreviews,
} from '../src/discord/render/safety.js';
import { LIMITS, truncate } from '../src/discord/render/limits.js';
import { splitText } from '../src/discord/render/split.js';
import { encodeFragmentTerm, textFragmentUrl } from '../src/discord/render/text-fragment.js';
import {
  BRIDGE,
  cite,
  limitProblems,
  makeAnswer,
  makeArticle,
  unescapeMarkdown,
  visibleText,
} from './helpers/discord-fixtures.js';

const RAW_MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>/;
const findArticle = (id: string) => (id === BRIDGE.id ? BRIDGE : undefined);

describe('text fragments', () => {
  it('encodes per the Text Fragments spec', () => {
    expect(encodeFragmentTerm('state-run, 5 & 6')).toBe('state%2Drun%2C%205%20%26%206');
    expect(encodeFragmentTerm('“on time” (mostly)')).toBe('%E2%80%9Con%20time%E2%80%9D%20%28mostly%29');
  });

  it('links a short quote whole and a long one by its first and last words', () => {
    const url = 'https://news.example.com/a';
    expect(textFragmentUrl(url, 'the bridge reopened')).toBe(`${url}#:~:text=the%20bridge%20reopened`);
    const long = 'Engineers replaced 312 steel cables and resurfaced the deck, according to officials.';
    expect(textFragmentUrl(url, long)).toBe(
      `${url}#:~:text=Engineers%20replaced%20312%20steel,deck%2C%20according%20to%20officials.`,
    );
  });

  it('keeps an existing page fragment and makes the URL safe inside a Markdown link', () => {
    expect(textFragmentUrl('https://x.example/a#top', 'word')).toBe('https://x.example/a#top:~:text=word');
    expect(textFragmentUrl('https://x.example/wiki/A_(b)', 'word')).toBe(
      'https://x.example/wiki/A_%28b%29#:~:text=word',
    );
  });
});

describe('safety', () => {
  it('neutralises every kind of mention', () => {
    const text =
      'Hi @everyone and @here, <@123456789012345678> <@!123456789012345678> <@&223456789012345678> <#323456789012345678>';
    const safe = neutraliseMentions(text);
    expect(safe).not.toMatch(RAW_MENTION);
    expect(safe.replace(/\u200b/g, '')).toBe(text);
  });

  it('strips masked links except to the article, and wraps bare links so they never preview', () => {
    const article = 'https://news.example.com/a';
    expect(stripMaskedLinks('see [this](https://evil.example/x) now', article)).toBe('see this now');
    expect(stripMaskedLinks('[the story](https://news.example.com/a#:~:text=x)', article)).toBe(
      '[the story](<https://news.example.com/a#:~:text=x>)',
    );
    expect(stripMaskedLinks('[x](<https://evil.example>)')).toBe('x');
    expect(suppressLinkPreviews('go to https://evil.example/path. Then')).toBe(
      'go to <https://evil.example/path>. Then',
    );
    expect(suppressLinkPreviews('already <https://a.example> ok')).toBe('already <https://a.example> ok');
    const model = sanitiseModelText(
      'Read [free money](https://evil.example) @everyone at https://spam.example',
      article,
    );
    expect(model).toBe('Read free money @\u200beveryone at <https://spam.example>');
  });

  it('also catches masked links with a title or nested brackets, and keeps URLs with parentheses whole', () => {
    expect(stripMaskedLinks('see [x](https://evil.example "t") now')).toBe('see x now');
    expect(stripMaskedLinks("see [x](<https://evil.example> 'title')")).toBe('see x');
    expect(stripMaskedLinks('a [a [b]](https://evil.example) b')).toBe('a a [b] b');
    expect(suppressLinkPreviews('read https://x.org/wiki/A_(b). ok')).toBe(
      'read <https://x.org/wiki/A_(b)>. ok',
    );
    expect(suppressLinkPreviews('(https://y.example/z)')).toBe('(<https://y.example/z>)');
  });
});

describe('splitting at the limits', () => {
  it('keeps text of exactly the limit whole and splits one past it', () => {
    const exact = 'a'.repeat(LIMITS.content);
    expect(splitText(exact, LIMITS.content)).toEqual([exact]);
    const past = `${'word '.repeat(400)}x`; // 2001 characters
    expect(past.length).toBe(LIMITS.content + 1);
    const chunks = splitText(past, LIMITS.content);
    expect(chunks.length).toBe(2);
    expect(chunks.every((chunk) => chunk.length <= LIMITS.content)).toBe(true);
    expect(chunks.join(' ').split(/\s+/)).toEqual(past.split(/\s+/));
  });

  it('prefers paragraph, then sentence, then word boundaries', () => {
    const para = `${'First paragraph sentence. '.repeat(30).trim()}\n\n${'Second one. '.repeat(30).trim()}`;
    expect(splitText(para, 1000)[0]?.endsWith('sentence.')).toBe(true);
    expect(splitText(para, 1000)[1]?.startsWith('Second one.')).toBe(true);
    const sentences = `${'This is one sentence [1]. '.repeat(20)}`.trim();
    const cut = splitText(sentences, 300);
    expect(cut.every((chunk) => chunk.endsWith('[1].'))).toBe(true);
  });

  it('never cuts a marker or an inline code span carelessly', () => {
    const markers = `${'x'.repeat(95)}[12]${'y'.repeat(20)}`;
    const chunks = splitText(markers, 97);
    expect(chunks.some((chunk) => chunk.includes('[12]'))).toBe(true);
    const code = `intro ${'word '.repeat(10)}\`code span with words inside it\` after`;
    for (const chunk of splitText(code, 60)) expect((chunk.split('`').length - 1) % 2).toBe(0);
    const longCode = `\`${'c'.repeat(150)}\``;
    const codeChunks = splitText(longCode, 60);
    for (const chunk of codeChunks) {
      expect(chunk.length).toBeLessThanOrEqual(60);
      expect((chunk.split('`').length - 1) % 2).toBe(0);
    }
  });

  it('truncates with an ellipsis exactly at the limit', () => {
    expect(truncate('a'.repeat(1024), 1024)).toHaveLength(1024);
    const cut = truncate(`${'word '.repeat(205)}`.trim() + 'x', 1024);
    expect(cut.length).toBeLessThanOrEqual(1024);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('packs embeds at exactly 6000 characters and 10 embeds, and splits one past', () => {
    const sized = (n: number): APIEmbed => ({ description: 'd'.repeat(n) });
    expect(packEmbeds([sized(4096), sized(1904)])).toHaveLength(1);
    expect(packEmbeds([sized(4096), sized(1905)])).toHaveLength(2);
    expect(packEmbeds(Array.from({ length: 10 }, () => sized(10)))).toHaveLength(1);
    expect(packEmbeds(Array.from({ length: 11 }, () => sized(10)))).toHaveLength(2);
    expect(
      embedLength({
        title: 'ab',
        description: 'c',
        fields: [{ name: 'd', value: 'ef' }],
        footer: { text: 'g' },
      }),
    ).toBe(7);
  });
});

describe('rendering an answer', () => {
  it('shows the answer with markers, sources with ¶n, verified quotes, fragment links, footer and buttons', () => {
    const answer = makeAnswer(BRIDGE, {
      text: 'It reopened [1] after engineers replaced cables [2].',
      citations: [cite(BRIDGE, 1, 1, 31, 70), cite(BRIDGE, 2, 2, 0, 100)],
    });
    const [message, ...rest] = renderAnswer(answer, { question: 'What *happened*?', findArticle });
    expect(rest).toEqual([]);
    expect(message?.content).toBe('**Q:** What \\*happened\\*?');
    const embed = message?.embeds[0];
    expect(embed?.description).toContain('[1]');
    expect(embed?.color).toBe(ANSWER_COLORS.llm);
    expect(embed?.title).toBeUndefined();
    expect(embed?.author).toBeUndefined();
    expect(embed?.footer?.text).toContain(ANSWER_FOOTER);
    expect(embed?.footer?.text).toContain(BRIDGE.title);
    const fields = embed?.fields ?? [];
    expect(fields.map((field) => field.name)).toEqual(['[1] ¶1', '[2] ¶2']);
    for (const [index, field] of fields.entries()) {
      const quote = answer.citations[index]?.quote ?? '';
      expect(unescapeMarkdown(field.value)).toContain(`> ${quote}`);
      expect(field.value).toContain(`${BRIDGE.url}#:~:text=`);
    }
    const buttons = message?.components[0]?.components ?? [];
    expect(buttons.map((button) => ('custom_id' in button ? button.custom_id : ''))).toEqual([
      `paras:${BRIDGE.id}:1.2`,
      'vote:up',
      'vote:down',
    ]);
    expect(limitProblems(message!)).toEqual([]);
  });

  it('trims long quotes with an ellipsis', () => {
    const article = makeArticle([`${'Long paragraph words here. '.repeat(40)}End.`]);
    const answer = makeAnswer(article, { citations: [cite(article, 1, 1, 0, 900)] });
    const field = renderAnswer(answer, { findArticle: () => article })[0]?.embeds[0]?.fields?.[0];
    expect(field?.value.length).toBeLessThan(400);
    expect(field?.value).toContain('…');
  });

  it('declines in one sentence, with questions the article does answer as buttons and no votes', () => {
    const answer = makeAnswer(BRIDGE, {
      mode: 'declined',
      text: "The article doesn't cover the weather.",
      citations: [],
      suggestions: ['¶1: the cost of the repair', '¶2: traffic expectations'],
    });
    const [message] = renderAnswer(answer, { findArticle });
    const embed = message?.embeds[0];
    expect(embed?.color).toBe(ANSWER_COLORS.declined);
    expect(embed?.title).toBeUndefined();
    expect(embed?.fields ?? []).toEqual([]);
    expect(embed?.description).not.toContain('¶1');
    expect(embed?.description?.split(/(?<=\.) /)[0]).toBe("The article doesn't cover the weather.");
    const buttons = (message?.components ?? []).flatMap((row) => row.components);
    const ids = buttons.map((button) => ('custom_id' in button ? button.custom_id : ''));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(3);
    for (const id of ids) expect(parseCustomId(id)?.kind).toBe('follow-up');
    for (const button of buttons) expect('label' in button && button.label?.endsWith('?')).toBe(true);
    expect(limitProblems(message!)).toEqual([]);
  });

  it('labels an extractive answer once, shortly, and each quoted sentence with its ¶, without empty fields', () => {
    const answer = makeAnswer(BRIDGE, {
      mode: 'extractive',
      text: 'One [1] two [1] three [2]',
      citations: [cite(BRIDGE, 1, 1, 0, 40), cite(BRIDGE, 1, 2, 0, 40), cite(BRIDGE, 2, 1, 0, 40)],
      notes: [NOTES.extractiveNoKey, 'The model timed out.'],
    });
    const [message] = renderAnswer(answer, { findArticle });
    const embed = message?.embeds[0];
    expect(embed?.title).toBe(EXTRACTIVE_TITLE);
    expect(embed?.title?.length).toBeLessThanOrEqual(40);
    expect(embed?.fields ?? []).toEqual([]);
    expect(embed?.description).not.toContain(NOTES.extractiveNoKey);
    expect(embed?.description).toContain('The model timed out.');
    const quoted = (embed?.description ?? '').split('\n').filter((line) => line.startsWith('> '));
    // The same sentence cited twice is shown once; each line names its paragraph.
    expect(quoted).toHaveLength(2);
    expect(quoted[0]).toMatch(/ — \[?¶1\b/);
    expect(quoted[1]).toMatch(/ — \[?¶2\b/);
  });

  it('never lists the same source twice', () => {
    const answer = makeAnswer(BRIDGE, {
      text: 'It reopened [1] and [2], as said [1].',
      citations: [cite(BRIDGE, 1, 1, 31, 70), cite(BRIDGE, 2, 1, 31, 70), cite(BRIDGE, 1, 1, 31, 70)],
    });
    const fields = renderAnswer(answer, { findArticle })[0]?.embeds[0]?.fields ?? [];
    expect(fields.map((field) => field.name)).toEqual(['[1] ¶1']);
  });

  it('neutralises mentions and foreign links from the model and the question', () => {
    const answer = makeAnswer(BRIDGE, {
      text: '@everyone look <@&123456789012345678> and [click](https://evil.example) https://spam.example [1]',
    });
    const messages = renderAnswer(answer, { question: 'hey @here <@123456789012345678>', findArticle });
    const text = visibleText(messages);
    expect(text).not.toMatch(RAW_MENTION);
    expect(text).not.toContain('evil.example');
    expect(text).toContain('<https://spam.example>');
  });

  it('keeps a description of exactly 4096 characters in one embed and splits one past', () => {
    const exact = makeAnswer(BRIDGE, { text: 'a'.repeat(LIMITS.description) });
    expect(
      renderAnswer(exact, { findArticle })
        .flatMap((m) => m.embeds)
        .filter((e) => e.description),
    ).toHaveLength(1);
    const past = makeAnswer(BRIDGE, { text: `${'word '.repeat(819)}xy` });
    expect(past.text.length).toBe(LIMITS.description + 1);
    const embeds = renderAnswer(past, { findArticle })
      .flatMap((m) => m.embeds)
      .filter((e) => e.description);
    expect(embeds).toHaveLength(2);
  });

  it('keeps exactly 25 short source fields in one embed and opens another for the 26th', () => {
    const fieldsOf = (count: number) => {
      const citations = Array.from({ length: count }, (_, i) => cite(BRIDGE, i + 1, (i % 4) + 1, i, 20));
      const embeds = renderAnswer(makeAnswer(BRIDGE, { text: 'Short [1].', citations }), {
        findArticle,
      }).flatMap((m) => m.embeds);
      return embeds.map((embed) => embed.fields?.length ?? 0);
    };
    expect(fieldsOf(LIMITS.fields)).toEqual([LIMITS.fields]);
    expect(fieldsOf(LIMITS.fields + 1)).toEqual([LIMITS.fields, 1]);
  });

  it('splits very long answers with many sources into messages within every limit', () => {
    const sentence = 'The bridge reopened after a long repair and the city paid for it [1]. ';
    const citations = Array.from({ length: 40 }, (_, i) => cite(BRIDGE, i + 1, (i % 4) + 1, i, 300));
    const answer = makeAnswer(BRIDGE, { text: sentence.repeat(200), citations, notes: ['A note.'] });
    const messages = renderAnswer(answer, { question: 'q'.repeat(4000), findArticle });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(limitProblems(message)).toEqual([]);
    expect(messages[0]?.content?.length).toBeLessThanOrEqual(LIMITS.content);
    const fields = messages.flatMap((m) => m.embeds).flatMap((e) => e.fields ?? []);
    expect(fields).toHaveLength(40);
    const described = messages
      .flatMap((m) => m.embeds)
      .map((e) => e.description ?? '')
      .join(' ');
    expect(described.split(/\s+/).filter((w) => w === '[1].')).toHaveLength(200);
    expect(messages.at(-1)?.components.length).toBeGreaterThan(0);
    expect(messages.slice(0, -1).every((m) => m.components.length === 0)).toBe(true);
  });

  it('caps the restated question at 2000 characters', () => {
    expect(restatedQuestion('q'.repeat(5000)).length).toBe(LIMITS.content);
    expect(restatedQuestion('short')).toBe('**Q:** short');
  });
});

describe('article, quote and help views', () => {
  it('/article shows headline, outlet, date, link, count and the opening paragraph', () => {
    const [message] = renderArticle(BRIDGE);
    const text = visibleText([message!]);
    expect(message?.embeds[0]?.title).toBe(BRIDGE.title);
    expect(text).toContain('The Port Ellen Courier');
    expect(text).toContain('4 March 2024');
    expect(text).toContain(BRIDGE.url);
    expect(text).toContain('**Paragraphs:** 4');
    expect(unescapeMarkdown(text)).toContain(`> ${BRIDGE.paragraphs[0]?.text}`);
  });

  it('/quote shows the paragraph verbatim with Prev/Next buttons', () => {
    const [message] = renderParagraph(BRIDGE, 1);
    expect(unescapeMarkdown(message?.embeds[0]?.description ?? '')).toBe(`> ${BRIDGE.paragraphs[0]?.text}`);
    const buttons = message?.components[0]?.components ?? [];
    expect(buttons[0]).toMatchObject({ custom_id: 'quote:harbour-bridge:0', disabled: true });
    expect(buttons[1]).toMatchObject({ custom_id: 'quote:harbour-bridge:2', disabled: false });
    expect(buttons[2]).toMatchObject({
      type: ComponentType.Button,
      url: expect.stringContaining('#:~:text=') as unknown,
    });
    const last = renderParagraph(BRIDGE, 4)[0]?.components[0]?.components[1];
    expect(last).toMatchObject({ disabled: true });
  });

  it('splits a paragraph longer than an embed into several, keeping every word', () => {
    const long = `${'A very long paragraph sentence goes on. '.repeat(400)}`.trim();
    const article = makeArticle([long]);
    const messages = renderParagraph(article, 1);
    for (const message of messages) expect(limitProblems(message)).toEqual([]);
    const text = messages
      .flatMap((m) => m.embeds)
      .map((e) => unescapeMarkdown(e.description ?? '').replace(/^> /gm, ''));
    expect(text.join(' ')).toBe(long);
    expect(renderParagraphs([{ article, paragraph: 1 }]).length).toBeGreaterThan(1);
  });

  it('/help explains grounding, with a space after every sentence and no heading answers lack', () => {
    const text = visibleText(renderHelp([BRIDGE], 500));
    expect(text).toMatch(/word for word/);
    expect(text).not.toMatch(/[a-z][.;][A-Z]/);
    expect(text).not.toMatch(/Sources/);
  });

  it('"Show paragraphs" names the headline once, not in every embed', () => {
    const embeds = renderParagraphs([1, 2, 3].map((paragraph) => ({ article: BRIDGE, paragraph }))).flatMap(
      (m) => m.embeds,
    );
    expect(embeds.map((embed) => embed.title)).toEqual(['¶1', '¶2', '¶3']);
    expect(embeds.filter((embed) => embed.author?.name === BRIDGE.title)).toHaveLength(1);
    expect(embeds.map((embed) => embed.title ?? '').join(' ')).not.toContain(BRIDGE.title);
  });
});

describe('custom ids', () => {
  it('round-trips and rejects tampered ids', () => {
    expect(parseCustomId(quoteButtonId('a:b', 7)!)).toEqual({
      kind: 'quote',
      articleId: 'a:b',
      paragraph: 7,
    });
    expect(parseCustomId(paragraphsButtonId('x', [1, 3]))).toEqual({
      kind: 'paragraphs',
      articleId: 'x',
      paragraphs: [1, 3],
    });
    expect(paragraphsButtonId('x'.repeat(100), [1])).toBe('paras');
    expect(quoteButtonId('x'.repeat(100), 1)).toBeUndefined();
    for (const bad of [
      'quote:x:abc',
      'quote::1',
      'vote:sideways',
      'paras:x:1..2',
      'drop table',
      'quote:x:99999999',
    ]) {
      expect(parseCustomId(bad)).toBeUndefined();
    }
  });
});
