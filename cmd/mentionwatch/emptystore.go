package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// emptyStore opens a new, empty SQLite store in a temporary directory,
// for a command to show what an empty database holds — no mentions,
// sources never fetched, nothing pending — exactly as it shows a real
// one. done closes the store and removes the directory.
func emptyStore(ctx context.Context) (*store.Store, func(), error) {
	dir, err := os.MkdirTemp("", "mentionwatch-empty-")
	if err != nil {
		return nil, nil, fmt.Errorf("temporary directory: %w", err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "empty.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return st, func() {
		st.Close()
		os.RemoveAll(dir)
	}, nil
}
