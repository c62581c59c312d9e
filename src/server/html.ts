/**
 * The one HTML escaping helper every page, fragment and SVG drawing goes through.
 *
 * Why a tagged template rather than a template engine: the pages are small, server-rendered and
 * built from plain data, and a tagged template gives one rule that is easy to audit — *every*
 * interpolated value is escaped unless it is already {@link SafeHtml} (which only this module's
 * `html` tag and the explicitly named {@link trustedHtml} create). Article text, headlines, outlet
 * names and URLs from the store can therefore never become markup, whatever they contain
 * (`<script>`, `onerror=` attributes, `javascript:` links: see the XSS fixture test).
 *
 * @example
 *   const headline = '<img src=x onerror=alert(1)>';
 *   html`<h1 class="t">${headline}</h1>`.toString()
 *   // → '<h1 class="t">&lt;img src=x onerror=alert(1)&gt;</h1>'
 */

/** A string known to be well-formed, already-escaped HTML. Create it only through {@link html}. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for use in element content and in double- or single-quoted attribute values.
 * The five characters cover both contexts (the templates always quote attributes).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Values a template may interpolate. `null`, `undefined` and `false` render as nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** Tagged template: literal parts are markup, every interpolation is escaped (arrays joined). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * Mark a constant, program-authored string as markup (e.g. a fixed SVG path). Never pass data
 * that came from an article, a request or the store.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A link target from article data, or null when it is not safe to link to. Only absolute
 * `http:`/`https:` URLs pass: this is what turns a stored `javascript:` or `data:` URL inert
 * (the caller then shows the text without a link).
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Text with the given terms wrapped in `<mark>`, escaped everywhere else. Matching is
 * case-insensitive on whole words (the same notion of a word the full-text index uses), so the
 * highlight agrees with why the search matched.
 */
export function highlight(text: string, terms: string[]): SafeHtml {
  const wanted = new Set(terms.map((t) => t.toLowerCase()));
  if (wanted.size === 0) return html`${text}`;
  const parts: HtmlValue[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!wanted.has(m[0].toLowerCase())) continue;
    const at = m.index ?? 0;
    parts.push(text.slice(last, at), html`<mark>${m[0]}</mark>`);
    last = at + m[0].length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}
