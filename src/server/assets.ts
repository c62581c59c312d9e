/**
 * The web UI's static assets, built into the package as strings so that the server needs no
 * files beside it, no build step for the browser and no internet access (no CDN, no web fonts).
 *
 * - CSS: hand-written; system font stacks; a 1.6 line height and ~68-character measure for
 *   article text; one column on phones, more where there is room; light and dark schemes from
 *   `prefers-color-scheme`. Every style lives here: the Content-Security-Policy forbids inline
 *   styles, so templates use classes only (SVG uses presentation attributes and classes).
 * - JS: progressive enhancement only. Citation markers are links to `#cite-…` targets that CSS
 *   reveals with `:target`, so citations work without JavaScript; the script turns them into
 *   toggles (several open at once, Escape closes) and keeps `aria-expanded` accurate.
 *
 * Assets are served under a content-hashed path (`/assets/<hash>/app.css`) with a one-year
 * immutable cache, so a new release never shows a stale stylesheet.
 */
import { createHash } from 'node:crypto';

export const CSS = String.raw`
:root {
  --bg: #fbfaf7; --fg: #1d1d1f; --muted: #5d5d66; --line: #dedbd2; --card: #ffffff;
  --accent: #0b5cad; --accent-soft: #e6f0fa; --mark: #fff1a8; --warn: #8a4b00;
  --copy: #b3261e; --reuses: #c26a00; --shares: #00838f; --credit: #2e7d32; --licence: #6a4fb3;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #16171a; --fg: #e8e6e1; --muted: #a3a3ad; --line: #34363c; --card: #1e2024;
    --accent: #7ab4ff; --accent-soft: #1d2b3d; --mark: #5c4d00; --warn: #ffb74d;
    --copy: #ff8a80; --reuses: #ffb74d; --shares: #4dd0e1; --credit: #81c784; --licence: #b39ddb; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 17px/1.55 var(--sans); }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 3px; }
mark { background: var(--mark); color: inherit; padding: 0 0.1em; border-radius: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 0.5rem; top: 0.5rem; background: var(--card); padding: 0.4rem 0.7rem; z-index: 10; }

.site-head { border-bottom: 1px solid var(--line); background: var(--card); }
.site-head .wrap { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; align-items: center; padding-top: 0.7rem; padding-bottom: 0.7rem; }
.brand { font: 700 1.25rem/1 var(--serif); color: var(--fg); text-decoration: none; letter-spacing: 0.01em; }
.brand span { color: var(--accent); }
.site-search { display: flex; flex: 1 1 16rem; gap: 0.4rem; max-width: 32rem; margin-left: auto; }
.site-search input { flex: 1; min-width: 0; }
input[type=search], input[type=text] { font: inherit; padding: 0.45rem 0.6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
button, .button { font: inherit; padding: 0.45rem 0.9rem; border: 1px solid var(--accent); border-radius: 6px; background: var(--accent); color: var(--bg); cursor: pointer; text-decoration: none; }
.wrap { max-width: 72rem; margin: 0 auto; padding-left: 1rem; padding-right: 1rem; }
main.wrap { padding-top: 1.2rem; padding-bottom: 3rem; }
.site-foot { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85rem; }
.site-foot .wrap { padding-top: 1rem; padding-bottom: 1.5rem; }

h1, h2, h3 { font-family: var(--serif); line-height: 1.2; }
h1 { font-size: clamp(1.6rem, 1.2rem + 2vw, 2.4rem); margin: 0.2rem 0 0.5rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.08rem; margin: 0 0 0.3rem; }
.meta { color: var(--muted); font-size: 0.9rem; }
.meta > * + *::before { content: " · "; }
.lede { font: 1.08rem/1.6 var(--serif); margin: 0.35rem 0 0.5rem; }
.note { color: var(--muted); font-size: 0.92rem; }
.empty { padding: 2rem 1rem; text-align: center; color: var(--muted); border: 1px dashed var(--line); border-radius: 8px; }
.chips { display: flex; flex-wrap: wrap; gap: 0.3rem; padding: 0; margin: 0.4rem 0 0; list-style: none; }
.chip { font-size: 0.8rem; padding: 0.1rem 0.55rem; border-radius: 999px; background: var(--accent-soft); color: var(--fg); white-space: nowrap; }
.chip b { font-weight: 600; }

/* Front page */
.stories { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.9rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 21rem), 1fr)); }
.story-card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 0.9rem 1rem 1rem; display: flex; flex-direction: column; }
.story-card h2 { font-size: 1.18rem; margin: 0.15rem 0 0.35rem; border: 0; padding: 0; }
.story-card h2 a { color: var(--fg); text-decoration: none; }
.story-card h2 a:hover { text-decoration: underline; }
.size { font-weight: 700; color: var(--accent); }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0 0 1rem; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1.5rem; }

/* Story page */
.toc { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; padding: 0; margin: 0.6rem 0 0; list-style: none; font-size: 0.92rem; }
.brief-controls { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: end; margin: 0 0 0.4rem; max-width: 46rem; }
.brief-controls label { flex: 1 1 16rem; display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); gap: 0.2rem; }
.brief-controls input[type=text] { color: var(--fg); }
.brief-length { margin: 0 0 0.8rem; }
.brief-wrap { display: grid; gap: 1rem 1.5rem; grid-template-columns: minmax(0, 46rem) minmax(14rem, 1fr); align-items: start; }
.brief { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 0.4rem 1.1rem; }
.sources h3 { font-family: var(--sans); font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin-top: 0.4rem; }
.sources ol { margin: 0; padding-left: 1.6rem; font-size: 0.92rem; }
.sources li { margin: 0 0 0.55rem; }
.sources li::marker { font-weight: 700; color: var(--accent); }
.untitled { font-style: italic; }
.brief ol { list-style: none; margin: 0; padding: 0; }
.brief li { font: 1.1rem/1.65 var(--serif); margin: 0.7rem 0; }
.cite { display: inline-block; min-width: 1.5rem; font: 600 0.78rem/1.2 var(--sans); text-align: center; vertical-align: 0.35em; text-decoration: none; padding: 0.15rem 0.3rem; margin-left: 0.15rem; border-radius: 5px; background: var(--accent-soft); }
.cite[aria-expanded=true] { background: var(--accent); color: var(--bg); }
.citation { display: none; font: 0.92rem/1.5 var(--sans); margin: 0.45rem 0 0.2rem; padding: 0.55rem 0.75rem; border-left: 3px solid var(--accent); background: var(--accent-soft); border-radius: 0 6px 6px 0; }
.citation:target, .citation.open { display: block; }
.citation blockquote { margin: 0.25rem 0 0; font-family: var(--serif); }
.outlets { display: grid; gap: 0.9rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr)); align-items: start; }
.outlet { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 0.7rem 0.9rem; }
.outlet > h3 { font-family: var(--sans); font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.outlet ul { list-style: none; margin: 0; padding: 0; }
.outlet li + li { border-top: 1px solid var(--line); margin-top: 0.6rem; padding-top: 0.6rem; }
.outlet .lead { font-size: 0.92rem; margin: 0.25rem 0 0; }
.outlet details { margin-top: 0.6rem; font-size: 0.92rem; }
.outlet details summary { cursor: pointer; color: var(--muted); }
.outlet ul.compact li + li { margin-top: 0.3rem; padding-top: 0.3rem; }
.compare-section { margin-bottom: 1.2rem; }
.compare-section ul { padding-left: 1.1rem; }
.compare-section li { margin: 0.5rem 0; }
.compare-section .chips { margin-top: 0.2rem; }
.compare-consensus > h3 { color: var(--credit); }
.compare-disagreements > h3 { color: var(--copy); }
.compare-section details summary { cursor: pointer; color: var(--muted); }
.prov-summary { margin: 0 0 0.8rem; padding-left: 1.2rem; }
.prov-more { margin: -0.4rem 0 0.8rem; }
.prov-more summary { cursor: pointer; color: var(--muted); }
.entities { display: grid; gap: 0.6rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr)); list-style: none; padding: 0; margin: 0; }
.entity { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 0.75rem; }
.entity .chip { white-space: normal; }
.minor-entities { margin-top: 0.9rem; }
.minor-entities summary { cursor: pointer; color: var(--muted); margin-bottom: 0.6rem; }
.entity .type { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }

/* Diagrams */
figure { margin: 0; }
.scroll-x { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--line); border-radius: 10px; background: var(--card); }
svg.graph { display: block; font: 12px var(--sans); max-width: none; }
svg.graph text { fill: var(--fg); }
svg.graph .lane-label { fill: var(--muted); font-weight: 600; }
svg.graph .lane-even { fill: transparent; }
svg.graph .lane-odd { fill: var(--accent-soft); opacity: 0.45; }
svg.graph .tl-guide { stroke: var(--line); stroke-width: 1; }
svg.graph .tl-tick line { stroke: var(--line); stroke-dasharray: 2 3; }
svg.graph .tl-tick text { fill: var(--muted); font-size: 11px; }
svg.graph .tl-dot { fill: var(--accent); stroke: var(--card); stroke-width: 2; }
svg.graph .tl-unknown { fill: var(--card); stroke: var(--accent); }
svg.graph a:hover circle, svg.graph a:focus circle { stroke: var(--fg); stroke-width: 2.5; }
svg.graph .node-article circle { fill: var(--accent); stroke: var(--card); stroke-width: 2; }
svg.graph .node-outside circle { fill: var(--card); stroke: var(--muted); stroke-dasharray: 2 2; }
svg.graph .node-article text { fill: var(--muted); font-size: 11px; }
svg.graph .node-source rect { fill: var(--card); }
svg.graph text.rim-label { fill: var(--fg); font-size: 12px; }
svg.graph-circle .edge { opacity: 0.75; }
svg.graph-circle .edge-w1 { stroke-width: 1.5; }
svg.graph-circle .edge-w2 { stroke-width: 2.5; }
svg.graph-circle .edge-w3 { stroke-width: 3.5; }
svg.graph-circle .edge-w4 { stroke-width: 4.5; }
svg.graph-circle .edge:hover { opacity: 1; }
svg.graph .node-source rect { fill: var(--card); stroke: var(--credit); stroke-width: 1.5; }
svg.graph .edge { fill: none; stroke-width: 2; }
svg.graph .edge-copy { stroke: var(--copy); }
svg.graph .edge-reuses { stroke: var(--reuses); stroke-dasharray: 6 4; }
svg.graph .edge-credit { stroke: var(--credit); stroke-dasharray: 2 3; }
svg.graph .edge-shares { stroke: var(--shares); stroke-dasharray: 1 3; stroke-linecap: round; stroke-width: 2.5; }
svg.graph .arrow-shares { fill: var(--shares); }
svg.graph .edge-licence { stroke: var(--licence); stroke-dasharray: 8 3 2 3; }
svg.graph .arrow-copy { fill: var(--copy); }
svg.graph .arrow-reuses { fill: var(--reuses); }
svg.graph .arrow-credit { fill: var(--credit); }
svg.graph .arrow-licence { fill: var(--licence); }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.4rem; }
.key::before { content: ""; display: inline-block; width: 1.6em; height: 0; border-top: 2px solid; vertical-align: middle; margin-right: 0.3em; }
.key-copy::before { border-color: var(--copy); }
.key-reuses::before { border-top-style: dashed; border-color: var(--reuses); }
.key-shares::before { border-top-style: dotted; border-color: var(--shares); }
.key-credit::before { border-top-style: dotted; border-color: var(--credit); }
.key-licence::before { border-top-style: dashed; border-color: var(--licence); }

/* Article page */
.article-text { max-width: 42rem; font: 1.12rem/1.7 var(--serif); }
.article-text p { margin: 0 0 1em; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; font-size: 0.92rem; margin: 0.8rem 0 1.4rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }

/* Search */
.results { list-style: none; padding: 0; margin: 0; }
.results li { padding: 0.8rem 0; border-bottom: 1px solid var(--line); }
.results .snippet { margin: 0.2rem 0 0; font-size: 0.95rem; }

@media (max-width: 40rem) {
  body { font-size: 16px; }
  .site-search { margin-left: 0; max-width: none; }
  h2 { margin-top: 1.6rem; }
  .brief { padding: 0.2rem 0.8rem; }
  .brief li { font-size: 1.04rem; }
  .brief-wrap { grid-template-columns: minmax(0, 1fr); }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dt { margin-top: 0.4rem; }
}
@media print { .site-head, .site-foot, .toc, .pager { display: none; } .citation { display: block; } }
`;

/** Client script (ES2017, no dependencies). Kept free of backticks so it can live in a template string. */
export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  function panelFor(link) {
    var id = link.getAttribute('aria-controls');
    return id ? document.getElementById(id) : null;
  }
  function setOpen(link, open) {
    var panel = panelFor(link);
    if (!panel) return;
    panel.classList.toggle('open', open);
    link.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    var link = t && t.closest ? t.closest('a.cite') : null;
    if (!link) return;
    ev.preventDefault();
    setOpen(link, link.getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Escape') return;
    var open = document.querySelectorAll('a.cite[aria-expanded="true"]');
    for (var i = 0; i < open.length; i++) setOpen(open[i], false);
  });
  // A page opened at #cite-… (shared link) shows that citation through :target; mark it open too.
  if (location.hash.indexOf('#cite-') === 0) {
    var l = document.querySelector('a.cite[aria-controls="' + location.hash.slice(1) + '"]');
    if (l) setOpen(l, true);
  }
})();
`;

/** The site icon: a stylised pair of offset lenses ("parallax"). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5cad"/><circle cx="13" cy="16" r="7" fill="none" stroke="#fff" stroke-width="3"/><circle cx="20" cy="16" r="7" fill="none" stroke="#9cc8ff" stroke-width="3"/></svg>`;

function hash(s: string): string {
  return createHash('sha1').update(s).digest('hex').slice(0, 10);
}

/** A built-in asset with its content type and hashed URL. */
export interface Asset {
  path: string;
  contentType: string;
  body: string;
}

/** All assets by hashed path. */
export const ASSETS: Record<'css' | 'js' | 'icon', Asset> = {
  css: { path: `/assets/${hash(CSS)}/app.css`, contentType: 'text/css; charset=utf-8', body: CSS },
  js: { path: `/assets/${hash(CLIENT_JS)}/app.js`, contentType: 'text/javascript; charset=utf-8', body: CLIENT_JS },
  icon: { path: `/assets/${hash(FAVICON_SVG)}/icon.svg`, contentType: 'image/svg+xml', body: FAVICON_SVG },
};
