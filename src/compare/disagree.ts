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
 *   differently but the fact is the same). Years are dates, not figures. A slot disagrees when its
 *   stated values differ; `compatible` records whether the wordings' ranges still overlap
 *   ("about 200,000" and "222,570" differ but do not contradict; "more than 4,000" and "3,197" do);
 * - **dates** (weekdays, calendar dates) and **times**: two units that both give a day (or a clock
 *   time) but share none ("on Saturday" / "on Sunday"). A date with a year matches the same month
 *   and day without one; clock times in two different explicit zones are not compared;
 * - **places**: both units put the fact somewhere ("in", "at", "near", "off" + a place) and the
 *   places differ, are not one inside the other (city in its country) and neither unit names the
 *   other's place at all.
 * Story-wide, **names**: one entity written with differently spelled name parts ("al-Hiyali" /
 * "al-Hayali", "Alexander" / "Alexandre"). Name parts are aligned surname to surname and given
 * name to given name; a part that is a prefix or initial of the other ("Fred" / "Frederick") is a
 * short form, not a spelling, and punctuation or case alone ("Kings Cross" / "King's Cross") is not
 * a spelling difference (see `variantPair` for the closeness required).
 */
import { lookupPlace } from '../entities/gazetteer.js';
import { editDistance, fold, nameTokens, tokenSimilarity } from '../entities/names.js';
import { NAME_PARTICLES } from '../entities/lexicon.js';
import { compatibleQuantities } from './quantities.js';
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
  for (let i = 0; i < occ.length; i++)
    for (let j = i + 1; j < occ.length; j++) {
      const a = occ[i];
      const b = occ[j];
      if (a.unit.id === b.unit.id || a.unit.source === b.unit.source || a.q.kind !== b.q.kind) continue;
      const aligned =
        (a.q.noun.length > 0 && b.q.noun.length > 0 && nounsMeet(a.q, a.unit, b.q, b.unit)) ||
        (count.get(`${a.unit.id}|${a.q.kind}`) === 1 && count.get(`${b.unit.id}|${b.q.kind}`) === 1 && !(a.q.noun.length > 0 && b.q.noun.length > 0 && a.q.kind !== 'count'));
      if (aligned) join(i, j);
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
    out.push({ kind: 'number', slot: slotName, group: groupId, compatible, values });
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

/** Day, date or time disagreements inside one group. */
function dateDisagreements(units: readonly FactUnit[], groupId: string): Disagreement[] {
  const out: Disagreement[] = [];
  const kinds: Array<{ kind: Disagreement['kind']; of: (d: DateMention) => boolean; slot: string }> = [
    { kind: 'date', of: (d) => d.kind === 'weekday', slot: 'day' },
    { kind: 'date', of: (d) => d.kind === 'date', slot: 'date' },
    { kind: 'time', of: (d) => d.kind === 'time', slot: 'time' },
  ];
  for (const k of kinds) {
    const per = units.map((u) => ({ u, ds: u.dates.filter(k.of) })).filter((x) => x.ds.length > 0);
    if (per.length < 2) continue;
    const norm = (d: DateMention) => (d.kind === 'date' ? d.value.slice(-5) : d.value);
    const zone = (d: DateMention) => (/\b(?:gmt|utc|z)\b/i.test(d.raw) ? 'utc' : (/\b([A-Z]{2,4})$/.exec(d.raw)?.[1]?.toLowerCase() ?? null));
    let conflict = false;
    for (let i = 0; i < per.length && !conflict; i++)
      for (let j = i + 1; j < per.length && !conflict; j++) {
        const a = per[i];
        const b = per[j];
        if (a.u.source === b.u.source) continue;
        const shared = a.ds.some((x) => b.ds.some((y) => norm(x) === norm(y)));
        if (shared) continue;
        if (k.kind === 'time') {
          // Times are comparable only with the same zone, or when at least one gives none.
          const comparable = a.ds.some((x) => b.ds.some((y) => zone(x) === null || zone(y) === null || zone(x) === zone(y)));
          if (!comparable) continue;
        }
        conflict = true;
      }
    if (!conflict) continue;
    const values = collect(per.flatMap(({ u, ds }) => ds.map((d) => ({ key: norm(d), value: d.raw, unit: u }))));
    if (crossSource(values)) out.push({ kind: k.kind, slot: k.slot, group: groupId, compatible: false, values });
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
      return [{ kind: 'place', slot: 'place', group: groupId, compatible: false, values }];
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
  return [...numberDisagreements(units, groupId), ...dateDisagreements(units, groupId), ...placeDisagreements(units, groupId, paragraphOf)];
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
      if (values.length >= 2) out.push({ kind: 'name', slot: canonical, group: null, compatible: true, values });
    }
  }
  return out;
}
