package data_test

import (
	"strings"
	"testing"

	"duebook/app"
)

// chargedInvoice is F-1 of EUR 1,000.00 to a German business after its final demand: 42.21
// interest and the 40.00 flat sum charged on it, EUR 1,082.21 open in all.
func (f *fixture) chargedInvoice() (app.Customer, app.Invoice) {
	f.t.Helper()
	col := f.collect("2026-11-22")
	if err := col.SaveSettings(app.CollectionSettings{Profile: app.ProfileDE, PromiseGrace: 3, PlanGrace: 7}); err != nil {
		f.t.Fatal(err)
	}
	biz, _ := f.ledger.AddCustomer(app.Customer{Name: "Holz GmbH", Kind: app.Business})
	inv := f.invoice(biz, "F-1", "2026-01-01", "2026-01-31", 100000)
	f.store.Decide(app.DecidedAction{CustomerID: biz.ID, OnDate: app.MustDate("2026-03-01"), Decision: app.Approved,
		Action: app.Action{CustomerID: biz.ID, Currency: "EUR", Stage: 3, StageName: "reminder 2", Channel: app.ChannelLetter,
			Invoices: []app.ActionInvoice{{ID: inv.ID, Number: "F-1", Stage: 3}}}}, nil, nil, app.Event{Kind: "test", Summary: "setup", Data: "{}"})
	if _, err := col.Approve(app.Date{}, app.ActionFilter{}); err != nil {
		f.t.Fatal(err)
	}
	if n := f.count(`SELECT sum(amount - paid) FROM charges`); n != 8221 {
		f.t.Fatalf("charges open %d", n)
	}
	return biz, inv
}

func TestWriteOffLeavesBalanceAndLadderKeepsInvoiceAndChain(t *testing.T) {
	f := newFixture(t)
	biz, inv := f.chargedInvoice()
	if _, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: biz.ID, Amount: "100.00", Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	res, err := f.ledger.WriteOff("F-1", "Insolvent: the administrator pays nothing")
	if err != nil {
		t.Fatal(err)
	}
	// Costs first in Germany: the 100.00 paid the 40.00 flat sum and 42.21 interest, 17.79 of the principal.
	if res.Principal != 98221 || res.Charges != 0 || res.Total() != 98221 {
		t.Fatalf("written off %+v", res)
	}
	got, _ := f.ledger.Invoice(inv.ID)
	if got.Open() != 0 || got.WrittenOff != today || got.Number != "F-1" {
		t.Fatalf("invoice after write-off: %+v", got)
	}
	if n := f.count(`SELECT count(*) FROM adjustments WHERE kind = 'writeoff' AND amount = 98221 AND reason LIKE 'Insolvent%'`); n != 1 {
		t.Fatalf("%d write-offs", n)
	}
	rows, _ := f.ledger.ListCustomers("Holz", 0, 10)
	if len(rows) != 1 || len(rows[0].Owed) != 0 || rows[0].OpenInvoices != 0 {
		t.Fatalf("balance after write-off: %+v", rows)
	}
	if q, _ := f.collect("2026-12-30").Queue(app.Date{}); len(q.Actions) != 0 {
		t.Fatalf("the ladder still chases: %+v", q.Actions)
	}
	tl, _ := f.store.Timeline(biz.ID, 50)
	found := false
	for _, ev := range tl {
		found = found || ev.Kind == "writeoff" && strings.Contains(ev.Summary, "Invoice F-1 written off: EUR 982.21. Reason: Insolvent")
	}
	if !found {
		t.Fatalf("no write-off on the timeline: %+v", tl)
	}
	f.mustCheck() // the chain continues and the paid amounts agree with payments and adjustments
	if n, _ := f.ledger.CountInvoices(app.InvoiceFilter{State: app.FilterWrittenOff}); n != 1 {
		t.Fatalf("%d invoices listed as written off", n)
	}
	if n, _ := f.ledger.CountInvoices(app.InvoiceFilter{State: app.FilterPaid}); n != 0 {
		t.Fatalf("the written-off invoice is listed as paid (%d)", n)
	}
	if _, err := f.ledger.WriteOff("F-1", "again"); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("second write-off: %v", err)
	}
	got.Amount += 1000
	if _, err := f.ledger.SaveInvoice(got); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("a written-off invoice's amount changed: %v", err)
	}
}

func TestWriteOffTakesTheChargesToo(t *testing.T) {
	f := newFixture(t)
	_, inv := f.chargedInvoice()
	res, err := f.ledger.WriteOff("F-1", "Customer gone")
	if err != nil || res.Principal != 100000 || res.Charges != 8221 {
		t.Fatalf("%+v %v", res, err)
	}
	if n := f.count(`SELECT count(*) FROM charges WHERE paid < amount`); n != 0 {
		t.Fatalf("%d charges still open", n)
	}
	if n := f.count(`SELECT count(*) FROM adjustments WHERE invoice_id = ? AND kind = 'writeoff'`, inv.ID); n != 3 {
		t.Fatalf("%d adjustments", n)
	}
	f.mustCheck()
}

func TestBadWriteOffChangesNothing(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Ann")
	f.invoice(c, "W-1", "2026-10-01", "2026-10-15", 10000)
	p := f.customer("Planned")
	f.invoice(p, "W-2", "2026-10-01", "2026-10-15", 9000)
	if _, err := f.collect("2026-11-22").CreatePlan(app.PlanRequest{CustomerID: p.ID, Installments: 3, Frequency: app.Monthly, FirstDue: app.MustDate("2026-12-01"), DownPayment: "0"}); err != nil {
		t.Fatal(err)
	}
	events := f.count(`SELECT count(*) FROM events`)
	for _, tc := range []struct{ number, reason string }{{"W-1", "  "}, {"W-9", "gone"}, {"W-1", "bad\x01reason"}, {"W-2", "in a plan"}} {
		if _, err := f.ledger.WriteOff(tc.number, tc.reason); err == nil {
			t.Fatalf("%+v was accepted", tc)
		}
	}
	if f.count(`SELECT count(*) FROM events`) != events || f.count(`SELECT count(*) FROM adjustments`) != 0 || f.count(`SELECT sum(paid) FROM invoices`) != 0 {
		t.Fatal("a refused write-off left something behind")
	}
}
