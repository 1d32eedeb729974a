package insight

import (
	"context"
	"reflect"
	"testing"
	"time"

	"duebook/app"
)

// book is a Source over crafted histories, read in two parts as the store does.
type book []*History

func (b book) Parts() int { return 2 }

func (b book) Histories(_ context.Context, _ Need, fn func(int, *History) error) error {
	for i, h := range b {
		if err := fn(i%2, h); err != nil {
			return err
		}
	}
	return nil
}

func TestServiceDrillsToTheCustomersBehindARow(t *testing.T) {
	svc := NewService(book(shop()), app.FixedClock(time.Date(2026, 4, 1, 12, 0, 0, 0, time.Local)))
	f := Filter{From: app.MustDate("2026-01-01")}
	got, err := svc.Behind(context.Background(), f, "stage", "reminder 1")
	want := []Behind{{CustomerID: 1, Name: "Anna", Kind: app.Business, Actions: 1, Recovered: eur(4000)}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("reminder 1: %+v %v", got, err)
	}
	got, err = svc.Behind(context.Background(), f, "all", "")
	want = []Behind{{CustomerID: 1, Name: "Anna", Kind: app.Business, Actions: 2, PaidAll: 1, Recovered: eur(10000)}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("all: %+v %v", got, err)
	}
	if got, err := svc.Behind(context.Background(), f, "tone", "gentle"); err != nil || len(got) != 0 {
		t.Errorf("a row nobody is behind: %+v %v", got, err)
	}
	if _, err := svc.Behind(context.Background(), f, "colour", "red"); app.CodeOf(err) != app.CodeInvalid {
		t.Errorf("an unknown grouping: %v", err)
	}
	// The report of the service is the report of one pass.
	rep, err := svc.Effectiveness(context.Background(), f)
	if err != nil || !reflect.DeepEqual(rep, report(f, "2026-04-01", shop()...)) {
		t.Errorf("service report: %+v %v", rep.Total, err)
	}
}
