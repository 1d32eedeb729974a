//go:build memory.counters

package main

import "modernc.org/libc"

// Built with -tags memory.counters, the probe also reports what SQLite holds: its allocator
// lives outside the Go heap.
func init() { sqliteMemory = func() int64 { return int64(libc.MemStat().Bytes) } }
