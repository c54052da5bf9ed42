package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// openStored opens the store of cfg for a command that shows what the
// daemon stored: mentions, sources, outbox and digest. Before the
// daemon's first run there is no SQLite file; the command then does not
// create one (storage.path is relative to the working directory, so run
// from another directory it would leave a stray database behind) but
// works on an empty stand-in (emptyStore) and says on stderr, in one
// line, where it looked and that `mentionwatch run` creates the database.
// Call done when finished with the store.
func openStored(e *env, cfg config.Storage) (*store.Store, func(), error) {
	loc := cfg.Location()
	if !store.IsURL(loc) && !fileExists(loc) {
		st, done, err := emptyStore(e.ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("%w (and no empty store could stand in for it: %w)", noDatabase(loc), err)
		}
		fmt.Fprintf(e.stderr, "mentionwatch: %s\n", noDatabaseNote(loc))
		return st, done, nil
	}
	st, err := store.Open(e.ctx, loc)
	if err != nil {
		return nil, nil, err
	}
	return st, func() { st.Close() }, nil
}

// openStoredReadOnly opens the store of cfg read-only for eval and
// backtest. A SQLite file that does not exist is an error: they measure
// and replay what is stored, and a report of nothing would look like a
// result.
func openStoredReadOnly(ctx context.Context, cfg config.Storage) (*store.Store, error) {
	loc := cfg.Location()
	if !store.IsURL(loc) && !fileExists(loc) {
		return nil, noDatabase(loc)
	}
	return store.OpenReadOnly(ctx, loc)
}

// openStoredToSend opens the store of cfg for digest when it sends: a
// SQLite file that does not exist is an error, as an e-mail saying
// "0 mentions" to the team would hide a wrong working directory.
func openStoredToSend(e *env, cfg config.Storage) (*store.Store, func(), error) {
	loc := cfg.Location()
	if !store.IsURL(loc) && !fileExists(loc) {
		return nil, nil, noDatabase(loc)
	}
	st, err := store.Open(e.ctx, loc)
	if err != nil {
		return nil, nil, err
	}
	return st, func() { st.Close() }, nil
}

// fileExists says whether path exists; on an error other than its absence
// it says yes, and opening the store reports that error.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil || !errors.Is(err, fs.ErrNotExist)
}

// noDatabaseNote is the line a command prints when it shows an empty
// store for want of the database at path.
func noDatabaseNote(path string) string {
	note := fmt.Sprintf("no database at %s yet — nothing stored; `mentionwatch run` creates it", absPath(path))
	if !filepath.IsAbs(path) {
		note += fmt.Sprintf(" (storage.path %q is relative to the working directory)", path)
	}
	return note
}

// noDatabase is the error of a command that needs the database at path,
// saying where it was looked for.
func noDatabase(path string) error {
	if filepath.IsAbs(path) {
		return fmt.Errorf("no database at %s yet: nothing is stored until `mentionwatch run` creates it", path)
	}
	wd, _ := os.Getwd()
	return fmt.Errorf("no database at %s: storage.path %q is relative to the working directory (%s); "+
		"run this where the daemon runs, or make storage.path absolute", absPath(path), path, wd)
}

func absPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	return abs
}
