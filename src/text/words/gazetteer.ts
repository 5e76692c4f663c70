import { createRequire } from 'node:module';

/** One country as the `world-countries` package describes it (the fields read here). */
interface CountryRecord {
  readonly cca3: string;
  readonly name: { readonly common: string; readonly official: string };
  readonly altSpellings?: readonly string[];
  readonly capital?: readonly string[];
  readonly demonyms?: { readonly eng?: { readonly f?: string; readonly m?: string } };
  readonly unMember?: boolean;
}

/** Names of places that stand for one another: a country, its codes, its people, its capital. */
export interface Gazetteer {
  /** The country a name stands for ("Beijing", "Chinese", "China" → "CHN"); codes only in capitals ("US"). */
  countryOf(name: string): string | undefined;
  /** Longest name in words, so callers can try multi-word names ("united states of america"). */
  readonly longestName: number;
}

const CODE = /^[A-Z]{2,3}$/;
const LATIN = /^[\p{Script=Latin}\s.'-]+$/u;
const key = (name: string) => name.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();

function build(records: readonly CountryRecord[]): Gazetteer {
  const names = new Map<string, string>();
  const codes = new Map<string, string>();
  const add = (name: string | undefined, country: string) => {
    if (!name || !LATIN.test(name)) return;
    if (CODE.test(name)) codes.set(name, country);
    else if (!names.has(key(name))) names.set(key(name), country);
  };
  // A name several places share ("American": the US, American Samoa, ...) goes to the UN member.
  const members = [...records].sort((a, b) => Number(b.unMember === true) - Number(a.unMember === true));
  for (const record of members) {
    const country = record.cca3;
    add(record.name.common, country);
    add(record.name.official, country);
    for (const spelling of record.altSpellings ?? []) add(spelling, country);
    add(record.demonyms?.eng?.m, country);
    add(record.demonyms?.eng?.f, country);
    for (const capital of record.capital ?? []) {
      add(capital, country);
      // "Washington D.C." is "Washington" in news copy.
      add(capital.replace(/\s+D\.?\s?C\.?$/u, ''), country);
    }
  }
  const longestName = Math.max(...[...names.keys()].map((name) => name.split(' ').length));
  return {
    countryOf(name) {
      const plain = name.replace(/\./g, '');
      return CODE.test(plain) ? codes.get(plain) : names.get(key(name));
    },
    longestName,
  };
}

let shared: Gazetteer | undefined;

/**
 * The process's one gazetteer, read on first use from the `world-countries` package (about 250
 * countries: names, official names, other spellings, codes, demonyms and capitals), so a claim may
 * say "Beijing" or "the Chinese" where its quote says China. Nothing is read at import.
 */
export function gazetteer(): Gazetteer {
  if (!shared) {
    const require = createRequire(import.meta.url);
    shared = build(require('world-countries/countries.json') as CountryRecord[]);
  }
  return shared;
}
