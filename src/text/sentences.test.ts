import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { datelineLength, isCreditLine, leadingDate, splitSentences } from './sentences.js';

const texts = (ps: string[]) => splitSentences(ps).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps abbreviations, titles and initials inside sentences', () => {
    expect(
      texts([
        'Gen. Hossein Dehqan met Sen. John McCain and George W. Bush in Washington, D.C. on Monday. The talks began at 9 a.m. Tuesday and ended by noon.',
      ]),
    ).toEqual([
      'Gen. Hossein Dehqan met Sen. John McCain and George W. Bush in Washington, D.C. on Monday.',
      'The talks began at 9 a.m. Tuesday and ended by noon.',
    ]);
  });

  it('ends a sentence after U.S. only when a function word follows', () => {
    expect(texts(['Aid was voted by the U.S. Senate on Friday. Japan now tops the U.S. The gap is wide.'])).toEqual([
      'Aid was voted by the U.S. Senate on Friday.',
      'Japan now tops the U.S.',
      'The gap is wide.',
    ]);
  });

  it('handles months and numbers: "Dec. 26", "No. 1", decimals', () => {
    expect(texts(['The quake struck on Dec. 26 at magnitude 9.1 and was ranked No. 1 in 40 years. Relief followed.'])).toEqual([
      'The quake struck on Dec. 26 at magnitude 9.1 and was ranked No. 1 in 40 years.',
      'Relief followed.',
    ]);
  });

  it('keeps quotations with their attribution and splits before a new quote', () => {
    expect(
      texts(['"We will continue our support," Dehqan said. "A consensus must be achieved against terrorism!" he stressed. Was it enough? Few think so.']),
    ).toEqual([
      '"We will continue our support," Dehqan said.',
      '"A consensus must be achieved against terrorism!" he stressed.',
      'Was it enough?',
      'Few think so.',
    ]);
  });

  it('splits after a quote closed by a period', () => {
    expect(texts(['He called it "one of the most generous pledges so far." Egeland later recanted.'])).toEqual([
      'He called it "one of the most generous pledges so far."',
      'Egeland later recanted.',
    ]);
  });

  it('removes place datelines, keeping offsets into the paragraph', () => {
    const ps = [
      'TEHRAN – Iran and Iraq signed an initial agreement on Sunday.',
      'LONDON (AP) _ Police searched houses in Leeds.',
      'NEW YORK, March 3 (Reuters) - Stocks rose.',
      'BEIRUT, Lebanon — Protesters gathered.',
      '(CNN) -- A plane landed.',
    ];
    const s = splitSentences(ps);
    expect(s.map((x) => x.text)).toEqual([
      'Iran and Iraq signed an initial agreement on Sunday.',
      'Police searched houses in Leeds.',
      'Stocks rose.',
      'Protesters gathered.',
      'A plane landed.',
    ]);
    for (const x of s) expect(ps[x.paragraph].slice(x.start, x.end)).toBe(x.text);
    expect(s.map((x) => x.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not take a capitalised sentence start for a dateline', () => {
    expect(datelineLength('NATO allies met in Brussels.')).toBe(0);
    expect(datelineLength('A – the first letter')).toBe(0);
    expect(texts(['I - for one - disagree.'])).toEqual(['I - for one - disagree.']);
  });

  it('removes Wikinews date lines, also when glued to the first sentence', () => {
    expect(texts(['Saturday, January 8, 2005', 'U.S. citizens may write off their donations.'])).toEqual([
      'U.S. citizens may write off their donations.',
    ]);
    expect(texts(['Saturday, March 26, 2005 Up to four times as many women as men died.'])).toEqual([
      'Up to four times as many women as men died.',
    ]);
    expect(leadingDate(['Saturday, January 8, 2005', 'x'])).toBe('2005-01-08T00:00:00.000Z');
    expect(leadingDate(['December 29, 2004', 'x'])).toBe('2004-12-29T00:00:00.000Z');
    expect(leadingDate(['No date here.'])).toBeNull();
  });

  it('drops bylines, credits and licence notices', () => {
    expect(
      texts([
        'By Jane Doe, Associated Press',
        'Rescuers reached the village on Monday.',
        '(Reporting by John Smith; Editing by Mary Roe)',
        'Photo: Reuters/Stringer',
        'Associated Press writer Ann Lee contributed to this report.',
        'Copyright 2017 The Associated Press. All rights reserved.',
      ]),
    ).toEqual(['Rescuers reached the village on Monday.']);
    expect(isCreditLine('Byron Smith arrived on Monday.')).toBe(false);
  });

  it('never throws on empty or odd input', () => {
    expect(splitSentences([])).toEqual([]);
    expect(splitSentences(['', '   ', '...', '"'])).toEqual([]);
    expect(texts(['no terminal punctuation'])).toEqual(['no terminal punctuation']);
  });
});

const SEED4 = 'test/fixtures/summarize/seed-004.txt';

describe.skipIf(!existsSync(SEED4))('seed 004 (single paragraph with dateline and licence line)', () => {
  it('splits the paragraph, drops the dateline and the Mehr licence line', () => {
    const body = readFileSync(SEED4, 'utf8').split('\n').filter((l) => l.trim());
    expect(body.length).toBe(1);
    const s = splitSentences(body);
    expect(s[0].text.startsWith('Iran and Iraq signed an initial agreement on Sunday')).toBe(true);
    expect(s.some((x) => /Creative Commons|MH\/PA/.test(x.text))).toBe(false);
    expect(s[s.length - 1].text).toBe(
      'The Islamic Republic has also sent military advisers to train the Iraqi army and the Kurdish forces to fight Daesh.',
    );
    expect(s.find((x) => x.text.startsWith('Heading a military delegation'))?.text).toBe(
      'Heading a military delegation, al-Hiyali arrived in Tehran on Saturday, weeks after the Iraqi government successfully recaptured the strategic city of Mosul from Daesh (ISIS) terrorists.',
    );
    expect(s.length).toBe(13);
  });
});

describe('tokenised text (ECB+ style)', () => {
  it('keeps a spaced closing quote with the sentence it closes', () => {
    expect(texts(["`` Schools have collapsed . '' Roesler said. Police Const. Ann Lee agreed."])).toEqual([
      "`` Schools have collapsed . ''",
      'Roesler said.',
      'Police Const. Ann Lee agreed.',
    ]);
  });
});

describe('Wikinews lead datelines', () => {
  it('removes a mixed-case place dateline in the lead paragraph only', () => {
    expect(
      texts([
        'Thursday, January 27, 2005',
        'Meadow Lake, Saskatchewan – The municipal council said it donated $10,000.',
        'Smith, Jones – and others – disagreed.',
      ]),
    ).toEqual(['The municipal council said it donated $10,000.', 'Smith, Jones – and others – disagreed.']);
  });
});

describe('no false removals', () => {
  it('keeps prose that merely starts with a date or mentions copyright or production', () => {
    expect(texts(['December 26, 2004 will be remembered as the day of the tsunami.'])).toEqual([
      'December 26, 2004 will be remembered as the day of the tsunami.',
    ]);
    expect(texts(['The copyright law was changed in 1998.', 'Produced by Disney, the film grossed $1 billion.'])).toEqual([
      'The copyright law was changed in 1998.',
      'Produced by Disney, the film grossed $1 billion.',
    ]);
    expect(texts(['Reporting by Jane Doe; Editing by John Roe', 'Writing by Ann Lee.'])).toEqual([]);
  });
});
