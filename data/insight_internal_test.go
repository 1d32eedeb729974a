package data

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"duebook/app"
	"duebook/app/insight"
)

// TestInsightPartsAgree: reading the customers in parallel parts, and in rounds of a few
// customers, gives the reports a single pass in one round gives.
func TestInsightPartsAgree(t *testing.T) {
	today := app.MustDate("2026-11-22")
	path := filepath.Join(t.TempDir(), "sample.db")
	if _, err := CreateSample(context.Background(), path, SampleOptions{Invoices: 3000, Seed: 3, Today: today}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.readers = 3
	svc := insight.NewService(st, app.FixedClock(today.Time().Add(12*time.Hour)))
	run := func(min int64, chunk int) (insight.Effectiveness, insight.RiskReport) {
		defer func(old int64, oldChunk int) { partMin, chunkCustomers = old, oldChunk }(partMin, chunkCustomers)
		partMin, chunkCustomers = min, chunk
		eff, err := svc.Effectiveness(context.Background(), insight.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		risk, err := svc.Risk(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return eff, risk
	}
	oneEff, oneRisk := run(1<<40, 1<<30)
	for _, chunk := range []int{1 << 30, 7, 1} {
		partsEff, partsRisk := run(10, chunk)
		if oneEff.Total.Actions == 0 || !reflect.DeepEqual(oneEff, partsEff) {
			t.Errorf("effectiveness differs in parts, rounds of %d:\n%+v\n%+v", chunk, oneEff.Total, partsEff.Total)
		}
		if len(oneRisk.Customers) == 0 || !reflect.DeepEqual(oneRisk, partsRisk) {
			t.Errorf("risk differs in parts, rounds of %d: %d / %d customers", chunk, len(oneRisk.Customers), len(partsRisk.Customers))
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := svc.Effectiveness(ctx, insight.Filter{}); app.CodeOf(err) != app.CodeCancelled {
		t.Errorf("a cancelled report: %v", err)
	}
}

// TestInsightReadsWalkIndexesAlone: each read of the insight reports is answered from an index
// alone, on a book without statistics as the owner's is, never by looking up table rows.
func TestInsightReadsWalkIndexesAlone(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{packedInvoices, []any{1, 2048, "2025-11-23"}},
		{packedContacts, []any{1, 2048}},
		{packedPayments, []any{1, 2048, "2025-11-23"}},
	} {
		rows, err := st.r.Query(`EXPLAIN QUERY PLAN `+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		var steps []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, detail)
		}
		rows.Close()
		for _, s := range steps {
			if strings.HasPrefix(s, "SEARCH") || strings.HasPrefix(s, "SCAN") {
				if !strings.Contains(s, "USING COVERING INDEX") {
					t.Errorf("%s\nreads table rows: %q", q.sql, steps)
				}
			}
		}
	}
}
