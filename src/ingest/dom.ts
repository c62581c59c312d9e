/**
 * HTML → paragraphs, shared by the HTML page reader (on Readability's output) and the feed
 * readers (on item content, which is HTML).
 *
 * A paragraph is the text of a block-level element (p, li, h1–h6, blockquote, td, …) or of a run
 * of inline content between blocks; `<br>` also ends one, since many CMSs separate paragraphs with
 * `<br><br>`. Whitespace is collapsed as a browser renders it. Non-content elements (script,
 * style, forms, media, figure captions) are skipped: captions describe a picture, not the story,
 * and would make two copies of the same text differ only by their photo credits.
 */
import { DOMParser } from 'linkedom';

/** Elements whose boundaries separate paragraphs. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LI', 'MAIN', 'NAV', 'OL',
  'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
/** Elements whose content is never article text. */
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'MATH', 'BUTTON', 'SELECT', 'OPTION', 'INPUT', 'TEXTAREA',
  'FIGCAPTION', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'PICTURE', 'IMG', 'HEAD', 'TITLE', 'META', 'LINK',
]);

/** Minimal structural view of a DOM node (linkedom's types are not exported in a usable form). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Collapse white space the way it renders. */
function squash(s: string): string {
  return s.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/**
 * Paragraph texts under `root`, in document order, each trimmed and non-empty.
 * Iterative (explicit stack) so that pathologically deep markup cannot overflow the call stack.
 */
export function paragraphsFromNode(root: unknown): string[] {
  const out: string[] = [];
  let buf = '';
  const flush = (): void => {
    const t = squash(buf);
    if (t) out.push(t);
    buf = '';
  };
  // Stack entries: a node to visit, or null meaning "a block element ends here".
  const stack: (DomNode | null)[] = [root as DomNode];
  while (stack.length) {
    const node = stack.pop();
    if (node === null) {
      flush();
      continue;
    }
    if (node === undefined) break;
    if (node.nodeType === 3) {
      buf += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    const block = BLOCK.has(name);
    if (block) {
      flush();
      stack.push(null);
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  flush();
  return out;
}

const parser = new DOMParser();

/** Parse an HTML string as a full document (linkedom). */
export function parseHtmlDocument(html: string): Document {
  return parser.parseFromString(html, 'text/html') as unknown as Document;
}

/**
 * Paragraphs of an HTML fragment (feed item content). Plain text without markup is split on blank
 * lines / newlines instead, since feeds also carry text content.
 */
export function fragmentParagraphs(html: string): string[] {
  if (!/[<&]/.test(html)) return splitPlain(html);
  const doc = parseHtmlDocument(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return paragraphsFromNode(doc.body);
}

function splitPlain(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n|\n/)
    .map(squash)
    .filter((p) => p.length > 0);
}

/**
 * Text of a short HTML-ish string (a title, an author): tags removed, entities decoded, white
 * space collapsed. Strings without `<` or `&` are returned collapsed without parsing.
 */
export function inlineText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  if (!/[<&]/.test(s)) return squash(s) || null;
  const doc = parseHtmlDocument(`<!DOCTYPE html><html><body><div>${s}</div></body></html>`);
  return squash(paragraphsFromNode(doc.body).join(' ')) || null;
}
