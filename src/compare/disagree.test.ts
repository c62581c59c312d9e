import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textArticle as article } from '../../test/articles.js';
import { compareStory, formatComparison } from './index.js';
import { groupDisagreements } from './disagree.js';
import { extractDates, extractQuantities } from './quantities.js';

// Sentences copied unchanged from ECB+ articles (/work/shared/data/ecbplus/articles.jsonl; the
// document id is given beside each), including ECB+'s tokenised spacing ("6 : 00 p.m.", "1, 400",
// "magnitude - 5.9"). The outlet names are the ECB+ document ids: ECB+ gives no outlets.
const SEEDS = readdirSync(join(resolve(import.meta.dirname, '../..'), 'samples/seeds')).filter((n) => /^00[04]/.test(n)).sort();
// These are the cases a user found wrong in `parallax compare` on the ECB+ stories.

describe('figures and times in tokenised text', () => {
  it('reads "6 : 00 p.m." as one time, not a figure 6 and a time "00 p.m." (18_4ecb)', () => {
    const s = "\"Police 'locked down' the neighborhood and negotiated with the suspect, who gave himself up to police just after 6 : 00 p.m., '' Fanning said in the statement.";
    expect(extractDates(s).map((d) => [d.raw, d.value])).toEqual([['6 : 00 p.m.', '18:00']]);
    expect(extractQuantities(s)).toEqual([]);
  });

  it('reads a population as a figure of the place, not of the event (20_6ecbplus)', () => {
    const q = extractQuantities('The 5.9 - magnitude quake struck Qeshm island, home to 120, 000 people, and the city of Bandar Abbas, state media said.');
    expect(q.find((x) => x.value === 120000)).toMatchObject({ noun: ['popul'] });
    expect(extractQuantities('The town has a population of 7,491 people.').find((x) => x.value === 7491)).toMatchObject({ noun: ['popul'] });
    // the people a quake killed stay people
    expect(extractQuantities('A quake struck southern Iran in September, killing at least seven people and injuring 40.')[0]).toMatchObject({ value: 7, noun: ['peopl'] });
  });

  it('reads "1, 400" as 1,400 and a casualty verb as what a bare figure counts (20_3ecbplus, 20_8ecbplus, 20_5ecbplus)', () => {
    const q = extractQuantities('It killed 612 people and injured more than 1, 400, leveling several villages and leaving thousands of people homeless.');
    expect(q.map((x) => [x.value, x.noun])).toEqual([
      [612, ['peopl']],
      [1400, ['injur']],
    ]);
    expect(extractQuantities('A powerful earthquake hit southern Iran on Sunday, causing major destruction in seven villages and killing 10 people and injuring 80.').at(-1)).toMatchObject({ value: 80, noun: ['injur'] });
    expect(extractQuantities('killing 10 persons and wounding other 70, Iranian officials were quoted by AP as saying.')[1]).toMatchObject({ value: 70, noun: ['injur'] });
  });

  it('knows ages, labels, decades and magnitudes that the figure reader had taken for counts (28_4ecb, 28_7ecb, 28_11ecb, 18_5ecb, 20_3ecbplus)', () => {
    expect(extractQuantities('Mark Felt, the most famous anonymous source in the history of journalism who was known to the world as "Deep Throat \'\' , died yesterday aged 95.')[0]).toMatchObject({ value: 95, kind: 'age' });
    expect(extractQuantities('W. Mark Felt, who was the No. 2 official at the FBI when he helped bring down President Richard M. Nixon')).toEqual([]);
    expect(extractQuantities("he was the Washington Post's source for many of its 400 stories on the Watergate affair during the early nineteen seventies.").map((x) => x.value)).toEqual([400]);
    expect(extractQuantities('Constable Tim Fanning allege the recently-fired man, Eric Allen Kirkpatrick, 61, opened fire at a Vancouver office Friday, killing Benjamin David Banky, 40.').map((x) => x.kind)).toEqual(['age', 'age']);
    expect(extractQuantities('An earthquake measuring at least magnitude - 5.9 shook a sparsely populated area of southern Iran on Sunday')[0]).toMatchObject({ value: 5.9, noun: ['magnitud'], kind: 'measure' });
  });
});

describe('disagreements fill one slot of one fact, from different sources', () => {
  it('does not set two figures of one sentence against each other (Indian navy off Aden: 12_12ecb, 12_3ecb, 12_16ecb)', () => {
    const a = article('The attack took place about 150 nautical miles off Aden and INS Mysore was about 13 nautical miles away from the merchant vessel when it picked up the SOS call.', '12_12ecb');
    const b = article('The incident took place about 150 nautical miles off Aden.', '12_3ecb');
    const c = article('Indian naval ship Mysore, a destroyer, picked up a distress call from merchant vessel Gibe, which flies an Ethiopian flag, when it was 13 nautical miles (about 24km) from the cargo ship.', '12_16ecb');
    const cmp = compareStory([a, b, c]);
    expect(cmp.disagreements.filter((d) => d.kind === 'number')).toEqual([]);
  });

  it('does not set a list of percentages of different things against another figure (cable cut: 30_7ecb, 30_8ecb, 30_5ecb)', () => {
    // Taken as one fact group, as the whole ECB+ story groups them.
    const a = article('It is thought that 65 % of traffic to India was down, while services to Singapore, Malaysia, Saudi Arabia, Egypt, Taiwan and Pakistan have also been severely affected.', '30_7ecb');
    const b = article('The same goes for 59 % of communications with Singapore, 44 % with Malaysia, 55 % with Saudi Arabia, 52 % with Egypt, 39 % with Taiwan and 51 % with Pakistan.', '30_8ecb');
    const c = article('The company says most business traffic between Europe and Asia is being rerouted through the United States, but 65 % of traffic to India is down, and services to Singapore, Malaysia, Saudi Arabia, Egypt, Taiwan and Pakistan are severely affected.', '30_5ecb');
    const units = compareStory([a, b, c], { withUnits: true }).units!;
    expect(units).toHaveLength(3);
    const paragraph = (u: (typeof units)[number]) => [a, b, c].find((x) => x.id === u.articleId)!.paragraphs[u.paragraph];
    expect(groupDisagreements(units, 'g', paragraph)).toEqual([]);
  });

  it('does not compare an age with a label nor a count with a decade (Mark Felt: 28_4ecb, 28_7ecb, 28_1ecb, 28_11ecb, 28_9ecb)', () => {
    const a = article('Mark Felt, the most famous anonymous source in the history of journalism who was known to the world as "Deep Throat \'\' , died yesterday aged 95.', '28_4ecb');
    const b = article('W. Mark Felt, who was the No. 2 official at the FBI when he helped bring down President Richard M. Nixon by resisting the Watergate cover-up and becoming Deep Throat, the most famous anonymous source in American history, died on Thursday.', '28_7ecb');
    const c = article('W. Mark Felt Sr., the associate director of the FBI during the Watergate scandal who, better known as "Deep Throat, \'\' became the most famous anonymous source in American history, died yesterday.', '28_1ecb');
    const d = article("Felt admitted in a 2005 Vanity Fair article he was the Washington Post's source for many of its 400 stories on the Watergate affair during the early nineteen seventies.", '28_11ecb');
    const e = article("\"The thing that stuns me is that the goddamn secret has lasted this long, '' Ben Bradlee, who oversaw almost 400 stories on Watergate when he was the Washington Post's executive editor, said after the May 2005 revelations.", '28_9ecb');
    const f = article('In 2005, Felt revealed that he was the source who had secretly supplied Bob Woodward of The Washington Post with crucial leads in the Watergate affair in the early nineteen seventies.', '28_7ecb');
    expect(compareStory([a, b, c, d, e, f]).disagreements.filter((x) => x.kind === 'number')).toEqual([]);
  });

  it('finds the injured 80 / at least 50 / 70, and does not set the quake\'s Sunday against the aid\'s Monday (Qeshm quake: 20_8ecbplus, 20_11ecbplus, 20_5ecbplus, 20_4ecbplus)', () => {
    const a = article('A powerful earthquake hit southern Iran on Sunday, causing major destruction in seven villages and killing 10 people and injuring 80.', '20_8ecbplus');
    const b = article("Ten people were killed and at least 50 injured when an earthquake razed mud - brick villages on the Persian Gulf island of Qeshm off Iran's southern coast Sunday, officials and state media said.", '20_11ecbplus');
    const c = article("A 5.9 magnitude earthquake has leveled seven villages in Iran's southern area, killing 10 persons and wounding other 70, Iranian officials were quoted by AP as saying.", '20_5ecbplus');
    const d = article('Iranian rescue workers handed out blankets, food and water Monday to survivors of a powerful earthquake on a Gulf island that killed 10 people and forced villagers to spend the night in tents.', '20_4ecbplus');
    const cmp = compareStory([a, b, c, d]);
    expect(cmp.disagreements.filter((x) => x.kind === 'date')).toEqual([]);
    const injured = cmp.disagreements.find((x) => x.kind === 'number' && x.values.some((v) => v.value === '80'));
    expect(injured?.values.map((v) => v.value)).toEqual(expect.arrayContaining(['80', 'at least 50 injured']));
    expect(injured?.compatible).toBe(false);
  });

  it('does not date the event by the day a statement was made ("police said Saturday": 18_5ecb, 18_4ecb)', () => {
    const a = article('A former employee who opened fire at an office Christmas party killing one man, has been charged with first-degree murder, police said Saturday.', '18_5ecb');
    const b = article('A former employee recently let go from his job opened fire at an office Christmas party Friday, killing one person, police said.', '18_4ecb');
    expect(compareStory([a, b]).disagreements.filter((x) => x.kind === 'date')).toEqual([]);
  });
});

describe('name spellings', () => {
  it('lists a spelling every outlet uses both ways as a variation, not a disagreement between outlets (the seeds)', () => {
    const raw = (n: string) => readFileSync(join(resolve(import.meta.dirname, '../..'), 'samples/seeds', n), 'utf8');
    const s0 = raw(SEEDS[0]).split('\n\n');
    const a = article(s0.slice(1).join('\n\n'), null, { headline: s0[0].trim() });
    const b = article(raw(SEEDS[1]), 'Mehr News Agency');
    const cmp = compareStory([a, b]);
    const d = cmp.disagreements.find((x) => x.kind === 'name');
    expect(d?.values.map((v) => v.value).sort()).toEqual(['Hayali', 'Hiyali']);
    expect(d?.betweenSources).toBe(false);
    const text = formatComparison(cmp);
    expect(text).toMatch(/DISAGREEMENTS \(0\)/);
    expect(text).toMatch(/SPELLING VARIATIONS[^\n]*\(1\)\n\s+• name spelled 2 ways/);
  });

  it('keeps outlets that each write their own spelling as a disagreement (Tour de France, Wikinews M0034 / M0036)', () => {
    const a = article('Alexander Vinokourov of Kazakhstan failed a doping test after his stage win.', 'Wikinews A');
    const b = article('Alexandre Vinokourov of Kazakhstan failed a doping test after winning the time trial.', 'Wikinews B');
    const d = compareStory([a, b]).disagreements.find((x) => x.kind === 'name');
    expect(d?.betweenSources).toBe(true);
  });
});

describe('credits name sources (Qeshm quake: 20_8ecbplus, 20_11ecbplus, 20_5ecbplus, 20_3ecbplus)', () => {
  it('drops "The" and "State" and merges AP with the Associated Press among the origins', () => {
    const a = article('The quake destroyed seven villages, IRNA reported. The news agency also reported that rescue teams had reached the island.', '20_8ecbplus');
    const b = article('State television quoted officials as saying that ten people had died on the island of Qeshm.', '20_11ecbplus');
    const c = article("A 5.9 magnitude earthquake has leveled seven villages in Iran's southern area, killing 10 persons and wounding other 70, Iranian officials were quoted by AP as saying.", '20_5ecbplus');
    const d = article('"There are many people injured," the governor told The Associated Press by telephone from the island.', '20_3ecbplus');
    const cmp = compareStory([a, b, c, d]);
    const credited = cmp.provenance.credits.map((x) => x.credited);
    expect(credited).not.toContain('The');
    expect(credited).not.toContain('State');
    const origins = cmp.provenance.origins.map((id) => cmp.provenance.graph.nodes.find((n) => n.id === id)?.label);
    expect(origins.filter((l) => l === 'AP' || l === 'Associated Press')).toHaveLength(1);
  });
});
