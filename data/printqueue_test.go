package data_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"duebook/app"
	"duebook/data"
	"duebook/letters"
)

// failingMerge is a renderer whose joining of the printer's file fails, as a full disk or a crash
// would stop it after the letters were recorded.
type failingMerge struct{ letters.Renderer }

func (failingMerge) Merge(w io.Writer, n int, letter func(int) ([]byte, error), title string, at time.Time) (int, error) {
	w.Write([]byte("%PDF-1.4\n")) // part-way
	return 0, errors.New("no space left on device")
}

// printBook is a sample shop with letters due, and its collections with the clock at 14:00.
func printBook(t *testing.T) (*app.Collections, *data.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 1500, Seed: 4, Today: app.MustDate("2026-11-22")}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := app.FixedClock(app.MustDate("2026-11-22").Time().Add(14 * time.Hour))
	return app.NewServices(app.Adapters{Store: st, Clock: clock, Render: letters.Renderer{}}).Collections, st
}

func pdfsIn(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// After any failure between recording the letters and writing them, every approved letter is
// either on disk or listed as still to print, and the next run prints it; no empty or partial
// printer's file is ever left.
func TestPrintRunNeverLosesALetter(t *testing.T) {
	col, _ := printBook(t)
	res, err := col.PrintRun(context.Background(), app.Date{}, nil)
	if err != nil || len(res.Letters) < 3 {
		t.Fatalf("print run: %d letters, %v", len(res.Letters), err)
	}
	n := len(res.Letters)
	out := t.TempDir()
	day := filepath.Join(out, "2026-11-22")

	// 1. The day's folder cannot be made (a file is in the way): nothing is marked printed.
	if err := os.WriteFile(day, []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := col.OutputLetters(context.Background(), out); err == nil {
		t.Fatal("writing into a file went through")
	}
	if pending, _ := col.PendingPrints(); len(pending) != n {
		t.Fatalf("%d of %d letters still to print after the folder failed", len(pending), n)
	}
	os.Remove(day)

	// 2. Joining the printer's file fails part-way: no printer's file, nothing marked.
	broken := *col
	broken.Render = failingMerge{}
	if _, err := broken.OutputLetters(context.Background(), out); err == nil {
		t.Fatal("a failed join went through")
	}
	for _, f := range pdfsIn(t, day) {
		if strings.HasPrefix(filepath.Base(f), "letters-") {
			t.Fatalf("a printer's file was left after a failure: %s", f)
		}
	}
	if pending, _ := col.PendingPrints(); len(pending) != n {
		t.Fatalf("%d of %d letters still to print after the join failed", len(pending), n)
	}

	// 3. The next run prints all of them (the letters written before are the same files).
	got, err := col.OutputLetters(context.Background(), out)
	if err != nil || len(got.Letters) != n || got.Pages != res.Pages {
		t.Fatalf("reprint of the pending letters: %+v %v", got, err)
	}
	if pending, _ := col.PendingPrints(); len(pending) != 0 {
		t.Fatalf("%d still to print after a good run", len(pending))
	}
	if files := pdfsIn(t, day); len(files) != n+1 {
		t.Fatalf("%d files for %d letters and one printer's file", len(files), n)
	}
	for _, l := range res.Letters {
		matches, _ := filepath.Glob(filepath.Join(day, "*"+l.SHA256[:10]+".pdf"))
		if len(matches) != 1 {
			t.Fatalf("letter %s… for %s is not on disk", l.SHA256[:10], l.Customer)
		}
		b, _ := os.ReadFile(matches[0])
		if stored, err := col.Reprint(l.SHA256); err != nil || string(b) != string(stored) {
			t.Fatalf("the file of %s differs from the stored letter", l.Customer)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(day, ".duebook-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

// Two runs at once into one folder each get their own printer's file, and no letter is missing
// from the files of the day.
func TestTwoPrintRunsAtOnceKeepEveryFile(t *testing.T) {
	col, _ := printBook(t)
	res, err := col.PrintRun(context.Background(), app.Date{}, nil)
	if err != nil || len(res.Letters) == 0 {
		t.Fatal(err)
	}
	out := t.TempDir()
	var wg sync.WaitGroup
	outs := make([]app.PrintOutput, 2)
	errs := make([]error, 2)
	for i := range outs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			outs[i], errs[i] = col.OutputLetters(context.Background(), out)
		}(i)
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range outs {
		if errs[i] != nil {
			t.Fatalf("run %d: %v", i, errs[i])
		}
		if outs[i].Combined != "" {
			if seen[outs[i].Combined] {
				t.Fatalf("both runs wrote %s", outs[i].Combined)
			}
			seen[outs[i].Combined] = true
		}
	}
	printed := 0
	for i := range outs {
		printed += len(outs[i].Letters)
	}
	if printed < len(res.Letters) {
		t.Fatalf("%d letters in the printer's files, %d recorded", printed, len(res.Letters))
	}
	// A second day's run with nothing pending writes nothing over the first.
	if again, err := col.OutputLetters(context.Background(), out); err != nil || again.Combined != "" {
		t.Fatalf("an empty run wrote %q (%v)", again.Combined, err)
	}
}
