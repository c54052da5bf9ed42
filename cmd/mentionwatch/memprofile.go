package main

import (
	"context"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// memProfileEnv names a file to keep a heap profile of the process in, for
// `go tool pprof`: written each time the live heap reaches a new high
// (sampled twice a second, 5% above the last one written), so that it
// shows where memory goes at its peak, and once more when the command
// ends. Unset or empty, nothing is sampled.
const memProfileEnv = "MENTIONWATCH_MEMPROFILE"

// startMemProfile starts the sampler when $MENTIONWATCH_MEMPROFILE is set;
// the returned function stops it and writes the final profile.
func startMemProfile(ctx context.Context, getenv func(string) string) (stop func() error) {
	path := getenv(memProfileEnv)
	if path == "" {
		return func() error { return nil }
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	var errOut error
	go func() {
		defer close(done)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var high uint64
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				errOut = writeHeapProfile(path)
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > high+high/20 {
				high = live
				if err := writeHeapProfile(path); err != nil {
					errOut = err
				}
			}
		}
	}()
	return func() error {
		cancel()
		<-done
		return errOut
	}
}

// writeHeapProfile writes the heap profile to path through a temporary
// file, so that a reader never sees half a profile.
func writeHeapProfile(path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("memory profile: %w", err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("memory profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("memory profile: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("memory profile: %w", err)
	}
	return nil
}
