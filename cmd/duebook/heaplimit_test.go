package main

import (
	"runtime/debug"
	"testing"
	"time"
)

// The window's soft limit follows the live heap with room to spare, never below the floor.
func TestHeapLimitFollowsTheLiveHeap(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{{0, heapFloor}, {40 << 20, heapFloor}, {48 << 20, heapFloor}, {100 << 20, 148 << 20}, {300 << 20, 348 << 20}} {
		if got := heapLimitFor(c.live); got != c.want {
			t.Errorf("live %d MB: limit %d MB, want %d MB", c.live>>20, got>>20, c.want>>20)
		}
	}
}

// The governor sets the limit at once, and leaves alone a limit something else set meanwhile.
func TestHeapGovernorLeavesAnotherLimitAlone(t *testing.T) {
	was := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(was)
	go governHeap(20 * time.Millisecond)
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) < heapFloor || debug.SetMemoryLimit(-1) > heapFloor+heapHeadroom+(64<<20) {
		if time.Now().After(deadline) {
			t.Fatalf("the limit is %d", debug.SetMemoryLimit(-1))
		}
		time.Sleep(5 * time.Millisecond)
	}
	const imports = 224 << 20
	debug.SetMemoryLimit(imports)
	time.Sleep(100 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != imports {
		t.Fatalf("the governor replaced another's limit with %d", got)
	}
}
