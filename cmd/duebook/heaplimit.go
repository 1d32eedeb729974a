package main

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The window's Go heap holds about 40 MB (fonts, the screens, the day's queue) and more on a big
// book; what it makes and drops (a print run renders thousands of PDFs) would otherwise let the
// heap grow to twice what it holds before the collector runs. A soft limit makes the collector
// run sooner instead. A fixed one does not fit every book (docs/benchmarks.md): 96 MB took 70 MB
// off a print run of 1,000 letters on a 10k book for about 40 % more processor time, but a 1M
// book's print run holds nearly that much and the collector then ran all the time (twice the
// processor time). So the limit follows what the heap holds, with room to spare, and never goes
// below the floor.
const (
	heapFloor    = 96 << 20
	heapHeadroom = 48 << 20
)

// heapLimitFor is the soft limit for a heap that holds live bytes after the last collection.
func heapLimitFor(live uint64) int64 { return max(heapFloor, int64(live)+heapHeadroom) }

// governHeap sets the soft limit and moves it with the live heap every period. While something
// else holds its own limit (an import raises it while it runs), the limit is left to it.
func governHeap(period time.Duration) {
	last := heapLimitFor(0)
	debug.SetMemoryLimit(last)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	for range time.Tick(period) {
		if debug.SetMemoryLimit(-1) != last {
			continue
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		last = heapLimitFor(sample[0].Value.Uint64())
		debug.SetMemoryLimit(last)
	}
}
