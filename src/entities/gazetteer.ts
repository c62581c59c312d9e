/**
 * Gazetteer look-ups: countries (with alternative names and demonyms), first-level regions,
 * world regions, major cities, and English given names.
 *
 * Data comes from maintained packages, trimmed into `data/*.ts` by `data/build_gazetteer.py`
 * (licences in `data/README.md`), plus the hand lists in `lexicon.ts`. Everything is indexed once,
 * lazily, by the normalised token key of {@link nameTokens} so that "U.S.", "US" and "United
 * States" meet at one entry.
 */
import { COUNTRIES, CITIES } from './data/gazetteer-data.js';
import { COUNTRY_EXTRAS, DEMONYM_EXTRAS, REGIONS, WORLD_REGIONS } from './lexicon.js';
import { isGivenName, nameTokens } from './names.js';

export { isGivenName };

/** A known place. `id` is stable across runs ("country:IRN", "region:california", "city:tehran"). */
export interface Place {
  id: string;
  /** Canonical display name: "Iran", "United States", "California", "Tehran". */
  name: string;
  kind: 'country' | 'region' | 'city';
  /** ISO alpha-3 of the country the place is in, when known. */
  country?: string;
}

interface Index {
  places: Map<string, Place>;
  /** Abbreviations only valid with their periods ("Calif.", "N.Y."), keyed folded with periods. */
  abbreviations: Map<string, Place>;
  demonyms: Map<string, Place>;
  maxTokens: number;
}

let index: Index | null = null;

/** The normalised key used by every gazetteer look-up. */
export function placeKey(name: string): string {
  return nameTokens(name).join(' ');
}

function build(): Index {
  const places = new Map<string, Place>();
  const abbreviations = new Map<string, Place>();
  const demonyms = new Map<string, Place>();
  const byAlpha2 = new Map<string, string>();
  const countryById = new Map<string, Place>();
  let maxTokens = 1;
  const put = (name: string, p: Place) => {
    const k = placeKey(name);
    if (!k || places.has(k)) return; // first writer wins: countries, then regions, then cities
    places.set(k, p);
    maxTokens = Math.max(maxTokens, k.split(' ').length);
  };
  for (const [a3, a2, names, dems] of COUNTRIES) {
    const p: Place = { id: `country:${a3}`, name: names[0], kind: 'country', country: a3 };
    countryById.set(a3, p);
    byAlpha2.set(a2, a3);
    for (const d of dems) demonyms.set(d.toLowerCase(), p);
  }
  // Extras first so that "Turkey" / "Britain" resolve as their usual English names.
  for (const [a3, ...names] of COUNTRY_EXTRAS) {
    const p = countryById.get(a3);
    if (p) for (const n of names) put(n, p);
  }
  for (const [a3, , names] of COUNTRIES) {
    const p = countryById.get(a3)!;
    for (const n of names) put(n, p);
  }
  for (const [name, a3] of DEMONYM_EXTRAS) {
    const p = countryById.get(a3);
    if (p) demonyms.set(name.toLowerCase(), p);
  }
  for (const [name, ...abbr] of REGIONS) {
    const p: Place = { id: `region:${placeKey(name)}`, name, kind: 'region' };
    put(name, p);
    for (const a of abbr) {
      if (a.endsWith('.')) abbreviations.set(a.toLowerCase(), p);
      else put(a, p);
    }
  }
  for (const name of WORLD_REGIONS) put(name, { id: `region:${placeKey(name)}`, name, kind: 'region' });
  for (const line of CITIES.split('\n')) {
    const bar = line.lastIndexOf('|');
    const name = line.slice(0, bar);
    const a3 = byAlpha2.get(line.slice(bar + 1));
    put(name, { id: `city:${placeKey(name)}`, name, kind: 'city', country: a3 });
  }
  return { places, abbreviations, demonyms, maxTokens };
}

function idx(): Index {
  return (index ??= build());
}

/** The place a name denotes, if the gazetteer knows it. @example lookupPlace("U.S.")?.name // "United States" */
export function lookupPlace(name: string): Place | undefined {
  return idx().places.get(placeKey(name));
}

/** Look-up by an already normalised key (tokens joined by one space). */
export function lookupPlaceKey(key: string): Place | undefined {
  return idx().places.get(key);
}

/**
 * A place abbreviation written with its periods ("Calif.", "N.Y.", "D.C."). Without the periods
 * these are ordinary acronyms ("PA", "MD"), so they are looked up only in this form.
 */
export function lookupPlaceAbbreviation(written: string): Place | undefined {
  return idx().abbreviations.get(written.toLowerCase());
}

/** Longest place name in tokens (bounds multi-word look-ups). */
export function maxPlaceTokens(): number {
  return idx().maxTokens;
}

/** Demonym look-ups by the word as written (extraction asks for every capitalised word, many times). */
const demonymMemo = new Map<string, Place | null>();

/** The country a demonym refers to. @example demonymCountry("Iranian")?.name // "Iran" */
export function demonymCountry(word: string): Place | undefined {
  const hit = demonymMemo.get(word);
  if (hit !== undefined) return hit ?? undefined;
  const p = idx().demonyms.get(word.toLowerCase());
  if (demonymMemo.size >= 100_000) demonymMemo.clear();
  demonymMemo.set(word, p ?? null);
  return p;
}

/**
 * The country of a demonym, also in the plural ("Americans", "Haitians": a people).
 * @example demonymOf("Americans")?.name // "United States"
 */
export function demonymOf(word: string): Place | undefined {
  return demonymCountry(word) ?? (word.length > 4 && word.endsWith('s') ? demonymCountry(word.slice(0, -1)) : undefined);
}


/** The country place for an ISO alpha-3 code. */
export function countryPlace(a3: string): Place | undefined {
  return lookupPlaceKey(placeKey(COUNTRIES.find((c) => c[0] === a3)?.[2][0] ?? ''));
}
