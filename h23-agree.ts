import { readFileSync } from 'node:fs';
import { loadAllQuestions } from './tests/helpers/questions.js';
import { loadArticles } from './src/articles/load-articles.js';
import { rememberStories, nlp } from './src/text/nlp.js';
import { sharedWink } from './src/text/wink.js';
import { analyseSentences } from './src/text/analyse.js';
import { createAnalysisStore } from './src/engine/nlp-store.js';

const WORD = /[\p{L}\p{N}]/u;
const wink = (text: string) =>
  analyseSentences(sharedWink(), text).flatMap((s) => s.tokens.filter((t) => !t.stop && WORD.test(t.text)).map((t) => t.lemma));

async function run(name: string, paragraphs: string[], questions: string[]) {
  rememberStories([paragraphs], createAnalysisStore('/tmp/h23/cache-' + name), { index: true });
  let same = 0; const diffs: string[] = [];
  const story = new Set(paragraphs.flatMap((p) => nlp.lemmas(p)));
  let sameOnStory = 0;
  for (const q of questions) {
    const a = nlp.lemmas(q), b = wink(q);
    if (JSON.stringify(a) === JSON.stringify(b)) same++; else diffs.push(`${q}\n   lite ${a.join(' ')}\n   wink ${b.join(' ')}`);
    const ma = [...new Set(a)].filter((l) => story.has(l)).sort(), mb = [...new Set(b)].filter((l) => story.has(l)).sort();
    if (JSON.stringify(ma) === JSON.stringify(mb) && new Set(a).size === new Set(b).size) sameOnStory++;
  }
  console.log(`${name}: ${questions.length} questions, identical lemmas ${same}, same matches+count ${sameOnStory}`);
  console.log(diffs.slice(0, 12).join('\n'));
}
const { articles } = await loadArticles('data');
const story = articles[0]!;
await run('story', story.paragraphs.map((p) => p.text), loadAllQuestions().map((q) => q.question));
const squad = JSON.parse(readFileSync('/work/shared/squad/computational-complexity-theory.json', 'utf8'));
console.log(Object.keys(squad));
