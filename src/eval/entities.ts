/**
 * `parallax eval entities <articles.jsonl> <entities.jsonl>`: score mention extraction and
 * name-variant resolution against gold name chains (ECB+ format, see ../shared/data/README.md).
 *
 * Semantics, worked out from the gold format (gold mentions carry a string and an article, no
 * offsets):
 * - **Where a gold mention is.** Every occurrence of the gold string in its article's entity text
 *   (case-sensitive; case-insensitive when the exact string is absent). The system mention for it
 *   is the one overlapping an occurrence by the most characters (ties: the earliest); a gold
 *   mention is *found* when such a mention exists. Overlap, not exact span, because gold spans
 *   include words that are not part of a name ("in Wasilla, Alaska", "Eric Allen Kirkpatrick, 61",
 *   "the notorious Gulf of Aden"); `exact_recall` reports the stricter share whose system name
 *   equals the gold string (case, possessive and a leading "the" aside).
 * - **Names.** A gold name is the mention string with case and a trailing possessive set aside
 *   ("Turkmenistan's" = "turkmenistan"). Within one gold `event`, a name maps to the entity that
 *   most of its found gold mentions map to (ties: first seen); unfound names map to nothing.
 * - **Pairs.** Every pair of distinct names in one event: gold-positive when some gold `chain`
 *   holds both; predicted-positive when both map to the same entity. Precision, recall, F1 over
 *   all events.
 * - **Scope.** Resolution runs with the gold event as the story (`scope: 'event'`, the default):
 *   the metric is per event, and this isolates resolution from clustering errors. `scope:
 *   'article'` resolves each article alone (only strong keys link articles), as a lower bound.
 * - **Baseline.** "Same entity when the names share a word" over the same pairs, for scale.
 */
import { readFileSync } from 'node:fs';
import type { Article } from '../types.js';
import { readJsonDocument } from '../ingest/interchange.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { entityText, extractMentions } from '../entities/extract.js';
import { EntityResolver } from '../entities/resolve.js';
import type { Mention } from '../entities/types.js';

/** Precision, recall, F1. */
export interface PRF {
  p: number;
  r: number;
  f1: number;
}

/**
 * Result of an entity evaluation. The first four fields are the `--json` contract.
 *
 * @example { mentions: 1171, mention_recall: 0.95, pairs: 2937, variant: { p: 0.9, r: 0.8, f1: 0.85 }, … }
 */
export interface EntitiesEvalReport {
  /** Gold mentions scored. */
  mentions: number;
  /** Share of gold mentions overlapped by a system mention in their article. */
  mention_recall: number;
  /** Name pairs scored (distinct names within an event). */
  pairs: number;
  variant: PRF;
  /** Gold mentions whose article text contains the gold string at all. */
  locatable: number;
  /** Share of gold mentions whose overlapping system mention has the same name. */
  exact_recall: number;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  /** "Same entity when the names share a word", on the same pairs. */
  baseline: PRF;
  articles: number;
  events: number;
  /** System mentions extracted, entities resolved. */
  system_mentions: number;
  entities: number;
  scope: 'event' | 'article';
  /** Extraction + resolution time of this one cold pass (JIT warm-up and model loading included), ms, and throughput. */
  ms: number;
  articles_per_s: number;
  /** One line per bad input item. */
  problems: string[];
  /** Gold mentions not found, and pair errors (a sample, for inspection). */
  missed: Array<{ doc: string; mention: string }>;
  false_pairs: Array<{ event: string; a: string; b: string; gold: boolean }>;
}

interface GoldMention {
  event: string;
  chain: string;
  mention: string;
  doc: string;
}

/** Case and possessive aside: "Turkmenistan's" → "turkmenistan". */
export function goldName(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/(?:['’]s|['’])$/, '')
    .trim();
}

function prf(tp: number, fp: number, fn: number): PRF {
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  if (out.length === 0) {
    const lt = text.toLowerCase();
    const ln = needle.toLowerCase();
    for (let i = lt.indexOf(ln); i >= 0; i = lt.indexOf(ln, i + 1)) out.push(i);
  }
  return out;
}

/**
 * Span of the name inside a mention: a mention's text is titles + name (+ possessive), so the name
 * is found at the end of the text; role-only mentions ("Surgeon General") are their own name.
 */
function nameSpan(m: Mention): [number, number] {
  const at = m.text.lastIndexOf(m.name.split(' ')[0]);
  return at > 0 ? [m.start + at, m.end] : [m.start, m.end];
}

function exactName(m: Mention, gold: string): boolean {
  return goldName(m.name).replace(/^the\s+/, '') === goldName(gold).replace(/^the\s+/, '');
}

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Evaluate in memory (articles as JSONL text, gold as JSONL text). */
export function evalEntities(
  articlesJsonl: string,
  goldJsonl: string,
  opts: { scope?: 'event' | 'article'; articlesName?: string; goldName?: string } = {},
): EntitiesEvalReport {
  const scope = opts.scope ?? 'event';
  const problems: string[] = [];
  const aName = opts.articlesName ?? 'articles';
  const gName = opts.goldName ?? 'entities';

  // gold event per article id, read from the same lines
  const eventOf = new Map<string, string>();
  articlesJsonl.split(/\r?\n/).forEach((line) => {
    if (!line.trim()) return;
    try {
      const o = JSON.parse(line) as { id?: unknown; event?: unknown };
      if ((typeof o.id === 'string' || typeof o.id === 'number') && typeof o.event === 'string') eventOf.set(String(o.id), o.event);
    } catch {
      /* reported by readJsonDocument below */
    }
  });
  const articles: Article[] = [];
  const byExternal = new Map<string, Article>();
  for (const item of readJsonDocument(articlesJsonl, aName)) {
    if (!item.ok) {
      problems.push(`${item.input}: ${item.reason}`);
      continue;
    }
    const a = finalizeArticle(item.draft, '1970-01-01T00:00:00.000Z');
    const ext = item.draft.externalId ?? a.id;
    // the interchange id is the article id here, so gold doc ids match mention article ids
    const art: Article = { ...a, id: ext };
    articles.push(art);
    byExternal.set(ext, art);
  }

  const gold: GoldMention[] = [];
  goldJsonl.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      problems.push(`${gName}:${i + 1}: line is not valid JSON: ${(e as Error).message}`);
      return;
    }
    const { event, chain, mention, doc_id: doc } = o;
    if (typeof event !== 'string' || typeof chain !== 'string' || typeof mention !== 'string' || typeof doc !== 'string') {
      problems.push(`${gName}:${i + 1}: expected string fields "event", "chain", "mention", "doc_id"`);
      return;
    }
    if (!byExternal.has(doc)) {
      problems.push(`${gName}:${i + 1}: article "${doc}" is not in ${aName}`);
      return;
    }
    gold.push({ event, chain, mention, doc });
  });

  // extraction + resolution, timed
  const t0 = performance.now();
  const resolver = new EntityResolver();
  const mentionsByDoc = new Map<string, Mention[]>();
  const idOf = new Map<Mention, string>();
  let systemMentions = 0;
  for (const a of articles) {
    let ms: Mention[] = [];
    try {
      ms = extractMentions(a);
    } catch (e) {
      problems.push(`${a.id}: extraction failed: ${(e as Error).message}`);
    }
    systemMentions += ms.length;
    mentionsByDoc.set(a.id, ms);
    const story = scope === 'event' ? eventOf.get(a.id) : undefined;
    for (const [m, id] of resolver.add(ms, { storyId: story })) idOf.set(m, id);
  }
  const ms = performance.now() - t0;

  // map gold mentions to system mentions
  const textOf = new Map<string, string>();
  let found = 0;
  let exact = 0;
  let locatable = 0;
  const missed: Array<{ doc: string; mention: string }> = [];
  const nameEntities = new Map<string, Map<string, string[]>>(); // event → name → entity ids
  const nameChains = new Map<string, Map<string, Set<string>>>(); // event → name → chains
  for (const g of gold) {
    const art = byExternal.get(g.doc)!;
    let text = textOf.get(g.doc);
    if (text === undefined) textOf.set(g.doc, (text = entityText(art)));
    const name = goldName(g.mention);
    let chains = nameChains.get(g.event);
    if (!chains) nameChains.set(g.event, (chains = new Map()));
    if (!chains.has(name)) chains.set(name, new Set());
    chains.get(name)!.add(g.chain);
    let ents = nameEntities.get(g.event);
    if (!ents) nameEntities.set(g.event, (ents = new Map()));
    if (!ents.has(name)) ents.set(name, []);

    const occ = occurrences(text, g.mention.trim());
    if (occ.length) locatable++;
    // found: overlapped by any mention; mapped: the mention whose *name* overlaps most (a gold
    // "Coach" overlapping only the title of "Coach Jim O'Brien" is not that mention's name)
    let best: Mention | null = null;
    let bestOverlap = 0;
    let anyOverlap = false;
    const len = g.mention.trim().length;
    for (const o of occ) {
      for (const m of mentionsByDoc.get(g.doc) ?? []) {
        if (Math.min(o + len, m.end) > Math.max(o, m.start)) anyOverlap = true;
        const [ns, ne] = nameSpan(m);
        const ov = Math.min(o + len, ne) - Math.max(o, ns);
        // ties: the mention named exactly like the gold string, then the earliest
        const better =
          ov > bestOverlap ||
          (ov === bestOverlap && ov > 0 && best && (exactName(m, g.mention) ? !exactName(best, g.mention) || m.start < best.start : !exactName(best, g.mention) && m.start < best.start));
        if (better) {
          best = m;
          bestOverlap = ov;
        }
      }
    }
    if (!anyOverlap) {
      missed.push({ doc: g.doc, mention: g.mention });
      continue;
    }
    found++;
    if (!best) continue;
    if (exactName(best, g.mention)) exact++;
    const id = idOf.get(best);
    if (id) ents.get(name)!.push(resolver.canonicalId(id));
  }

  // pairs
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let btp = 0;
  let bfp = 0;
  let bfn = 0;
  let pairs = 0;
  const falsePairs: Array<{ event: string; a: string; b: string; gold: boolean }> = [];
  for (const [event, chains] of nameChains) {
    const names = [...chains.keys()].sort();
    const ents = nameEntities.get(event)!;
    const entityOf = new Map<string, string | undefined>();
    for (const n of names) {
      const ids = ents.get(n) ?? [];
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      let best: string | undefined;
      let bc = 0;
      for (const [id, c] of counts) if (c > bc) [best, bc] = [id, c];
      entityOf.set(n, best);
    }
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        pairs++;
        const a = names[i];
        const b = names[j];
        const g = [...chains.get(a)!].some((c) => chains.get(b)!.has(c));
        const ea = entityOf.get(a);
        const p = ea !== undefined && ea === entityOf.get(b);
        if (g && p) tp++;
        else if (p) fp++;
        else if (g) fn++;
        if (g !== p) falsePairs.push({ event, a, b, gold: g });
        const wa = words(a);
        const bp = [...words(b)].some((w) => wa.has(w));
        if (g && bp) btp++;
        else if (bp) bfp++;
        else if (g) bfn++;
      }
    }
  }
  const variant = prf(tp, fp, fn);
  return {
    mentions: gold.length,
    mention_recall: gold.length ? found / gold.length : 0,
    pairs,
    variant,
    locatable,
    exact_recall: gold.length ? exact / gold.length : 0,
    positives: tp + fn,
    tp,
    fp,
    fn,
    baseline: prf(btp, bfp, bfn),
    articles: articles.length,
    events: nameChains.size,
    system_mentions: systemMentions,
    entities: resolver.entities().length,
    scope,
    ms,
    articles_per_s: ms > 0 ? (articles.length * 1000) / ms : 0,
    problems,
    missed,
    false_pairs: falsePairs,
  };
}

/** Evaluate files (see module doc). Unreadable files throw with the path in the message. */
export function evalEntitiesFiles(articlesPath: string, entitiesPath: string, opts: { scope?: 'event' | 'article' } = {}): EntitiesEvalReport {
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  return evalEntities(read(articlesPath), read(entitiesPath), { ...opts, articlesName: articlesPath, goldName: entitiesPath });
}

/** The `--json` object: the contract fields first, then the extras (without the long error lists). */
export function entitiesReportJson(r: EntitiesEvalReport): Record<string, unknown> {
  const { missed, false_pairs, ...rest } = r;
  return { ...rest, missed: missed.length, false_pairs: false_pairs.length };
}

/** Human-readable report. */
export function formatEntitiesReport(r: EntitiesEvalReport): string {
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  const f3 = (x: number) => x.toFixed(3);
  const lines = [
    `Entities: ${r.articles} articles, ${r.events} gold events, ${r.system_mentions} system mentions, ${r.entities} entities (scope: ${r.scope})`,
    `Mention recall   ${pct(r.mention_recall)}  (${Math.round(r.mention_recall * r.mentions)}/${r.mentions} gold mentions; ${r.locatable} locatable; exact name ${pct(r.exact_recall)})`,
    `Variant pairs    P ${f3(r.variant.p)}  R ${f3(r.variant.r)}  F1 ${f3(r.variant.f1)}  (${r.pairs} pairs, ${r.positives} positive; tp ${r.tp} fp ${r.fp} fn ${r.fn})`,
    `Baseline (shared word)  P ${f3(r.baseline.p)}  R ${f3(r.baseline.r)}  F1 ${f3(r.baseline.f1)}`,
    `Speed            ${Math.round(r.articles_per_s)} articles/s (extraction + resolution, one cold pass incl. model loading, ${r.ms.toFixed(0)} ms; see bench/entities.ts)`,
  ];
  if (r.problems.length) lines.push(`Problems (${r.problems.length}):`, ...r.problems.slice(0, 20).map((p) => `  ${p}`));
  return lines.join('\n');
}
