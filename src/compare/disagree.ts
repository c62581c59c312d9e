/**
 * Disagreements: the same slot with different values.
 *
 * Inside a fact group (units already judged to state the same fact) values are aligned slot by
 * slot, always between units of different sources:
 * - **numbers**: two figures fill the same slot when they are of the same kind (count, measure,
 *   money, age) and count the same thing (their nouns share a stem: "2 male bodies" / "two
 *   bodies", and neither noun has a word absent from the other unit: "1.5 million people homeless"
 *   and "200,000 people" do not fill one slot); failing that, when each of the two units has exactly one figure of that kind, those
 *   two are the slot ("3,197 cases" / "more than 4,000 people": what is counted is worded
 *   differently but the fact is the same; both figures must name what they count). A slot holds at
 *   most one figure per unit (two figures of one sentence are two slots), and the figures of a list
 *   ("59 % …, 44 % …, 55 % …") join another unit's slot only on an equal value (see
 *   `numberDisagreements`). Years are dates, not figures. A slot disagrees when its
 *   stated values differ; `compatible` records whether the wordings' ranges still overlap
 *   ("about 200,000" and "222,570" differ but do not contradict; "more than 4,000" and "3,197" do);
 * - **dates** (weekdays, calendar dates) and **times**: two units that both give a day (or a clock
 *   time) but share none ("on Saturday" / "on Sunday"), for the same event: the words before each
 *   day share a stem (`timeContext`), and a day after a reporting verb ("police said Saturday")
 *   dates the statement and is not compared. A date with a year matches the same month
 *   and day without one; clock times in two different explicit zones are not compared;
 * - **places**: both units put the fact somewhere ("in", "at", "near", "off" + a place) and the
 *   places differ, are not one inside the other (city in its country) and neither unit names the
 *   other's place at all.
 * Story-wide, **names**: one entity written with differently spelled name parts ("al-Hiyali" /
 * "al-Hayali", "Alexander" / "Alexandre"). Name parts are aligned surname to surname and given
 * name to given name; a part that is a prefix or initial of the other ("Fred" / "Frederick") is a
 * short form, not a spelling, and punctuation or case alone ("Kings Cross" / "King's Cross") is not
 * a spelling difference (see `variantPair` for the closeness required). Spellings that no two
 * sources disagree on (each seed report writes both "Hiyali" and "Hayali") are marked
 * `betweenSources: false`: a spelling variation, shown apart from the disagreements.
 */
import { lookupPlace } from '../entities/gazetteer.js';
import { editDistance, fold, nameTokens, tokenSimilarity } from '../entities/names.js';
import { NAME_PARTICLES } from '../entities/lexicon.js';
import { compatibleQuantities } from './quantities.js';
import { tokenize, STOPWORDS } from '../text/tokenize.js';
import { porterStem } from '../summarize/porter.js';
import type { DateMention, Disagreement, DisagreementValue, FactUnit, Quantity, UnitRef } from './types.js';

/** A short reference to a unit. */
export function refOf(u: FactUnit): UnitRef {
  return { unit: u.id, articleId: u.articleId, source: u.source, text: u.text, paragraph: u.paragraph, start: u.start, end: u.end };
}

interface Occ {
  unit: FactUnit;
  q: Quantity;
}

/**
 * Do two figures count the same thing? Their nouns share a stem, and neither noun has a word the
 * other unit never uses ("1.5 million people homeless" and "200,000 people [dead]" share "people"
 * but count different people).
 */
function nounsMeet(a: Quantity, ua: FactUnit, b: Quantity, ub: FactUnit): boolean {
  if (!a.noun.some((x) => b.noun.includes(x))) return false;
  const covered = (q: Quantity, u: FactUnit) => q.noun.every((x) => u.terms.includes(x) || u.quantities.some((o) => o.noun.includes(x)));
  return covered(a, ub) && covered(b, ua);
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Collect values into DisagreementValue entries keyed by a normalised value. */
function collect(entries: Array<{ key: string; value: string; unit: FactUnit }>): DisagreementValue[] {
  const by = new Map<string, DisagreementValue>();
  for (const e of entries) {
    let v = by.get(e.key);
    if (!v) by.set(e.key, (v = { value: e.value, sources: [], articles: [], quotes: [] }));
    if (!v.sources.includes(e.unit.source)) v.sources.push(e.unit.source);
    if (!v.articles.includes(e.unit.articleId)) v.articles.push(e.unit.articleId);
    if (!v.quotes.some((q) => q.unit === e.unit.id)) v.quotes.push(refOf(e.unit));
  }
  return [...by.values()];
}

/** Do the values of a slot come from at least two sources, with at least two values held by different sources? */
function crossSource(values: DisagreementValue[]): boolean {
  if (values.length < 2) return false;
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++) {
      if (values[i].sources.some((s) => !values[j].sources.includes(s)) || values[j].sources.some((s) => !values[i].sources.includes(s))) return true;
    }
  return false;
}

/**
 * Do two sources disagree on the values: each states one the other never states? Not when every
 * source uses every value, nor when one source uses several values beside others' one (an outlet
 * inconsistent with itself: "Woodard" once among its "Woodward"s).
 */
function sourcesDisagree(values: DisagreementValue[]): boolean {
  const bySource = new Map<string, Set<number>>();
  values.forEach((v, i) => {
    for (const s of v.sources) bySource.set(s, (bySource.get(s) ?? new Set()).add(i));
  });
  const sets = [...bySource.values()];
  const subset = (x: Set<number>, y: Set<number>) => [...x].every((i) => y.has(i));
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) if (!subset(sets[i], sets[j]) && !subset(sets[j], sets[i])) return true;
  return false;
}

/** Number disagreements inside one group. */
function numberDisagreements(units: readonly FactUnit[], groupId: string): Disagreement[] {
  const occ: Occ[] = [];
  for (const u of units) for (const q of u.quantities) if (q.kind !== 'year') occ.push({ unit: u, q });
  if (occ.length < 2) return [];
  const parent = occ.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  const join = (x: number, y: number) => {
    parent[find(x)] = find(y);
  };
  const count = new Map<string, number>(); // unit id + kind → figures of that kind
  for (const o of occ) count.set(`${o.unit.id}|${o.q.kind}`, (count.get(`${o.unit.id}|${o.q.kind}`) ?? 0) + 1);
  // A unit giving several figures of one kind with a noun in common is a list of different things
  // measured alike ("59 % of communications with Singapore, 44 % with Malaysia, 55 % …"; "about 150
  // nautical miles off Aden and … about 13 nautical miles away"): which of them another report's
  // figure is about cannot be told from the noun, so such figures fill a slot with another unit's
  // figure only when the two values are equal (the other report repeats that very figure).
  const listed = occ.map((o) => o.unit.quantities.some((x) => x !== o.q && x.kind === o.q.kind && x.noun.some((n) => o.q.noun.includes(n))));
  // Candidate links, strongest first: same noun and same value (a repeated figure shows which slot
  // a figure of a multi-figure sentence is), same noun, then the one-figure-each fallback. The
  // fallback needs a noun on both sides: a bare figure ("died aged 95", "40") does not say what it
  // counts, so it cannot be known to count what another report's figure counts.
  const links: Array<{ i: number; j: number; rank: number }> = [];
  for (let i = 0; i < occ.length; i++)
    for (let j = i + 1; j < occ.length; j++) {
      const a = occ[i];
      const b = occ[j];
      if (a.unit.id === b.unit.id || a.unit.source === b.unit.source || a.q.kind !== b.q.kind) continue;
      const equal = sameValue(a.q.value, b.q.value);
      if ((listed[i] || listed[j]) && !equal) continue;
      const both = a.q.noun.length > 0 && b.q.noun.length > 0;
      if (both && nounsMeet(a.q, a.unit, b.q, b.unit)) links.push({ i, j, rank: equal ? 0 : 1 });
      else if (both && a.q.kind === 'count' && count.get(`${a.unit.id}|${a.q.kind}`) === 1 && count.get(`${b.unit.id}|${b.q.kind}`) === 1) links.push({ i, j, rank: 2 });
    }
  // A slot holds at most one figure per unit: two figures of one sentence are two slots (the
  // sentence states both), never two values of one slot — the same rule as a fact group's one unit
  // per article. A link that would put two figures of one unit in one slot is not made.
  const unitsOf = new Map<number, Set<string>>(occ.map((o, i) => [i, new Set([o.unit.id])]));
  links.sort((x, y) => x.rank - y.rank || x.i - y.i || x.j - y.j);
  for (const { i, j } of links) {
    const ri = find(i);
    const rj = find(j);
    if (ri === rj) continue;
    const si = unitsOf.get(ri)!;
    const sj = unitsOf.get(rj)!;
    if ([...si].some((u) => sj.has(u))) continue;
    join(ri, rj);
    const r = find(ri);
    unitsOf.set(r, new Set([...si, ...sj]));
  }
  const slots = new Map<number, Occ[]>();
  occ.forEach((o, i) => {
    const r = find(i);
    let s = slots.get(r);
    if (!s) slots.set(r, (s = []));
    s.push(o);
  });
  const out: Disagreement[] = [];
  for (const slot of slots.values()) {
    if (slot.length < 2) continue;
    const distinct: Occ[] = [];
    for (const o of slot) if (!distinct.some((d) => sameValue(d.q.value, o.q.value))) distinct.push(o);
    if (distinct.length < 2) continue;
    // A conflict needs two units of different sources whose values in the slot share none: a unit
    // that also states the other's value ("5 million need relief, 1 million homeless") agrees.
    const perUnit = new Map<FactUnit, number[]>();
    for (const o of slot) perUnit.set(o.unit, [...(perUnit.get(o.unit) ?? []), o.q.value]);
    const us = [...perUnit.keys()];
    let conflict = false;
    for (let i = 0; i < us.length && !conflict; i++)
      for (let j = i + 1; j < us.length && !conflict; j++) {
        if (us[i].source === us[j].source) continue;
        const vb = perUnit.get(us[j])!;
        conflict = !perUnit.get(us[i])!.some((x) => vb.some((y) => sameValue(x, y)));
      }
    if (!conflict) continue;
    const values = collect(slot.map((o) => ({ key: String(distinctIndex(distinct, o.q.value)), value: o.q.raw, unit: o.unit })));
    let compatible = true;
    for (let i = 0; i < distinct.length; i++)
      for (let j = i + 1; j < distinct.length; j++) if (!compatibleQuantities(distinct[i].q, distinct[j].q)) compatible = false;
    const nouns = slot.find((o) => o.q.noun.length > 0)?.q;
    const slotName = nouns ? nounText(nouns) : slot[0].q.kind === 'count' ? 'figure' : slot[0].q.kind;
    out.push({ kind: 'number', slot: slotName, group: groupId, compatible, betweenSources: true, values });
  }
  return out;
}

function distinctIndex(distinct: Occ[], v: number): number {
  return distinct.findIndex((d) => sameValue(d.q.value, v));
}

/** The words after the figure, as written ("people" in "more than 4,000 people"). */
function nounText(q: Quantity): string {
  const m = /[\d.,]+\s*(?:million|billion|thousand|hundred)?\s*(.*)$/i.exec(q.raw);
  const t = m?.[1]?.trim();
  return t || q.noun.join(' ');
}

/** Reporting verbs: a day right after one dates the statement ("police said Saturday"). */
const REPORTING = new Set(
  'said says say reported reports added announced stated declared confirmed claimed told quoted wrote warned'.split(' '),
);
/** Words between an event's words and its day that say nothing about the event ("hit … on Sunday"). */
const DAY_GLUE = new Set(['on', 'late', 'early', 'last', 'this', 'next', 'by', 'at', 'since', 'from', 'until', 'till', 'before', 'after', 'around', 'about', 'just']);

/**
 * What a day, date or clock time is the time *of*: the stems of the content words of its clause
 * just before it ("earthquake hit southern … on Sunday" → earthquak, hit, southern), or, when it
 * opens its clause ("On Sunday, Iran and Iraq signed …"), just after it. English puts a time
 * adverbial after the verb phrase it dates, so these words name the event. Null when the time
 * follows a reporting verb ("…, police said Saturday"): it dates the statement, not the event.
 */
function timeContext(text: string, start: number, end: number): Set<string> | null {
  const clauseBefore = text.slice(0, start).split(/[,;:()"“”]|\.\s/).pop() ?? '';
  const clauseAfter = text.slice(end).split(/[,;:()"“”]|\.\s|\.$/)[0] ?? '';
  const before = tokenize(clauseBefore).map((t) => t.text);
  let k = before.length - 1;
  while (k >= 0 && DAY_GLUE.has(before[k].toLowerCase())) k--;
  if (k >= 0 && REPORTING.has(before[k].toLowerCase())) return null;
  const words = (ws: string[]) =>
    ws.filter((w) => /^\p{Ll}/u.test(w) && !STOPWORDS.has(w) && !DAY_GLUE.has(w) && !REPORTING.has(w)).map((w) => porterStem(w));
  const ctx = words(before.slice(Math.max(0, k - 7), k + 1));
  return new Set(ctx.length > 0 ? ctx : words(tokenize(clauseAfter).map((t) => t.text).slice(0, 8)));
}

/**
 * Day, date or time disagreements inside one group. Two times fill one slot only when they are
 * times of the same event: their contexts ({@link timeContext}) share a word. A sentence may date
 * several things ("blankets handed out Monday to survivors of the quake" / "the quake hit on
 * Sunday"; "opened fire Friday" / "was charged Saturday"), and a group of units about one fact
 * still holds other events' times.
 */
function dateDisagreements(units: readonly FactUnit[], groupId: string, paragraphOf: (u: FactUnit) => string): Disagreement[] {
  const out: Disagreement[] = [];
  const kinds: Array<{ kind: Disagreement['kind']; of: (d: DateMention) => boolean; slot: string }> = [
    { kind: 'date', of: (d) => d.kind === 'weekday', slot: 'day' },
    { kind: 'date', of: (d) => d.kind === 'date', slot: 'date' },
    { kind: 'time', of: (d) => d.kind === 'time', slot: 'time' },
  ];
  for (const k of kinds) {
    const per = units
      .map((u) => {
        // Date offsets are paragraph offsets; the unit's text starts at u.start.
        const para = paragraphOf(u);
        const text = para ? para.slice(u.start, u.end) : u.text;
        const ds = u.dates.filter(k.of).map((d) => ({ d, ctx: timeContext(text, d.start - u.start, d.end - u.start) }));
        return { u, ds: ds.filter((x) => x.ctx !== null) as Array<{ d: DateMention; ctx: Set<string> }> };
      })
      .filter((x) => x.ds.length > 0);
    if (per.length < 2) continue;
    const sameEvent = (x: { ctx: Set<string> }, y: { ctx: Set<string> }) => [...x.ctx].some((w) => y.ctx.has(w));
    const norm = (d: DateMention) => (d.kind === 'date' ? d.value.slice(-5) : d.value);
    const zone = (d: DateMention) => (/\b(?:gmt|utc|z)\b/i.test(d.raw) ? 'utc' : (/\b([A-Z]{2,4})$/.exec(d.raw)?.[1]?.toLowerCase() ?? null));
    let conflict = false;
    // Only times of an event some other source also dates are values of the slot.
    const involved = new Set<DateMention>();
    for (let i = 0; i < per.length; i++)
      for (let j = i + 1; j < per.length; j++)
        if (per[i].u.source !== per[j].u.source)
          for (const x of per[i].ds) for (const y of per[j].ds) if (sameEvent(x, y)) involved.add(x.d).add(y.d);
    for (let i = 0; i < per.length && !conflict; i++)
      for (let j = i + 1; j < per.length && !conflict; j++) {
        const a = per[i];
        const b = per[j];
        if (a.u.source === b.u.source) continue;
        const shared = a.ds.some((x) => b.ds.some((y) => norm(x.d) === norm(y.d)));
        if (shared) continue;
        // Times are comparable only with the same zone, or when at least one gives none, and only
        // when they are times of the same event.
        const comparable = a.ds.some(
          (x) => b.ds.some((y) => sameEvent(x, y) && (k.kind !== 'time' || zone(x.d) === null || zone(y.d) === null || zone(x.d) === zone(y.d))),
        );
        if (!comparable) continue;
        conflict = true;
      }
    if (!conflict) continue;
    const values = collect(per.flatMap(({ u, ds }) => ds.filter(({ d }) => involved.has(d)).map(({ d }) => ({ key: norm(d), value: d.raw, unit: u }))));
    if (crossSource(values)) out.push({ kind: k.kind, slot: k.slot, group: groupId, compatible: false, betweenSources: true, values });
  }
  return out;
}

const LOCATIVE = /\b(?:in|at|near|off|outside|inside)\s+(?:the\s+)?$/i;

/** Place disagreements inside one group. */
function placeDisagreements(units: readonly FactUnit[], groupId: string, paragraphsOf: (u: FactUnit) => string): Disagreement[] {
  const per = units
    .map((u) => {
      const text = paragraphsOf(u);
      const locs = u.entities.filter((e) => e.type === 'place' && LOCATIVE.test(text.slice(Math.max(0, e.start - 12), e.start)));
      return { u, locs };
    })
    .filter((x) => x.locs.length > 0);
  if (per.length < 2) return [];
  const inside = (a: string, b: string): boolean => {
    const pa = lookupPlace(a);
    const pb = lookupPlace(b);
    if (!pa || !pb) return false;
    return pa.id === pb.id || (pa.country !== undefined && `country:${pa.country}` === pb.id) || (pb.country !== undefined && `country:${pb.country}` === pa.id);
  };
  for (let i = 0; i < per.length; i++)
    for (let j = i + 1; j < per.length; j++) {
      const a = per[i];
      const b = per[j];
      if (a.u.source === b.u.source) continue;
      const keysA = new Set(a.u.entities.map((e) => e.key).concat(a.u.places));
      const keysB = new Set(b.u.entities.map((e) => e.key).concat(b.u.places));
      if (a.locs.some((x) => keysB.has(x.key)) || b.locs.some((y) => keysA.has(y.key))) continue;
      if (a.locs.some((x) => b.locs.some((y) => inside(x.name, y.name)))) continue;
      const values = collect([...a.locs.map((e) => ({ key: e.key, value: e.name, unit: a.u })), ...b.locs.map((e) => ({ key: e.key, value: e.name, unit: b.u }))]);
      return [{ kind: 'place', slot: 'place', group: groupId, compatible: false, betweenSources: true, values }];
    }
  return [];
}

/**
 * All disagreements inside one fact group.
 *
 * @param paragraphOf the paragraph text a unit's offsets refer to
 */
export function groupDisagreements(units: readonly FactUnit[], groupId: string, paragraphOf: (u: FactUnit) => string): Disagreement[] {
  if (new Set(units.map((u) => u.source)).size < 2) return [];
  return [...numberDisagreements(units, groupId), ...dateDisagreements(units, groupId, paragraphOf), ...placeDisagreements(units, groupId, paragraphOf)];
}

/** Core name tokens: folded, particles ("al", "bin") removed. */
function core(name: string): string[] {
  return nameTokens(name).filter((t) => !NAME_PARTICLES.has(t));
}

/** The written form of a core token inside a name ("hiyali" in "al-Hiyali" → "Hiyali"). */
function written(name: string, token: string): string {
  for (const part of name.split(/[\s\-‐–—/]+/)) {
    const w = part.replace(/['’]s$/, '').replace(/[^\p{L}\p{N}'’]/gu, '');
    if (fold(w).replace(/['.]/g, '') === token) return w;
  }
  return token;
}

/**
 * Token pairs that are spelling variants of one name part: not equal, not a prefix or initial of
 * each other, at least 4 letters, not Roman numerals ("XXIX" / "XXX"), similar by the entities
 * stage's name similarity *and* within one edit per four letters (Damerau–Levenshtein). The edit
 * bound is stricter than the entities stage's transliteration skeletons on purpose: the resolver
 * must be liberal to link "Dehqan" and "Dehghan", but calling two words *the same name spelled
 * differently* needs them to be visibly close — skeletons alone also equate "Cardona" with
 * "Guardian" and "Song" with "Zhang".
 */
function variantPair(a: string, b: string): boolean {
  if (a === b || a.length < 4 || b.length < 4) return false;
  if (a.startsWith(b) || b.startsWith(a)) return false;
  if (/^[ivxlcdm]+$/.test(a) && /^[ivxlcdm]+$/.test(b)) return false;
  const bound = Math.max(1, Math.floor(Math.max(a.length, b.length) / 4));
  return tokenSimilarity(a, b) >= 1 && editDistance(a, b, bound) <= bound;
}

/**
 * Names spelled differently for one entity, story-wide.
 *
 * @example the seeds give one disagreement: slot "Erfan Mahmoud al-Hayali", values "Hiyali" and "Hayali"
 */
export function nameDisagreements(units: readonly FactUnit[]): Disagreement[] {
  const byEntity = new Map<string, Array<{ unit: FactUnit; name: string }>>();
  for (const u of units)
    for (const e of u.entities) {
      let l = byEntity.get(e.key);
      if (!l) byEntity.set(e.key, (l = []));
      l.push({ unit: u, name: e.name });
    }
  const out: Disagreement[] = [];
  for (const mentions of byEntity.values()) {
    const names = [...new Set(mentions.map((m) => m.name))];
    if (names.length < 2) continue;
    // Union variant tokens across aligned name parts.
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      const p = parent.get(x) ?? x;
      if (p === x) return x;
      const r = find(p);
      parent.set(x, r);
      return r;
    };
    const cores = names.map(core);
    for (let i = 0; i < cores.length; i++)
      for (let j = i + 1; j < cores.length; j++) {
        const a = cores[i];
        const b = cores[j];
        if (a.length === 0 || b.length === 0) continue;
        const pairs: Array<[string, string]> = [[a[a.length - 1], b[b.length - 1]]];
        if (a.length >= 2 && b.length >= 2) pairs.push([a[0], b[0]]);
        if (a.length === b.length) for (let k = 1; k < a.length - 1; k++) pairs.push([a[k], b[k]]);
        for (const [x, y] of pairs) if (variantPair(x, y)) parent.set(find(x), find(y));
      }
    const sets = new Map<string, Set<string>>();
    for (const t of parent.keys()) {
      const r = find(t);
      let s = sets.get(r);
      if (!s) sets.set(r, (s = new Set([r])));
      s.add(t);
    }
    if (sets.size === 0) continue;
    const canonical = [...names].sort((x, y) => core(y).length - core(x).length || y.length - x.length || x.localeCompare(y))[0];
    for (const tokens of sets.values()) {
      const entries: Array<{ key: string; value: string; unit: FactUnit }> = [];
      for (const m of mentions) {
        const c = core(m.name);
        for (const t of c) if (tokens.has(t)) entries.push({ key: t, value: written(m.name, t), unit: m.unit });
      }
      const values = collect(entries);
      if (values.length >= 2) out.push({ kind: 'name', slot: canonical, group: null, compatible: true, betweenSources: sourcesDisagree(values), values });
    }
  }
  return out;
}
