package app

import (
	"math"
	"runtime/debug"
	"testing"
)

// The window runs under a lower soft limit of its own; an import raises it while it runs and
// puts it back, so the collector does not run all the time over a big import's plan.
func TestImportRaisesTheWindowsHeapLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	was := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(was)
	for _, start := range []int64{96 << 20, math.MaxInt64} {
		debug.SetMemoryLimit(start)
		restore := boundHeap()
		if got := debug.SetMemoryLimit(-1); got != importHeapLimit {
			t.Errorf("limit %d: during the import %d, want %d", start, got, importHeapLimit)
		}
		restore()
		if got := debug.SetMemoryLimit(-1); got != start {
			t.Errorf("after the import %d, want %d back", got, start)
		}
	}
	// A higher limit is left as it is.
	debug.SetMemoryLimit(1 << 30)
	boundHeap()()
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("a higher limit became %d", got)
	}
}
