/**
 * `parallax eval compare`: run the story comparison on the hand-labelled comparison set
 * (`data/compare/`, see its README) and report precision and recall of each category.
 *
 * The set: `articles.jsonl` (interchange lines with a `story` field) and `labels.json` — per story,
 * the consensus facts, each article's exclusive facts, the disagreements and the credits, every
 * fact given as *references*: an article id and a verbatim quote from it. `ignore` lists quotes
 * the annotator could not call either way; `echoed` lists facts several articles carry through a
 * shared passage (not independent confirmation).
 *
 * Matching rule (how system output meets labels):
 * - A system unit **covers** a reference when it is in the same article and paragraph and the two
 *   character spans overlap by at least half of the shorter one. (Quotes may be a clause of a unit
 *   or a unit may be a clause of a quoted sentence; half the shorter span means "this is that
 *   sentence", not a neighbour sharing a few words.)
 * - **Consensus**: a system consensus group matches a consensus label when its units cover the
 *   label's references in at least two different articles. Precision = system consensus groups
 *   that match some label / all system consensus groups; recall = labels matched by some system
 *   consensus group / all consensus labels. Several groups may match one label (a fact stated in
 *   two sentences by each article); each counts as correct, the label counts once for recall.
 * - **Exclusive**: a system exclusive group matches when one of its units covers an exclusive label
 *   of that unit's article. Precision over system exclusive groups; recall over exclusive labels.
 * - **Echoed**: like consensus, against the `echoed` labels.
 * - A system group that matches no label and whose every unit covers only `ignore` quotes is
 *   *unjudged*: left out of precision (reported as a count).
 * - **Disagreements**: a system value matches a label value when the label's value, as normalised
 *   tokens (lower case, digits without separators), occurs in the system value's tokens or vice
 *   versa, and one of the label value's articles is among the system value's articles. A system
 *   disagreement matches a label of the same kind when at least two of the label's values are
 *   matched by two different system values, from at least two different articles. Precision over
 *   system disagreements, recall over labels.
 * - **Credits**: an (article, credited source) pair matches a label pair of the same article when
 *   the normalised names are equal or one is a whole-word part of the other ("Tasnim" / "Tasnim
 *   news agency"). Precision over system credits of labelled articles, recall over label credits.
 * Totals are micro-averages (counts summed over stories).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../types.js';
import { readJsonDocument } from '../ingest/interchange.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { compareStory, type CompareOptions } from '../compare/index.js';
import { sameSource } from '../compare/provenance.js';
import type { Comparison, Disagreement, FactGroup, UnitRef } from '../compare/types.js';

/** A reference to a labelled fact: [article id as in the set, verbatim quote]. */
export type LabelRef = [string, string];

/** The labels of one story. */
export interface StoryLabels {
  id: string;
  articles: string[];
  consensus: Array<{ fact: string; refs: LabelRef[]; disputed?: boolean }>;
  echoed?: Array<{ fact: string; refs: LabelRef[] }>;
  exclusive: Array<{ article: string; fact: string; quote: string }>;
  ignore?: LabelRef[];
  disagreements: Array<{ kind: Disagreement['kind']; slot: string; values: Array<{ value: string; refs: LabelRef[] }> }>;
  credits?: Record<string, string[]>;
}

/** One loaded story: its labels and its articles (finalised, ids as stored). */
export interface LabelledStory {
  labels: StoryLabels;
  articles: Article[];
  /** Set id ("M0080") → article id. */
  idOf: Map<string, string>;
}

/** Counts and scores of one category. */
export interface CategoryScore {
  /** System items that match a label. */
  correct: number;
  /** System items judged (matched or not; unjudged ones excluded). */
  system: number;
  /** Labels matched by some system item. */
  found: number;
  labels: number;
  /** System items left out of precision (only `ignore` quotes). */
  unjudged: number;
  /** null when there is nothing to divide by. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** Categories scored. */
export type Category = 'consensus' | 'exclusive' | 'echoed' | 'disagreements' | 'credits';
export const CATEGORIES: readonly Category[] = ['consensus', 'exclusive', 'echoed', 'disagreements', 'credits'];

/**
 * Result of `parallax eval compare`.
 *
 * @example { stories: [{ story: 'seeds-iran-iraq', articles: 2, consensus: { correct: 5, system: 6, … }, … }],
 *            total: { consensus: { precision: 0.8, recall: 0.6, … }, … }, problems: [], seconds: 1.2 }
 */
export interface CompareEvalReport {
  stories: Array<{ story: string; articles: number } & Record<Category, CategoryScore>>;
  total: Record<Category, CategoryScore>;
  /** Label problems (a quote not found, an unknown article): one message each, the rest scored. */
  problems: string[];
  seconds: number;
}

function score(correct: number, system: number, found: number, labels: number, unjudged = 0): CategoryScore {
  const precision = system > 0 ? correct / system : null;
  const recall = labels > 0 ? found / labels : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { correct, system, found, labels, unjudged, precision, recall, f1 };
}

/**
 * Load the comparison set of a directory (`articles.jsonl` + `labels.json`). Bad lines and label
 * problems are reported in `problems`; everything else loads.
 */
export function loadCompareSet(dir: string): { stories: LabelledStory[]; problems: string[] } {
  const problems: string[] = [];
  const articlesPath = join(dir, 'articles.jsonl');
  const labelsPath = join(dir, 'labels.json');
  if (!existsSync(articlesPath) || !existsSync(labelsPath)) {
    return { stories: [], problems: [`${dir}: expected articles.jsonl and labels.json`] };
  }
  const text = readFileSync(articlesPath, 'utf8');
  const byExt = new Map<string, Article>();
  for (const item of readJsonDocument(text, articlesPath)) {
    if (!item.ok) {
      problems.push(`${item.input}: ${item.reason}`);
      continue;
    }
    const a = finalizeArticle(item.draft, '2000-01-01T00:00:00.000Z');
    if (a.externalId) byExt.set(a.externalId, a);
  }
  let parsed: { stories?: StoryLabels[] };
  try {
    parsed = JSON.parse(readFileSync(labelsPath, 'utf8')) as { stories?: StoryLabels[] };
  } catch (e) {
    return { stories: [], problems: [...problems, `${labelsPath}: not valid JSON (${(e as Error).message})`] };
  }
  const stories: LabelledStory[] = [];
  for (const labels of parsed.stories ?? []) {
    if (!labels || typeof labels.id !== 'string' || !Array.isArray(labels.articles)) {
      problems.push(`${labelsPath}: a story without an id or article list`);
      continue;
    }
    const articles: Article[] = [];
    const idOf = new Map<string, string>();
    for (const ext of labels.articles) {
      const a = byExt.get(ext);
      if (!a) problems.push(`${labels.id}: article ${ext} not in articles.jsonl`);
      else {
        articles.push(a);
        idOf.set(ext, a.id);
      }
    }
    stories.push({ labels: { ...labels, consensus: labels.consensus ?? [], exclusive: labels.exclusive ?? [], disagreements: labels.disagreements ?? [] }, articles, idOf });
  }
  return { stories, problems };
}

interface Span {
  articleId: string;
  paragraph: number;
  start: number;
  end: number;
}

/** Locate a quote in its article: the paragraph and offsets, or null. */
function locate(story: LabelledStory, [ext, quote]: LabelRef): Span | null {
  const id = story.idOf.get(ext);
  const a = story.articles.find((x) => x.id === id);
  if (!a || typeof quote !== 'string' || !quote) return null;
  const q = quote.replace(/\s+/g, ' ').trim();
  for (let p = 0; p < a.paragraphs.length; p++) {
    const i = a.paragraphs[p].indexOf(q);
    if (i >= 0) return { articleId: a.id, paragraph: p, start: i, end: i + q.length };
  }
  return null;
}

/** Does a unit cover a span (same paragraph, overlap ≥ half of the shorter)? */
export function covers(u: Pick<UnitRef, 'articleId' | 'paragraph' | 'start' | 'end'>, s: Span): boolean {
  if (u.articleId !== s.articleId || u.paragraph !== s.paragraph) return false;
  const overlap = Math.min(u.end, s.end) - Math.max(u.start, s.start);
  return overlap > 0 && overlap >= 0.5 * Math.min(u.end - u.start, s.end - s.start);
}

/** Normalised tokens of a value for matching ("3,197" → "3197"). */
function valueTokens(v: string): string {
  return ` ${v
    .toLowerCase()
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/[^\p{L}\p{N}.:]+/gu, ' ')
    .replace(/(^|\s)[.:]+|[.:]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** Score one story's comparison against its labels. */
export function scoreStory(story: LabelledStory, c: Comparison, problems: string[]): Record<Category, CategoryScore> {
  const L = story.labels;
  const spans = (refs: LabelRef[], what: string): Span[] =>
    refs.flatMap((r) => {
      const s = locate(story, r);
      if (!s) problems.push(`${L.id}: ${what}: quote not found in ${r[0]}: "${String(r[1]).slice(0, 60)}"`);
      return s ? [s] : [];
    });
  const consensus = L.consensus.map((f) => spans(f.refs, 'consensus'));
  const echoed = (L.echoed ?? []).map((f) => spans(f.refs, 'echoed'));
  const exclusive = L.exclusive.map((e) => spans([[e.article, e.quote]], 'exclusive'));
  const ignore = spans(L.ignore ?? [], 'ignore');
  const onlyIgnored = (g: FactGroup) => g.units.every((u) => ignore.some((s) => covers(u, s)));

  /** Labels (as span lists) matched in ≥ 2 articles by a group. */
  const multiMatch = (g: FactGroup, labels: Span[][]): number[] =>
    labels.flatMap((spansOf, i) => {
      const arts = new Set(g.units.filter((u) => spansOf.some((s) => covers(u, s))).map((u) => u.articleId));
      return arts.size >= 2 ? [i] : [];
    });
  /** Labels (as span lists) with a span covered by any unit of a group. */
  const anyMatch = (g: FactGroup, labels: Span[][]): number[] =>
    labels.flatMap((spansOf, i) => (g.units.some((u) => spansOf.some((s) => covers(u, s))) ? [i] : []));

  /** Precision over the groups reported, recall over the labels, with `match` deciding which labels a group hits. */
  const category = (groups: FactGroup[], labels: Span[][], match: (g: FactGroup, labels: Span[][]) => number[]): CategoryScore => {
    let correct = 0;
    let system = 0;
    let unjudged = 0;
    const found = new Set<number>();
    for (const g of groups) {
      const m = match(g, labels);
      if (m.length) {
        correct++;
        system++;
        m.forEach((i) => found.add(i));
      } else if (onlyIgnored(g)) unjudged++;
      else system++;
    }
    return score(correct, system, found.size, labels.length, unjudged);
  };

  const dis = (() => {
    const found = new Set<number>();
    let correct = 0;
    for (const d of c.disagreements) {
      let ok = false;
      L.disagreements.forEach((ld, li) => {
        if (ld.kind !== d.kind) return;
        const used = new Set<number>();
        const arts = new Set<string>();
        let matched = 0;
        for (const lv of ld.values) {
          const lt = valueTokens(lv.value);
          const ids = lv.refs.map(([ext]) => story.idOf.get(ext)).filter((x): x is string => !!x);
          const k = d.values.findIndex((sv, si) => {
            if (used.has(si)) return false;
            const st = valueTokens(sv.value);
            return (st.includes(lt) || lt.includes(st)) && sv.articles.some((a) => ids.includes(a));
          });
          if (k >= 0) {
            used.add(k);
            matched++;
            d.values[k].articles.filter((a) => ids.includes(a)).forEach((a) => arts.add(a));
          }
        }
        if (matched >= 2 && arts.size >= 2) {
          ok = true;
          found.add(li);
        }
      });
      if (ok) correct++;
    }
    return score(correct, c.disagreements.length, found.size, L.disagreements.length);
  })();

  const cred = (() => {
    const labelled = L.credits ?? {};
    let system = 0;
    let correct = 0;
    let labels = 0;
    let found = 0;
    for (const [ext, names] of Object.entries(labelled)) {
      const id = story.idOf.get(ext);
      const sys = c.provenance.credits.filter((x) => x.articleId === id);
      system += sys.length;
      correct += sys.filter((x) => names.some((n) => sameSource(n, x.credited))).length;
      labels += names.length;
      found += names.filter((n) => sys.some((x) => sameSource(n, x.credited))).length;
    }
    return score(correct, system, found, labels);
  })();

  return {
    consensus: category(c.consensus, consensus, multiMatch),
    exclusive: category(Object.values(c.exclusive).flat(), exclusive, anyMatch),
    echoed: category(c.echoed, echoed, multiMatch),
    disagreements: dis,
    credits: cred,
  };
}

/** Run the comparison on every labelled story and score it. */
export function evalCompare(stories: LabelledStory[], opts: CompareOptions = {}, problems: string[] = []): CompareEvalReport {
  const t0 = performance.now();
  const out: CompareEvalReport['stories'] = [];
  for (const s of stories) {
    if (s.articles.length === 0) continue;
    const c = compareStory(s.articles, opts);
    out.push({ story: s.labels.id, articles: s.articles.length, ...scoreStory(s, c, problems) });
  }
  const total = Object.fromEntries(
    CATEGORIES.map((k) => {
      const sum = (f: (x: CategoryScore) => number) => out.reduce((acc, s) => acc + f(s[k]), 0);
      return [k, score(sum((x) => x.correct), sum((x) => x.system), sum((x) => x.found), sum((x) => x.labels), sum((x) => x.unjudged))];
    }),
  ) as Record<Category, CategoryScore>;
  return { stories: out, total, problems, seconds: (performance.now() - t0) / 1000 };
}

/** Load a set directory and evaluate it (`parallax eval compare [dir]`). Default dir: `data/compare`. */
export function evalCompareDir(dir = 'data/compare', opts: CompareOptions = {}): CompareEvalReport {
  const { stories, problems } = loadCompareSet(dir);
  return evalCompare(stories, opts, problems);
}

const pct = (x: number | null) => (x === null ? '   –' : `${(100 * x).toFixed(0).padStart(3)}%`);

/** Terminal table of a report. */
export function formatCompareEval(r: CompareEvalReport): string {
  const lines: string[] = [];
  const head = ['story'.padEnd(18), ...CATEGORIES.map((k) => k.padEnd(16))].join(' ');
  lines.push('Comparison evaluation (P = precision, R = recall; counts correct/system, found/labels)', '', head);
  const cell = (s: CategoryScore) => `${pct(s.precision)} ${pct(s.recall)}`.padEnd(16);
  for (const s of r.stories) lines.push([s.story.padEnd(18), ...CATEGORIES.map((k) => cell(s[k]))].join(' '));
  lines.push([`TOTAL (micro)`.padEnd(18), ...CATEGORIES.map((k) => cell(r.total[k]))].join(' '));
  lines.push('');
  for (const k of CATEGORIES) {
    const t = r.total[k];
    lines.push(
      `${k.padEnd(14)} P ${pct(t.precision)} (${t.correct}/${t.system})  R ${pct(t.recall)} (${t.found}/${t.labels})  F1 ${pct(t.f1)}` +
        (t.unjudged ? `  unjudged ${t.unjudged}` : ''),
    );
  }
  if (r.problems.length) {
    lines.push('', `label problems (${r.problems.length}):`);
    for (const p of r.problems) lines.push(`  ${p}`);
  }
  lines.push('', `${r.stories.length} stories, ${r.stories.reduce((a, s) => a + s.articles, 0)} articles, ${r.seconds.toFixed(2)} s`);
  return lines.join('\n') + '\n';
}
