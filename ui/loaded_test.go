package ui

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
)

// A measurement follows the real window through Config: it hears of the shop shown, of Today's
// queue and the Dashboard's figures on the screen, and of the end of a print run taken the
// owner's way.
func TestConfigHearsWhatTheWindowLoaded(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "sample.db")
	if err := (testBooks{t}).CreateSample(context.Background(), path, nil); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var heard []string
	var shell *Shell
	cfg := Config{DBPath: path, SamplePath: path, LettersDir: t.TempDir(), Books: testBooks{t},
		Loaded: func(what string) { mu.Lock(); heard = append(heard, what); mu.Unlock() },
		Shown:  func(s *Shell) { shell = s }}
	release := Start(w, cfg)
	defer release()
	if shell == nil {
		t.Fatal("no shop was shown")
	}
	got := func(what string) bool { mu.Lock(); defer mu.Unlock(); return slices.Contains(heard, what) }
	waitFor(t, "Today's queue", func() bool { return got("Today") })
	shell.Show("Dashboard")
	waitFor(t, "the Dashboard's figures", func() bool { return got("Dashboard") })
	shell.Show("Today")
	test.Tap(shell.Today.PrintBtn)
	if shell.Today.PrintAllBtn == nil || shell.Today.PrintAllBtn.Hidden {
		t.Fatal("the sample has no letters to print")
	}
	test.Tap(shell.Today.PrintAllBtn)
	waitFor(t, "the end of the print run", func() bool { return got("Print run") })
}
