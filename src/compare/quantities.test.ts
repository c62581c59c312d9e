import { describe, expect, it } from 'vitest';
import { compatibleQuantities, extractDates, extractQuantities, roundingStep } from './quantities.js';

// Sentences from the seeds and the Wikinews articles of the labelled set.
describe('extractQuantities', () => {
  it('reads a figure with its qualifier, noun and news-rounding range', () => {
    const [q] = extractQuantities('The death toll continues to rise, passing 80,000 people according to reports.');
    expect(q).toMatchObject({ value: 80000, qualifier: 'passing', kind: 'count', noun: ['peopl'], raw: 'passing 80,000 people' });
    expect([q.low, q.high]).toEqual([80000, 90000]);
  });

  it('keeps several figures apart with their own nouns', () => {
    const qs = extractQuantities('The plane was carrying 12 crew members and 216 passengers, of which 126 men, 82 women, 7 children and one infant.');
    expect(qs.map((q) => [q.value, q.noun[0]])).toEqual([
      [12, 'crew'],
      [216, 'passeng'],
      [126, 'men'],
      [82, 'women'],
      [7, 'children'],
      [1, 'infant'],
    ]);
  });

  it('knows measures, money, ages and word numbers', () => {
    expect(extractQuantities('A 7.0 magnitude earthquake has struck off the coast of Haiti')[0]).toMatchObject({ value: 7, kind: 'measure' });
    expect(extractQuantities('the latest tremor had a magnitude of 6.1 and was centered 59 kilometres from the capital').map((q) => [q.value, q.kind])).toEqual([
      [6.1, 'measure'],
      [59, 'measure'],
    ]);
    expect(extractQuantities('Haitian Government representatives have asked to donors an additional help of 350 million dollars')[0]).toMatchObject({
      value: 350e6,
      kind: 'money',
    });
    expect(extractQuantities('Hasib Hussain, 18, from Leeds.')[0]).toMatchObject({ value: 18, kind: 'age' });
    expect(extractQuantities('there were thirteen aftershocks after the initial tremors')[0]).toMatchObject({ value: 13, noun: ['aftershock'] });
    expect(extractQuantities('Japanese Prime Minister Junichiro Koizumi announced a half-billion dollar donation')[0]).toMatchObject({ value: 5e8, kind: 'money' });
  });

  it('does not read labels, clock times, dates or pronouns as figures', () => {
    expect(extractQuantities('Alexander Vinokourov of Kazakhstan has won stage 13 of the 2007 Tour de France.').filter((q) => q.kind !== 'year')).toEqual([]);
    expect(extractQuantities('It occurred at 06.03 local time (11.03 UTC).')).toEqual([]);
    expect(extractQuantities('went missing over the Atlantic Ocean on June 1.')).toEqual([]);
    expect(extractQuantities('contradicting some media reports that said there was one in place.')).toEqual([]);
  });
});

describe('compatibility of figures', () => {
  const one = (s: string) => extractQuantities(s)[0];
  it('"more than 4,000 people" contradicts "3,197 cases"', () => {
    expect(compatibleQuantities(one('more than 4,000 people'), one('3,197 cases'))).toBe(false);
  });
  it('"about 200,000" is compatible with "exactly 222,570" under rounding', () => {
    expect(compatibleQuantities(one('killed about 200,000 people'), one('left exactly 222,570 deaths'))).toBe(true);
  });
  it('"passing 80,000" and "over 120,000" cannot both describe one count', () => {
    expect(compatibleQuantities(one('passing 80,000 people'), one('over 120,000 dead'))).toBe(false);
  });
  it('rounding steps follow the last significant digit', () => {
    expect([roundingStep('80,000'), roundingStep('222,570'), roundingStep('7.0'), roundingStep('3,197')]).toEqual([10000, 10, 0.1, 1]);
  });
});

describe('extractDates', () => {
  it('finds weekdays, calendar dates and clock times with zones', () => {
    const ds = extractDates('Iran and Iraq signed an agreement on Sunday; the flight vanished on June 1, 2009 at 22:30 local time (01:30 GMT).');
    expect(ds.map((d) => [d.kind, d.value])).toEqual([
      ['weekday', 'sunday'],
      ['date', '2009-06-01'],
      ['time', '22:30'],
      ['time', '01:30'],
    ]);
  });
  it('reads "8.26am" as a time and "7.0 magnitude" as no time', () => {
    expect(extractDates('between 8.26am at King’s Cross and 9.47am on the bus').map((d) => d.value)).toEqual(['08:26', '09:47']);
    expect(extractDates('A 7.0 magnitude earthquake')).toEqual([]);
  });
});
