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
