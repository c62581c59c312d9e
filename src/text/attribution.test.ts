import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanSource, findAttributions, ownerFromAttributions } from './attribution.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const paragraphs = (text: string): string[] => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const seed000 = paragraphs(readFileSync(`${FIX}seeds/000_74bfdcc74ec9356c.txt`, 'utf8'));
const seed004 = paragraphs(readFileSync(`${FIX}seeds/004_632889e61b552585.txt`, 'utf8'));
/** Wikinews M0050 paragraphs, taken from the HTML fixture's story body. */
const chile = [...readFileSync(`${FIX}ingest/news-page.html`, 'utf8').matchAll(/<p>([^<]{80,})<\/p>/g)].map((m) => m[1].replace(/&quot;/g, '"'));

describe('findAttributions on the seeds', () => {
  it('credits Tasnim in seed 000 and finds no dateline there', () => {
    const a = findAttributions(seed000);
    expect(a).toContainEqual({ kind: 'credit', source: 'Tasnim', text: 'Tasnim news agency reported' });
    expect(a.filter((x) => x.kind === 'dateline')).toEqual([]);
    // Ministers "said" and "stressed" many times: people are not credited sources.
    expect(a.map((x) => x.source)).not.toContain('Dehqan');
  });

  it('finds the TEHRAN dateline and the Mehr News Agency licence in seed 004', () => {
    const a = findAttributions(seed004);
    expect(a[0]).toEqual({ kind: 'dateline', source: 'TEHRAN', text: 'TEHRAN –' });
    const licence = a.find((x) => x.kind === 'licence');
    expect(licence?.source).toBe('Mehr News Agency');
    expect(licence?.text).toMatch(/^All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4\.0 International License/);
    expect(ownerFromAttributions(a)).toBe('Mehr News Agency');
  });
});

describe('findAttributions on a Wikinews report', () => {
  it('credits the media it cites and nothing else', () => {
    expect(chile.length).toBe(7);
    const credits = findAttributions(chile).filter((x) => x.kind === 'credit').map((x) => x.source);
    // "According to the BBC", "According to the AFP", "Reuters reported", "The New Zealand Herald reported".
    expect(credits).toEqual(expect.arrayContaining(['BBC', 'AFP', 'Reuters', 'New Zealand Herald']));
    // "The Pacific Tsunami Warning Center has announced" and "The Ministry of Civil Defense told" are not media.
    expect(credits.some((c) => /Warning Center|Ministry/.test(c))).toBe(false);
  });
});

describe('dateline and footer forms', () => {
  it('reads wire datelines with region, date and parenthesised credit', () => {
    const a = findAttributions(['NEW YORK, July 23 (Reuters) - Oil prices rose on Monday.']);
    expect(a).toEqual([
      { kind: 'dateline', source: 'NEW YORK', text: 'NEW YORK, July 23 (Reuters) -' },
      { kind: 'credit', source: 'Reuters', text: '(Reuters) -' },
    ]);
    expect(findAttributions(['Tehran, July 23 (IRNA) – Iran said on Sunday …'])[0]).toMatchObject({ kind: 'dateline', source: 'Tehran' });
    expect(findAttributions(['(AP) — The president said …'])).toEqual([{ kind: 'credit', source: 'AP', text: '(AP) —' }]);
  });

  it('does not take labels or ordinary sentences for datelines', () => {
    expect(findAttributions(['BREAKING: Iran and Iraq sign a deal.']).filter((x) => x.kind === 'dateline')).toEqual([]);
    expect(findAttributions(['Iran and Iraq signed an agreement on Sunday – officials said.']).filter((x) => x.kind === 'dateline')).toEqual([]);
  });

  it('reads copyright lines and origin notes at the end', () => {
    const a = findAttributions(['Body text of the story.', 'Copyright 2017 The Associated Press. All rights reserved.']);
    expect(a).toContainEqual({ kind: 'licence', source: 'Associated Press', text: 'Copyright 2017 The Associated Press' });
    expect(ownerFromAttributions(a)).toBe('Associated Press');
    const b = findAttributions(['Body.', 'This article was originally published by The Conversation.']);
    expect(b).toContainEqual({ kind: 'credit', source: 'The Conversation', text: 'This article was originally published by The Conversation' });
    // A bare © is often a photo credit: it is a hint but does not name the owner.
    expect(ownerFromAttributions(findAttributions(['Body.', 'Photo: © Reuters']))).toBeNull();
  });

  it('cleans source names', () => {
    expect(cleanSource('The Associated Press')).toBe('Associated Press');
    expect(cleanSource("Reuters's")).toBe('Reuters');
    expect(cleanSource('The Conversation')).toBe('The Conversation');
  });
});

describe('credit precision', () => {
  it('names the agency, not its country, and ignores generic media words and list markers', () => {
    const a = findAttributions(["Iran's Tasnim news agency reported the visit. Al-Hiyali later told local TV that talks went well."]);
    expect(a.map((x) => [x.kind, x.source])).toEqual([['credit', 'Tasnim']]);
    expect(findAttributions(['The rules say:', '(c) The Ministry of Defence shall publish its findings.'])).toEqual([]);
  });
});
