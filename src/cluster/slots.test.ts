import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLabelledArticles } from '../eval/cluster.js';
import type { Article } from '../types.js';
import { StoryClusterer, featurize, type ClustererState } from './index.js';

// Real reports of other events first, so that the stream's IDF is that of news, not of four texts.
const BACKGROUND = loadLabelledArticles(
  readFileSync(new URL('../../test/fixtures/cluster/ecbplus-sample.jsonl', import.meta.url), 'utf8'),
  'ecbplus-sample.jsonl',
).articles;

function clusterer(): StoryClusterer {
  const c = new StoryClusterer();
  for (const a of BACKGROUND) c.add(a);
  return c;
}

function report(id: string, text: string): Article {
  return {
    id,
    headline: null,
    headlineDerived: false,
    paragraphs: text.split('\n'),
    published: null,
  } as unknown as Article;
}

const keysOf = (text: string) => (featurize(report('x', text)).slots ?? []).map((s) => s.key);

// Reports written in the style of the ECB+ sibling pairs: the same place, the same kind of event,
// most words shared; one event argument differs.
const QUAKE_56 = [
  'A 5.6 magnitude earthquake hit Qeshm island off southern Iran on Sunday, injuring five people and damaging buildings. The quake struck at 17:06 local time, state television said. Rescue teams were sent to the island in the Persian Gulf.',
  'An earthquake measuring magnitude 5.6 jolted Qeshm island in the Persian Gulf on Sunday, injuring five people. State television said the quake damaged buildings in several villages on the island off southern Iran.',
  'Five people were hurt when a magnitude 5.6 quake shook Iran\'s Qeshm island on Sunday. Buildings were damaged in villages on the island in the Persian Gulf, state television reported, and rescue teams were sent.',
];
const QUAKE_56_LATER =
  'Iran\'s Qeshm island was struck on Sunday by a quake of magnitude 5.6 that injured five people. Buildings in several villages on the Persian Gulf island were damaged, state television said, and rescue teams arrived.';
/** A report of a quake of another magnitude, worded exactly like the first report above. */
const quakeOf = (magnitude: string) => QUAKE_56[0].replace('5.6', magnitude);

const JACKSON = [
  'San Diego Chargers wide receiver Vincent Jackson was arrested early Tuesday on suspicion of drunken driving. Jackson was stopped on a San Diego freeway and failed sobriety tests, police said. The Chargers said they were aware of the arrest.',
  'Chargers receiver Vincent Jackson arrested on suspicion of DUI. Jackson was booked into jail early Tuesday after failing sobriety tests on a San Diego freeway, police said. The Chargers said Jackson would play on Sunday.',
  'Vincent Jackson of the San Diego Chargers was arrested on suspicion of driving under the influence, police said Tuesday. Jackson failed sobriety tests after he was stopped on a freeway. The Chargers declined to comment on Jackson.',
];
const JACKSON_LATER =
  'The Chargers say Vincent Jackson will play this weekend despite his arrest on suspicion of drunken driving. Jackson was stopped on a San Diego freeway early Tuesday and failed sobriety tests, police said.';
const WILLIAMS = [
  'San Diego Chargers defensive tackle Jamal Williams was arrested early Sunday on suspicion of drunken driving. Williams was stopped on a San Diego freeway and failed sobriety tests, police said. The Chargers said they were aware of the arrest of Williams.',
  'Chargers lineman Jamal Williams faces DUI charges. Williams was booked into jail early Sunday after failing sobriety tests on a San Diego freeway, police said. The Chargers said Williams would meet with the team.',
];

function storyOfAll(c: StoryClusterer, ids: string[]): string | null {
  const s = new Set(ids.map((id) => c.storyOf(id)));
  return s.size === 1 ? [...s][0] : null;
}

describe('event-argument slots of an article', () => {
  it('files the numbers of the lead under their unit words, not years', () => {
    // No headline: the lead is the first two sentences.
    const keys = keysOf('A magnitude 5.6 quake hit Qeshm, as in 2005. It injured 5 people. Buildings in 7 villages were damaged.');
    expect(keys).toEqual(expect.arrayContaining(['w:magnitude=#:5.6', 'w:quake=#:5.6', 'w:injured=#:5', 'w:people=#:5']));
    expect(keys.some((k) => k.endsWith('#:2005'))).toBe(false);
    expect(keys.some((k) => k.endsWith('#:7'))).toBe(false); // past the lead
  });

  it('names the principal person by surname and leaves places and institutions out', () => {
    expect(keysOf(JACKSON[0])).toEqual(expect.arrayContaining(['who=n:jackson', 'cast=n:jackson']));
    const clinic = keysOf('Lindsay Lohan checked into the Betty Ford Center on Thursday. Lohan arrived at the Betty Ford Center with her lawyer.');
    expect(clinic).toContain('who=n:lohan');
    expect(clinic.some((k) => k.includes('center'))).toBe(false);
  });
});

describe('StoryClusterer: slot conflicts', () => {
  it('keeps two earthquakes of different magnitudes apart, and joins reports of one quake however worded', () => {
    const c = clusterer();
    QUAKE_56.forEach((t, i) => c.add(report(`q56-${i}`, t)));
    expect(storyOfAll(c, ['q56-0', 'q56-1', 'q56-2'])).not.toBeNull();
    // By its words a report of another quake is as close to the story as a report of this one…
    const same = StoryClusterer.fromState(c.exportState());
    expect(same.add(report('q-same', quakeOf('5.6'))).score).toBeGreaterThan(0.5);
    // …but it states magnitude 5.9, and never 5.6: another event.
    expect(c.add(report('q59-0', quakeOf('5.9'))).score).toBe(0);
    c.add(report('q59-1', QUAKE_56[1].replace('5.6', '5.9')));
    c.add(report('q56-later', QUAKE_56_LATER));
    c.consolidate();
    // The two stories also stay apart through the merge checks.
    expect(storyOfAll(c, ['q56-0', 'q56-1', 'q56-2', 'q56-later'])).not.toBeNull();
    expect(storyOfAll(c, ['q59-0', 'q59-1'])).not.toBeNull();
    expect(c.storyOf('q59-0')).not.toBe(c.storyOf('q56-0'));
  });

  it('keeps two DUI arrests of different players apart, also after a state round trip', () => {
    const c = clusterer();
    JACKSON.forEach((t, i) => c.add(report(`vj-${i}`, t)));
    const resumed = StoryClusterer.fromState(JSON.parse(JSON.stringify(c.exportState())) as ClustererState);
    for (const k of [c, resumed]) {
      expect(k.add(report('jw-0', WILLIAMS[0])).score).toBe(0);
      k.add(report('jw-1', WILLIAMS[1]));
      expect(k.add(report('vj-later', JACKSON_LATER)).score).toBeGreaterThan(0);
      k.consolidate();
      expect(storyOfAll(k, ['vj-0', 'vj-1', 'vj-2', 'vj-later'])).not.toBeNull();
      expect(storyOfAll(k, ['jw-0', 'jw-1'])).not.toBeNull();
      expect(k.storyOf('jw-0')).not.toBe(k.storyOf('vj-0'));
    }
  });
});
