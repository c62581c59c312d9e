import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Article } from '../types.js';
import { draftFromJson } from '../ingest/interchange.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { formatBrief, writeBrief } from './index.js';
import { standaloneProblem } from './units.js';
import { compressHeadline } from './headline.js';

const FIX = 'test/fixtures/summarize';

function article(o: Record<string, unknown>): Article {
  const d = draftFromJson(o, 'jsonl');
  if (typeof d === 'string') throw new Error(d);
  return finalizeArticle(d, '1970-01-01T00:00:00.000Z');
}

/** The two seed reports: A with a headline (earlier), B one paragraph with dateline and licence line. */
function seeds(): [Article, Article] {
  const a = readFileSync(`${FIX}/seed-000.txt`, 'utf8').split('\n');
  const b = readFileSync(`${FIX}/seed-004.txt`, 'utf8');
  return [
    article({ id: '000', title: a[0], text: a.slice(1).join('\n'), source: 'Outlet A', published: '2017-07-23T10:00:00Z' }),
    article({ id: '004', title: null, text: b, source: 'Outlet B', published: '2017-07-23T12:00:00Z' }),
  ];
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe('writeBrief on the two seed reports', () => {
  const [a, b] = seeds();

  it('a 60-word brief mentions the signing and both ministers, citing both articles for shared facts', () => {
    const brief = writeBrief([a, b], { words: 60 });
    const text = brief.sentences.map((s) => s.text).join(' ');
    expect(brief.words).toBeLessThanOrEqual(60);
    expect(brief.words).toBe(words(text));
    expect(text).toMatch(/\bsign(ed|ing)\b/);
    expect(text).toMatch(/Dehqan/);
    expect(text).toMatch(/al-Hiyali|al-Hayali/);
    const signing = brief.sentences.find((s) => /signed an (initial )?agreement/.test(s.text))!;
    expect(signing.citations.map((c) => c.articleId).sort()).toEqual([a.id, b.id].sort());
    const ministers = brief.sentences.find((s) => /Dehqan/.test(s.text))!;
    expect(ministers.citations.map((c) => c.articleId).sort()).toEqual([a.id, b.id].sort());
    // The source article is cited first, with its own sentence; the other with its paraphrase.
    expect(signing.citations[0]).toMatchObject({ articleId: signing.articleId, sentence: signing.text, outlet: 'Outlet A' });
    expect(signing.citations[1].sentence).toMatch(/^Iran and Iraq signed an initial agreement on Sunday/);
    expect(signing.citations[1]).toMatchObject({ outlet: 'Outlet B', published: '2017-07-23T12:00:00.000Z' });
  });

  it('does not repeat a paraphrased fact from the other article', () => {
    const brief = writeBrief([a, b], { words: 100 });
    const signed = brief.sentences.filter((s) => /Iran and Iraq signed/.test(s.text));
    expect(signed.length).toBe(1);
  });

  it('takes a headline from the member headlines and never leaves it empty', () => {
    expect(writeBrief([a, b]).headline).toBe('Iran, Iraq sign MoU to boost defense ties');
    // Without a headline: the first sentence, dateline removed, whole (see headline.ts).
    const onlyB = writeBrief([b]).headline;
    expect(onlyB).toMatch(/^Iran and Iraq signed an initial agreement on Sunday .* counterterrorism efforts\.$/);
    expect(writeBrief([]).headline).toBe('Untitled story');
  });

  it('orders by time, then position: the earlier article leads', () => {
    const brief = writeBrief([b, a], { words: 100 });
    expect(brief.sentences[0].articleId).toBe(a.id);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(writeBrief([a, b], { words: 80 }))).toBe(JSON.stringify(writeBrief([a, b], { words: 80 })));
  });

  it('--sentences N gives N sentences', () => {
    expect(writeBrief([a, b], { sentences: 2 }).sentences.length).toBe(2);
    expect(writeBrief([a, b], { sentences: 1 }).sentences.length).toBe(1);
  });

  it('--focus pulls the answer to the question into the brief', () => {
    const plain = writeBrief([a, b], { words: 60 });
    const focused = writeBrief([a, b], { words: 60, focus: 'what about the border-security part?' });
    expect(plain.sentences.some((s) => /border security/.test(s.text))).toBe(false);
    expect(focused.sentences.some((s) => /border security/.test(s.text))).toBe(true);
    expect(focused.words).toBeLessThanOrEqual(60);
  });

  it('--since writes an update: only what came later, without restating what was known', () => {
    const update = writeBrief([a, b], { words: 60, since: '2017-07-23T11:00:00Z' });
    expect(update.sentences.length).toBeGreaterThan(0);
    for (const s of update.sentences) expect(s.articleId).toBe(b.id);
    const text = update.sentences.map((s) => s.text).join(' ');
    expect(text).not.toMatch(/signed/); // the signing and the signatories were in A already
    expect(text).toMatch(/Shamkhani/);
    expect(writeBrief([a, b], { since: '2017-07-24T00:00:00Z' }).sentences).toEqual([]);
  });

  it('rejects invalid options with one clear message', () => {
    expect(() => writeBrief([a, b], { since: 'yesterday-ish' })).toThrow(/invalid --since time "yesterday-ish"/);
    expect(() => writeBrief([a, b], { words: 0 })).toThrow(/invalid --words 0/);
  });

  it('survives malformed articles', () => {
    const broken = { ...a, id: 'broken', paragraphs: [null, 42, ''] } as unknown as Article;
    const brief = writeBrief([broken, b], { words: 40 });
    expect(brief.sentences.length).toBeGreaterThan(0);
    expect(brief.sentences.every((s) => s.articleId === b.id)).toBe(true);
  });
});

describe('standalone sentences', () => {
  it('rejects sentences a reader could not follow on their own', () => {
    expect(standaloneProblem('He added that the talks would resume in Baghdad next month.', 8)).toMatch(/starts with "he"/);
    expect(standaloneProblem('However, the two sides did not agree on the border question at all.', 8)).toMatch(/however/);
    expect(standaloneProblem('For his part, the Iraqi defense minister lauded the support of Iran.', 8)).toMatch(/connective/);
    expect(standaloneProblem('A spokesman, however, said he was not aware of any such refusal by hospitals.', 8)).toMatch(/contrast/);
    expect(standaloneProblem('"A regional and international consensus must be achieved against terrorism."', 8)).toMatch(/unattributed/);
    expect(standaloneProblem('Local death tolls', 8)).toMatch(/short/);
    expect(standaloneProblem('Colts Beat Chiefs 20 - 13 To Clinch Playoff Berth In Indianapolis.', 8)).toMatch(/headline/);
    expect(standaloneProblem('Colts Clinch Playoff Berth with 20 - 13 Win Over Chiefs.', 8)).toMatch(/headline/);
    expect(standaloneProblem('COLTS TOP CHIEFS, 20 - 13, REACH PLAYOFFS IN A THRILLER.', 8)).toMatch(/headline/);
    expect(standaloneProblem('Countries affected by the 2004 Indian Ocean tsunami and the aid they received', 8)).toMatch(/final punctuation/);
    expect(standaloneProblem('and shipping them to stricken regions will take time, possibly weeks.', 8)).toMatch(/lower case/);
  });

  it('accepts ordinary news sentences and attributed quotes', () => {
    expect(standaloneProblem('Iran and Iraq signed an agreement on Sunday to boost cooperation in a host of military fields.', 8)).toBeNull();
    expect(standaloneProblem('"A regional and international consensus must be achieved against terrorism," Dehqan stressed.', 8)).toBeNull();
    expect(standaloneProblem('Anthony Phillip LaSalle, 36, was charged with third-degree murder in Bloomington.', 8)).toBeNull();
  });
});

describe('compressHeadline', () => {
  it('drops a trailing attribution and the final period', () => {
    expect(compressHeadline('Iran and Iraq signed an agreement on Sunday to boost cooperation, Tasnim news agency reported.')).toBe(
      'Iran and Iraq signed an agreement on Sunday to boost cooperation',
    );
  });
  it('drops a dateline and ends a long clause on a content word', () => {
    expect(
      compressHeadline('TEHRAN – Iran and Iraq signed an initial agreement on Sunday to boost military cooperation in various areas.'),
    ).toBe('Iran and Iraq signed an initial agreement on Sunday to boost military cooperation');
  });
  it('cuts a long sentence at a clause boundary', () => {
    const h = compressHeadline(
      'A massive earthquake, registering 7.0 on the moment magnitude scale, struck Haiti yesterday, destroying many buildings and burying an unknown number of people.',
    );
    expect(h).toBe('A massive earthquake, registering 7.0 on the moment magnitude scale, struck Haiti yesterday');
  });
});

describe('formatBrief', () => {
  it('prints the headline, cited sentences and numbered sources', () => {
    const [a, b] = seeds();
    const text = formatBrief(writeBrief([a, b], { words: 60 }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Iran, Iraq sign MoU to boost defense ties');
    expect(text).toMatch(/Tasnim news agency reported\. \[1\]\[2\]$/m);
    expect(text).toMatch(/^\[1\] Outlet A, 2017-07-23 10:00 UTC \(article [0-9a-f]{16}\)$/m);
    expect(text).toMatch(/^\[2\] Outlet B, 2017-07-23 12:00 UTC/m);
    expect(formatBrief({ headline: 'H', sentences: [], words: 0 })).toBe('H\n\n(nothing to report)');
  });
});
