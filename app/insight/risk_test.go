package insight

import (
	"reflect"
	"testing"

	"duebook/app"
)

// lateCarla paid on time until spring, then 40+ days late; broke a promise on 3 Nov, kept one in
// May, broke a plan in December 2025, disputed an invoice on 1 Oct, and owes one due 10 Oct.
func lateCarla() *History {
	inv := func(n, due, settled string) Invoice {
		s := Never
		if settled != "" {
			s = d(settled)
		}
		return Invoice{Number: n, Currency: "EUR", Amount: 100, Issue: d(due) - 30, Due: d(due), Settled: s, HandedOff: Never}
	}
	return &History{CustomerID: 9, Name: "Carla", Kind: app.Business,
		Invoices: []Invoice{
			inv("E0", "2025-06-01", "2025-06-01"), // paid more than 12 months ago: not counted
			inv("E1", "2026-03-01", "2026-03-01"),
			inv("E2", "2026-04-01", "2026-04-03"),
			inv("L1", "2026-06-01", "2026-07-16"),
			inv("L2", "2026-07-01", "2026-08-20"),
			inv("L3", "2026-08-01", "2026-09-10"),
			inv("O1", "2026-10-10", ""),
		},
		Promises: []Promise{
			{MadeOn: d("2026-10-20"), Due: d("2026-10-31"), State: "broken", Settled: d("2026-11-03")},
			{MadeOn: d("2026-04-20"), Due: d("2026-04-30"), State: "kept", Settled: d("2026-05-01")},
			{MadeOn: d("2026-11-20"), Due: d("2026-12-01"), State: "open", Settled: Never},
		},
		Plans:    []Plan{{CreatedOn: d("2025-09-01"), State: "broken", Settled: d("2025-12-01")}},
		Disputes: []Dispute{{Invoice: "L3", Opened: d("2026-10-01"), Resolved: Never}},
	}
}

func TestRiskScoreAndReasons(t *testing.T) {
	r := ScoreRisk(lateCarla(), app.MustDate("2026-11-24"))
	want := []Reason{
		{10, "paid 5 invoices in the last 12 months 27 days late on average"}, // (0+2+45+50+40)/5 = 27.4
		{15, "paid the last three invoices 40+ days late"},
		{10, "pays later than before: 45 days late on the last three, 1 before"},
		{15, "broke a promise on 3 Nov"},
		{-5, "kept 1 promise"},
		{20, "broke a payment plan on 1 Dec 2025"},
		{5, "disputed invoice L3 on 1 Oct"},
		{10, "owes an invoice 45 days overdue"},
	}
	if !reflect.DeepEqual(r.Reasons, want) {
		t.Errorf("reasons:\n got %v\nwant %v", r.Reasons, want)
	}
	if r.Score != 80 || r.Band != BandHigh || r.PaidInvoices != 5 || r.AvgDaysLate != 27.4 || r.RecentAvg != 45 || r.EarlierAvg != 1 ||
		r.PromisesKept != 1 || r.PromisesBroken != 1 || r.PlansBroken != 1 || r.Disputes != 1 || r.OldestOverdue != 45 {
		t.Errorf("%+v", r)
	}
}

func TestRiskAsOfAnEarlierDay(t *testing.T) {
	// On 1 Nov the promise had not broken yet and O1 was 22 days overdue: 80 - 15 - 10.
	before := ScoreRisk(lateCarla(), app.MustDate("2026-11-01"))
	if before.Score != 55 || before.Band != BandHigh || before.OldestOverdue != 22 {
		t.Errorf("%+v", before)
	}
	now := ScoreRisk(lateCarla(), app.MustDate("2026-11-24"))
	if !Rose(before, now) {
		t.Error("Carla's risk rose this month")
	}
	// On 1 Aug L2 was open (31 days overdue) and L3 not yet due; three paid in the 12 months
	// (0, 2, 45 days late: 15.7 on average, no run of three at 40+, no earlier ones to compare).
	aug := ScoreRisk(lateCarla(), app.MustDate("2026-08-01"))
	want := []Reason{
		{10, "paid 3 invoices in the last 12 months 16 days late on average"},
		{-5, "kept 1 promise"},
		{20, "broke a payment plan on 1 Dec 2025"},
		{10, "owes an invoice 31 days overdue"},
	}
	if !reflect.DeepEqual(aug.Reasons, want) || aug.Score != 35 || aug.Band != BandMedium {
		t.Errorf("1 Aug: %+v", aug)
	}
}

func TestRiskOfAGoodPayerAndTheRisersList(t *testing.T) {
	good := &History{CustomerID: 1, Kind: app.Consumer, Invoices: []Invoice{
		{Number: "G1", Issue: d("2026-09-01"), Due: d("2026-10-01"), Settled: d("2026-09-28"), HandedOff: Never},
	}, Promises: []Promise{{State: "kept", Settled: d("2026-09-28")}}}
	r := ScoreRisk(good, app.MustDate("2026-11-24"))
	if r.Score != 0 || r.Band != BandLow || len(r.Reasons) != 1 {
		t.Errorf("a kept promise never makes the score negative: %+v", r)
	}
	// A rise with a debt already past 60 days is no early warning.
	if Rose(Risk{Score: 10}, Risk{Score: 40, OldestOverdue: 61}) || !Rose(Risk{Score: 10}, Risk{Score: 40, OldestOverdue: 60}) || Rose(Risk{Score: 40}, Risk{Score: 40}) {
		t.Error("risers")
	}
}
