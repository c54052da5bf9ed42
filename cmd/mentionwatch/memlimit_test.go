package main

import (
	"context"
	"math"
	"runtime/debug"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, memoryFloor},
		{20 << 20, memoryFloor},
		{memoryFloor * 2 / 3, memoryFloor},
		{100 << 20, 150 << 20}, // past the floor: half again the live heap
		{1 << 30, 3 << 29},
	} {
		if got := memoryLimit(c.live); got != c.want {
			t.Errorf("memoryLimit(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestGovernMemory: without $GOMEMLIMIT the daemon sets a limit of at
// least the floor; with it, the runtime's limit is left as the variable
// set it.
func TestGovernMemory(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	debug.SetMemoryLimit(math.MaxInt64)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if governMemory(ctx, func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	}) {
		t.Error("governMemory took over a limit $GOMEMLIMIT set")
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit = %d after $GOMEMLIMIT, want it untouched", got)
	}
	if !governMemory(ctx, func(string) string { return "" }) {
		t.Fatal("governMemory did not set a limit")
	}
	if got := debug.SetMemoryLimit(-1); got < memoryFloor || got == math.MaxInt64 {
		t.Errorf("limit = %d, want at least %d", got, memoryFloor)
	}
}
