package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5/pgconn"
)

// migration is one ordered schema change. Versions are never reused or
// reordered once released; a new change is a new entry at the end, with
// its text for each dialect: sql for SQLite, pg for PostgreSQL ("" when
// the SQLite text is also PostgreSQL's; see postgres_schema.go).
type migration struct {
	version int
	name    string
	sql     string
	pg      string
}

// text returns the migration's SQL in dialect d.
func (m migration) text(d dialect) string {
	if d == postgresDialect && m.pg != "" {
		return m.pg
	}
	return m.sql
}

// searchMigration adds PostgreSQL's stored search words (pgSearchSchema).
const searchMigration = 18

var migrations = []migration{
	{1, "core", coreSchema, pgCoreSchema},
	{2, "outbox", outboxSchema, pgOutboxSchema},
	{3, "digest", digestSchema, pgDigestSchema},
	{4, "documents append-only", documentsAppendOnly, pgDocumentsAppendOnly},
	{5, "negative mentions indexes", `
CREATE INDEX mentions_negative ON mentions(brand, found_at) WHERE sentiment = 'negative' AND backfill = 0;
CREATE INDEX mentions_negative_found ON mentions(found_at, brand) WHERE sentiment = 'negative' AND backfill = 0;`, ""},
	{6, "documents link key, posts cut from long pages", `
ALTER TABLE documents ADD COLUMN link_key TEXT NOT NULL DEFAULT '';
ALTER TABLE source_state ADD COLUMN last_dropped INTEGER NOT NULL DEFAULT 0;`, ""},
	{7, "mention text", `ALTER TABLE mentions ADD COLUMN text TEXT NOT NULL DEFAULT '';`, ""},
	{8, "mention actions", actionsSchema, pgActionsSchema},
	{9, "document texts", documentTextsSchema, pgDocumentTextsSchema},
	{10, "inbox: word search, list and response-time indexes", inboxSchema, pgInboxSchema},
	{11, "outbox urgency and storms", urgencySchema, ""},
	{12, "sla reminders", slaSchema, ""},
	{13, "source rate of new entries", rateSchema, ""},
	{14, "websub subscriptions", websubSchema, ""},
	{15, "fleet: source leases, send claims", fleetSchema, ""},
	{16, "websub subscriptions: row version", websubRevSchema, ""},
	{17, "storms count a target's alerts of every brand", burstTargetSchema, ""},
	// SQLite's FTS4 table splits and folds words itself: nothing to do.
	// PostgreSQL's mentions stored before get their words from fillSearch.
	{searchMigration, "inbox: word search on stored folded words (PostgreSQL)", "", pgSearchSchema},
}

// burstTargetSchema indexes a target's recent sends by time, whatever
// their brand: alerts.burst counts the alerts waiting for one target.
const burstTargetSchema = `
DROP INDEX sends_recent;
CREATE INDEX sends_recent ON sends(channel, target, created_at);
`

// rateSchema keeps each source's rate of new entries, from which an
// adaptive schedule sets its next run (watcher.NextAdaptive).
const rateSchema = `
ALTER TABLE source_state ADD COLUMN rate_count DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE source_state ADD COLUMN rate_at BIGINT;
ALTER TABLE source_state ADD COLUMN rate_since BIGINT;
`

// urgencySchema lets the outbox send by urgency — a wave (0), then
// anything critical (1), then the rest (2), oldest first within each — from
// a partial index that holds only unsent messages, and count a brand's
// recent single alerts to a target cheaply (storms fold beyond
// alerts.burst).
const urgencySchema = `
ALTER TABLE sends ADD COLUMN urgency INTEGER NOT NULL DEFAULT 2;
UPDATE sends SET urgency = 0 WHERE kind = 'wave';
UPDATE sends SET urgency = 1 WHERE kind != 'wave'
	AND id IN (SELECT send_id FROM deliveries WHERE severity = 'critical' AND send_id IS NOT NULL);
CREATE INDEX sends_urgent ON sends(urgency, id) WHERE status IN ('pending', 'sending');
CREATE INDEX sends_recent ON sends(channel, target, brand, created_at);
`

// actionsSchema records what people do with mentions: who took one, who
// closed it and when, the sentiment they corrected it to, every action
// with its author, and the sources they muted.
const actionsSchema = `
ALTER TABLE mentions ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN handled_by TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN handled_at INTEGER;
ALTER TABLE mentions ADD COLUMN label TEXT NOT NULL DEFAULT '';
CREATE TABLE mention_actions (
	id         INTEGER PRIMARY KEY,
	mention_id INTEGER NOT NULL,
	at         INTEGER NOT NULL,
	user       TEXT NOT NULL,
	action     TEXT NOT NULL,
	value      TEXT NOT NULL DEFAULT '',
	via        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mention_actions_mention ON mention_actions(mention_id, id);
CREATE TABLE muted_sources (
	source   TEXT PRIMARY KEY,
	muted_by TEXT NOT NULL,
	muted_at INTEGER NOT NULL
);
`

// documentsAppendOnly drops the documents table's indexes: which documents
// were seen is answered from memory (seenIndex), and a crawl's new
// documents are appended as consecutive rows.
const documentsAppendOnly = `
CREATE TABLE documents_v4 (
	id      TEXT NOT NULL,
	source  TEXT NOT NULL,
	url     TEXT NOT NULL DEFAULT '',
	seen_at INTEGER NOT NULL
);
INSERT INTO documents_v4 (id, source, url, seen_at) SELECT id, source, url, seen_at FROM documents ORDER BY seen_at;
DROP TABLE documents;
ALTER TABLE documents_v4 RENAME TO documents;
`

const coreSchema = `
CREATE TABLE source_state (
	name          TEXT PRIMARY KEY,
	type          TEXT NOT NULL DEFAULT '',
	url           TEXT NOT NULL DEFAULT '',
	final_url     TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_fetch_at INTEGER,
	last_success_at INTEGER,
	last_status   TEXT NOT NULL DEFAULT '',
	last_error    TEXT NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	items_seen    INTEGER NOT NULL DEFAULT 0,
	next_run_at   INTEGER,
	crawled       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
	id      TEXT PRIMARY KEY,
	source  TEXT NOT NULL,
	url     TEXT NOT NULL DEFAULT '',
	seen_at INTEGER NOT NULL
);
CREATE INDEX documents_url ON documents(url) WHERE url != '';

CREATE TABLE threads (
	url             TEXT PRIMARY KEY,
	source          TEXT NOT NULL,
	replies         INTEGER NOT NULL DEFAULT -1,
	prev_replies    INTEGER NOT NULL DEFAULT -1,
	checked_at      INTEGER NOT NULL,
	prev_checked_at INTEGER
);

CREATE TABLE mentions (
	id           INTEGER PRIMARY KEY,
	doc_id       TEXT NOT NULL,
	brand        TEXT NOT NULL,
	source       TEXT NOT NULL,
	source_type  TEXT NOT NULL,
	url          TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	snippet      TEXT NOT NULL DEFAULT '{}',
	author       TEXT NOT NULL DEFAULT '',
	published_at INTEGER,
	found_at     INTEGER NOT NULL,
	lang         TEXT NOT NULL DEFAULT '',
	matched      TEXT NOT NULL DEFAULT '[]',
	sentiment    TEXT NOT NULL DEFAULT 'neutral',
	negativity   REAL NOT NULL DEFAULT 0,
	importance   REAL NOT NULL DEFAULT 0,
	severity     TEXT NOT NULL DEFAULT 'info',
	tags         TEXT NOT NULL DEFAULT '[]',
	rules        TEXT NOT NULL DEFAULT '[]',
	status       TEXT NOT NULL DEFAULT 'new',
	thread_url   TEXT NOT NULL DEFAULT '',
	replies      INTEGER NOT NULL DEFAULT -1,
	backfill     INTEGER NOT NULL DEFAULT 0,
	UNIQUE (doc_id, brand)
);
CREATE INDEX mentions_found ON mentions(found_at);
CREATE INDEX mentions_brand_found ON mentions(brand, found_at);
CREATE INDEX mentions_thread ON mentions(thread_url) WHERE thread_url != '';
`

// migrate applies every migration newer than the database's version, each
// in its own transaction, which records the version first: when several
// processes open a new PostgreSQL database at once, one applies a version
// and the others, failing on its row's primary key, read the version
// again and go on from there.
func (s *Store) migrate(ctx context.Context) error {
	create := `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`
	if s.d == postgresDialect {
		create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`
	}
	var err error
	for range 5 {
		// Two PostgreSQL sessions creating the table at once: one may
		// fail on the catalog's unique index; the table then exists.
		if _, err = s.db.ExecContext(ctx, create); err == nil || !lostRace(err) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	last := migrations[len(migrations)-1].version
	for {
		var cur int
		if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
			return fmt.Errorf("store: schema version: %w", err)
		}
		if cur > last {
			return fmt.Errorf("store: database schema version %d is newer than this build knows (%d)", cur, last)
		}
		i := slices.IndexFunc(migrations, func(m migration) bool { return m.version > cur })
		if i < 0 {
			s.search = s.d == postgresDialect && cur >= searchMigration
			if s.search {
				// On every open: an earlier one may have stopped halfway.
				return s.fillSearch(ctx)
			}
			return nil
		}
		m := migrations[i]
		err := s.Tx(ctx, func(tx *Tx) error {
			// Another process opening the same database may have applied
			// it meanwhile (daemons started together).
			var done int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&done); err != nil || done > 0 {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, s.now().UnixMilli()); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, m.text(s.d))
			return err
		})
		if err != nil && s.d == postgresDialect && lostRace(err) {
			continue // another process applied it
		}
		if err != nil {
			return fmt.Errorf("store: migration %d (%s): %w", m.version, m.name, err)
		}
	}
}

// lostRace reports whether err is PostgreSQL's answer to creating what a
// concurrent session just created: a unique violation (23505), a
// duplicate table (42P07) or type (42710).
func lostRace(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "23505" || pe.Code == "42P07" || pe.Code == "42710")
}
