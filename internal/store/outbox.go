package store

// outboxSchema holds the delivery outbox: one row per (mention, route
// target). A mention and its deliveries are written in one transaction.
const outboxSchema = `
CREATE TABLE deliveries (
	id              INTEGER PRIMARY KEY,
	mention_id      INTEGER REFERENCES mentions(id) ON DELETE CASCADE,
	kind            TEXT NOT NULL DEFAULT 'mention',
	route           TEXT NOT NULL,
	channel         TEXT NOT NULL,
	target          TEXT NOT NULL DEFAULT '',
	frequency       TEXT NOT NULL,
	group_key       TEXT NOT NULL DEFAULT '',
	due_at          INTEGER NOT NULL,
	status          TEXT NOT NULL DEFAULT 'pending',
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	sent_at         INTEGER,
	external_id     TEXT NOT NULL DEFAULT '',
	payload         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
`
