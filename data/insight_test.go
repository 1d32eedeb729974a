package data_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"duebook/app"
	"duebook/app/insight"
	"duebook/data"
)

// TestInsightFromTheStore runs the reports on a real book: a reminder approved through Today,
// payments taken at the counter, a credit note and a broken promise. The name and the invoice
// number hold the characters the store's packed reads frame their text with.
func TestInsightFromTheStore(t *testing.T) {
	f := newFixture(t)
	anna, err := f.ledger.AddCustomer(app.Customer{Name: `Weber, Anna: "Ü" 7;`, Email: "anna@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	bruno := f.customer("Bruno Fischer")
	f.invoice(anna, "Q:1,7", "2026-10-01", "2026-10-15", 10000)
	f.invoice(bruno, "B-1", "2026-10-01", "2026-10-15", 3000)
	f.invoice(bruno, "B-2", "2026-09-26", "2026-10-10", 2000)
	pay := func(c app.Customer, amount, on string, method app.PaymentMethod, inv string) {
		t.Helper()
		if _, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: amount, Date: app.MustDate(on), Method: method, Invoices: []string{inv}}); err != nil {
			t.Fatal(err)
		}
	}
	// Bruno pays B-2 on 18 Oct unasked; B-1 is settled by a credit note, which is no money in.
	pay(bruno, "20.00", "2026-10-18", app.MethodBank, "B-2")
	pay(bruno, "30.00", "2026-10-20", app.MethodCreditNote, "B-1")
	// Reminder 1 to Anna on 22 Oct; she pays 40.00 on 25 Oct and 60.00 on 30 Oct.
	if done, err := f.collect("2026-10-22").Approve(app.Date{}, app.ActionFilter{}); err != nil || len(done) != 1 {
		t.Fatalf("approve: %v %v", done, err)
	}
	pay(anna, "40.00", "2026-10-25", app.MethodCash, "Q:1,7")
	pay(anna, "60.00", "2026-10-30", app.MethodCash, "Q:1,7")
	// A promise Anna broke on 3 Nov.
	p := app.Promise{CustomerID: anna.ID, Amount: 1000, Currency: "EUR", MadeOn: app.MustDate("2026-10-20"), Due: app.MustDate("2026-10-31"), Grace: 3}
	if err := f.store.AddPromise(&p, app.Event{At: time.Now().UTC(), CustomerID: anna.ID, Kind: "promise", Summary: "promise", Data: "{}"}); err != nil {
		t.Fatal(err)
	}
	p.State, p.SettledOn = app.PromiseBroken, app.MustDate("2026-11-03")
	if err := f.store.SettlePromise(p, app.Event{At: time.Now().UTC(), CustomerID: anna.ID, Kind: "promise", Summary: "broken", Data: "{}"}); err != nil {
		t.Fatal(err)
	}

	svc := insight.NewService(f.store, app.FixedClock(today.Time().Add(12*time.Hour)))
	rep, err := svc.Effectiveness(context.Background(), insight.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	r1 := rep.Dimensions[0].Rows
	if len(r1) != 1 {
		t.Fatalf("stages: %+v", r1)
	}
	// Paid in full 8 days after the reminder: not within 7, within 14 and 30. At 7 days past due
	// the only invoice open and not contacted was B-2 (paid the next day): control 1 of 1.
	want := insight.Row{Key: "reminder 1", Actions: 1, PaidAll: 1, MedianDays: 8, Recovered: []app.Money{{Amount: 10000, Currency: "EUR"}},
		Windows: [3]insight.Window{
			{Days: 7, Observed: 1, Paid: 0, Share: 0, Control: 1, Matched: 1},
			{Days: 14, Observed: 1, Paid: 1, Share: 1, Control: 1, Matched: 1},
			{Days: 30, Observed: 1, Paid: 1, Share: 1, Control: 1, Matched: 1},
		}}
	if !reflect.DeepEqual(r1[0], want) {
		t.Errorf("reminder 1:\n got %+v\nwant %+v", r1[0], want)
	}
	if tpl := rep.Dimensions[1].Rows; len(tpl) != 1 || tpl[0].Key != "reminder1" {
		t.Errorf("templates: %+v", tpl)
	}
	if ch := rep.Dimensions[3].Rows; len(ch) != 1 || ch[0].Key != "letter" {
		t.Errorf("channels: %+v", ch)
	}
	if !reflect.DeepEqual(rep.Unprompted, []app.Money{{Amount: 2000, Currency: "EUR"}}) {
		t.Errorf("unprompted: %+v", rep.Unprompted)
	}

	// From 20 Oct: Bruno's payment of 18 Oct is before the period and is not read at all; what
	// Anna paid after her reminder is still the reminder's.
	if rep.Filter.From != app.MustDate("2025-11-23") {
		t.Errorf("default period starts %s", rep.Filter.From)
	}
	late, err := svc.Effectiveness(context.Background(), insight.Filter{From: app.MustDate("2026-10-20")})
	if err != nil || len(late.Unprompted) != 0 || !reflect.DeepEqual(late.Total.Recovered, want.Recovered) || late.Total.Actions != 1 {
		t.Errorf("from 20 Oct: %+v %+v %v", late.Total, late.Unprompted, err)
	}

	risk, err := svc.Risk(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(risk.Customers) != 2 || risk.Customers[0].CustomerID != anna.ID {
		t.Fatalf("risk: %+v", risk.Customers)
	}
	a := risk.Customers[0]
	wantReasons := []insight.Reason{{Points: 10, Text: "paid 1 invoice in the last 12 months 15 days late on average"}, {Points: 15, Text: "broke a promise on 3 Nov"}}
	if a.Score != 25 || a.Name != `Weber, Anna: "Ü" 7;` || a.Band != insight.BandMedium || !reflect.DeepEqual(a.Reasons, wantReasons) {
		t.Errorf("Anna: %+v", a)
	}
	// On 1 Nov she had paid 15 days late but not yet broken the promise: 10 then, 25 now.
	if len(risk.Risers) != 1 || risk.Risers[0].Before.Score != 10 || risk.Risers[0].Now.CustomerID != anna.ID {
		t.Errorf("risers: %+v", risk.Risers)
	}
}

// TestInsightOnTheSample: the sample shop's contacts are followed by payments, so every figure
// of the report is filled in.
func TestInsightOnTheSample(t *testing.T) {
	path := t.TempDir() + "/sample.db"
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 3000, Seed: 1, Today: today}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := insight.NewService(st, app.FixedClock(today.Time().Add(12*time.Hour)))
	rep, err := svc.Effectiveness(context.Background(), insight.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.Actions < 500 || rep.Total.PaidAll == 0 || len(rep.Total.Recovered) == 0 || rep.Total.Windows[2].Matched == 0 {
		t.Fatalf("the sample's contacts: %+v", rep.Total)
	}
	stages := map[string]bool{}
	for _, r := range rep.Dimensions[0].Rows {
		stages[r.Key] = r.Actions > 0 && r.Windows[2].Observed > 0
	}
	for _, s := range []string{"courtesy note", "reminder 1", "reminder 2", "final demand", "reminder email", "phone call"} {
		if !stages[s] {
			t.Errorf("no %s in the sample: %v", s, stages)
		}
	}
	risk, err := svc.Risk(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	bands := map[string]int{}
	for _, c := range risk.Customers {
		bands[c.Band]++
	}
	if bands[insight.BandLow] == 0 || bands[insight.BandMedium] == 0 || bands[insight.BandHigh] == 0 || len(risk.Risers) == 0 {
		t.Errorf("the sample's risk: %v, %d risers", bands, len(risk.Risers))
	}
}
