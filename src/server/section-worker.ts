/**
 * Worker thread that computes story sections (brief, comparison) off the server's event loop;
 * see offload.ts. Messages in: `{ id, kind, articles, arg }`; out: `{ id, ok, value }` or
 * `{ id, ok: false, error }`. The providers are the in-process ones (`computedSections()`).
 */
import { parentPort } from 'node:worker_threads';
import type { Article } from '../types.js';
import { computedSections } from './sections.js';

export type SectionKind = 'brief' | 'comparison';

export interface SectionRequest {
  id: number;
  kind: SectionKind;
  articles: Article[];
  arg: unknown;
}

export type SectionReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

const sections = computedSections();

async function compute(req: SectionRequest): Promise<unknown> {
  switch (req.kind) {
    case 'brief':
      return sections.brief!(req.articles, req.arg as Parameters<NonNullable<typeof sections.brief>>[1]);
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
