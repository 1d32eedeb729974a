package data_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"duebook/app"
	"duebook/app/monthly"
	"duebook/data"
)

// TestAgingAtIsAgingOfEachDay: the one-pass aging of twelve month ends is, to the unit and the
// invoice count, the aging of each of those days computed alone, on a sample shop with a year of
// payments, part payments and several currencies.
func TestAgingAtIsAgingOfEachDay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	today := app.MustDate("2026-11-22")
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 3000, Seed: 5, Today: today}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	days := monthly.MonthEnds(today, 12)
	many, err := st.AgingAt(days)
	if err != nil {
		t.Fatal(err)
	}
	reopened := false
	for k, d := range days {
		one, err := st.Aging(d)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one, many[k]) {
			t.Fatalf("%s:\n one by one %+v\n at once    %+v", d, one, many[k])
		}
		for _, a := range one {
			reopened = reopened || a.Buckets[4].Count > 0 && k < 6
		}
	}
	if !reopened {
		t.Fatal("the sample has nothing overdue in the earlier months: the test proves little")
	}
	if _, err := st.AgingAt([]app.Date{today, today.AddDays(-1)}); err == nil {
		t.Fatal("days out of order were accepted")
	}
}
