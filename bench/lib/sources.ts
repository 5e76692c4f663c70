import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// What eval and bench measure must not depend on the machine: the story is data/ as committed
// (never STORYBOT_DATA_DIR, never stories an operator added), and ../shared is found explicitly.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED_ID = 'us-shelves-mss-sanctions';

/** Where the shipped story was read from, for the header. */
export interface ShippedData {
  readonly dir: string;
  readonly files: readonly string[];
  readonly from: string;
}

/**
 * A private folder holding data/ exactly as committed (`git show HEAD:data/...`), so stories
 * added to the working copy's data/ change nothing. Without git (a tarball), the seed story's
 * own files are copied from data/.
 */
export function shippedData(): ShippedData {
  const dir = mkdtempSync(path.join(tmpdir(), 'storybot-shipped-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  try {
    const listed = execFileSync('git', ['-C', ROOT, 'ls-tree', '--name-only', 'HEAD', 'data/'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const files = listed.split('\n').filter((file) => file !== '');
    for (const file of files)
      writeFileSync(
        path.join(dir, path.basename(file)),
        execFileSync('git', ['-C', ROOT, 'show', `HEAD:${file}`], { stdio: ['ignore', 'pipe', 'ignore'] }),
      );
    if (files.length > 0) return { dir, files: files.map((file) => path.basename(file)), from: 'git HEAD' };
  } catch {
    // No git, or not a clone: fall through to the seed's files.
  }
  const files = readdirSync(path.join(ROOT, 'data')).filter((name) => name.startsWith(`${SEED_ID}.`));
  for (const name of files) copyFileSync(path.join(ROOT, 'data', name), path.join(dir, name));
  return { dir, files, from: `data/ (the seed's files only: no git history here)` };
}

const isFolder = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();

/**
 * The shared folder (corpora, SQuAD): STORYBOT_SHARED_DIR when set, else the first `shared`
 * folder beside the repository or beside one of its parents (a git worktree sits a level deeper).
 */
export function findShared(env: NodeJS.ProcessEnv = process.env): { dir?: string; looked: string[] } {
  if (env.STORYBOT_SHARED_DIR) {
    const dir = path.resolve(env.STORYBOT_SHARED_DIR);
    return isFolder(dir) ? { dir, looked: [dir] } : { looked: [dir] };
  }
  const looked: string[] = [];
  for (let parent = path.dirname(ROOT); ; parent = path.dirname(parent)) {
    const dir = path.join(parent, 'shared');
    looked.push(dir);
    if (isFolder(dir)) return { dir, looked };
    if (path.dirname(parent) === parent || looked.length >= 3) return { looked };
  }
}

/** One line per source: what is measured, what is skipped and why. */
export function sourcesHeader(title: string, lines: readonly string[]): string {
  const rule = '-'.repeat(Math.min(100, title.length));
  return [title, rule, ...lines.map((line) => `  ${line}`), ''].join('\n');
}

/** The header lines about the story and the shared folder, common to eval and bench. */
export function storyAndSharedLines(
  shipped: ShippedData,
  shared: { dir?: string; looked: string[] },
): string[] {
  return [
    `story: data/ as committed (${shipped.files.filter((file) => !/readme/i.test(file)).join(', ')}; from ${shipped.from}),`,
    '  never STORYBOT_DATA_DIR or stories added with storybot add, so figures compare across machines',
    shared.dir
      ? `shared data: ${shared.dir}`
      : `shared data: none found (looked in ${shared.looked.join(', ')}; set STORYBOT_SHARED_DIR)`,
  ];
}
