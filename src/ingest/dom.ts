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
 * Elements whose text is page furniture rather than prose: links (menus, "Home", "Sign in",
 * related-story lists), navigation, and forms with their labels. Readability already drops most of
 * them by class, role and link density; this set is for measuring what is left (see
 * {@link proseParagraphs}), never for cutting stored text, whose in-sentence links are part of it.
 */
const NOT_PROSE = new Set([...SKIP, 'A', 'NAV', 'FORM', 'LABEL']);

/**
 * Paragraph texts under `root`, in document order, each trimmed and non-empty. `skip` names the
 * elements left out (default: those never holding article text).
 * Iterative (explicit stack) so that pathologically deep markup cannot overflow the call stack.
 */
export function paragraphsFromNode(root: unknown, skip: ReadonlySet<string> = SKIP): string[] {
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
    if (skip.has(name)) continue;
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

/** Words in `text`: runs of letters and digits, joined by inner apostrophes, hyphens, points ("U.S.", "6.1", "al-Hayali"). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/**
 * The running text under `root`: {@link paragraphsFromNode} without links, navigation and forms
 * (see {@link NOT_PROSE}) — what a page offers to read, as opposed to click or fill in.
 *
 * @example proseParagraphs(parseHtmlDocument('<form><label>User</label><input></form><a href="/">Home</a><p>Text.</p>').body) // ['Text.']
 */
export function proseParagraphs(root: unknown): string[] {
  return paragraphsFromNode(root, NOT_PROSE);
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
