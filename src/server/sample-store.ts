/**
 * Fill a store with the bundled sample corpus (`samples/`: 100 Wikinews articles on 10 events and
 * the two seed reports) through the real ingest pipeline — readers, store, dedupe, clustering.
 * Used by the server's API tests, the browser test and the serve benchmark, so they all exercise
 * what `parallax demo` produces rather than hand-made rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleDir } from '../cli/commands/ingest.js';
import { readDocument } from '../ingest/sources.js';
import { ingestItems, type IngestSummary } from '../pipeline.js';
import type { Store } from '../store/types.js';
import type { ReadItem } from '../types.js';

/** Every file of the given directories, read as documents, in sorted path order. */
export function readSampleFiles(dirs: string[]): ReadItem[] {
  const items: ReadItem[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || /\.md$/i.test(name)) continue;
      const path = join(dir, name);
      items.push(...readDocument(readFileSync(path), { name: path }));
    }
  }
  return items;
}

/** Ingest the sample corpus (plus any extra documents) into `store`. */
export async function loadSamples(store: Store, extra: ReadItem[] = []): Promise<IngestSummary> {
  const dir = sampleDir();
  // a finished collection: its stories get the end-of-batch checks, as `parallax ingest` gives them
  return ingestItems(store, [...readSampleFiles([join(dir, 'wikinews'), join(dir, 'seeds')]), ...extra], { endBatch: true });
}
