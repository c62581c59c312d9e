/**
 * Event-argument slots: *who* an article is about and *how many / how much* its lead reports,
 * compared slot against slot between an article and a story (or two stories).
 *
 * Why: ECB+ pairs every topic with a sibling event — two Qeshm earthquakes (magnitude 5.6 and
 * 5.9), two Indian navy actions against pirates (23 and 26 captured), two Chargers DUI arrests
 * (Vincent Jackson, Jamal Williams), two Saints running backs on injured reserve (Reggie Bush,
 * Pierre Thomas). Over bags of words the siblings are as close as two reports of one event; what
 * tells them apart is that one *argument* of the event has a different filler. A similarity can
 * only weigh such a difference against many shared words; a slot comparison sees a contradiction.
 *
 * Two kinds of slot, each read where news states it:
 *
 * - **Quantities of the lead** (slot = a unit word): every number of the lead (headline and
 *   first sentence, or the first two sentences without a headline — the inverted pyramid states
 *   the event's key facts first) is filed under the content word just before it and the two
 *   content words just after it: "a magnitude 5.6 quake" → `magnitude` = 5.6, `quake` = 5.6;
 *   "captured 23 pirates" → `captured` = 23, `pirate` = 23. The unit word makes the slot: two
 *   different numbers contradict each other only when they count the same thing. Years (19xx,
 *   20xx) are not filed: in a lead a year is as often background ("his 2005 rampage") as the
 *   event's own, and filing them changed nothing measurable.
 * - **The principal person** (`who`) and the **cast** (`cast`), over the whole article (see
 *   `personSlots` in `features.ts`): the person mentioned most, and everyone mentioned at least
 *   half as often. Both siblings of a pair often *mention* both people (a report of Williams's
 *   arrest recalls Jackson's), so a mere mention is no evidence; who the report is *about* is.
 *
 * A story keeps a tally of its members' values ({@link SlotTally}); its *dominant* value of a slot
 * is one stated by more than half of the members that state the slot, and by at least two of
 * them — one report is not yet a story's consensus, so a story of one article is left to the
 * similarity (joining it already needs `singletonThreshold`) and the settle check is unaffected.
 *
 * A **conflict** refuses the join or merge whatever the similarity. It needs evidence on both sides:
 * - quantity: the article's lead states the slot, none of its values is the story's dominant one,
 *   the article does not mention the story's value anywhere (a later report may give both
 *   magnitudes, one agency's and another's), and the story's centroid holds none of the
 *   article's values;
 * - person: the article's principal differs from the story's, the story's principal is not in
 *   the article's cast, and the article's principal is in the cast of fewer than half of the
 *   story's members.
 * Between two stories (the merge check) the dominant values must differ and neither story's
 * members may state the other's value (for people: neither principal in half of the other's casts).
 *
 * Values and slots are 32-bit feature hashes (`featureHash` of the feature key: `#:5.6`,
 * `w:magnitude`, `n:jackson`), so a mention is one look-up in the article's vector or a story's
 * centroid, and a tally is a short array of numbers.
 *
 * Measured (README, "Session 4"): ECB+ B-cubed F1 in file order 0.899 → 0.913, mean over file order
 * and three shuffles 0.900 → 0.909, every one of eleven orders better; MultiLing precision unchanged.
 */
import { featureHash } from './vocab.js';

/**
 * One slot value of an article. `slot` and `value` are feature hashes; `key` is the readable
 * `slot=value` form of the feature keys, for inspection and tests.
 */
export interface SlotValue {
  slot: number;
  value: number;
  key: string;
}

/** Slot of the principal person, and of every salient person. */
export const WHO = featureHash('slot:who');
export const CAST = featureHash('slot:cast');

/** One token of the lead for {@link leadQuantities}: feature key, hash and namespace (0 word, 2 number); null for a stopword. */
export interface LeadToken {
  key: string;
  hash: number;
  ns: number;
}

const YEAR = /^#:(?:19|20)\d\d$/;

/**
 * Quantity slots of a lead token sequence: each number under the nearest content word before it
 * (within 3 tokens, only stopwords between) and the next two content words after it (within 4
 * tokens, not past another number). Appended to `out`, each slot=value once.
 *
 * @example leadQuantities(tokens of "A 5.6 magnitude earthquake hit Qeshm")
 *   // keys 'w:magnitude=#:5.6', 'w:earthquake=#:5.6'
 */
export function leadQuantities(seq: ReadonlyArray<LeadToken | null>, out: SlotValue[] = []): SlotValue[] {
  const push = (u: LeadToken, t: LeadToken) => {
    for (const x of out) if (x.slot === u.hash && x.value === t.hash) return;
    out.push({ slot: u.hash, value: t.hash, key: u.key + '=' + t.key });
  };
  for (let p = 0; p < seq.length; p++) {
    const t = seq[p];
    if (t === null || t.ns !== 2 || YEAR.test(t.key)) continue;
    for (let q = p - 1; q >= 0 && q >= p - 3; q--) {
      const u = seq[q];
      if (u === null) continue;
      if (u.ns === 0) push(u, t);
      break;
    }
    let got = 0;
    for (let q = p + 1; q < seq.length && q <= p + 4 && got < 2; q++) {
      const u = seq[q];
      if (u === null || u.ns === 1) continue;
      if (u.ns === 2) break;
      push(u, t);
      got++;
    }
  }
  return out;
}

/**
 * Slot tally of a story, flat triples `slot, value, count`: a triple with value {@link SEEN}
 * counts the members that state the slot at all. Plain numbers, saved as they are with the
 * clusterer's state.
 */
export type SlotTally = number[];

/** Value of the per-slot "members stating the slot" triple (feature hashes of 0 are read as 1). */
const SEEN = 0;

/** Triples kept per story; beyond it, values held by a single member are dropped (they cannot be dominant). */
const MAX_TRIPLES = 96;

function bump(t: SlotTally, slot: number, value: number, by: number): void {
  for (let k = 0; k < t.length; k += 3) {
    if (t[k] === slot && t[k + 1] === value) {
      t[k + 2] += by;
      return;
    }
  }
  t.push(slot, value, by);
}

function count(t: SlotTally, slot: number, value: number): number {
  for (let k = 0; k < t.length; k += 3) if (t[k] === slot && t[k + 1] === value) return t[k + 2];
  return 0;
}

function bound(t: SlotTally): void {
  if (t.length <= MAX_TRIPLES * 3) return;
  let w = 0;
  for (let k = 0; k < t.length; k += 3) {
    if (t[k + 1] !== SEEN && t[k + 2] <= 1) continue;
    t[w++] = t[k];
    t[w++] = t[k + 1];
    t[w++] = t[k + 2];
  }
  t.length = w;
}

/** Add one article's slot values to a story's tally. */
export function tallyAdd(t: SlotTally, slots: readonly SlotValue[] | undefined): void {
  if (!slots) return;
  for (let i = 0; i < slots.length; i++) {
    const { slot, value } = slots[i];
    let first = true;
    for (let j = 0; j < i; j++) if (slots[j].slot === slot) first = false;
    if (first) bump(t, slot, SEEN, 1);
    bump(t, slot, value || 1, 1);
  }
  bound(t);
}

/** Add tally `b` into `a` (a merge). */
export function tallyMerge(a: SlotTally, b: SlotTally): void {
  for (let k = 0; k < b.length; k += 3) bump(a, b[k], b[k + 1], b[k + 2]);
  bound(a);
}

/** Share of the members stating `slot` that state `value` for it. */
function share(t: SlotTally, slot: number, value: number): number {
  const seen = count(t, slot, SEEN);
  return seen === 0 ? 0 : count(t, slot, value || 1) / seen;
}

/**
 * The dominant values, flat pairs `slot, value`: each stated by more than half of the members
 * that state its slot, and by at least two members.
 */
export function dominant(t: SlotTally): number[] {
  // The per-slot counts first (few), so each candidate value is compared with a short list.
  const seen: number[] = [];
  for (let k = 0; k < t.length; k += 3) if (t[k + 1] === SEEN) seen.push(t[k], t[k + 2]);
  const out: number[] = [];
  for (let k = 0; k < t.length; k += 3) {
    const n = t[k + 2];
    if (n < 2 || t[k + 1] === SEEN) continue;
    for (let j = 0; j < seen.length; j += 2) {
      if (seen[j] !== t[k]) continue;
      if (n * 2 > seen[j + 1]) out.push(t[k], t[k + 1]);
      break;
    }
  }
  return out;
}

function dominantOf(dom: readonly number[], slot: number): number {
  for (let k = 0; k < dom.length; k += 2) if (dom[k] === slot) return dom[k + 1];
  return SEEN;
}

/**
 * True when an article's slot values contradict a story's dominant values (rules in the file
 * comment). `articleMentions` / `storyMentions` tell whether a value (feature hash) occurs
 * anywhere in the article / in the story's centroid.
 */
export function articleConflicts(
  slots: readonly SlotValue[] | undefined,
  story: SlotTally,
  dom: readonly number[],
  articleMentions: (value: number) => boolean,
  storyMentions: (value: number) => boolean,
): boolean {
  if (!slots || slots.length === 0 || dom.length === 0) return false;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i].slot;
    if (slot === CAST) continue;
    const d = dominantOf(dom, slot);
    if (d === SEEN) continue;
    let first = true;
    for (let j = 0; j < i; j++) if (slots[j].slot === slot) first = false;
    if (!first) continue; // all the article's values of this slot are read below, once
    if (slot === WHO) {
      const p = slots[i].value || 1;
      if (p === d || slots.some((x) => x.slot === CAST && (x.value || 1) === d) || share(story, CAST, p) >= 0.5) continue;
      return true;
    }
    if (articleMentions(d) || slots.some((x) => x.slot === slot && ((x.value || 1) === d || storyMentions(x.value)))) continue;
    return true;
  }
  return false;
}

/** True when two stories' dominant values contradict each other (the merge check; rules in the file comment). */
export function storiesConflict(a: SlotTally, da: readonly number[], b: SlotTally, db: readonly number[]): boolean {
  for (let k = 0; k < da.length; k += 2) {
    const slot = da[k];
    if (slot === CAST) continue;
    const va = da[k + 1];
    const vb = dominantOf(db, slot);
    if (vb === SEEN || vb === va) continue;
    if (slot === WHO) {
      if (share(b, CAST, va) >= 0.5 || share(a, CAST, vb) >= 0.5) continue;
    } else if (count(b, slot, va) > 0 || count(a, slot, vb) > 0) continue;
    return true;
  }
  return false;
}

