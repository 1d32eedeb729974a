package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"duebook/app"
)

// BenchmarkQueueFirstMorning100k builds the queue the first morning after 100,000 unpaid
// invoices were imported: no invoice has reached a stage yet, so every overdue one is due.
func BenchmarkQueueFirstMorning100k(b *testing.B) {
	today := app.MustDate("2026-11-22")
	path := filepath.Join(b.TempDir(), "open.db")
	if _, err := CreateSample(context.Background(), path, SampleOptions{Invoices: 100000, Seed: 2, Today: today, Unpaid: true}, nil); err != nil {
		b.Fatal(err)
	}
	st, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.w.Exec(`UPDATE invoices SET stage = 0, stage_on = '', handed_off = ''`); err != nil {
		b.Fatal(err)
	}
	clock := app.FixedClock(today.Time().Add(12 * time.Hour))
	st.SetClock(clock)
	col := app.NewCollections(app.NewLedger(st, clock, nil), st)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q, err := col.Queue(today)
		if err != nil || len(q.Actions) < 5000 {
			b.Fatal(err, len(q.Actions))
		}
	}
}
