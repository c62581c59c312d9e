/**
 * Versioned schema migrations for the SQLite engine. The database's `PRAGMA user_version` records
 * the last applied migration; each migration runs in one transaction, so a crash mid-upgrade
 * leaves the previous version intact. Append new migrations; never edit an applied one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'articles with full-text index',
    sql: `
      CREATE TABLE articles (
        seq              INTEGER PRIMARY KEY,          -- insertion order
        id               TEXT NOT NULL UNIQUE,
        external_id      TEXT,
        headline         TEXT,
        headline_derived INTEGER NOT NULL DEFAULT 0,
        body             TEXT NOT NULL,                -- paragraphs joined by a blank line
        url              TEXT,
        canonical_url    TEXT UNIQUE,
        outlet_name      TEXT,
        outlet_domain    TEXT,
        authors          TEXT NOT NULL DEFAULT '[]',   -- JSON array
        published        TEXT,                         -- ISO-8601 UTC
        seen_at          TEXT NOT NULL,                -- published, else ingested_at
        language         TEXT,
        format           TEXT NOT NULL,
        ingested_at      TEXT NOT NULL,
        attributions     TEXT NOT NULL DEFAULT '[]',   -- JSON array
        content_hash     TEXT NOT NULL UNIQUE,
        story_id         TEXT                          -- NULL until clustered
      );
      CREATE INDEX articles_seen ON articles(seen_at);
      CREATE INDEX articles_story ON articles(story_id);
      CREATE INDEX articles_unclustered ON articles(seq) WHERE story_id IS NULL;

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        headline, body, content='articles', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, headline, body) VALUES (new.seq, coalesce(new.headline, ''), new.body);
      END;
      CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.seq, coalesce(old.headline, ''), old.body);
      END;
      CREATE TRIGGER articles_au AFTER UPDATE OF headline, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.seq, coalesce(old.headline, ''), old.body);
        INSERT INTO articles_fts(rowid, headline, body) VALUES (new.seq, coalesce(new.headline, ''), new.body);
      END;

      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'stories, relations and stage state',
    sql: `
      CREATE TABLE stories (
        id         TEXT PRIMARY KEY,
        size       INTEGER NOT NULL,
        outlets    TEXT NOT NULL,       -- JSON array of outlet names/domains
        first_seen TEXT,
        last_seen  TEXT,
        headline   TEXT NOT NULL
      );
      CREATE INDEX stories_last_seen ON stories(last_seen);

      CREATE TABLE relations (
        from_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        to_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind    TEXT NOT NULL CHECK (kind IN ('copy', 'reuses')),
        score   REAL NOT NULL,
        PRIMARY KEY (from_id, to_id)
      );
      CREATE INDEX relations_to ON relations(to_id);

      CREATE TABLE stage_state (key TEXT PRIMARY KEY, state TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    name: 'feeds and alerts',
    sql: `
      CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT,
        site_url      TEXT,
        added_at      TEXT NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        next_poll_at  TEXT NOT NULL,               -- ISO-8601 UTC
        hold_until    TEXT,                        -- back-off / Retry-After wait
        last_poll_at  TEXT,
        last_status   INTEGER,
        last_error    TEXT,
        error_count   INTEGER NOT NULL DEFAULT 0,
        hint_seconds  INTEGER,
        items_stored  INTEGER NOT NULL DEFAULT 0,
        polls         INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX feeds_next_poll ON feeds(next_poll_at);

      CREATE TABLE feed_items (
        feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        item_key   TEXT NOT NULL,                  -- guid, else link, else text hash
        state      TEXT NOT NULL CHECK (state IN ('stored', 'failed', 'retry')),
        article_id TEXT,
        attempts   INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        last_seen  TEXT NOT NULL,
        PRIMARY KEY (feed_id, item_key)
      ) WITHOUT ROWID;
      CREATE INDEX feed_items_last_seen ON feed_items(last_seen);

      CREATE TABLE alerts (
        id          INTEGER PRIMARY KEY,
        query       TEXT,
        entity      TEXT,
        min_outlets INTEGER NOT NULL DEFAULT 1,
        webhook     TEXT,
        exec        TEXT,
        created_at  TEXT NOT NULL
      );

      CREATE TABLE alert_stories (                 -- what each alert last saw of each story
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL,
        outlets  INTEGER NOT NULL,
        facts    INTEGER NOT NULL,
        PRIMARY KEY (alert_id, story_id)
      ) WITHOUT ROWID;

      CREATE TABLE alert_events (                  -- the alert log (kept after an alert is removed)
        id           INTEGER PRIMARY KEY,
        alert_id     INTEGER NOT NULL,
        story_id     TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('new', 'outlets', 'facts')),
        at           TEXT NOT NULL,
        payload      TEXT NOT NULL,                -- JSON AlertPayload
        delivery     TEXT NOT NULL CHECK (delivery IN ('pending', 'delivered', 'failed', 'none')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        next_attempt TEXT,
        last_error   TEXT
      );
      CREATE INDEX alert_events_pending ON alert_events(next_attempt) WHERE delivery = 'pending';
    `,
  },
  {
    version: 4,
    name: 'entities and mentions',
    sql: `
      CREATE TABLE entities (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        type         TEXT NOT NULL,
        variants     TEXT NOT NULL,      -- JSON [{name,count}]
        roles        TEXT NOT NULL,      -- JSON [string]
        affiliations TEXT NOT NULL,      -- JSON [string]
        mentions     INTEGER NOT NULL,
        articles     INTEGER NOT NULL
      );
      CREATE INDEX entities_name ON entities(lower(name));
      -- Ids of entities merged into another; resolve an old id through here.
      CREATE TABLE entity_redirects (from_id TEXT PRIMARY KEY, to_id TEXT NOT NULL);
      CREATE TABLE mentions (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        entity_id   TEXT NOT NULL,       -- as assigned; may redirect
        text        TEXT NOT NULL,
        name        TEXT NOT NULL,
        type        TEXT NOT NULL,
        role        TEXT,
        affiliation TEXT,
        PRIMARY KEY (article_id, start)
      );
      CREATE INDEX mentions_entity ON mentions(entity_id);
    `,
  },
  {
    version: 5,
    name: 'full-text index written by the store, not by a trigger',
    // An AFTER INSERT trigger runs its FTS5 insert inside a statement savepoint, and FTS5 flushes
    // its in-memory pending index at every savepoint: each article then becomes its own index
    // segment, to be merged later. Measured on 10,000 news articles (~3.5 KB) in batches of 1,000:
    // ~280 µs of CPU per article through the trigger, ~130 µs when the store inserts the index row
    // itself in the same transaction (src/store/sqlite.ts, addArticles). Deletes and updates are
    // rare and keep their triggers.
    sql: `DROP TRIGGER IF EXISTS articles_ai;`,
  },
  {
    version: 6,
    name: 'mentions stored per article, entity → article index',
    // One row per mention (about 50 per news article) in three B-trees cost ~8 µs of CPU per row,
    // ~400 µs per article: more than storing the article itself. Mentions are only ever read per
    // article (mentionsOf, per-story entity lists), so each article's mentions are now one compact
    // JSON row keyed by the article's insertion number (appended, not inserted at a random place),
    // and "which articles mention entity X" is answered by the distinct (entity, article) pairs.
    // Redirect chains (a → b, then b → c) are collapsed to their end so that one lookup gives an
    // id's current entity; `to_id` is indexed to find every id of an entity. See sqlite.ts,
    // encodeMentions, for the row format; rows copied here use its plain form (ids inline).
    sql: `
      CREATE TABLE article_mentions (
        article_seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
        mentions    TEXT NOT NULL    -- JSON, see encodeMentions in sqlite.ts
      );
      CREATE TABLE entity_articles (
        entity_id   TEXT NOT NULL,   -- as assigned; may redirect
        article_seq INTEGER NOT NULL,
        PRIMARY KEY (entity_id, article_seq)
      ) WITHOUT ROWID;
      INSERT INTO article_mentions (article_seq, mentions)
        SELECT a.seq, json_object('entities', json_array(), 'mentions', json_group_array(json_array(
            m.start, m.end, m.entity_id, m.name, m.type, CASE WHEN m.text = m.name THEN NULL ELSE m.text END, m.role, m.affiliation)))
        FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY a.seq;
      INSERT INTO entity_articles (entity_id, article_seq)
        SELECT DISTINCT m.entity_id, a.seq FROM mentions m JOIN articles a ON a.id = m.article_id;
      DROP TABLE mentions;

      WITH RECURSIVE chain(from_id, to_id, depth) AS (
        SELECT from_id, to_id, 0 FROM entity_redirects
        UNION ALL
        SELECT c.from_id, r.to_id, c.depth + 1 FROM chain c JOIN entity_redirects r ON r.from_id = c.to_id WHERE c.depth < 64)
      UPDATE entity_redirects SET to_id = (SELECT c.to_id FROM chain c WHERE c.from_id = entity_redirects.from_id ORDER BY c.depth DESC LIMIT 1);
      CREATE INDEX entity_redirects_to ON entity_redirects(to_id);
    `,
  },
  {
    version: 7,
    name: 'stage state in parts',
    // The stage state grows with the store (~5 KB per article); one JSON value would pass V8's
    // longest string near 100k articles. Large arrays of the state now live here, one row per
    // part, and the `stage_state` row holds the skeleton that points at them (state-parts.ts).
    // States saved before read back unchanged: a skeleton without parts is the whole state.
    sql: `
      CREATE TABLE stage_state_parts (
        key  TEXT NOT NULL,
        n    INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (key, n)
      );
    `,
  },
];
