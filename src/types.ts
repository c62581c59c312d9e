/**
 * Plain data types passed between the pipeline stages.
 *
 * Every stage (ingest → dedupe → cluster → entities → summarize → compare) reads and returns these
 * shapes only; no stage reaches into another's internals. They are JSON-serialisable on purpose so
 * that the store, the HTTP API and the CLI `--json` output can carry them unchanged.
 */

/** How an article reached us. */
export type InputFormat =
  | 'text'
  | 'html'
  | 'rss'
  | 'atom'
  | 'rdf'
  | 'jsonfeed'
  | 'json'
  | 'jsonl'
  | 'newsplease';

/** The publisher of an article. Either part may be unknown. */
export interface Outlet {
  /** Human name, e.g. "Tehran Times". */
  name: string | null;
  /** Registrable host without "www.", e.g. "tehrantimes.com". */
  domain: string | null;
}

/**
 * A hint about where an article's content came from, kept for provenance work.
 *
 * @example { kind: 'credit', source: 'Tasnim', text: 'Tasnim news agency reported' }
 * @example { kind: 'dateline', source: 'TEHRAN', text: 'TEHRAN –' }
 * @example { kind: 'licence', source: 'Mehr News Agency', text: 'All Content by Mehr News Agency is licensed under …' }
 */
export interface Attribution {
  kind: 'credit' | 'dateline' | 'licence';
  /** The credited agency / outlet, or the dateline place. */
  source: string;
  /** The exact text the hint was found in (a short span). */
  text: string;
}

/**
 * What a reader produces: an article as found in its source, before the ingest pipeline gives it an
 * id, a content hash, a language and attribution hints.
 */
export interface ArticleDraft {
  /** The source's own identifier (JSON `id`, feed `guid`), if any. */
  externalId: string | null;
  headline: string | null;
  /** True when the headline was not given by the source but derived (e.g. from the first sentence). */
  headlineDerived: boolean;
  /** Body text as paragraphs, each trimmed and non-empty. */
  paragraphs: string[];
  url: string | null;
  canonicalUrl: string | null;
  outlet: Outlet;
  authors: string[];
  /** ISO-8601 UTC (`2017-07-23T10:00:00.000Z`), or null when the source gives no usable date. */
  published: string | null;
  /** Language the source declares (BCP-47-ish), if any; the pipeline detects one when absent. */
  language: string | null;
  format: InputFormat;
}

/** A stored article. */
export interface Article extends ArticleDraft {
  /** Stable id: 16 hex chars of SHA-256 over the canonical URL, else over the normalised text. */
  id: string;
  /** 16 hex chars of SHA-256 over the normalised body text; equal hashes mean the same text. */
  contentHash: string;
  /** ISO-8601 UTC time the article entered this store. */
  ingestedAt: string;
  attributions: Attribution[];
}

/** One input (file, URL, feed item, JSONL line) that could not be read. */
export interface ReadFailure {
  /** Names the item: a path, a URL, `file.jsonl:17`, `feed.xml#item3`. */
  input: string;
  /** One clear sentence saying what is wrong. */
  reason: string;
}

/** What a reader yields for each item it finds. */
export type ReadItem =
  | {
      ok: true;
      input: string;
      draft: ArticleDraft;
      /**
       * What was wrong with a usable item, one clear sentence each: a field dropped because it
       * could not be read ("published date 'not a date' is not a date; stored undated"). The
       * article is stored; the caller reports each warning (the CLI: one line on stderr).
       */
      warnings?: string[];
    }
  | ({ ok: false } & ReadFailure);

/** Relation between two articles found by the dedupe stage. */
export interface ArticleRelation {
  /** The article that appeared later (or the one reusing text). */
  from: string;
  /** The earlier article / the source of the reused text. */
  to: string;
  /** `copy`: estimated Jaccard ≥ 0.9; `reuses`: a substantial share of `from` occurs in `to`. */
  kind: 'copy' | 'reuses';
  /** Estimated Jaccard similarity of the two shingle sets (copy) or containment of `from` in `to`. */
  score: number;
}

/** Summary of a story as listed by `parallax stories`. */
export interface StorySummary {
  id: string;
  size: number;
  outlets: string[];
  first_seen: string | null;
  last_seen: string | null;
  headline: string;
}
