import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ArticleDraft, ReadItem } from '../types.js';
import { finalizeArticle } from './finalize.js';
import { looksLikeHeadline, plainParagraphs, readPlainText } from './plaintext.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const read = (rel: string): string => readFileSync(FIX + rel, 'utf8');
function draftOf(item: ReadItem): ArticleDraft {
  if (!item.ok) throw new Error(`${item.input}: ${item.reason}`);
  return item.draft;
}

describe('readPlainText on the seeds', () => {
  it("takes seed 000's first line as its headline", () => {
    const d = draftOf(readPlainText(read('seeds/000_74bfdcc74ec9356c.txt'), '000.txt'));
    expect(d.headline).toBe('Iran, Iraq sign MoU to boost defense ties');
    expect(d.headlineDerived).toBe(false);
    expect(d.paragraphs).toHaveLength(13);
    expect(d.paragraphs[0]).toMatch(/^Iran and Iraq signed an agreement on Sunday/);
    expect(d.paragraphs.at(-1)).toBe('Iran has been providing military advisory assistance to Iraq in its counter-terrorism campaign.');
    expect(d.outlet).toEqual({ name: null, domain: null });
    expect(d.format).toBe('text');
  });

  it('invents no headline for seed 004, a single paragraph', () => {
    const text = read('seeds/004_632889e61b552585.txt');
    const d = draftOf(readPlainText(text, '004.txt'));
    expect(d.headline).toBeNull();
    // One paragraph; runs of spaces ("terrorists.  The Iraqi") collapse as they render.
    expect(d.paragraphs).toEqual([text.trim().replace(/\s+/g, ' ')]);
  });
});

describe('readPlainText on Wikinews text files', () => {
  it('reads the title, and the Wikinews date line as the publication date', () => {
    const d = draftOf(readPlainText(read('ingest/wikinews-chile.txt'), 'chile.txt'));
    expect(d.headline).toBe('New earthquake hits Chile');
    expect(d.published).toBe('2010-05-21T00:00:00.000Z');
    expect(d.paragraphs[0]).toBe('Friday, May 21, 2010');
  });

  it('leaves the article undated, with a warning, when its date line is implausible', () => {
    const item = readPlainText(read('ingest/wikinews-chile.txt').replace('Friday, May 21, 2010', 'Friday, May 21, 2099'), 'chile.txt');
    expect(item).toMatchObject({ ok: true, draft: { published: null }, warnings: ['date line "Friday, May 21, 2099" is in the future; stored undated'] });
    // finalizeArticle's own look at the date line keeps to the same rule: the article stays undated.
    expect(finalizeArticle(draftOf(item), '2024-01-01T00:00:00.000Z').published).toBeNull();
    expect(readPlainText(read('ingest/wikinews-chile.txt'), 'chile.txt')).not.toHaveProperty('warnings');
  });

  it('keeps a stray caption line in the body of a messy real text', () => {
    const d = draftOf(readPlainText(read('ingest/wikinews-romania.txt'), 'romania.txt'));
    expect(d.headline).toBe('Romanians raise 395,000 euro for tsunami victims');
    expect(d.paragraphs[0]).toBe('Countries affected by the 2004 Indian Ocean tsunami');
    expect(d.published).toBeNull(); // the date is glued to the first sentence ("2005Through"): not a bare date line
  });
});

describe('headline rule', () => {
  /** Seed 000 without its headline line. */
  const seed = read('seeds/000_74bfdcc74ec9356c.txt').replace(/^.*\n\n/, '');
  it('accepts title-like lines, including questions and abbreviations', () => {
    expect(looksLikeHeadline('Iran, Iraq sign MoU to boost defense ties')).toBe(true);
    expect(looksLikeHeadline('Will Iraq accept the deal?')).toBe(true);
    expect(looksLikeHeadline('Iran signs defence pact with the U.S.')).toBe(true);
  });

  it('rejects sentences, labels, datelines, bylines and dates', () => {
    expect(looksLikeHeadline('Iran and Iraq signed an agreement on Sunday.')).toBe(false);
    expect(looksLikeHeadline('Advertisement')).toBe(false);
    expect(looksLikeHeadline('TEHRAN – Iran and Iraq signed an initial agreement')).toBe(false);
    expect(looksLikeHeadline('By Jane Doe')).toBe(false);
    expect(looksLikeHeadline('Saturday, February 27, 2010')).toBe(false);
    expect(looksLikeHeadline('The following was said by the minister:')).toBe(false);
    expect(looksLikeHeadline('word '.repeat(30).trim())).toBe(false);
  });

  it('needs a blank line after the first line and text after it', () => {
    expect(draftOf(readPlainText('Iran, Iraq sign MoU to boost defense ties', 'x')).headline).toBeNull();
    expect(draftOf(readPlainText(`Iran, Iraq sign MoU to boost defense ties\n${seed}`, 'x')).headline).toBeNull();
    expect(draftOf(readPlainText(`Iran, Iraq sign MoU to boost defense ties\n\n${seed}`, 'x')).headline).toBe('Iran, Iraq sign MoU to boost defense ties');
  });

  it('moves a byline after the headline into the authors', () => {
    const d = draftOf(readPlainText(`Iran, Iraq sign MoU to boost defense ties\n\nBy Jane Doe and John Roe\n\n${seed}`, 'x'));
    expect(d.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(d.paragraphs[0]).toMatch(/^Iran and Iraq signed/);
  });
});

describe('paragraphs', () => {
  it('joins hard-wrapped lines and keeps one-paragraph-per-line text apart', () => {
    const para = read('seeds/000_74bfdcc74ec9356c.txt').split('\n\n\n\n')[1].replace(/^.*\n\n/, '');
    const wrapped = para.replace(/(.{1,68})(\s|$)/g, '$1\n').trim();
    expect(wrapped.split('\n').length).toBeGreaterThan(1);
    expect(plainParagraphs(wrapped)).toEqual([para]);
    const lines = read('seeds/000_74bfdcc74ec9356c.txt').split(/\n+/).slice(1, 5).join('\n');
    expect(plainParagraphs(lines)).toHaveLength(4);
  });

  it('fails an empty text', () => {
    expect(readPlainText(' \n\n \t\n', 'blank.txt')).toEqual({ ok: false, input: 'blank.txt', reason: 'empty file (no text)' });
  });
});
