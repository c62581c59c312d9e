import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOpml, writeOpml } from './opml.js';

const fixture = join(import.meta.dirname, '../../test/fixtures/feeds/subscriptions.opml');

describe('OPML', () => {
  it('reads every feed at any depth, once, and reports the unusable entry', () => {
    const r = parseOpml(readFileSync(fixture, 'utf8'));
    expect(r.feeds.map((f) => f.title)).toEqual(['Wikinews Latest News', 'Tehran Times', 'Mehr News Agency', 'Tasnim News Agency']);
    expect(r.feeds[0].url).toBe('https://en.wikinews.org/w/index.php?title=Special:NewsFeed&feed=atom&categories=Published&count=30');
    expect(r.feeds[1]).toEqual({ url: 'https://www.tehrantimes.com/rss', title: 'Tehran Times', siteUrl: 'https://www.tehrantimes.com/' });
    expect(r.problems).toEqual(['outline "Broken entry": xmlUrl "feed://example.com/rss.xml" is not an http(s) URL']);
  });

  it('round-trips through writeOpml, escaping attributes', () => {
    const feeds = parseOpml(readFileSync(fixture, 'utf8')).feeds;
    const xml = writeOpml([...feeds, { url: 'https://e.example/rss?a=1&b=2', title: 'Q&A "live" <feed>', siteUrl: null }], '2026-01-05T00:00:00.000Z');
    expect(xml).toContain('<dateCreated>Mon, 05 Jan 2026 00:00:00 GMT</dateCreated>');
    const again = parseOpml(xml);
    expect(again.problems).toEqual([]);
    expect(again.feeds).toEqual([...feeds, { url: 'https://e.example/rss?a=1&b=2', title: 'Q&A "live" <feed>', siteUrl: null }]);
  });

  it('gives one clear problem for documents that are not usable', () => {
    expect(parseOpml('<opml><body><outline text="x"').problems[0]).toMatch(/^malformed OPML: /);
    expect(parseOpml('<rss version="2.0"><channel/></rss>').problems).toEqual(['not an OPML document (no <opml> root element)']);
    expect(parseOpml('<opml version="2.0"><body><outline text="Empty folder"/></body></opml>').problems).toEqual(['the OPML document lists no feeds (no <outline xmlUrl="…">)']);
    expect(parseOpml('<!DOCTYPE opml [<!ENTITY x "y">]><opml/>').problems[0]).toMatch(/declares entities/);
  });
});
