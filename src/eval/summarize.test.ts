import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { evalRougeFiles, evalSummarize, formatRougeFiles, formatSummarizeEval, readClusters, summarizeClusters } from './summarize.js';

const FIX = 'test/fixtures/summarize';
/** ../shared beside the checkout (CI's layout), else the development machine's /work/shared. */
const ML = [resolve('../shared/data/multiling2011-en'), '/work/shared/data/multiling2011-en'].find((p) => existsSync(p)) ?? '';

describe('clusters, summaries and evaluation on the fixture cluster', () => {
  it('reads clusters and reports each bad line once', () => {
    const { clusters, failures } = readClusters(`${FIX}/mini-clusters.jsonl`);
    expect(clusters.map((c) => c.id)).toEqual(['M000-mini']);
    expect(clusters[0].articles.length).toBe(3);
    expect(clusters[0].query).toBe('How much money was donated?');
    expect(failures.map((f) => f.input)).toEqual([`${FIX}/mini-clusters.jsonl:2`, `${FIX}/mini-clusters.jsonl:3`]);
    expect(failures[0].reason).toMatch(/no "documents"/);
    expect(readClusters(`${FIX}/does-not-exist.jsonl`).failures[0].reason).toMatch(/cannot read file/);
  });

  it('summarizes each cluster within the word budget, one sentence a line', () => {
    const { summaries } = summarizeClusters(`${FIX}/mini-clusters.jsonl`, { words: 60 });
    expect(summaries.length).toBe(1);
    const lines = summaries[0].summary.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(summaries[0].summary.split(/\s+/).length).toBeLessThanOrEqual(60);
    // Wikinews date lines are not summary material.
    expect(summaries[0].summary).not.toMatch(/^(Satur|Thurs)day, January/m);
    const focused = summarizeClusters(`${FIX}/mini-clusters.jsonl`, { words: 60, focusFromQuery: true }).summaries[0].summary;
    expect(focused).toMatch(/donat/);
  });

  it('scores briefs against the references and formats a report', () => {
    const r = evalSummarize(`${FIX}/mini-clusters.jsonl`, { words: 100, peersPath: `${FIX}/mini-peers.jsonl` });
    expect(r.parallax.topics.length).toBe(1);
    const t = r.parallax.topics[0];
    expect(t.words).toBeLessThanOrEqual(100);
    expect(t.rouge2.recall).toBeGreaterThan(0);
    expect(t.rouge1.recall).toBeGreaterThan(t.rouge2.recall);
    expect(r.systems.map((s) => s.system)).toEqual(['lead']);
    expect(r.failures.some((f) => /no cluster with references has id "nope"/.test(f.reason))).toBe(true);
    const text = formatSummarizeEval(r);
    expect(text).toMatch(/ROUGE-2 R \/ P \/ F/);
    expect(text).toMatch(/^parallax\s+0\.\d{5}/m);
    expect(text).toMatch(/^lead\s+0\.\d{5}/m);
    expect(text).toMatch(/skipped .*mini-clusters.jsonl:3: line is not valid JSON/);
  });
});

describe.skipIf(!existsSync(`${ML}/clusters.jsonl`))('MultiLing 2011 English', () => {
  it('scores the ten systems as published (plain mean ROUGE-2 R of ID3 = 0.17356)', () => {
    const r = evalRougeFiles(`${ML}/peers.jsonl`, `${ML}/clusters.jsonl`);
    expect(r.systems.length).toBe(10);
    const id3 = r.systems.find((s) => s.system === 'ID3')!;
    expect(id3.topics.length).toBe(10);
    expect(id3.mean.rouge2.recall).toBeCloseTo(0.17356, 5);
    expect(formatRougeFiles(r)).toMatch(/^ID3\s+0\.43193/m);
  });

  it('briefs of 250 words reach mean ROUGE-2 recall ≥ 0.18, above ID3 (the best participant named in the issue)', () => {
    const r = evalSummarize(`${ML}/clusters.jsonl`, { words: 250, peersPath: `${ML}/peers.jsonl` });
    expect(r.parallax.topics.length).toBe(10);
    for (const t of r.parallax.topics) expect(t.words).toBeLessThanOrEqual(250);
    expect(r.parallax.mean.rouge2.recall).toBeGreaterThanOrEqual(0.18);
    const id3 = r.systems.find((s) => s.system === 'ID3')!;
    expect(r.parallax.mean.rouge2.recall).toBeGreaterThan(id3.mean.rouge2.recall);
    expect(r.failures).toEqual([]);
  });
});
