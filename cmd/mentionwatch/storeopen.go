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

// openStored opens the store of cfg for a command that works on what the
// daemon stored (mentions, sources, outbox, digest; eval and backtest with
// readOnly). A SQLite file that does not exist is an error, not a new
// empty database: storage.path is relative to the working directory, so
// such a command run from another directory would list nothing and leave
// a stray database behind.
func openStored(ctx context.Context, cfg config.Storage, readOnly bool) (*store.Store, error) {
	loc := cfg.Location()
	if !store.IsURL(loc) {
		if err := storedFileExists(loc); err != nil {
			return nil, err
		}
	}
	if readOnly {
		return store.OpenReadOnly(ctx, loc)
	}
	return store.Open(ctx, loc)
}

// storedFileExists says where the database was looked for when path does
// not exist.
func storedFileExists(path string) error {
	_, err := os.Stat(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return nil // another problem: opening the store reports it
	}
	abs, aerr := filepath.Abs(path)
	if aerr != nil {
		abs = path
	}
	if filepath.IsAbs(path) {
		return fmt.Errorf("no database at %s yet: the daemon creates it when it first runs", abs)
	}
	wd, _ := os.Getwd()
	return fmt.Errorf("no database at %s: storage.path %q is relative to the working directory (%s); "+
		"run this where the daemon runs, or make storage.path absolute", abs, path, wd)
}
