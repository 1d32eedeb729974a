package main

import (
	"os"
	"runtime"
	"testing"
	"time"
)

// The bench reads the window's milestones from its other output, with the Go figures.
func TestProbeLinesAreRead(t *testing.T) {
	p, ok := parseProbe(probePrefix + " dashboard 1764000000123456789 heap=41000000 go=94000000 sqlite=75000000")
	if !ok || p.what != "dashboard" || !p.at.Equal(time.Unix(0, 1764000000123456789)) || p.heap != 41000000 || p.goHeld != 94000000 || p.extra == "" {
		t.Fatalf("read %+v, %v", p, ok)
	}
	for _, line := range []string{"Fyne error: no locale", probePrefix, probePrefix + " today soon"} {
		if _, ok := parseProbe(line); ok {
			t.Errorf("%q was read as a milestone", line)
		}
	}
}

// The peak and the resident memory come from the kernel's figures of the process.
func TestProcMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc is Linux's")
	}
	big := make([]byte, 32<<20)
	for i := range big {
		big[i] = 1
	}
	hwm, rss, err := procMemory(os.Getpid())
	if err != nil || rss < 32<<10 || hwm < rss {
		t.Fatalf("peak %d kB, resident %d kB: %v", hwm, rss, err)
	}
	runtime.KeepAlive(big)
}

// The processor time of a process grows as it works.
func TestProcCPU(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc is Linux's")
	}
	before := procCPU(os.Getpid())
	if before <= 0 {
		t.Fatalf("%s of processor time at the start", before)
	}
	// Busy until the figure moves (a loaded machine gives the test little of its time).
	for start := time.Now(); procCPU(os.Getpid())-before < 50*time.Millisecond; {
		if time.Since(start) > 20*time.Second {
			t.Fatal("the processor time did not grow in 20 s of work")
		}
	}
}
