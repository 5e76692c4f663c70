import type { FakeChatSuccess } from '../fake-openai.js';
import type { SentPassage } from '../quoting-model.js';

/** A quote the fake model gives: the prompt's passage number, its ¶ label and the words. */
export interface FakeQuote {
  readonly passage: number;
  readonly paragraph: number;
  readonly quote: string;
}

/** One claim the fake model writes; `invented` is set (to a phrase only it contains) when it is made up. */
export interface FakeClaim {
  readonly text: string;
  readonly quotes: readonly FakeQuote[];
  readonly invented?: string;
}

/** What the fake model means to say, before a form writes it out. */
export interface FakeAnswer {
  readonly answerable: boolean;
  readonly claims: readonly FakeClaim[];
  readonly notCovered: string | null;
}

/** One way real models write their reply. */
export interface MessyForm {
  readonly name: string;
  readonly family: 'json' | 'prose';
  render(answer: FakeAnswer, passages: readonly SentPassage[]): FakeChatSuccess;
}
