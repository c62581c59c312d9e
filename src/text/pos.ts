/**
 * Part-of-speech look-ups with wink-nlp's English model, for the stages that need a word's class
 * in context: entity extraction (below) and the citation check of briefs (src/summarize/cite.ts).
 * Extraction uses it only where capitalisation says nothing: the first word of a sentence
 * ("Heading a delegation" vs "Hayali arrived") and, for documents written entirely in title case,
 * every word.
 *
 * Why not tag every article in full: wink's tokeniser and tagger run at roughly 2,600 ECB+
 * articles/s on one core, which alone would use most of the extraction budget (≥ 1,500 articles/s).
 * Mid-sentence capitalisation is the decisive proper-noun cue in English text anyway, so the
 * tagger is asked only about the few tokens left ambiguous — a short snippet costs ~6 µs.
 * The model is loaded lazily on first use.
 *
 * Results are memoised by snippet text (a bounded map, emptied when full): tagging is a pure
 * function of the snippet, and news repeats itself — syndicated copies, standard openings
 * ("The company said …") — so the same snippets recur across articles.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;
/** The lexeme id the model gives the first word outside its lexicon (see {@link isLexiconWord}). */
let firstUnknownId = 0;

function get(): Nlp {
  if (!nlp) {
    nlp = winkNLP(model, ['pos']);
    // wink numbers the lexemes of its lexicon first and gives words outside it the next ids, in
    // the order it meets them; a nonsense word read before any text marks where the lexicon ends
    firstUnknownId = nlp.readDoc('qzxjvkwpq').tokens().out(nlp.its.uniqueId)[0] as number;
  }
  return nlp;
}

/** A span of the tagged snippet with its universal POS tag ("PROPN", "NOUN", "VERB", …). */
export interface TaggedSpan {
  start: number;
  end: number;
  pos: string;
}

/**
 * Tag a short text. Offsets are relative to `snippet`; tokens wink produces are located in the
 * snippet by search, so they line up with the caller's own tokenisation by start offset.
 */
const MEMO_LIMIT = 20_000;
const memo = new Map<string, readonly TaggedSpan[]>();

export function tagSnippet(snippet: string): readonly TaggedSpan[] {
  const hit = memo.get(snippet);
  if (hit) return hit;
  const out = tagUncached(snippet);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(snippet, out);
  return out;
}

/** Forget memoised results (benchmarks call it so repeated rounds over one corpus stay honest). */
export function clearTagMemo(): void {
  memo.clear();
}

function tagUncached(snippet: string): TaggedSpan[] {
  const w = get();
  const doc = w.readDoc(snippet);
  const values = doc.tokens().out() as string[];
  const tags = doc.tokens().out(w.its.pos) as string[];
  const out: TaggedSpan[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const at = snippet.indexOf(values[i], cursor);
    if (at < 0) continue;
    out.push({ start: at, end: at + values[i].length, pos: tags[i] });
    cursor = at + values[i].length;
  }
  return out;
}

/** Is the first word of `snippet` tagged as a proper noun in context? */
export function firstWordIsProperNoun(snippet: string): boolean {
  const tags = tagSnippet(snippet);
  return tags.length > 0 && tags[0].pos === 'PROPN';
}

const lexiconMemo = new Map<string, boolean>();

/**
 * Is a lower-case word an entry of the tagger's English lexicon (a word of the language: "official",
 * "heavy", "climate"), as against a word the model has never seen (most names: "khawaja",
 * "obama")? The lexicon also lists some names ("smith", "google", "chile"), so this is evidence
 * that a word *can* be a common word, for use where capitalisation says nothing. Memoised by word.
 */
export function isLexiconWord(lower: string): boolean {
  let r = lexiconMemo.get(lower);
  if (r === undefined) {
    const w = get();
    const ids = w.readDoc(lower).tokens().out(w.its.uniqueId) as number[];
    r = ids.length === 1 && ids[0] < firstUnknownId;
    if (lexiconMemo.size >= MEMO_LIMIT) lexiconMemo.clear();
    lexiconMemo.set(lower, r);
  }
  return r;
}
