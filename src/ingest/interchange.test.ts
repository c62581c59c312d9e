import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeArticle } from './finalize.js';
import { readJsonDocument } from './interchange.js';
import { detectFormat, readDocument } from './document.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));
const ECB = fileURLToPath(new URL('../../../shared/data/ecbplus/articles.jsonl', import.meta.url));

describe('news-please JSON', () => {
  it("maps news-please's fields", () => {
    const [item] = readDocument(readFileSync(`${FIX}newsplease.json`), { name: 'newsplease.json' });
    if (!item.ok) throw new Error(item.reason);
    const d = item.draft;
    expect(d.format).toBe('newsplease');
    expect(d.headline).toBe('15 Royal Navy sailors captured at gunpoint by Iranian guards');
    expect(d.published).toBe('2007-03-23T14:30:00.000Z');
    expect(d.outlet).toEqual({ name: null, domain: 'en.wikinews.org' });
    expect(d.authors).toEqual(['Wikinews contributors']);
    expect(d.language).toBe('en');
    expect(d.url).toBe('https://en.wikinews.org/wiki/15_Royal_Navy_sailors_captured_at_gunpoint_by_Iranian_guards');
    expect(d.paragraphs).toHaveLength(12);
    expect(d.paragraphs[0]).toMatch(/^Fifteen British Royal Navy personnel have been captured/);
  });
});

describe('JSON Lines with bad lines', () => {
  const items = readDocument(readFileSync(`${FIX}bad-line.jsonl`), { name: 'bad-line.jsonl' });
  it('reads the good lines and names each bad line with its reason', () => {
    expect(items.map((i) => [i.input, i.ok])).toEqual([
      ['bad-line.jsonl:1', true],
      ['bad-line.jsonl:2', false],
      ['bad-line.jsonl:3', true],
      ['bad-line.jsonl:4', false],
      ['bad-line.jsonl:5', true],
    ]);
    expect(items[1]).toMatchObject({ reason: 'line is not a JSON object (found an array)' });
    expect(items[3]).toMatchObject({ reason: expect.stringMatching(/^line is not valid JSON: /) });
    expect(items[0]).toMatchObject({ draft: { externalId: 'M0080', outlet: { name: 'Wikinews' }, format: 'jsonl' } });
  });
});

describe('JSON documents', () => {
  const obj = { id: 'M0050', title: 'Quake', text: 'An 8.8 magnitude earthquake was recorded in Chile on Saturday.', published: '2010-02-27', source: 'Wikinews', url: null };
  it('reads one object, an array, and reports array elements that are not articles', () => {
    expect(readJsonDocument(JSON.stringify(obj), 'one.json')).toMatchObject([{ ok: true, input: 'one.json', draft: { format: 'json' } }]);
    const arr = readJsonDocument(JSON.stringify([obj, 42, { title: 'no text' }]), 'arr.json');
    expect(arr.map((i) => i.input)).toEqual(['arr.json[0]', 'arr.json[1]', 'arr.json[2]']);
    expect(arr[1]).toMatchObject({ ok: false, reason: 'expected a JSON object, found a number' });
    expect(arr[2]).toMatchObject({ ok: false, reason: 'no article text (expected a non-empty "text" or "maintext" field)' });
    expect(readJsonDocument('[]', 'e.json')).toEqual([{ ok: false, input: 'e.json', reason: 'empty JSON array: no articles' }]);
  });

  it('gives one failure for a malformed JSON document, not one per line', () => {
    const broken = JSON.stringify(obj, null, 2).replace('"title"', 'title');
    const items = readJsonDocument(broken, 'b.json');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ok: false, input: 'b.json', reason: expect.stringMatching(/^invalid JSON: /) });
  });

  it('reads text that merely starts with a bracket as plain text unless the name says JSON', () => {
    const text = '[Updated] Iran, Iraq sign MoU to boost defense ties\n\nIran and Iraq signed an agreement on Sunday to boost cooperation.';
    expect(detectFormat(text)).toBe('json');
    expect(readDocument(Buffer.from(text), { name: 'note.txt' })).toMatchObject([{ ok: true, draft: { format: 'text' } }]);
    expect(readDocument(Buffer.from(text), { name: 'note.json' })).toMatchObject([{ ok: false, reason: expect.stringMatching(/^invalid JSON/) }]);
  });
});

describe.skipIf(!existsSync(ECB))('ECB+ articles.jsonl', () => {
  it('gives 772 readable English articles', () => {
    const items = readDocument(readFileSync(ECB), { name: ECB });
    expect(items).toHaveLength(772);
    expect(items.every((i) => i.ok)).toBe(true);
    const articles = items.map((i) => (i.ok ? finalizeArticle(i.draft, '2024-01-01T00:00:00.000Z') : null)!);
    expect(articles.every((a) => a.language === 'en' && a.paragraphs.length > 0)).toBe(true);
    expect(new Set(articles.map((a) => a.externalId)).size).toBe(772);
  });
});

describe('unreadable dates', () => {
  // Real Wikinews articles whose "published" value cannot be used (test/fixtures/ingest/README.md).
  const items = readDocument(readFileSync(`${FIX}bad-dates.jsonl`), { name: 'bad-dates.jsonl' });
  const byId = (id: string) => items.find((i) => i.ok && i.draft.externalId === id);

  it('stores the article undated with one warning naming the field and quoting the value', () => {
    expect(items).toHaveLength(8);
    expect(items.every((i) => i.ok)).toBe(true);
    expect(byId('M0001')).toMatchObject({ input: 'bad-dates.jsonl:1', draft: { published: null }, warnings: ['published date "not a date" is not a date; stored undated'] });
    expect(byId('M0002')).toMatchObject({ draft: { published: null }, warnings: ['published date "2024-13-45" is not a date; stored undated'] });
    expect(byId('M0003')).toMatchObject({ draft: { published: null }, warnings: ['published date "2099-01-01T00:00:00Z" is in the future; stored undated'] });
    expect(byId('M0005')).toMatchObject({ draft: { published: null }, warnings: ['published date "1850-06-01" is before 1900; stored undated'] });
    // news-please field, and a long value clipped to 40 characters (the ellipsis included).
    expect(items[5]).toMatchObject({
      draft: { format: 'newsplease', published: null },
      warnings: ['date_publish "sometime last week, according to the ed…" is not a date; stored undated'],
    });
  });

  it('says so when the date line opening the text dates the article instead', () => {
    const item = byId('M0010');
    expect(item).toMatchObject({ warnings: ['published date "not a date" is not a date; the date line at the start of the text is used instead'] });
    expect(item?.ok && finalizeArticle(item.draft, '2024-01-01T00:00:00.000Z').published).toBe('2005-07-12T00:00:00.000Z');
  });

  it('gives no warning for an empty date or a readable one', () => {
    expect(byId('M0008')).toMatchObject({ draft: { published: null } });
    expect(byId('M0008')).not.toHaveProperty('warnings');
    expect(byId('M0011')).toMatchObject({ draft: { published: '2005-07-14T09:00:00.000Z' } });
    expect(byId('M0011')).not.toHaveProperty('warnings');
    // The other fixtures: well-formed dates or none at all, never a warning.
    for (const f of ['bad-line.jsonl', 'newsplease.json']) {
      expect(readDocument(readFileSync(FIX + f), { name: f }).some((i) => i.ok && i.warnings)).toBe(false);
    }
  });
});
