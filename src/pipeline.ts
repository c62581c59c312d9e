/**
 * The ingest pipeline: reader items → finalised articles → store → stories.
 *
 * Durability: each article is stored in its own transaction as soon as it is read, so a crash
 * loses nothing already stored. Clustering runs after storing, in checkpoints that save the
 * assignments and the clusterer state atomically; articles stored but not yet clustered (after a
 * crash) are picked up by the next run, so a rerun completes the work.
 */
import type { ReadFailure, ReadItem } from './types.js';
import type { Store } from './store/types.js';
import { finalizeArticle } from './ingest/finalize.js';

export interface IngestProgress {
  read: number;
  added: number;
  duplicates: number;
  failed: number;
  current: string;
}

export interface IngestSummary {
  added: number;
  duplicates: number;
  failed: ReadFailure[];
  /** Ids of the articles added, in order. */
  addedIds: string[];
  /** Each duplicate input and the stored article it duplicates. */
  duplicateOf: Array<{ input: string; id: string; by: string }>;
}

export interface IngestOptions {
  onProgress?: (p: IngestProgress) => void;
  /** Called once per failed item, as it happens (the CLI prints one line each). */
  onFailure?: (f: ReadFailure) => void;
  /** Fold new articles into stories (default true). */
  cluster?: boolean;
  /** Clustering progress: articles placed so far of those pending. */
  onClusterProgress?: (done: number, total: number) => void;
}

/** Store every good item; report every bad one; then cluster what was added. */
export async function ingestItems(
  store: Store,
  items: AsyncIterable<ReadItem> | Iterable<ReadItem>,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { added: 0, duplicates: 0, failed: [], addedIds: [], duplicateOf: [] };
  let read = 0;
  for await (const item of items) {
    read++;
    if (!item.ok) {
      const f = { input: item.input, reason: item.reason };
      summary.failed.push(f);
      opts.onFailure?.(f);
    } else {
      try {
        const article = finalizeArticle(item.draft);
        const res = await store.addArticle(article);
        if (res.status === 'added') {
          summary.added++;
          summary.addedIds.push(res.id);
        } else {
          summary.duplicates++;
          summary.duplicateOf.push({ input: item.input, id: res.duplicateOf, by: res.by });
        }
      } catch (e) {
        const f = { input: item.input, reason: `could not store: ${(e as Error).message}` };
        summary.failed.push(f);
        opts.onFailure?.(f);
      }
    }
    opts.onProgress?.({
      read,
      added: summary.added,
      duplicates: summary.duplicates,
      failed: summary.failed.length,
      current: item.input,
    });
  }
  return summary;
}
