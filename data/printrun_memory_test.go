package data_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"duebook/app"
	"duebook/data"
	"duebook/letters"
)

// chunkCounter is the real renderer, noting the largest batch it was asked to draw at once.
type chunkCounter struct {
	letters.Renderer
	mu      sync.Mutex
	largest int
	total   int
}

func (c *chunkCounter) Batch(ctx context.Context, ins []app.LetterInput, date app.Date, workers int) (app.Batch, error) {
	c.mu.Lock()
	c.largest, c.total = max(c.largest, len(ins)), c.total+len(ins)
	c.mu.Unlock()
	return c.Renderer.Batch(ctx, ins, date, workers)
}

// A print run of any size holds a chunk of letters at a time: it draws them in chunks, keeps
// no letter's bytes in its result, and the printer's file still has every page.
func TestPrintRunHoldsAChunkOfLettersAtATime(t *testing.T) {
	day := app.MustDate("2026-11-22")
	path := filepath.Join(t.TempDir(), "shop.db")
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 2000, Seed: 4, Today: day, LettersDue: 150}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := &chunkCounter{}
	col := app.NewServices(app.Adapters{Store: st, Clock: app.FixedClock(day.Time().Add(14 * time.Hour)), Render: r}).Collections
	res, err := col.PrintRun(context.Background(), app.Date{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Letters) < 150 || r.total != len(res.Letters) {
		t.Fatalf("%d letters printed, %d drawn; the sample was to have 150 due", len(res.Letters), r.total)
	}
	if r.largest > 64 {
		t.Errorf("%d letters drawn at once, want at most 64", r.largest)
	}
	for _, l := range res.Letters {
		if len(l.PDF) != 0 {
			t.Fatalf("the result keeps the bytes of %s's letter", l.Customer)
		}
	}
	out, err := col.OutputLetters(context.Background(), t.TempDir())
	if err != nil || len(out.Letters) != len(res.Letters) || out.Pages != res.Pages {
		t.Fatalf("output: %d letters, %d pages of %d: %v", len(out.Letters), out.Pages, res.Pages, err)
	}
	if b, err := os.ReadFile(out.Combined); err != nil || len(b) < len(res.Letters)*1000 {
		t.Fatalf("the printer's file has %d bytes: %v", len(b), err)
	}
}

// LettersDue gives a generated shop that many letters on the day's queue, for measuring a big
// print run; customers of the special cases keep their guards.
func TestSampleWithLettersDue(t *testing.T) {
	day := app.MustDate("2026-11-22")
	count := func(due int) (letterActions, held int) {
		path := filepath.Join(t.TempDir(), "shop.db")
		if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 1500, Seed: 4, Today: day, LettersDue: due}, nil); err != nil {
			t.Fatal(err)
		}
		st, err := data.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		col := app.NewServices(app.Adapters{Store: st, Clock: app.FixedClock(day.Time().Add(14 * time.Hour)), Render: letters.Renderer{}}).Collections
		q, err := col.Queue(day)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range q.Actions {
			switch {
			case a.Blocked():
				held++
			case app.IsLetter(a):
				letterActions++
			}
		}
		if err := st.QuickCheck(); err != nil {
			t.Fatal(err)
		}
		return letterActions, held
	}
	plain, plainHeld := count(0)
	more, moreHeld := count(100)
	if more < 100 || more <= plain {
		t.Errorf("%d letters due with 100 asked for, %d without", more, plain)
	}
	if moreHeld == 0 || plainHeld == 0 {
		t.Errorf("the guarded cases are gone: %d and %d held", plainHeld, moreHeld)
	}
}
