import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, html, safeHref, trustedHtml } from './html.js';

describe('html escaping', () => {
  it('escapes every interpolated string, in content and in attributes', () => {
    const evil = `"><script>alert('x')</script>&`;
    const out = html`<a title="${evil}">${evil}</a>`.toString();
    expect(out).toBe('<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>');
  });

  it('does not double-escape nested templates and joins arrays', () => {
    const items = ['a<b', 'c&d'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.toString()).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
  });

  it('renders null, undefined and false as nothing, numbers as text', () => {
    expect(html`[${null}${undefined}${false}${0}${12.5}]`.toString()).toBe('[012.5]');
  });

  it('leaves only explicitly trusted markup unescaped', () => {
    expect(html`${trustedHtml('<br>')}${'<br>'}`.toString()).toBe('<br>&lt;br&gt;');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('safeHref', () => {
  it('passes http(s) URLs and refuses script, data and relative URLs', () => {
    expect(safeHref('https://www.tehrantimes.com/news/415563/Iran-Iraq')).toBe('https://www.tehrantimes.com/news/415563/Iran-Iraq');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHref('/relative/path')).toBeNull();
    expect(safeHref(null)).toBeNull();
  });
});

describe('highlight', () => {
  it('marks whole-word, case-insensitive matches and escapes the rest', () => {
    const text = 'Shamkhani met <b>al-Hiyali</b>; shamkhanis are not matched.';
    expect(highlight(text, ['shamkhani', 'hiyali']).toString()).toBe(
      '<mark>Shamkhani</mark> met &lt;b&gt;al-<mark>Hiyali</mark>&lt;/b&gt;; shamkhanis are not matched.',
    );
  });
});
