import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evalCluster, evalClusterFile, formatClusterReport, loadLabelledArticles, orderRobustness } from './cluster.js';

const SAMPLE = fileURLToPath(new URL('../../test/fixtures/cluster/ecbplus-sample.jsonl', import.meta.url));
const ECB = '/work/shared/data/ecbplus/articles.jsonl';

describe('evalClusterFile', () => {
  it('clusters an interchange file in memory and reports the agreed JSON shape', () => {
    const r = evalClusterFile(SAMPLE);
    expect(r.articles).toBe(17);
    expect(r.labelled).toBe(17);
    expect(r.events).toBe(5);
    expect(r.clusters).toBeGreaterThanOrEqual(5);
    for (const m of [r.bcubed, r.pairwise]) {
      for (const v of [m.p, m.r, m.f1]) expect(v).toBeGreaterThan(0.8);
    }
    expect(r.articles_per_s).toBeGreaterThan(0);
    expect(r.skipped).toEqual([]);
    const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    for (const k of ['articles', 'events', 'clusters', 'bcubed', 'pairwise', 'articles_per_s']) expect(json).toHaveProperty(k);
  });

  it('reads the clusters format too, each document labelled with its cluster', () => {
    // The sample's articles regrouped by event into MultiLing-style cluster lines.
    const arts = readFileSync(SAMPLE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const byEvent = new Map<string, Record<string, unknown>[]>();
    for (const a of arts) byEvent.set(String(a.event), [...(byEvent.get(String(a.event)) ?? []), { ...a, event: undefined }]);
    const dir = mkdtempSync(join(tmpdir(), 'px-eval-'));
    const path = join(dir, 'clusters.jsonl');
    writeFileSync(path, [...byEvent].map(([e, docs]) => JSON.stringify({ id: e, documents: docs, references: { A: '' } })).join('\n'));
    const r = evalClusterFile(path);
    const plain = evalClusterFile(SAMPLE);
    expect(r.articles).toBe(17);
    expect(r.events).toBe(5);
    expect(r.skipped).toEqual([]);
    expect(r.bcubed.f1).toBeGreaterThan(0.8);
    expect(r.clusters).toBe(plain.clusters);
  });

  it('scores the file order and seeded shuffles of it, the same way every time', () => {
    const o = evalClusterFile(SAMPLE, {}, 2).orders!;
    expect(o.runs.map((r) => r.order)).toEqual(['file', 'shuffle 1', 'shuffle 2']);
    expect(o.runs[0].bcubed).toEqual(evalClusterFile(SAMPLE).bcubed);
    expect(evalClusterFile(SAMPLE, {}, 2).orders).toEqual(o);
    // Clustering the file order again gives what the report's own run gave.
    const { articles, gold } = loadLabelledArticles(readFileSync(SAMPLE, 'utf8'), SAMPLE);
    expect(orderRobustness(articles, gold, 2)).toEqual(o);
    expect(o.min_f1).toBeLessThanOrEqual(o.mean_f1);
    expect(o.min_f1).toBeGreaterThan(0.7);
  });

  it('gives every article a story, copies included, and skips bad lines with one reason each', () => {
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const dir = mkdtempSync(join(tmpdir(), 'px-eval-'));
    const path = join(dir, 'mixed.jsonl');
    const copy = JSON.parse(lines[0]) as Record<string, unknown>;
    copy.id = 'copy-of-first';
    writeFileSync(path, [...lines, '{not json', JSON.stringify({ id: 'x', text: '' }), JSON.stringify(copy)].join('\n'));
    const r = evalClusterFile(path);
    expect(r.articles).toBe(18);
    expect(r.copies).toBe(1);
    expect(r.skipped).toHaveLength(2);
    expect(r.skipped[0].input).toMatch(/mixed\.jsonl:18$/);
    const { articles, gold } = loadLabelledArticles(readFileSync(path, 'utf8'), path);
    expect(gold.get('copy-of-first')).toBe(gold.get(articles[0].id));
  });

  it('keeps two articles with the same text apart as ids, and tolerates unlabelled files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'px-eval-'));
    const path = join(dir, 'unlabelled.json');
    writeFileSync(path, JSON.stringify([{ text: 'One report of a fire in Paris.' }, { text: 'One report of a fire in Paris.' }]));
    const r = evalClusterFile(path);
    expect(r.articles).toBe(2);
    expect(r.labelled).toBe(0);
    expect(r.clusters).toBe(1);
    expect(formatClusterReport(r)).toMatch(/no article carries an "event" label/);
  });

  it('formats a readable report', () => {
    const { articles, gold } = loadLabelledArticles(readFileSync(SAMPLE, 'utf8'), SAMPLE);
    const text = formatClusterReport(evalCluster(articles, gold));
    expect(text).toMatch(/B-cubed\s+P\s+\d+\.\d\s+R\s+\d+\.\d\s+F1/);
    expect(text).toMatch(/events\s+5 gold/);
  });
});

describe.skipIf(!existsSync(ECB))('ECB+ (../shared/data)', () => {
  it('beats the batch TF-IDF average-link baseline (B-cubed F1 0.87) in one streaming pass', () => {
    const r = evalClusterFile(ECB);
    expect(r.articles).toBe(772);
    expect(r.events).toBe(66);
    expect(r.bcubed.f1).toBeGreaterThan(0.87);
  });
});
