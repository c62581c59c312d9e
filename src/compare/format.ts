/**
 * Terminal rendering of a comparison: grouped sections (consensus, exclusive per outlet, echoed,
 * disagreements, provenance), outlet names and short quotes. A source known only by an article id
 * (no outlet name or domain) is shown as "unknown outlet <first 8 characters of the id>". Plain text, no colours, lines kept
 * under ~100 columns so that it reads in an 80–100 column terminal and in a pager.
 */
import type { Comparison, Disagreement, FactGroup } from './types.js';
import { sameSource } from './provenance.js';
import { plural } from '../text/plural.js';

/** Options of {@link formatComparison}. */
export interface FormatOptions {
  /** Longest quote shown, in characters (default 110). */
  quote?: number;
  /** At most this many facts per section, the rest summarised as "… n more" (default 15). */
  perSection?: number;
}

/** Shorten to `n` characters at a word boundary, with an ellipsis. */
export function clipQuote(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= n) return t;
  const cut = t.slice(0, n - 1);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > n * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * Readable text of a comparison.
 *
 * @example
 * formatComparison(compareStory(seeds))
 * // Comparison of 2 articles from 1 outlet and 1 article of unknown outlet — 26 fact units in 21 groups
 * //
 * // CONSENSUS — reported by at least two independent outlets (5)
 * //    1. "Iran and Iraq signed an agreement on Sunday to boost cooperation in a host of military fields, Tasnim news…"
 * //       unknown outlet dda38d01; Tehran Times
 * //       ~ Tehran Times: "Iran and Iraq signed an initial agreement on Sunday to boost military cooperation in various areas…"
 * // …
 */
export function formatComparison(c: Comparison, opts: FormatOptions = {}): string {
  const qn = opts.quote ?? 110;
  const max = opts.perSection ?? 15;
  // A source labelled by an article id (no outlet known) reads as "unknown outlet <short id>".
  const ids = new Set(c.sources.flatMap((s) => s.articles));
  const readable = (l: string) => (ids.has(l) ? `unknown outlet ${l.slice(0, 8)}` : l);
  const labels = new Map(c.sources.map((s) => [s.key, readable(s.label)]));
  const label = (k: string) => labels.get(k) ?? k;
  const noun = c.by === 'outlet' ? 'outlet' : 'article';
  const lines: string[] = [];
  // Outlets counted as the story list counts them: known ones only. Each article of unknown outlet
  // is still compared as a source of its own (it cannot be assumed to share an outlet).
  const unknownOutlets = c.sources.filter((s) => ids.has(s.label)).length;
  const knownOutlets = c.sources.length - unknownOutlets;
  const from =
    c.by !== 'outlet'
      ? ' (one outlet: comparing its articles)'
      : knownOutlets === 0
        ? ', all of unknown outlet'
        : ` from ${plural(knownOutlets, 'outlet')}${unknownOutlets ? ` and ${plural(unknownOutlets, 'article')} of unknown outlet` : ''}`;
  lines.push(`Comparison of ${plural(c.stats.articles, 'article')}${from} — ${c.stats.units} fact units in ${c.stats.groups} groups`);
  for (const s of c.stats.skipped) lines.push(`  note: ${s}`);

  const fact = (g: FactGroup, i: number, showSources: boolean) => {
    lines.push(`  ${String(i + 1).padStart(2)}. "${clipQuote(g.text, qn)}"${g.disputed ? '  [values differ, see below]' : ''}`);
    if (showSources) {
      const parts = g.independentSources.map((p) => p.map(label).join(' = ')).join('; ');
      lines.push(`      ${parts}`);
      for (const u of g.units.slice(1, 3)) if (u.text !== g.text) lines.push(`      ~ ${label(u.source)}: "${clipQuote(u.text, qn - 8)}"`);
    }
  };
  const section = (title: string, list: FactGroup[], showSources: boolean) => {
    lines.push('', `${title} (${list.length})`);
    if (list.length === 0) lines.push('  none');
    list.slice(0, max).forEach((g, i) => fact(g, i, showSources));
    if (list.length > max) lines.push(`  … ${list.length - max} more (see --json)`);
  };

  section(`CONSENSUS — reported by at least two independent ${noun}s`, c.consensus, true);
  const exclusiveKeys = c.sources.map((s) => s.key).filter((k) => (c.exclusive[k] ?? []).length > 0);
  lines.push('', `EXCLUSIVE — reported by one ${noun} only`);
  if (exclusiveKeys.length === 0) lines.push('  none');
  for (const k of exclusiveKeys) {
    const list = c.exclusive[k];
    lines.push(`  ${label(k)} (${list.length})`);
    list.slice(0, max).forEach((g) => lines.push(`    • "${clipQuote(g.text, qn)}"${g.disputed ? '  [values differ]' : ''}`));
    if (list.length > max) lines.push(`    … ${list.length - max} more`);
  }
  if (c.echoed.length) {
    section(`ECHOED — several ${noun}s, one origin (copied or credited text)`, c.echoed, true);
  }
  // Spellings that no two sources disagree on (each outlet uses several) are variations, not
  // disagreements between outlets: listed apart.
  const disputes = c.disagreements.filter((d) => d.betweenSources !== false);
  const variations = c.disagreements.filter((d) => d.betweenSources === false);
  lines.push('', `DISAGREEMENTS (${disputes.length})`);
  if (disputes.length === 0) lines.push('  none');
  disputes.slice(0, max * 2).forEach((d) => lines.push(...formatDisagreement(d, label, qn)));
  if (variations.length) {
    lines.push('', `SPELLING VARIATIONS — within ${noun}s, not between them (${variations.length})`);
    variations.slice(0, max * 2).forEach((d) => lines.push(...formatDisagreement(d, label, qn)));
  }

  const p = c.provenance;
  lines.push('', 'PROVENANCE');
  if (p.credits.length === 0) lines.push('  credits: none found');
  for (const cr of p.credits) {
    // an outlet's own notice is no borrowing: no arrow from it to itself
    const own = sameSource(label(cr.source), cr.credited);
    lines.push(`  ${cr.kind === 'licence' ? 'licence' : 'credit '}: ${label(cr.source)} ${own ? '(its own notice)' : `→ ${cr.credited}`}   ("${clipQuote(cr.text, 60)}")`);
  }
  if (p.sharedPassages.length === 0) lines.push(`  shared passages (≥ 12 words): none`);
  else {
    lines.push(`  shared passages (≥ 12 words): ${p.sharedPassages.length}`);
    for (const sp of p.sharedPassages.slice(0, max)) {
      const from = c.sources.find((s) => s.articles.includes(sp.from.articleId));
      const to = c.sources.find((s) => s.articles.includes(sp.to.articleId));
      lines.push(`    ${readable(from?.label ?? sp.from.articleId)} ← ${readable(to?.label ?? sp.to.articleId)}, ${sp.words} words: "${clipQuote(sp.text, qn - 20)}"`);
    }
    if (p.sharedPassages.length > max) lines.push(`    … ${p.sharedPassages.length - max} more`);
  }
  for (const s of p.summary) lines.push(`  ${[...ids].reduce((t, id) => t.split(id).join(readable(id)), s)}`);
  return lines.join('\n') + '\n';
}

function formatDisagreement(d: Disagreement, label: (k: string) => string, qn: number): string[] {
  const what =
    d.kind === 'name'
      ? `name spelled ${d.values.length} ways — ${d.slot}`
      : `${d.kind} — ${d.slot}${d.compatible ? ' (figures differ but are compatible)' : ''}`;
  const out = [`  • ${what}`];
  for (const v of d.values) {
    const who = v.sources.map(label).join(', ');
    const q = v.quotes[0];
    out.push(`      "${v.value}" — ${who}${q && d.kind !== 'name' ? `: "${clipQuote(q.text, qn - 30)}"` : ''}`);
  }
  return out;
}
