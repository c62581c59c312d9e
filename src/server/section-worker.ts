/**
 * Worker thread that computes story sections (brief, entities, comparison) off the server's event
 * loop; see offload.ts. Messages in: `{ id, kind, articles, arg }`; out: `{ id, ok, value }` or
 * `{ id, ok: false, error }`. The providers and their caches are the in-process ones
 * (`defaultSections()`), created once per worker.
 */
import { parentPort } from 'node:worker_threads';
import type { Article } from '../types.js';
import { defaultSections } from './sections.js';

export type SectionKind = 'brief' | 'entities' | 'comparison';

export interface SectionRequest {
  id: number;
  kind: SectionKind;
  articles: Article[];
  arg: unknown;
}

export type SectionReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

const sections = defaultSections();

async function compute(req: SectionRequest): Promise<unknown> {
  switch (req.kind) {
    case 'brief':
      return sections.brief!(req.articles, req.arg as Parameters<NonNullable<typeof sections.brief>>[1]);
    case 'entities':
      return sections.entities!(req.articles, req.arg as string);
    case 'comparison':
      return sections.comparison!(req.articles, req.arg as Parameters<NonNullable<typeof sections.comparison>>[1]);
  }
}

parentPort?.on('message', (req: SectionRequest) => {
  compute(req).then(
    (value) => parentPort!.postMessage({ id: req.id, ok: true, value } satisfies SectionReply),
    (e: unknown) => parentPort!.postMessage({ id: req.id, ok: false, error: (e as Error)?.message ?? String(e) } satisfies SectionReply),
  );
});
