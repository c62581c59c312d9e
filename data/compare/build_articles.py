#!/usr/bin/env python3
"""Rebuild data/compare/articles.jsonl from its sources (run from the repository root).

Copies the article texts of the labelled comparison set unchanged from
  ../shared/data/multiling2011-en/clusters.jsonl  (Wikinews, CC BY 2.5)
  ../shared/seeds/                                (the project's two seed reports)
so that the set stands alone. Only two fields are added: `story` (the story the article belongs
to in this set) and, where the source gave none, `published` taken from the date line Wikinews
prints at the top of every article. Nothing else is changed.
"""
import json, re, sys
from datetime import datetime
from pathlib import Path

STORIES = {
    'seeds-iran-iraq': ['seed-000', 'seed-004'],
    'airfrance-447': ['M0080', 'M0082', 'M0083', 'M0086'],
    'haiti-2010': ['M0060', 'M0061', 'M0069'],
    'tsunami-2004': ['M0001', 'M0006', 'M0008'],
    'chile-2010': ['M0050', 'M0052', 'M0059'],
    'london-2005': ['M0010', 'M0011', 'M0012'],
    'tour-2007': ['M0031', 'M0034', 'M0035', 'M0036'],
}
SEEDS = {
    'seed-000': ('000_74bfdcc74ec9356c.txt', None),
    'seed-004': ('004_632889e61b552585.txt', 'Tehran Times'),
}
DATE = re.compile(r'^(?:\w+day,\s+)?(\w+ \d{1,2}, \d{4})')

root = Path(__file__).resolve().parents[2]
shared = root.parent / 'shared'
docs = {}
for line in open(shared / 'data/multiling2011-en/clusters.jsonl', encoding='utf8'):
    for d in json.loads(line)['documents']:
        docs[d['id']] = d
out = []
for story, ids in STORIES.items():
    for i in ids:
        if i in SEEDS:
            fname, source = SEEDS[i]
            raw = (shared / 'seeds' / fname).read_text(encoding='utf8')
            title, _, body = raw.partition('\n\n') if i == 'seed-000' else (None, '', raw)
            rec = {'id': i, 'story': story, 'title': title, 'text': body.strip(), 'published': None,
                   'source': source, 'url': None}
        else:
            d = docs[i]
            rec = {k: d.get(k) for k in ('id', 'title', 'text', 'published', 'source', 'url')}
            rec['story'] = story
            m = DATE.match(d['text'].strip())
            if not rec['published'] and m:
                rec['published'] = datetime.strptime(m.group(1), '%B %d, %Y').strftime('%Y-%m-%d')
        out.append(rec)
dest = root / 'data/compare/articles.jsonl'
with open(dest, 'w', encoding='utf8') as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(f'wrote {len(out)} articles to {dest}', file=sys.stderr)
