/**
 * Server-rendered pages. Each page is a function from plain data (the same objects the API
 * returns) to HTML, built with the `html` tagged template only, so every piece of text from the
 * store is escaped in exactly one place (see html.ts).
 *
 * The pages use no inline script or style (the Content-Security-Policy forbids both); the one
 * script is the asset that turns citation markers into toggles, and the pages work without it.
 */
import type { Article, ArticleRelation } from '../types.js';
import { ASSETS } from './assets.js';
import type { ArticleSummary, Page, SearchResult, StoryDetail, StoryListItem } from './data.js';
import { html, highlight, safeHref, type HtmlValue, type SafeHtml } from './html.js';
import { outletLabel, provenanceSvg } from './provenance.js';
import type { BriefSection, EntityDetail, EntitySection } from './sections.js';
import { timelineSvg } from './timeline.js';
import { plural } from '../text/plural.js';

/** Date and time for people: date only when the source gave only a date (time 00:00:00.000). */
export function displayTime(iso: string | null): string {
  if (!iso) return 'unknown time';
  if (/T00:00:00(\.000)?Z$/.test(iso)) return iso.slice(0, 10);
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function time(iso: string | null): SafeHtml {
  return iso ? html`<time datetime="${iso}">${displayTime(iso)}</time>` : html`<span>unknown time</span>`;
}

/** Calendar day of a time, for compact listings. */
function dayOf(iso: string | null): SafeHtml {
  return iso ? html`<time datetime="${iso}">${iso.slice(0, 10)}</time>` : html`<span>unknown date</span>`;
}

/** First and last day of a story, one day when they coincide. */
function daySpan(first: string | null, last: string | null): SafeHtml {
  if (!first) return html``;
  if (!last || first.slice(0, 10) === last.slice(0, 10)) return dayOf(first);
  return html`${dayOf(first)} – ${dayOf(last)}`;
}

/**
 * The title to show for an article: its headline, else the opening words of its text, marked as
 * such (a report without a headline is common for wire copy and must not look broken).
 */
function articleTitle(headline: string | null, lead: string): SafeHtml {
  if (headline) return html`${headline}`;
  const words = lead.length > 90 ? `${lead.slice(0, 89).replace(/\s\S*$/, '')}…` : lead;
  return html`<span class="untitled">${words}</span>`;
}

function span(first: string | null, last: string | null): SafeHtml {
  if (!first) return html``;
  if (!last || displayTime(first) === displayTime(last)) return time(first);
  return html`${time(first)} – ${time(last)}`;
}

/** The page frame: header with search, main content, footer with the attribution note. */
export function layout(opts: { title: string; body: HtmlValue; q?: string; description?: string }): string {
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${opts.title} · Parallax</title>
${opts.description ? html`<meta name="description" content="${opts.description}">` : ''}
<link rel="icon" href="${ASSETS.icon.path}" type="image/svg+xml">
<link rel="stylesheet" href="${ASSETS.css.path}">
<script src="${ASSETS.js.path}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-head"><div class="wrap">
<a class="brand" href="/">Parall<span>a</span>x</a>
<form class="site-search" action="/search" method="get" role="search">
<input type="search" name="q" value="${opts.q ?? ''}" placeholder="Search stories and articles" aria-label="Search stories and articles" maxlength="500">
<button type="submit">Search</button>
</form>
</div></header>
<main id="main" class="wrap">
${opts.body}
</main>
<footer class="site-foot"><div class="wrap">Parallax — stories grouped from many outlets, with cited briefs. Article texts belong to their publishers. Data as JSON: <a href="/api/openapi.json">API</a>.</div></footer>
</body>
</html>`}\n`;
}

function outletChips(outlets: string[], max = 6): SafeHtml {
  const shown = outlets.slice(0, max);
  return html`<ul class="chips" aria-label="Outlets">${shown.map((o) => html`<li class="chip">${o}</li>`)}${outlets.length > max ? html`<li class="chip">+${outlets.length - max} more</li>` : ''}</ul>`;
}

/** Front page: stories newest first (then larger first), with size, outlets and the brief's first sentence. */
export function frontPage(data: { page: Page<StoryListItem>; leads: Map<string, string>; filters: Record<string, string | number | undefined>; unclustered: number; articles: number }): string {
  const { page } = data;
  const active = Object.entries(data.filters).filter(([k, v]) => v !== undefined && k !== 'offset' && k !== 'limit');
  const pageLink = (offset: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of active) p.set(k, String(v));
    if (offset > 0) p.set('offset', String(offset));
    const s = p.toString();
    return s ? `/?${s}` : '/';
  };
  const cards = page.items.map(
    (s) => html`<li class="story-card">
<div class="meta"><span><span class="size">${s.size}</span> ${s.size === 1 ? 'article' : 'articles'}</span><span>${plural(s.outlet_count, 'outlet')}</span><span>${daySpan(s.first_seen, s.last_seen)}</span></div>
<h2><a href="${s.url}">${s.headline}</a></h2>
${data.leads.has(s.id) ? html`<p class="lede">${data.leads.get(s.id)!}</p>` : ''}
${outletChips(s.outlets)}
</li>`,
  );
  const empty =
    data.articles === 0
      ? html`<p class="empty">The database holds no articles yet. Load the sample corpus with <code>parallax demo</code>, or ingest your own with <code>parallax ingest</code>.</p>`
      : page.total === 0 && active.length
        ? html`<p class="empty">No story matches these filters. <a href="/">Show all stories</a>.</p>`
        : page.total === 0
          ? html`<p class="empty">${plural(data.articles, 'article')} stored, but none is grouped into a story yet.</p>`
          : '';
  const body = html`<h1>${active.length ? 'Stories matching your filters' : 'Current stories'}</h1>
<p class="meta"><span>${plural(page.total, 'story', 'stories')}</span>${data.unclustered ? html`<span>${plural(data.unclustered, 'article')} not yet grouped</span>` : ''}${active.map(([k, v]) => html`<span>${k}: ${String(v)}</span>`)}${active.length ? html`<span><a href="/">clear filters</a></span>` : ''}</p>
${empty}
${page.items.length ? html`<ol class="stories">${cards}</ol>` : ''}
<nav class="pager" aria-label="Pages">${page.offset > 0 ? html`<a href="${pageLink(Math.max(0, page.offset - page.limit))}">← Newer stories</a>` : html`<span></span>`}${page.next ? html`<a href="${pageLink(page.offset + page.limit)}">Older stories →</a>` : ''}</nav>`;
  return layout({ title: 'Current stories', body, description: 'Current news stories, each grouped from many outlets, with cited briefs.' });
}

/**
 * Citation numbering: each cited article gets one number, in order of first citation, so the
 * same number means the same article throughout the brief.
 */
/**
 * Page-size limits for very large stories (hundreds of articles). The API keeps everything; the
 * page shows what a reader can take in and says how much more there is. Without them the page of
 * the serve benchmark's 374-article story was 1.4 MB of HTML, too heavy for a phone.
 */
const PAGE_LIMITS = {
  /** Citation markers per brief sentence (the source article first, then by time). */
  citations: 8,
  /** Articles per outlet shown with their lead; the rest are listed by title. */
  outletLeads: 4,
  /** Articles per outlet listed at all. */
  outletArticles: 50,
  /** Entities shown in each of the two entity lists. */
  entities: 60,
  /** Items rendered per comparison section (some shown, the rest folded). */
  compareItems: 40,
};

function briefHtml(brief: BriefSection, members: Map<string, ArticleSummary>): SafeHtml {
  const number = new Map<string, number>();
  for (const s of brief.sentences) for (const c of s.citations.slice(0, PAGE_LIMITS.citations)) if (!number.has(c.articleId)) number.set(c.articleId, number.size + 1);
  const items = brief.sentences.map((s, i) => {
    const more = s.citations.length - PAGE_LIMITS.citations;
    const shown = s.citations.slice(0, PAGE_LIMITS.citations);
    const markers = shown.map((c) => {
      const n = number.get(c.articleId)!;
      const id = `cite-${i + 1}-${n}`;
      return html`<a class="cite" href="#${id}" aria-controls="${id}" aria-expanded="false" title="${c.outlet ?? 'unknown outlet'}">${n}</a>`;
    });
    const panels = shown.map((c) => {
      const n = number.get(c.articleId)!;
      const m = members.get(c.articleId);
      return html`<div class="citation" id="cite-${i + 1}-${n}" role="note"><strong>[${n}] ${c.outlet ?? m?.outletLabel ?? 'unknown outlet'}</strong>, ${c.published ?? m?.published ? time(c.published ?? m!.published) : 'no publication date'} · <a href="/articles/${c.articleId}">read the article</a><blockquote>${c.sentence}</blockquote></div>`;
    });
    return html`<li><span class="sentence">${s.text}</span>${markers}${more > 0 ? html` <span class="note">+${more} more reports</span>` : ''}${panels}</li>`;
  });
  const sources = [...number].map(([id, n]) => {
    const m = members.get(id);
    return html`<li value="${n}"><a href="/articles/${id}">${m ? articleTitle(m.headline, m.lead) : id}</a><div class="meta"><span>${m?.outletLabel ?? ''}</span><span>${m && !m.published ? 'no publication date' : time(m?.time ?? null)}</span></div></li>`;
  });
  return html`<div class="brief-wrap"><div class="brief"><ol>${items}</ol></div>
<aside class="sources" aria-label="Cited articles"><h3>${plural(number.size, 'cited article')}</h3><ol>${sources}</ol><p class="note">${brief.words} words. Select a number to see the supporting sentence.</p></aside></div>`;
}

/** One outlet's articles: the first few with their lead, the rest by title, then a count. */
function outletArticles(ids: string[], members: Map<string, ArticleSummary>): SafeHtml {
  const full = ids.slice(0, PAGE_LIMITS.outletLeads);
  const listed = ids.slice(PAGE_LIMITS.outletLeads, PAGE_LIMITS.outletArticles);
  const rest = ids.length - full.length - listed.length;
  return html`<ul>${full.map((id) => articleItem(members.get(id)!))}</ul>${
    listed.length
      ? html`<details><summary>${plural(listed.length + rest, 'more article')}</summary><ul class="compact">${listed.map((id) => {
          const m = members.get(id)!;
          return html`<li><a href="/articles/${id}">${articleTitle(m.headline, m.lead)}</a> <span class="note">${displayTime(m.time)}</span></li>`;
        })}</ul>${rest > 0 ? html`<p class="note">and ${rest} more (all are in the JSON)</p>` : ''}</details>`
      : ''
  }`;
}

function articleItem(m: ArticleSummary): SafeHtml {
  return html`<li><h3><a href="/articles/${m.id}">${articleTitle(m.headline, m.lead)}</a></h3><div class="meta"><span>${time(m.time)}</span><span>${plural(m.words, 'word')}</span>${m.published ? '' : html`<span>no publication date</span>`}</div><p class="lead">${m.lead}</p></li>`;
}

/**
 * Entities of a story, most mentioned first. Names mentioned once in a single article are often
 * incidental (a licence footer, a passing reference), so they are folded under a disclosure
 * rather than dropped: the reader can still find them.
 */
function entitiesHtml(list: EntitySection[], linkable: boolean): SafeHtml {
  const sorted = [...list].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  const card = (e: EntitySection) =>
    html`<li class="entity"><div class="type">${e.type}</div><h3>${linkable ? html`<a href="/entities/${encodeURIComponent(e.id)}">${e.name}</a>` : e.name}</h3><div class="meta"><span>${plural(e.mentions, 'mention')}</span><span>${plural(e.articles, 'article')}</span>${e.roles.length ? html`<span>${e.roles.join(', ')}</span>` : ''}${e.affiliations.length ? html`<span>${e.affiliations.join(', ')}</span>` : ''}</div>${
      e.variants.length > 1 ? html`<ul class="chips" aria-label="Name variants">${e.variants.map((v) => html`<li class="chip">${v.name} <b>${v.count}</b></li>`)}</ul>` : ''
    }</li>`;
  const main = sorted.filter((e) => e.mentions > 1 || e.articles > 1);
  const minor = sorted.filter((e) => !(e.mentions > 1 || e.articles > 1));
  const hidden = Math.max(0, main.length - PAGE_LIMITS.entities) + Math.max(0, minor.length - PAGE_LIMITS.entities);
  return html`${main.length ? html`<ul class="entities">${main.slice(0, PAGE_LIMITS.entities).map(card)}</ul>` : ''}${
    minor.length
      ? html`<details class="minor-entities"${main.length ? '' : html` open`}><summary>${plural(minor.length, 'name')} mentioned once</summary><ul class="entities">${minor.slice(0, PAGE_LIMITS.entities).map(card)}</ul></details>`
      : ''
  }${hidden ? html`<p class="note">${plural(hidden, 'more name')} not shown (all are in the JSON).</p>` : ''}`;
}

/**
 * The comparison module's provenance findings: the conclusion (estimated origins) first, then
 * the individual links, the first few shown and the rest folded.
 */
function provenanceSummary(lines: string[]): SafeHtml {
  const conclusion = lines.filter((l) => /^(Estimated origin|No shared passages)/.test(l));
  const links = lines.filter((l) => !conclusion.includes(l));
  const shown = links.slice(0, COMPARE_SHOWN);
  const rest = links.slice(COMPARE_SHOWN, PAGE_LIMITS.compareItems * 2);
  const unshown = links.length - shown.length - rest.length;
  return html`<ul class="prov-summary">${conclusion.map((l) => html`<li><strong>${l}</strong></li>`)}${shown.map((l) => html`<li>${l}</li>`)}</ul>${
    rest.length
      ? html`<details class="prov-more"><summary>${plural(rest.length + unshown, 'more link')}</summary><ul class="prov-summary">${rest.map((l) => html`<li>${l}</li>`)}</ul>${unshown ? html`<p class="note">and ${unshown} more (all are in the JSON)</p>` : ''}</details>`
      : ''
  }`;
}

/** Items shown per comparison section before the rest is folded away. */
const COMPARE_SHOWN = 8;

function comparisonHtml(s: NonNullable<StoryDetail['comparison']>['sections'][number]): SafeHtml {
  // In an "only in X" section every item has the same single outlet: the title already says it.
  const li = (it: (typeof s.items)[number]) =>
    html`<li>${it.text}${it.note ? html` <span class="note">(${it.note})</span>` : ''} ${s.kind === 'exclusive' ? '' : outletChips(it.outlets)}</li>`;
  const rest = s.items.slice(COMPARE_SHOWN, PAGE_LIMITS.compareItems);
  const unshown = s.items.length - Math.min(s.items.length, PAGE_LIMITS.compareItems);
  if (s.items.length === 0) return html`<p class="note compare-${s.kind ?? 'other'}"><strong>${s.title}.</strong> ${s.note ?? ''}</p>`;
  return html`<section class="compare-section compare-${s.kind ?? 'other'}"><h3>${s.title} <span class="note">(${s.items.length})</span></h3>${s.note ? html`<p class="note">${s.note}</p>` : ''}<ul>${s.items.slice(0, COMPARE_SHOWN).map(li)}</ul>${
    rest.length ? html`<details><summary>${rest.length + unshown} more</summary><ul>${rest.map(li)}</ul>${unshown ? html`<p class="note">and ${unshown} more (all are in the JSON)</p>` : ''}</details>` : ''
  }</section>`;
}

/** Story page: brief with citations, outlets side by side, timeline, comparison, provenance, entities. */
/**
 * The brief's controls: a question to focus it on and its length, as a plain GET form (the page
 * URL then says which brief it shows, and works without JavaScript).
 */
function briefControls(d: StoryDetail, brief: { words?: number; focus?: string; since?: string }): SafeHtml {
  const lengths: Array<[number | undefined, string]> = [
    [60, 'Short'],
    [undefined, 'Standard'],
    [200, 'Long'],
  ];
  const link = (words: number | undefined) => {
    const p = new URLSearchParams();
    if (words) p.set('words', String(words));
    if (brief.focus) p.set('focus', brief.focus);
    if (brief.since) p.set('since', brief.since);
    const q = p.toString();
    return `${d.url}${q ? `?${q}` : ''}#brief`;
  };
  return html`<form class="brief-controls" method="get" action="${d.url}#brief" role="search">
<label>Focus on a question <input type="text" name="focus" value="${brief.focus ?? ''}" maxlength="500" placeholder="e.g. what about border security?"></label>
${brief.words ? html`<input type="hidden" name="words" value="${brief.words}">` : ''}${brief.since ? html`<input type="hidden" name="since" value="${brief.since}">` : ''}<button type="submit">Focus</button>
</form>
<p class="meta brief-length">${lengths.map(([w, label]) =>
    (brief.words ?? undefined) === w ? html`<span><strong>${label}</strong></span>` : html`<span><a href="${link(w)}">${label}</a></span>`,
  )}${brief.focus ? html`<span>focused on “${brief.focus}” · <a href="${d.url}#brief">clear</a></span>` : ''}</p>`;
}

export function storyPage(d: StoryDetail, opts: { entityPages: boolean; brief?: { words?: number; focus?: string; since?: string } }): string {
  const members = new Map(d.members.map((m) => [m.id, m]));
  const timeline = timelineSvg(d.timeline);
  const provenance = provenanceSvg(d.provenance);
  const toc: Array<[string, string]> = [];
  if (d.brief) toc.push(['brief', 'Brief']);
  toc.push(['outlets', 'Coverage by outlet']);
  if (timeline) toc.push(['timeline', 'Timeline']);
  if (d.comparison?.sections.length) toc.push(['comparison', 'Comparison']);
  if (provenance || d.provenance.summary?.length) toc.push(['provenance', 'Provenance']);
  if (d.entities?.length) toc.push(['entities', 'People, organisations, places']);
  const body = html`<article class="story">
<div class="meta"><span>${plural(d.size, 'article')}</span><span>${plural(d.outlet_count, 'outlet')}</span><span>${span(d.first_seen, d.last_seen)}</span></div>
<h1>${d.headline}</h1>
${outletChips(d.outlets, 12)}
<nav aria-label="Sections"><ul class="toc">${toc.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul></nav>
${d.brief ? html`<section id="brief"><h2>Brief</h2>${briefControls(d, opts.brief ?? {})}${briefHtml(d.brief, members)}</section>` : ''}
<section id="outlets"><h2>Coverage by outlet</h2><div class="outlets">${d.by_outlet.map(
    (g) => html`<section class="outlet"><h3>${g.outlet} <span class="note">(${g.articles.length})</span></h3>${outletArticles(g.articles, members)}</section>`,
  )}</div></section>
${timeline ? html`<section id="timeline"><h2>Timeline</h2>${timeline}</section>` : ''}
${d.comparison?.sections.length ? html`<section id="comparison"><h2>Comparison</h2>${d.comparison.sections.map(comparisonHtml)}</section>` : ''}
${
  provenance || d.provenance.summary?.length
    ? html`<section id="provenance"><h2>Provenance</h2>${d.provenance.summary?.length ? provenanceSummary(d.provenance.summary) : ''}${
        provenance ? html`<p class="note">Arrows point from an article to where its text or information came from.</p>${provenance}` : ''
      }</section>`
    : ''
}
${d.entities?.length ? html`<section id="entities"><h2>People, organisations, places</h2>${entitiesHtml(d.entities, opts.entityPages)}</section>` : ''}
${d.unavailable?.length ? html`<p class="note">Not shown: ${d.unavailable.map((u) => `${u.section} (${u.reason})`).join('; ')}</p>` : ''}
<p class="note">As JSON: <a href="${d.api}">${d.api}</a></p>
</article>`;
  return layout({ title: d.headline, body, description: d.brief?.sentences[0]?.text });
}

/** One article in full, escaped; its source link only when it is an http(s) URL. */
export function articlePage(a: Article, story: string | null, relations: ArticleRelation[]): string {
  const href = safeHref(a.url);
  const canonical = a.canonicalUrl && a.canonicalUrl !== a.url ? a.canonicalUrl : null;
  const relItems = relations.map((r) => {
    const other = r.from === a.id ? r.to : r.from;
    const verb = r.from === a.id ? (r.kind === 'copy' ? 'is a copy of' : 'reuses text of') : r.kind === 'copy' ? 'is copied by' : 'has its text reused by';
    return html`<li>${verb} <a href="/articles/${other}">${other}</a> <span class="note">(${Math.round(r.score * 100)}%)</span></li>`;
  });
  const body = html`<article>
<div class="meta"><span>${outletLabel(a)}</span><span>${time(a.published)}</span>${story ? html`<span><a href="/stories/${encodeURIComponent(story)}">the story</a></span>` : ''}</div>
<h1>${a.headline ?? html`<span class="untitled">Report without a headline</span>`}</h1>
<dl class="facts">
<dt>Outlet</dt><dd>${outletLabel(a)}${a.outlet.domain && a.outlet.name ? html` (${a.outlet.domain})` : ''}</dd>
<dt>Published</dt><dd>${a.published ? time(a.published) : 'not given by the source'}</dd>
<dt>Stored</dt><dd>${time(a.ingestedAt)}</dd>
${a.authors.length ? html`<dt>By</dt><dd>${a.authors.join(', ')}</dd>` : ''}
${a.url ? html`<dt>Source</dt><dd>${href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${a.url}</a>` : html`${a.url} <span class="note">(not a web link)</span>`}</dd>` : ''}
${canonical ? html`<dt>Canonical</dt><dd>${canonical}</dd>` : ''}
<dt>Language</dt><dd>${a.language ?? 'unknown'}</dd>
<dt>Format</dt><dd>${a.format}</dd>
${a.attributions.length ? html`<dt>Attributions</dt><dd><ul class="chips">${a.attributions.map((h) => html`<li class="chip" title="${h.text}"><b>${h.kind}</b> ${h.source}</li>`)}</ul></dd>` : ''}
${relItems.length ? html`<dt>Related text</dt><dd><ul>${relItems}</ul></dd>` : ''}
<dt>Id</dt><dd><code>${a.id}</code> · <a href="/api/articles/${a.id}">JSON</a></dd>
</dl>
<div class="article-text">${a.paragraphs.map((p) => html`<p>${p}</p>`)}</div>
</article>`;
  return layout({ title: a.headline ?? `Report from ${outletLabel(a)}`, body });
}

/** An entity: its name variants, roles and the stories it occurs in. */
export function entityPage(e: EntityDetail, stories: StoryListItem[]): string {
  const body = html`<article>
<div class="meta"><span>${e.type}</span><span>${plural(e.mentions, 'mention')}</span><span>${plural(e.articles, 'article')}</span></div>
<h1>${e.name}</h1>
<dl class="facts">
<dt>Also written</dt><dd>${e.variants.length ? html`<ul class="chips">${e.variants.map((v) => html`<li class="chip">${v.name} <b>${v.count}</b></li>`)}</ul>` : '—'}</dd>
${e.roles.length ? html`<dt>Roles</dt><dd>${e.roles.join(', ')}</dd>` : ''}
${e.affiliations.length ? html`<dt>Affiliations</dt><dd>${e.affiliations.join(', ')}</dd>` : ''}
</dl>
<h2>Stories</h2>
${stories.length ? html`<ul class="results">${stories.map((s) => html`<li><a href="${s.url}">${s.headline}</a><div class="meta"><span>${plural(s.size, 'article')}</span><span>${plural(s.outlet_count, 'outlet')}</span><span>${span(s.first_seen, s.last_seen)}</span></div></li>`)}</ul>` : html`<p class="empty">No story mentions this entity.</p>`}
</article>`;
  return layout({ title: e.name, body });
}

/** Search page: the form, matching stories, then matching articles with highlighted snippets. */
export function searchPage(q: string, r: SearchResult | null): string {
  let results: HtmlValue = '';
  if (r) {
    const next = r.articles.next ? `/search?${new URLSearchParams({ q, offset: String(r.articles.offset + r.articles.limit) })}` : null;
    const prev = r.articles.offset > 0 ? `/search?${new URLSearchParams({ q, offset: String(Math.max(0, r.articles.offset - r.articles.limit)) })}` : null;
    results = html`
${r.stories.items.length && r.articles.offset === 0 ? html`<h2>Stories (${r.stories.total})</h2><ul class="results">${r.stories.items.map((s) => html`<li><a href="${s.url}">${highlight(s.headline, r.terms)}</a><div class="meta"><span>${plural(s.size, 'article')}</span><span>${plural(s.outlet_count, 'outlet')}</span><span>${span(s.first_seen, s.last_seen)}</span></div></li>`)}</ul>` : ''}
<h2>Articles (${r.articles.total})</h2>
${
  r.articles.items.length
    ? html`<ol class="results" start="${r.articles.offset + 1}">${r.articles.items.map(
        (a) => html`<li><a href="/articles/${a.id}">${a.headline ? highlight(a.headline, r.terms) : articleTitle(null, a.lead)}</a><div class="meta"><span>${a.outletLabel}</span><span>${time(a.time)}</span>${a.story ? html`<span><a href="/stories/${encodeURIComponent(a.story)}">story</a></span>` : ''}</div><p class="snippet">${highlight(a.snippet, r.terms)}</p></li>`,
      )}</ol>`
    : html`<p class="empty">No article contains ${r.terms.length > 1 ? 'all of these words' : 'this word'}.</p>`
}
<nav class="pager" aria-label="Pages">${prev ? html`<a href="${prev}">← Previous</a>` : html`<span></span>`}${next ? html`<a href="${next}">Next →</a>` : ''}</nav>`;
  }
  const body = html`<h1>${q ? html`Search: ${q}` : 'Search'}</h1>
${q ? '' : html`<p class="note">Type words to find in headlines and article text; every word must match.</p>`}
${results}`;
  return layout({ title: q ? `Search: ${q}` : 'Search', body, q });
}

/** An HTML error page (the API answers errors in JSON instead). */
export function errorPage(status: number, message: string): string {
  const title = status === 404 ? 'Not found' : status === 400 ? 'Bad request' : status === 501 ? 'Not available' : 'Something went wrong';
  return layout({ title, body: html`<h1>${title}</h1><p>${message}</p><p><a href="/">Back to the stories</a></p>` });
}
