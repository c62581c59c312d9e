import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ArticleDraft, ReadItem } from '../types.js';
import { readHtml, truncatedHtmlReason } from './html.js';
import { readDocument } from './document.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));
const page = readFileSync(`${FIX}news-page.html`, 'utf8');
/** The story paragraphs exactly as the fixture's source article (Wikinews M0050) has them. */
const storyParagraphs = [...page.matchAll(/^ {8}<p>(.*)<\/p>$/gm)].map((m) => m[1].replace(/&amp;/g, '&'));

const noArticle = (words: number): string =>
  `no article text found (the page's main text has ${words} word${words === 1 ? '' : 's'} outside links, navigation and forms; an article has at least 12)`;
/** news-page.html with its story paragraphs replaced by `body`. */
const withStory = (body: string): string => page.replace(/<div class="story-body">[\s\S]*?\n {6}<\/div>/, `<div class="story-body">${body}</div>`);

function draftOf(item: ReadItem): ArticleDraft {
  if (!item.ok) throw new Error(`${item.input}: ${item.reason}`);
  return item.draft;
}

describe('readHtml on a news page with chrome', () => {
  const d = draftOf(readHtml(page, { name: 'news-page.html' }));

  it('extracts exactly the story paragraphs, none of the page chrome', () => {
    expect(storyParagraphs).toHaveLength(7);
    expect(d.paragraphs).toEqual(storyParagraphs);
    const body = d.paragraphs.join('\n');
    for (const chrome of ['Advertisement', 'Cheap flights', 'Related news', 'cookies', 'Share on', 'Comments are closed', 'Creative Commons', 'USGS map']) {
      expect(body).not.toContain(chrome);
    }
  });

  it('takes metadata from JSON-LD first, then OpenGraph and <link rel=canonical>', () => {
    expect(d.headline).toBe('8.8 magnitude earthquake hits Chile; tsunami warnings issued throughout Pacific rim');
    // JSON-LD datePublished 2010-02-27T14:05:00-03:00, converted to UTC.
    expect(d.published).toBe('2010-02-27T17:05:00.000Z');
    expect(d.authors).toEqual(['Wikinews contributors']);
    expect(d.outlet).toEqual({ name: 'Wikinews', domain: 'en.wikinews.org' });
    // The canonical link carries utm_* tracking parameters, which are dropped.
    expect(d.canonicalUrl).toBe('https://en.wikinews.org/wiki/8.8_magnitude_earthquake_hits_Chile');
    expect(d.url).toBe(d.canonicalUrl);
    expect(d.language).toBe('en');
    expect(d.format).toBe('html');
  });

  it('prefers the fetch URL as url and resolves a relative canonical link against it', () => {
    const rel = page.replace(/href="https:\/\/en\.wikinews\.org(\/wiki\/8\.8[^"]*)"/, 'href="$1"');
    const r = draftOf(readHtml(rel, { name: 'x', url: 'https://en.wikinews.org/w/index.php?title=x#top' }));
    expect(r.url).toBe('https://en.wikinews.org/w/index.php?title=x');
    expect(r.canonicalUrl).toBe('https://en.wikinews.org/wiki/8.8_magnitude_earthquake_hits_Chile');
  });

  it('falls back to OpenGraph and <meta> when there is no JSON-LD', () => {
    const noLd = page.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
    const r = draftOf(readHtml(noLd, { name: 'x' }));
    expect(r.headline).toBe('8.8 magnitude earthquake hits Chile; tsunami warnings issued throughout Pacific rim');
    expect(r.published).toBe('2010-02-27T17:05:00.000Z'); // article:published_time
    expect(r.outlet.name).toBe('Wikinews'); // og:site_name
    expect(r.paragraphs).toEqual(storyParagraphs);
  });
});

describe('bad HTML', () => {
  it('refuses a truncated page with one clear failure and no article', () => {
    const items = readDocument(readFileSync(`${FIX}truncated.html`), { name: 'truncated.html' });
    expect(items).toEqual([{ ok: false, input: 'truncated.html', reason: 'truncated HTML: the document ends inside a tag' }]);
  });

  it('recognises the other truncation shapes and accepts complete pages and fragments', () => {
    const cutInText = page.slice(0, page.indexOf('</body>') - 200).replace(/<[^>]*$/, '');
    expect(truncatedHtmlReason(cutInText)).toMatch(/never closes/);
    expect(truncatedHtmlReason(page.replace('<footer', '<!-- <footer').replace(/-->[\s\S]*$/, ''))).not.toBeNull();
    expect(truncatedHtmlReason(page)).toBeNull();
    expect(truncatedHtmlReason('<p>Fragment without html or body tags.</p>')).toBeNull();
  });

  it('fails a page without article text', () => {
    const empty = '<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav></body></html>';
    const r = readHtml(empty, { name: 'empty.html' });
    expect(r).toMatchObject({ ok: false, input: 'empty.html', reason: noArticle(0) });
  });
});

describe('the headline of a page without publisher metadata', () => {
  // news-page.html without its JSON-LD and OpenGraph, and with a tab title shorter than its <h1>
  const bare = page
    .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '')
    .replace(/<meta property="og:[^>]*>/g, '')
    .replace(/<title>[^<]*<\/title>/, '<title>Chile quake - Wikinews</title>');

  it('is the page\'s one <h1>, not the <title>, and the <h1> does not open the text', () => {
    const d = draftOf(readHtml(bare, { name: 'bare.html' }));
    expect(d.headline).toBe('8.8 magnitude earthquake hits Chile; tsunami warnings issued throughout Pacific rim');
    expect(d.paragraphs).toEqual(storyParagraphs);
  });

  it('is the <title> when the <h1> is a logo (a link, or the site name)', () => {
    const logo = bare.replace(/<h1 class="headline">[^<]*<\/h1>/, '<h1 class="headline"><a href="/">Wikinews</a></h1>');
    expect(draftOf(readHtml(logo, { name: 'logo.html' })).headline).toMatch(/^Chile quake/);
  });
});

describe('character sets of pages', () => {
  it('decodes a windows-1252 page declared as ISO-8859-1 without mojibake', () => {
    const latin = page.replace('<meta charset="utf-8">', '<meta charset="ISO-8859-1">');
    const d = draftOf(readDocument(iconv.encode(latin, 'windows-1252'), { name: 'latin.html' })[0]);
    expect(d.paragraphs).toEqual(storyParagraphs);
    expect(d.paragraphs.join(' ')).toContain('Juan Fernández Islands');
  });

  it('decodes a UTF-16 page with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page, 'utf-16le')]);
    expect(draftOf(readDocument(bytes, { name: 'utf16.html' })[0]).paragraphs).toEqual(storyParagraphs);
  });
});

describe('HTML fragments', () => {
  it('reads a page saved as bare paragraphs', () => {
    const seed = readFileSync(fileURLToPath(new URL('../../test/fixtures/seeds/000_74bfdcc74ec9356c.txt', import.meta.url)), 'utf8');
    const paras = seed.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean).slice(1, 5);
    const d = draftOf(readDocument(Buffer.from(paras.map((p) => `<p>${p}</p>`).join('\n')), { name: 'frag.html' })[0]);
    expect(d.paragraphs).toEqual(paras);
  });
});

describe('pages that hold no article', () => {
  it('fails a login page instead of storing its title and "Home" as an article', () => {
    const items = readDocument(readFileSync(`${FIX}noarticle.html`), { name: 'noarticle.html' });
    expect(items).toEqual([{ ok: false, input: 'noarticle.html', reason: noArticle(0) }]);
  });

  it('fails a news page whose story is a paywall notice, counting only the words outside links and forms', () => {
    const paywall = withStory('<p>Subscribe to continue reading. Already a subscriber? <a href="/login">Sign in</a></p><form><label>E-mail address</label><input name="e"><button>Subscribe</button></form>');
    expect(readHtml(paywall, { name: 'paywall.html' })).toMatchObject({ ok: false, reason: noArticle(7) });
  });

  it('still reads a real article of one short sentence among all the page chrome', () => {
    const brief = 'The two plates are converging at a rate of 80 millimeters per year.';
    const d = draftOf(readHtml(withStory(`<p>${brief}</p>`), { name: 'brief.html' }));
    expect(d.paragraphs).toContain(brief);
    expect(d.headline).toBe('8.8 magnitude earthquake hits Chile; tsunami warnings issued throughout Pacific rim');
  });

  it('takes the JSON-LD articleBody when the page body is only links (a script-rendered page)', () => {
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: 'Chile earthquake', articleBody: storyParagraphs.join('\n\n') });
    const menu = ['Home', 'World', 'Politics', 'Science', 'Sign in', 'Subscribe'].map((m) => `<a href="/${m}">${m}</a>`).join(' ');
    const shell = `<!DOCTYPE html><html><head><title>Chile earthquake</title><script type="application/ld+json">${ld}</script></head><body><div id="app">${menu}</div></body></html>`;
    expect(draftOf(readHtml(shell, { name: 'shell.html' })).paragraphs).toEqual(storyParagraphs);
  });
});

describe('unreadable page dates', () => {
  it('stores the page undated with a warning naming the first date it could not read', () => {
    const bad = page
      .replace('"datePublished": "2010-02-27T14:05:00-03:00"', '"datePublished": "last Saturday afternoon"')
      .replace('content="2010-02-27T17:05:00Z"', 'content="sometime in February"')
      .replace('datetime="2010-02-27T17:05:00Z"', 'datetime=""');
    expect(readHtml(bad, { name: 'bad.html' })).toMatchObject({
      ok: true,
      draft: { published: null, paragraphs: storyParagraphs },
      warnings: ['JSON-LD datePublished "last Saturday afternoon" is not a date; stored undated'],
    });
  });

  it('uses the next date the page states when one is unreadable, without a warning', () => {
    const r = readHtml(page.replace('"datePublished": "2010-02-27T14:05:00-03:00"', '"datePublished": "2099-02-27T14:05:00Z"'), { name: 'x.html' });
    expect(r).toMatchObject({ ok: true, draft: { published: '2010-02-27T17:05:00.000Z' } });
    expect(r).not.toHaveProperty('warnings');
    expect(readHtml(page, { name: 'news-page.html' })).not.toHaveProperty('warnings');
  });
});
