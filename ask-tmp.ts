import { createTestEngine } from './tests/helpers/engine.js';
const e = await createTestEngine();
const qs = process.argv.slice(2);
let history: any[] = [];
for (const q of qs) {
  const a = await e.answerer.answer({ question: q, history });
  console.log('Q:', q, '|', a.intent, a.mode, a.citations.map(c=>c.paragraph).join(','));
  console.log('  ', a.text.slice(0, 600));
  history = [...history, { question: q, answer: a.text, cited: a.citations.map(c=>({articleId:c.articleId, paragraph:c.paragraph})) }];
}
