//go:build !unix

package matchers

import "time"

// cpuTime is not available here; benchmarks report wall time only.
func cpuTime() time.Duration { return 0 }
