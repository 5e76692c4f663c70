import { JSON_FORMS } from './json-forms.js';
import { passageForms, PROSE_FORMS } from './prose-forms.js';
import type { MessyForm } from './types.js';

export * from './messy-model.js';
export type * from './types.js';

/** Every named form the messy model writes (JSON dialects, prose marker forms, quote quirks). */
export const MESSY_FORMS: readonly MessyForm[] = [...JSON_FORMS, ...passageForms(), ...PROSE_FORMS];
