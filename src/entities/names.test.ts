import { describe, expect, it } from 'vitest';
import { comparePersonNames, editDistance, givenNamesCompatible, nameTokens, skeleton, tokenSimilarity } from './names.js';

describe('nameTokens', () => {
  it('splits particles, folds case and drops possessives and dots', () => {
    expect(nameTokens('Erfan Mahmoud al-Hayali')).toEqual(['erfan', 'mahmoud', 'al', 'hayali']);
    expect(nameTokens("Turkmenistan's")).toEqual(['turkmenistan']);
    expect(nameTokens('U.S.')).toEqual(['us']);
    expect(nameTokens('People.com')).toEqual(['people', 'com']);
    expect(nameTokens("O'Brien")).toEqual(['obrien']);
    expect(nameTokens('Dehqán’s')).toEqual(['dehqan']);
  });
});

describe('skeleton (transliteration key)', () => {
  it('equates the romanisations named in the issue', () => {
    expect(skeleton('hiyali')).toBe(skeleton('hayali'));
    expect(skeleton('dehqan')).toBe(skeleton('dehghan'));
    expect(skeleton('gaddafi')).toBe(skeleton('qadhafi'));
    expect(skeleton('kadafi')).toBe(skeleton('gaddafi'));
    expect(skeleton('hossein')).toBe(skeleton('husayn'));
  });
  it('keeps different names apart', () => {
    expect(skeleton('iran')).not.toBe(skeleton('iraq'));
    expect(skeleton('weitz')).not.toBe(skeleton('white'));
    expect(skeleton('dehqan')).not.toBe(skeleton('shamkhani'));
  });
});

describe('tokenSimilarity', () => {
  it('accepts a typo in a long word and transliterations', () => {
    expect(tokenSimilarity('turkmenistan', 'turkeminstan')).toBe(2);
    expect(tokenSimilarity('hiyali', 'hayali')).toBe(2);
    expect(tokenSimilarity('centre', 'center')).toBe(2);
  });
  it('gives a short one-letter difference only weak evidence, and none for unrelated words', () => {
    expect(tokenSimilarity('iran', 'iraq')).toBe(1);
    expect(tokenSimilarity('paul', 'chris')).toBe(0);
    expect(tokenSimilarity('williams', 'williamson')).toBe(0);
  });
  it('needs words of about one length to call a shared consonant skeleton a transliteration', () => {
    expect(skeleton('rancagua')).toBe(skeleton('rengo')); // two Chilean towns
    expect(tokenSimilarity('rancagua', 'rengo')).toBe(0);
    expect(tokenSimilarity('dehqan', 'dehghan')).toBe(2);
    expect(tokenSimilarity('gaddafi', 'qadhafi')).toBe(2);
  });
  it('computes Damerau–Levenshtein with transpositions', () => {
    expect(editDistance('graner', 'garner')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('person names', () => {
  it('keeps different people sharing a surname apart (ECB+ "Chris Weitz" / "Paul Weitz")', () => {
    expect(comparePersonNames(['chris', 'weitz'], ['paul', 'weitz'])).toBe('conflict');
  });
  it('matches middle names, initials, short forms and descriptors before the name', () => {
    expect(comparePersonNames(['mark', 'felt'], ['w', 'mark', 'felt'])).toBe('same');
    expect(comparePersonNames(['fred', 'larue'], ['frederick', 'cheney', 'larue'])).toBe('same');
    expect(comparePersonNames(['erfan', 'hiyali'], ['erfan', 'mahmoud', 'hayali'])).toBe('same');
    expect(comparePersonNames(['diane', 'crawford', 'smith'], ['sharron', 'diane', 'crawford', 'smith'])).toBe('same');
    expect(comparePersonNames(['hossein', 'dehqan'], ['hossein', 'dehghan'])).toBe('same');
  });
  it('says different for different surnames', () => {
    expect(comparePersonNames(['hossein', 'dehqan'], ['ali', 'shamkhani'])).toBe('different');
  });
  it('knows common short forms of given names', () => {
    expect(givenNamesCompatible('katie', 'kathryn')).toBe(true);
    expect(givenNamesCompatible('w', 'william')).toBe(true);
    expect(givenNamesCompatible('nick', 'rob')).toBe(false);
  });
});
