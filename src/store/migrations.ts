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
];
