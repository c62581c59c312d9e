import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ArticleDraft, ReadItem } from '../types.js';
import { readDocument } from './document.js';
import { readXmlFeed, repairBareAmpersands } from './feeds.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));
const read = (f: string, url?: string): ReadItem[] => readDocument(readFileSync(FIX + f), { name: f, url });
function drafts(items: ReadItem[]): ArticleDraft[] {
  return items.map((i) => {
    if (!i.ok) throw new Error(`${i.input}: ${i.reason}`);
    return i.draft;
  });
}

describe('RSS 2.0', () => {
  const items = read('rss2.xml');
  const [full, summary, cdata] = drafts(items);

  it('gives one article per item, named feed#itemN', () => {
    expect(items.map((i) => i.input)).toEqual(['rss2.xml#item1', 'rss2.xml#item2', 'rss2.xml#item3']);
    expect(full.format).toBe('rss');
  });

  it('uses content:encoded when present, else the description plus the link', () => {
    expect(full.paragraphs).toHaveLength(12);
    expect(full.paragraphs[0]).toMatch(/^Air France Flight 447 carrying 228 people/);
    expect(summary.paragraphs).toEqual([expect.stringMatching(/^According to the Brazilian air force/)]);
    expect(summary.url).toBe('https://en.wikinews.org/wiki/Wreckage_of_plane_thought_to_be_missing_Air_France_flight_found_in_Atlantic');
    expect(cdata.paragraphs).toHaveLength(5);
  });

  it('reads RFC 822 dates with their zones, creators, guids and the channel', () => {
    expect(full.published).toBe('2009-06-01T12:20:00.000Z');
    expect(summary.published).toBe('2009-06-02T13:45:00.000Z');
    expect(cdata.published).toBe('2009-06-02T21:10:00.000Z');
    expect(full.authors).toEqual(['Wikinews contributors']);
    expect(summary.authors).toEqual(['Wikinews contributors']); // from "news@wikinews.org (Wikinews contributors)"
    expect(summary.externalId).toBe('wikinews-M0082');
    expect(full.outlet).toEqual({ name: 'Wikinews - Air France Flight 447', domain: 'en.wikinews.org' });
    expect(full.language).toBe('en-us');
    expect(cdata.canonicalUrl).toBe('https://en.wikinews.org/wiki/Aircraft_wreckage_in_Atlantic_confirmed_to_be_that_of_missing_Air_France_flight');
  });
});

describe('Atom', () => {
  const [html, xhtml, summaryOnly] = drafts(read('atom.xml', 'https://en.wikinews.org/feeds/chile.atom'));

  it('decodes html, xhtml and text content', () => {
    expect(html.paragraphs[0]).toMatch(/^A strong earthquake hit Chile/);
    expect(html.paragraphs).toHaveLength(6);
    expect(xhtml.paragraphs).toHaveLength(4);
    expect(xhtml.headline).toBe('Volunteers collaborate in reconstruction of Lolol, Chile');
    expect(summaryOnly.paragraphs).toEqual([expect.stringMatching(/^Another large aftershock of the February 27 8\.8 earthquake — of 6\.5 magnitude —/)]);
  });

  it('resolves relative links against the feed URL and keeps zones, authors and language', () => {
    expect(html.url).toBe('https://en.wikinews.org/wiki/New_earthquake_hits_Chile');
    expect(html.published).toBe('2010-05-21T19:30:00.000Z');
    expect(xhtml.published).toBe('2010-05-22T18:00:00.000Z'); // no <published>: <updated>
    expect(html.authors).toEqual(['Diego Grez']);
    expect(xhtml.authors).toEqual(['Wikinews contributors']); // the feed's author
    expect(summaryOnly.headline).toBe('6.5 magnitude aftershock hits Bío Bío, Chile');
    expect(html.language).toBe('en');
    expect(html.format).toBe('atom');
  });
});

describe('RDF / RSS 1.0', () => {
  const [tail, search, airbus] = drafts(read('rdf.xml'));
  it('reads items outside the channel with Dublin Core fields', () => {
    expect(tail.format).toBe('rdf');
    expect(tail.paragraphs).toHaveLength(4);
    expect(search.paragraphs).toHaveLength(1); // summary only
    expect(airbus.paragraphs[0]).toContain('€12 million');
    expect(tail.published).toBe('2009-06-08T10:00:00.000Z');
    expect(search.published).toBe('2009-06-02T09:30:00.000Z');
    expect(tail.externalId).toBe('https://en.wikinews.org/wiki/Tail_from_Air_France_jet_recovered_from_Atlantic_Ocean');
    expect(tail.language).toBe('en');
  });
});

describe('JSON Feed', () => {
  const items = read('feed.json');
  const [html, text, summary] = drafts(items);
  it('reads content_html, content_text and summary items', () => {
    expect(items.map((i) => i.input)).toEqual(['feed.json#item1', 'feed.json#item2', 'feed.json#item3']);
    expect(html.format).toBe('jsonfeed');
    expect(html.paragraphs).toHaveLength(7);
    expect(text.paragraphs).toHaveLength(3);
    expect(text.paragraphs[1]).toContain('President Sebastián Piñera');
    expect(summary.paragraphs).toHaveLength(1);
    expect(html.published).toBe('2010-10-22T03:15:00.000Z');
    expect(html.authors).toEqual(['Diego Grez']);
    expect(text.authors).toEqual(['Wikinews contributors']);
    expect(html.outlet).toEqual({ name: 'Wikinews Chile earthquake', domain: 'en.wikinews.org' });
  });
});

describe('bad feeds', () => {
  it('refuses malformed XML with one failure naming the position, and no partial items', () => {
    const items = read('malformed.xml');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ok: false, input: 'malformed.xml' });
    expect(!items[0].ok && items[0].reason).toMatch(/^malformed feed XML: Expected closing tag 'item'.*\(line \d+, column \d+\)$/);
  });

  it('repairs a bare ampersand but nothing else', () => {
    const rss = readFileSync(`${FIX}rss2.xml`, 'utf8').replace('<title>Air France jet', '<title>AT&T: Air France jet');
    const items = readXmlFeed(rss, { name: 'amp.xml' });
    expect(items[0]).toMatchObject({ ok: true, draft: { headline: 'AT&T: Air France jet with 228 on board goes missing' } });
    expect(repairBareAmpersands('a &amp; b & c &#38; &eacute;')).toBe('a &amp; b &amp; c &#38; &eacute;');
  });

  it('refuses entity declarations, non-feed XML and feeds without items', () => {
    expect(readXmlFeed('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title></item></channel></rss>', { name: 'e.xml' })[0]).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/declares entities/),
    });
    expect(readXmlFeed('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', { name: 's.xml' })[0]).toMatchObject({
      ok: false,
      reason: 'XML document is not a feed (root element <svg>, expected <rss>, <feed> or <rdf:RDF>)',
    });
    expect(readXmlFeed('<rss version="2.0"><channel><title>Empty</title></channel></rss>', { name: 'n.xml' })).toEqual([
      { ok: false, input: 'n.xml', reason: 'feed has no items' },
    ]);
  });

  it('fails only the item without text', () => {
    const rss = readFileSync(`${FIX}rss2.xml`, 'utf8').replace(/<description><!\[CDATA\[[\s\S]*?\]\]><\/description>/, '');
    const items = readXmlFeed(rss, { name: 'r.xml' });
    expect(items.map((i) => i.ok)).toEqual([true, true, false]);
    expect(items[2]).toMatchObject({ input: 'r.xml#item3', reason: 'feed item has no text (no content, description or summary)' });
  });
});

describe('unreadable item dates', () => {
  it('keeps an RSS item with <pubDate>garbage</pubDate>, undated, with one warning', () => {
    const rss = readFileSync(`${FIX}rss2.xml`, 'utf8').replace('<pubDate>Mon, 01 Jun 2009 14:20:00 +0200</pubDate>', '<pubDate>garbage</pubDate>');
    const items = readXmlFeed(rss, { name: 'r.xml' });
    expect(items[0]).toMatchObject({ ok: true, input: 'r.xml#item1', draft: { published: null }, warnings: ['pubDate "garbage" is not a date; stored undated'] });
    // The other items are untouched.
    expect(items.slice(1).map((i) => i.ok && [i.draft.published, i.warnings])).toEqual([
      ['2009-06-02T13:45:00.000Z', undefined],
      ['2009-06-02T21:10:00.000Z', undefined],
    ]);
  });

  it('warns about a far-future Atom date, and uses <updated> when only <published> is unreadable', () => {
    const atom = readFileSync(`${FIX}atom.xml`, 'utf8');
    const future = readXmlFeed(atom.replace('<published>2010-05-21T15:30:00-04:00</published>\n    <updated>2010-05-22T08:00:00-04:00</updated>', '<published>2099-01-01T00:00:00Z</published>'), { name: 'a.xml' });
    expect(future[0]).toMatchObject({ ok: true, draft: { published: null }, warnings: ['published date "2099-01-01T00:00:00Z" is in the future; stored undated'] });
    const fallback = readXmlFeed(atom.replace('<published>2010-05-21T15:30:00-04:00</published>', '<published>yesterday</published>'), { name: 'a.xml' });
    expect(fallback[0]).toMatchObject({ ok: true, draft: { published: '2010-05-22T12:00:00.000Z' } });
    expect(fallback[0]).not.toHaveProperty('warnings');
  });

  it('warns about an unreadable JSON Feed date and gives no warning for the fixtures’ valid dates', () => {
    const feed = readFileSync(`${FIX}feed.json`, 'utf8').replace('"2010-10-22T00:15:00-03:00"', '"2010-10-22 at dawn"');
    const items = readDocument(Buffer.from(feed), { name: 'feed.json' });
    expect(items[0]).toMatchObject({ ok: true, draft: { published: null }, warnings: ['date_published "2010-10-22 at dawn" is not a date; stored undated'] });
    for (const f of ['rss2.xml', 'atom.xml', 'rdf.xml', 'feed.json']) expect(read(f).some((i) => i.ok && i.warnings)).toBe(false);
  });
});
