import type { BodyIssue } from './api-error.js';
import type { Json } from './types.js';

/** IS_COMPONENTS_V2: the message uses layout components, so the action-row limits differ. */
const IS_COMPONENTS_V2 = 1 << 15;

const asObject = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const textLength = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

function tooLong(issues: BodyIssue[], path: string[], value: unknown, max: number): void {
  if (textLength(value) > max)
    issues.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
}
function tooMany(issues: BodyIssue[], path: string[], list: unknown[], max: number): void {
  if (list.length > max)
    issues.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
}

function checkEmbeds(embeds: unknown[], issues: BodyIssue[]): void {
  tooMany(issues, ['embeds'], embeds, 10);
  let total = 0;
  embeds.forEach((raw, i) => {
    const embed = asObject(raw) ?? {};
    const at = (...rest: string[]): string[] => ['embeds', String(i), ...rest];
    const footer = asObject(embed.footer);
    const author = asObject(embed.author);
    tooLong(issues, at('title'), embed.title, 256);
    tooLong(issues, at('description'), embed.description, 4096);
    tooLong(issues, at('footer', 'text'), footer?.text, 2048);
    tooLong(issues, at('author', 'name'), author?.name, 256);
    const fields = asArray(embed.fields);
    tooMany(issues, at('fields'), fields, 25);
    total +=
      textLength(embed.title) +
      textLength(embed.description) +
      textLength(footer?.text) +
      textLength(author?.name);
    fields.forEach((rawField, j) => {
      const field = asObject(rawField) ?? {};
      for (const [key, max] of [
        ['name', 256],
        ['value', 1024],
      ] as const) {
        if (textLength(field[key]) === 0)
          issues.push({
            path: at('fields', String(j), key),
            code: 'BASE_TYPE_REQUIRED',
            message: 'This field is required',
          });
        tooLong(issues, at('fields', String(j), key), field[key], max);
        total += textLength(field[key]);
      }
    });
  });
  if (total > 6000)
    issues.push({
      path: ['embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: 'Embed size exceeds maximum size of 6000',
    });
}

function checkComponents(components: unknown[], flags: number, issues: BodyIssue[]): void {
  if ((flags & IS_COMPONENTS_V2) === 0) tooMany(issues, ['components'], components, 5);
  const seen = new Set<string>();
  components.forEach((rawRow, i) => {
    const row = asObject(rawRow) ?? {};
    if (row.type !== 1) return;
    const children = asArray(row.components);
    const buttons = children.filter((c) => asObject(c)?.type === 2);
    tooMany(issues, ['components', String(i), 'components'], buttons, 5);
    children.forEach((rawChild, j) => {
      const child = asObject(rawChild) ?? {};
      const at = (key: string): string[] => ['components', String(i), 'components', String(j), key];
      tooLong(issues, at('custom_id'), child.custom_id, 100);
      tooLong(issues, at('label'), child.label, 80);
      if (typeof child.custom_id === 'string') {
        if (seen.has(child.custom_id))
          issues.push({
            path: at('custom_id'),
            code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
            message: 'Component custom id cannot be duplicated',
          });
        seen.add(child.custom_id);
      }
      if (child.type === 2) checkButton(child, at, issues);
      if (Array.isArray(child.options)) tooMany(issues, at('options'), child.options, 25);
    });
  });
}

function checkButton(button: Json, at: (key: string) => string[], issues: BodyIssue[]): void {
  const isLink = button.style === 5;
  const isPremium = button.style === 6;
  if (isLink && typeof button.url !== 'string')
    issues.push({ path: at('url'), code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  if (!isLink && !isPremium && typeof button.custom_id !== 'string') {
    issues.push({ path: at('custom_id'), code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  }
  if (isLink && button.custom_id !== undefined)
    issues.push({
      path: at('custom_id'),
      code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
      message: 'A custom id cannot be set on a link button',
    });
}

function checkAllowedMentions(value: unknown, issues: BodyIssue[]): void {
  const mentions = asObject(value);
  if (!mentions) return;
  const parse = asArray(mentions.parse);
  for (const [kind, key] of [
    ['users', 'users'],
    ['roles', 'roles'],
  ] as const) {
    if (parse.includes(kind) && asArray(mentions[key]).length > 0) {
      issues.push({
        path: ['allowed_mentions', key],
        code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        message: `parse:["${kind}"] and ${key}: [ids] are mutually exclusive.`,
      });
    }
    tooMany(issues, ['allowed_mentions', key], asArray(mentions[key]), 100);
  }
}

/** Documented message limits the spec does not fully encode (content 2000, embed sizes, component counts, ids). */
export function checkMessageLimits(body: Json): BodyIssue[] {
  const issues: BodyIssue[] = [];
  tooLong(issues, ['content'], body.content, 2000);
  checkAllowedMentions(body.allowed_mentions, issues);
  const v2 = typeof body.flags === 'number' && (body.flags & IS_COMPONENTS_V2) !== 0;
  if (v2 && (textLength(body.content) > 0 || asArray(body.embeds).length > 0)) {
    issues.push({
      path: ['content'],
      code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      message: "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    });
  }
  checkEmbeds(asArray(body.embeds), issues);
  checkComponents(asArray(body.components), typeof body.flags === 'number' ? body.flags : 0, issues);
  return issues;
}

/** Autocomplete results: at most 25 choices, names 1..100 characters, string values up to 100. */
export function checkAutocompleteChoices(data: Json | undefined): BodyIssue[] {
  const issues: BodyIssue[] = [];
  const choices = asArray(data?.choices);
  tooMany(issues, ['data', 'choices'], choices, 25);
  choices.forEach((raw, i) => {
    const choice = asObject(raw) ?? {};
    const at = (key: string): string[] => ['data', 'choices', String(i), key];
    if (textLength(choice.name) < 1)
      issues.push({
        path: at('name'),
        code: 'BASE_TYPE_MIN_LENGTH',
        message: 'Must be 1 or more in length.',
      });
    tooLong(issues, at('name'), choice.name, 100);
    tooLong(issues, at('value'), choice.value, 100);
  });
  return issues;
}

/** A new message needs content, an embed, components, a sticker, a poll or a file (Discord: 50006). */
export function isEmptyMessage(body: Json, files: number): boolean {
  const has = (key: string): boolean => asArray(body[key]).length > 0;
  return (
    textLength(body.content) === 0 &&
    !has('embeds') &&
    !has('components') &&
    !has('sticker_ids') &&
    !has('attachments') &&
    body.poll == null &&
    files === 0
  );
}
