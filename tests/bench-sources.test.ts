import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findShared, shippedData, storyAndSharedLines } from '../bench/lib/sources.js';
import { ROOT } from './helpers/engine.js';

describe('eval and bench sources', () => {
  it('read the story from data/ as committed, not the working copy or STORYBOT_DATA_DIR', () => {
    const shipped = shippedData();
    const committed = execFileSync('git', ['-C', ROOT, 'ls-tree', '--name-only', 'HEAD', 'data/'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(shipped.files).toEqual(committed.map((file) => path.basename(file)));
    for (const file of committed)
      expect(readFileSync(path.join(shipped.dir, path.basename(file)), 'utf8')).toBe(
        execFileSync('git', ['-C', ROOT, 'show', `HEAD:${file}`], { encoding: 'utf8' }),
      );
    expect(storyAndSharedLines(shipped, { looked: ['/nowhere/shared'] }).join('\n')).toContain(
      'shared data: none found (looked in /nowhere/shared; set STORYBOT_SHARED_DIR)',
    );
  });

  it('find ../shared explicitly, or say where they looked', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'storybot-shared-'));
    expect(findShared({ STORYBOT_SHARED_DIR: empty }).dir).toBe(empty);
    expect(findShared({ STORYBOT_SHARED_DIR: path.join(empty, 'missing') })).toEqual({
      looked: [path.join(empty, 'missing')],
    });
    const found = findShared({});
    expect(found.looked[0]).toBe(path.resolve(ROOT, '../shared'));
  });
});
