package store

// digestSchema records digest runs, so a scheduled digest is sent once per
// period even across restarts.
const digestSchema = `
CREATE TABLE digest_runs (
	id           INTEGER PRIMARY KEY,
	period_start INTEGER NOT NULL,
	period_end   INTEGER NOT NULL,
	status       TEXT NOT NULL DEFAULT 'pending',
	attempts     INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	sent_at      INTEGER,
	UNIQUE (period_end)
);
`
