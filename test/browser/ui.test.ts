/**
 * Browser test of the web UI: Debian's chromium driven by playwright-core against a real server
 * on 127.0.0.1 holding the sample corpus (plus the XSS fixture). Screenshots go to
 * `test-artifacts/browser/` (git-ignored) for people to look at. Skips when /usr/bin/chromium is
 * absent (CI installs it with apt-get).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonDocument } from '../../src/ingest/interchange.js';
import { createServer } from '../../src/server/app.js';
import { loadSamples } from '../../src/server/sample-store.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-artifacts/browser');
const XSS = join(ROOT, 'test/fixtures/server/xss.jsonl');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

describe.skipIf(!existsSync(CHROMIUM))('web UI in chromium', { timeout: 120_000 }, () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let seedStory: string;
  /** Console errors, page errors (CSP violations show up here) and dialogs (an executed alert()). */
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-browser-'));
    store = openStore(join(dir, 'ui.db'));
    await loadSamples(store, readJsonDocument(readFileSync(XSS, 'utf8'), XSS));
    const [seed] = await store.listArticles({ q: 'Hiyali' });
    seedStory = (await store.storyOfArticle(seed.id))!;
    app = createServer({ store, allowedHosts: ['127.0.0.1'] });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string, viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const res = await page.goto(base + path);
    expect(res?.status(), path).toBe(200);
    return page;
  }

  it('front page lists the sample stories (desktop and phone)', async () => {
    const page = await open('/');
    const cards = page.locator('.story-card');
    expect(await cards.count()).toBeGreaterThan(5);
    await expect.poll(() => page.locator(`.story-card a[href="/stories/${seedStory}"]`).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'front-desktop.png'), fullPage: true });
    const phone = await open('/', PHONE);
    // Nothing wider than the phone screen: no horizontal scrolling of the page itself.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(SHOTS, 'front-phone.png') });
    await phone.screenshot({ path: join(SHOTS, 'front-phone-full.png'), fullPage: true });
    await page.close();
    await phone.close();
  });

  it('opens the seeds story: both outlets side by side, brief, timeline', async () => {
    const page = await open('/');
    await page.locator(`.story-card a[href="/stories/${seedStory}"]`).click();
    await page.waitForURL(`**/stories/${seedStory}`);
    const reports = page.locator('#outlets .outlet li');
    expect(await reports.count()).toBe(2);
    expect(await page.locator('#timeline svg circle').count()).toBe(2);
    expect(await page.locator('#brief li .sentence').count()).toBeGreaterThan(0);
    expect(await page.locator('#comparison .compare-section').count()).toBeGreaterThan(0);
    expect(await page.locator('#provenance svg').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'story-desktop.png'), fullPage: true });
    const phone = await open(`/stories/${seedStory}`, PHONE);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(SHOTS, 'story-phone.png') });
    await phone.screenshot({ path: join(SHOTS, 'story-phone-full.png'), fullPage: true });
    await page.close();
    await phone.close();
  });

  it('reveals a citation: outlet and supporting sentence, closed again with Escape', async () => {
    const page = await open(`/stories/${seedStory}`);
    const marker = page.locator('#brief a.cite').first();
    const panel = page.locator(`#${await marker.getAttribute('aria-controls')}`);
    expect(await panel.isVisible()).toBe(false);
    await marker.click();
    expect(await panel.isVisible()).toBe(true);
    expect(await marker.getAttribute('aria-expanded')).toBe('true');
    const text = await panel.innerText();
    expect(text).toMatch(/read the article/);
    expect((await panel.locator('blockquote').innerText()).length).toBeGreaterThan(20);
    await page.screenshot({ path: join(SHOTS, 'citation-open.png'), fullPage: false, clip: { x: 0, y: 0, width: DESKTOP.width, height: DESKTOP.height } });
    await page.keyboard.press('Escape');
    expect(await panel.isVisible()).toBe(false);
    await page.close();
  });

  it('focuses the brief on a question typed into its form', async () => {
    const page = await open(`/stories/${seedStory}`);
    await page.locator('.brief-controls input[name=focus]').fill('border security');
    await page.locator('.brief-controls button').click();
    await page.waitForURL(/focus=border\+security/);
    expect(await page.locator('.brief-length').innerText()).toContain('focused on “border security”');
    const first = await page.locator('#brief li .sentence').first().innerText();
    expect(first).toMatch(/border/i);
    await page.close();
  });

  it('renders the story in the dark colour scheme', async () => {
    const page = await browser.newPage({ viewport: DESKTOP, colorScheme: 'dark' });
    await page.goto(`${base}/stories/${seedStory}`);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(251, 250, 247)');
    await page.screenshot({ path: join(SHOTS, 'story-dark.png') });
    await page.close();
  });

  it('opens an entity from the story: its name variants and stories', async () => {
    const page = await open(`/stories/${seedStory}`);
    await page.locator('#entities a', { hasText: 'Hossein Dehqan' }).first().click();
    await page.waitForURL('**/entities/**');
    expect(await page.locator('h1').innerText()).toBe('Hossein Dehqan');
    expect(await page.locator('.facts .chip').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Dehqan/)]));
    expect(await page.locator(`a[href="/stories/${seedStory}"]`).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'entity.png'), fullPage: true });
    await page.close();
  });

  it('runs a search from the header and highlights the match', async () => {
    const page = await open('/');
    await page.locator('header input[name=q]').fill('Shamkhani');
    await page.locator('header button[type=submit]').click();
    await page.waitForURL('**/search?q=Shamkhani');
    const hits = page.locator('ol.results li');
    expect(await hits.count()).toBe(1);
    expect(await hits.first().locator('mark').first().innerText()).toBe('Shamkhani');
    await page.screenshot({ path: join(SHOTS, 'search.png'), fullPage: true });
    await page.close();
  });

  it('shows the XSS fixture as text and never runs it', async () => {
    const [evil] = await store.listArticles({ q: 'pwned' });
    const page = await open(`/articles/${evil.id}`);
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('.article-text').innerText()).toContain("<script>document.title='pwned'</script>");
    expect(await page.locator('h1').innerText()).toContain('<img src=x onerror=alert(1)>');
    await page.screenshot({ path: join(SHOTS, 'xss-article.png'), fullPage: true });
    await page.close();
  });

  it('had no console errors, CSP violations or dialogs on any page', () => {
    expect(problems).toEqual([]);
  });
});
