package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"duebook/app"
)

// Letters recorded by a run that could not write them are listed on Today as not printed yet,
// and "Print the letters" writes them.
func TestTodayShowsLettersNotYetPrinted(t *testing.T) {
	s, _ := sampleShell(t)
	td := s.Today
	col := td.svc.(*app.Collections)
	res, err := col.PrintRun(context.Background(), app.Date{}, nil) // recorded; the window was killed before writing
	if err != nil || len(res.Letters) == 0 {
		t.Fatalf("print run: %v", err)
	}
	td.Refresh()
	if td.Pending.Hidden || !strings.Contains(td.Pending.Text, "not printed yet") {
		t.Fatalf("Today does not say letters are not printed: %q", td.Pending.Text)
	}
	test.Tap(td.PrintBtn)
	if td.PrintApprovedBtn == nil || td.PrintApprovedBtn.Disabled() || !strings.Contains(td.PrintApprovedBtn.Text, fmt.Sprint(len(res.Letters))) {
		t.Fatal("the confirmation does not offer to print only the approved letters")
	}
	test.Tap(td.PrintApprovedBtn)
	if len(td.LastOutput.Letters) != len(res.Letters) || td.LastPDF == "" {
		t.Fatalf("printed %d of %d pending letters", len(td.LastOutput.Letters), len(res.Letters))
	}
	if b, err := os.ReadFile(td.LastPDF); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no printer's file: %v", err)
	}
	if files, _ := filepath.Glob(filepath.Join(filepath.Dir(td.LastPDF), "*.pdf")); len(files) != len(res.Letters)+1 {
		t.Fatalf("%d files for %d letters", len(files), len(res.Letters))
	}
	if !td.Pending.Hidden {
		t.Fatalf("still says not printed: %q", td.Pending.Text)
	}
}

// A queue that finishes after a newer refresh was started is not shown over the newer one.
func TestTodayIgnoresAStaleRefresh(t *testing.T) {
	s, _ := sampleShell(t)
	td := s.Today
	var jobs []func()
	inBackground = func(fn func()) { jobs = append(jobs, fn) }
	defer func() { inBackground = func(fn func()) { fn() } }()
	td.Refresh()
	td.Refresh()
	jobs[1]() // the newer refresh finishes first
	shown := td.queue.AsOf
	td.showQueueIfCurrent(td.generation-1, app.Queue{AsOf: app.MustDate("2000-01-01")}, nil) // then the older one
	if td.queue.AsOf != shown {
		t.Fatalf("an older refresh replaced the newer queue: %s", td.queue.AsOf)
	}
	if len(jobs) != 2 || shown.IsZero() {
		t.Fatalf("refreshes: %d, shown %s", len(jobs), shown)
	}
	// The older refresh was told to stop: run late, it builds nothing and shows nothing.
	jobs[0]()
	if td.queue.AsOf != shown || strings.Contains(td.Summary.Text, "stopped") {
		t.Fatalf("the stopped refresh showed: %q", td.Summary.Text)
	}
}
