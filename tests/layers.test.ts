import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/engine.js';

// Lints small sources as if they were files in src/, with the layer rule alone (no type information needed).
async function loadLayers() {
  return (await import(path.join(ROOT, 'eslint.layers.js'))) as {
    layerRule: Linter.Config;
    LAYERS: Record<string, readonly string[]>;
  };
}

async function layerErrors(file: string, source: string): Promise<string[]> {
  const { layerRule } = await loadLayers();
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, layerRule],
  });
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the layer rule (eslint-plugin-boundaries)', () => {
  it('rejects retrieval importing answering, and answering importing retrieval', async () => {
    expect(
      await layerErrors('src/retrieval/x.ts', "export { NOTES } from '../answering/notes.js';\n"),
    ).toEqual([
      expect.stringMatching(/boundaries\/dependencies: .*"retrieval" to elements of type "answering"/),
    ]);
    const fromAnswering = "export { createRetriever } from '../retrieval/retriever.js';\n";
    expect(await layerErrors('src/answering/x.ts', fromAnswering)).toEqual([
      expect.stringMatching(/"answering" to elements of type "retrieval"/),
    ]);
  });

  it('keeps discord.js in src/discord and openai in src/llm, and the CLI off the console', async () => {
    expect(await layerErrors('src/answering/x.ts', "export { Client } from 'discord.js';\n")).toEqual([
      expect.stringMatching(/module source "discord.js" are not allowed in elements of type "answering"/),
    ]);
    expect(await layerErrors('src/discord/x.ts', "export { default } from 'openai';\n")).toEqual([
      expect.stringMatching(/module source "openai" are not allowed in elements of type "discord"/),
    ]);
    expect(await layerErrors('src/discord/x.ts', "export * from '../llm/openai-llm.js';\n")).toEqual([
      expect.stringMatching(/"discord" to elements of type "llm"/),
    ]);
    expect(await layerErrors('src/cli/x.ts', "export * from '../console/run-console.js';\n")).toEqual([
      expect.stringMatching(/"cli" to elements of type "console"/),
    ]);
  });

  it('follows the rooms: a room imports only the rooms before it in the flow', async () => {
    const fromReply = "export { checkClaim } from '../grounding/grounding.js';\n";
    expect(await layerErrors('src/answering/reply/x.ts', fromReply)).toEqual([
      expect.stringMatching(/"answering\/reply" to elements of type "answering\/grounding"/),
    ]);
    const fromRender = "export { createStops } from '../deliver/stops.js';\n";
    expect(await layerErrors('src/discord/render/x.ts', fromRender)).toEqual([
      expect.stringMatching(/"discord\/render" to elements of type "discord\/deliver"/),
    ]);
    // The folder's top-level files compose its rooms; the rooms keep their folder's other rules.
    expect(await layerErrors('src/answering/x.ts', fromReply.replace('..', '.'))).toEqual([]);
    expect(await layerErrors('src/discord/deliver/x.ts', fromRender.replace('../deliver', '.'))).toEqual([]);
    expect(await layerErrors('src/discord/render/x.ts', "export { Client } from 'discord.js';\n")).toEqual(
      [],
    );
    expect(
      await layerErrors('src/answering/grounding/x.ts', "export { Client } from 'discord.js';\n"),
    ).toEqual([
      expect.stringMatching(
        /module source "discord.js" are not allowed in elements of type "answering\/grounding"/,
      ),
    ]);
    expect(
      await layerErrors('src/answering/intents/x.ts', "export * from '../../retrieval/retriever.js';\n"),
    ).toEqual([expect.stringMatching(/"answering\/intents" to elements of type "retrieval"/)]);
  });

  it('keeps user-facing texts out of the model adapter: llm does not import answering', async () => {
    expect(await layerErrors('src/llm/x.ts', "export * from '../answering/notes.js';\n")).toEqual([
      expect.stringMatching(/"llm" to elements of type "answering"/),
    ]);
  });

  it('allows what the layers allow', async () => {
    const source = [
      "export * from '../domain/types.js';",
      "export * from '../text/analyzer.js';",
      "export * from '../errors.js';",
      "export { z } from 'zod';",
      "export { readFile } from 'node:fs/promises';",
    ].join('\n');
    expect(await layerErrors('src/answering/x.ts', `${source}\n`)).toEqual([]);
  });

  it('lets no folder reach itself through the folders it may import (no cycles between layers)', async () => {
    const { LAYERS } = await loadLayers();
    const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
      (LAYERS[from] ?? []).some(
        (next) => next === target || (!seen.has(next) && reaches(next, target, seen.add(next))),
      );
    expect(Object.keys(LAYERS).filter((folder) => reaches(folder, folder))).toEqual([]);
  });

  it('orders the rooms of a folder without cycles either', async () => {
    const { ROOMS } = (await loadLayers()) as unknown as { ROOMS: Record<string, Record<string, string[]>> };
    for (const rooms of Object.values(ROOMS)) {
      const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
        (rooms[from] ?? []).some(
          (next) => next === target || (!seen.has(next) && reaches(next, target, seen.add(next))),
        );
      expect(Object.keys(rooms).filter((room) => reaches(room, room))).toEqual([]);
    }
  });
});
