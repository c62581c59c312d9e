/**
 * The timeline of a story: when each outlet published its articles.
 *
 * Data: one row per outlet (ordered by the outlet's first article, so the row at the top broke
 * the story), each with its articles in time order. Articles without a publication date are
 * placed at their ingest time and flagged `timeKnown: false`, drawn hollow — leaving them out
 * would hide coverage, and presenting the ingest time as a publication time would mislead.
 *
 * Drawing: a server-rendered SVG strip chart on a linear time axis. Linear (not rank) spacing is
 * the point of a timeline: a reader sees that one outlet followed up days later.
 */
import type { Article } from '../types.js';
import { articleTime, outletLabel } from './provenance.js';
import { html, type SafeHtml } from './html.js';

/**
 * @example { outlet: 'Tehran Times', articles: [{ id: '632889e61b552585', time: '2017-07-23T00:00:00.000Z', timeKnown: true, headline: null }] }
 */
export interface TimelineRow {
  outlet: string;
  articles: Array<{ id: string; time: string; timeKnown: boolean; headline: string | null }>;
}

export function buildTimeline(members: Article[]): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  const sorted = [...members].sort((a, b) => (articleTime(a) < articleTime(b) ? -1 : articleTime(a) > articleTime(b) ? 1 : a.id < b.id ? -1 : 1));
  for (const a of sorted) {
    const label = outletLabel(a);
    let row = rows.get(label);
    if (!row) rows.set(label, (row = { outlet: label, articles: [] }));
    row.articles.push({ id: a.id, time: articleTime(a), timeKnown: a.published !== null, headline: a.headline });
  }
  return [...rows.values()];
}

const DAY = 86_400_000;

/** Axis tick spacing: the smallest "nice" step giving at most ~6 ticks over the span. */
function tickStep(span: number): number {
  const steps = [3_600_000, 6 * 3_600_000, DAY, 7 * DAY, 30 * DAY, 91 * DAY, 365 * DAY, 5 * 365 * DAY];
  return steps.find((s) => span / s <= 6) ?? 10 * 365 * DAY;
}

function tickLabel(ms: number, step: number): string {
  const iso = new Date(ms).toISOString();
  if (step < DAY) return iso.slice(5, 16).replace('T', ' ');
  if (step >= 365 * DAY) return iso.slice(0, 4);
  if (step >= 30 * DAY) return iso.slice(0, 7);
  return iso.slice(0, 10);
}

function clip(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

/** Draw the rows; null when there is no article. */
export function timelineSvg(rows: TimelineRow[]): SafeHtml | null {
  const all = rows.flatMap((r) => r.articles.map((a) => Date.parse(a.time)));
  if (all.length === 0) return null;
  const LABEL_W = 150;
  const PLOT_W = 560;
  const ROW_H = 30;
  const TOP = 10;
  const AXIS_H = 28;
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (max - min < 3_600_000) {
    // A story whose articles share one timestamp: centre them in a one-day window.
    min -= DAY / 2;
    max += DAY / 2;
  }
  const pad = (max - min) * 0.04;
  min -= pad;
  max += pad;
  const x = (ms: number) => LABEL_W + ((ms - min) / (max - min)) * PLOT_W;
  const height = TOP + rows.length * ROW_H + AXIS_H;
  const width = LABEL_W + PLOT_W + 20;
  const step = tickStep(max - min);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  const axisY = TOP + rows.length * ROW_H;
  const rowEls = rows.map((r, i) => {
    const y = TOP + i * ROW_H + ROW_H / 2;
    return html`<g class="tl-row"><text x="8" y="${y + 4}" class="lane-label">${clip(r.outlet, 22)}</text><line x1="${LABEL_W}" x2="${LABEL_W + PLOT_W}" y1="${y}" y2="${y}" class="tl-guide"/>${r.articles.map(
      (a) =>
        html`<a href="/articles/${a.id}"><circle cx="${x(Date.parse(a.time)).toFixed(1)}" cy="${y}" r="6" class="${a.timeKnown ? 'tl-dot' : 'tl-dot tl-unknown'}"/><title>${r.outlet} · ${a.time.slice(0, 16).replace('T', ' ')}${a.timeKnown ? '' : ' (ingest time; no publication date)'}${a.headline ? ` · ${a.headline}` : ''}</title></a>`,
    )}</g>`;
  });
  const tickEls = ticks.map(
    (t) => html`<g class="tl-tick"><line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP}" y2="${axisY + 4}"/><text x="${x(t).toFixed(1)}" y="${axisY + 18}" text-anchor="middle">${tickLabel(t, step)}</text></g>`,
  );
  const unknown = rows.some((r) => r.articles.some((a) => !a.timeKnown));
  return html`<figure class="timeline"><div class="scroll-x"><svg class="graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Timeline of ${all.length} articles from ${rows.length} outlets">${tickEls}${rowEls}</svg></div>${unknown ? html`<figcaption>Hollow dots: no publication date; placed at the time the article was stored.</figcaption>` : ''}</figure>`;
}
