package main

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The daemon keeps a soft memory limit (runtime/debug.SetMemoryLimit) of
// half again its live heap, and never less than memoryFloor, unless
// $GOMEMLIMIT sets one.
//
// Why: with the Go runtime's default (GOGC=100, no limit) the heap grows to
// twice what is live before the collector runs, and freed pages go back to
// the system slowly. What the daemon keeps live is mostly long-lived: the
// seen index, compiled brands, the config and per-source state, plus the
// crawls in flight; with 10,000 sources and 1,000 brands that is about
// 45 MB, and the default let the process peak at 127 MiB RSS. The limit
// makes the collector run earlier and return memory sooner as the heap
// nears it: that pass peaks at 90 MiB, for about 5% more CPU time
// (bench/memory; the old and new binaries side by side).
//
// Why not a fixed limit alone: a daemon whose live heap outgrew it (more
// sources, more brands) would collect without pause, up to half the CPU.
// Following the live heap at 1.5x, the limit never sits below what is live,
// so the collector never works harder than GOGC=50 would make it; below
// memoryFloor of live heap nothing changes but that the heap stops at the
// floor instead of at twice what is live.
const (
	memoryFloor  = 64 << 20
	memoryPeriod = 2 * time.Second // how often the limit follows the live heap
)

// memoryLimit returns the soft limit for a live heap of live bytes.
func memoryLimit(live uint64) int64 {
	return max(memoryFloor, int64(live+live/2))
}

// governMemory keeps the soft memory limit at memoryLimit of the live heap
// until ctx ends, then puts back the limit it found, unless
// getenv("GOMEMLIMIT") sets one. It reports whether it does.
func governMemory(ctx context.Context, getenv func(string) string) bool {
	if getenv("GOMEMLIMIT") != "" {
		return false
	}
	before := debug.SetMemoryLimit(-1)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	follow := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(memoryLimit(sample[0].Value.Uint64()))
		}
	}
	follow()
	go func() {
		t := time.NewTicker(memoryPeriod)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				debug.SetMemoryLimit(before)
				return
			case <-t.C:
				follow()
			}
		}
	}()
	return true
}
