package data_test

import (
	"strings"
	"testing"

	"duebook/app"
	"duebook/letters"
)

// A German business: fees of 5.00, 10.00 and 30.00 at reminder 1, reminder 2 and the final
// demand. The EUR 40 flat sum (charged at reminder 1) absorbs the first 40.00 of fees, so the
// final demand claims 5.00 of its 30.00, and interest from 2026-02-01 to 2026-03-07 (35 days on
// 1,000.00 at 1.27 + 9 = 10.27 %: 984.79 -> 9.85). The letter demands 1,000.00 + 40.00 + 5.00 +
// 9.85 = 1,054.85, and so do the statement and a final demand printed by hand the same day;
// paying exactly that leaves nothing open and no credit.
func TestChargesAccumulateAndPayingTheDemandClearsThem(t *testing.T) {
	f := newFixture(t)
	col := f.collect("2026-02-07")
	if err := col.SaveSettings(app.CollectionSettings{Profile: app.ProfileDE, PromiseGrace: 3, PlanGrace: 7}); err != nil {
		t.Fatal(err)
	}
	pol := app.DefaultPolicy()
	pol.ID = 1
	pol.Stages[1].Fee, pol.Stages[2].Fee, pol.Stages[3].Fee = "5.00", "10.00", "30.00"
	if _, err := col.SaveLadder(pol); err != nil {
		t.Fatal(err)
	}
	biz, _ := f.ledger.AddCustomer(app.Customer{Name: "Holz GmbH", Kind: app.Business, Country: "DE"})
	f.invoice(biz, "H-1", "2026-01-01", "2026-01-31", 100000)
	var final app.Action
	for _, day := range []string{"2026-02-07", "2026-02-21", "2026-03-07"} {
		col = f.collect(day)
		col.Render = letters.Renderer{}
		q, err := col.Queue(app.Date{})
		if err != nil || len(q.Actions) != 1 {
			t.Fatalf("%s: %+v %v", day, q.Actions, err)
		}
		final = q.Actions[0]
		if _, err := col.Approve(app.Date{}, app.ActionFilter{}); err != nil {
			t.Fatal(err)
		}
	}
	if final.StageName != "final demand" || final.Amount != 105485 {
		t.Fatalf("final demand on Today: %s %d, want 105485", final.StageName, final.Amount)
	}
	for _, kind := range []app.LetterKind{app.KindFinal, app.KindStatement} {
		in, err := col.ComposeLetter(app.LetterRequest{CustomerID: biz.ID, Kind: kind})
		if err != nil || in.Total().Amount != 105485 {
			t.Fatalf("%s demands %d, want 105485 (%v)", kind, in.Total().Amount, err)
		}
	}
	res, err := col.TakePayment(app.PaymentRequest{CustomerID: biz.ID, Amount: "1054.85", Currency: "EUR"})
	if err != nil || res.Credit != 0 {
		t.Fatalf("payment %+v %v", res, err)
	}
	open, _ := col.OpenItems(biz.ID, "EUR")
	if len(open) != 0 {
		t.Fatalf("still open after paying the demand: %+v", open)
	}
	// BGB 367: the costs were paid first, then the interest, then the principal.
	if res.Allocations[0].ChargeID == 0 || res.Allocations[len(res.Allocations)-1].ChargeID != 0 {
		t.Fatalf("order %+v", res.Allocations)
	}
	f.mustCheck()
}

func TestCreditIsUsedBeforeAnyoneIsChased(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Credit Holder")
	col := f.collect("2026-11-22")
	// A credit note before the invoice: it waits as credit.
	if _, err := col.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "100.00", Currency: "EUR", Method: app.MethodCreditNote, Date: app.MustDate("2026-10-01")}); err != nil {
		t.Fatal(err)
	}
	f.invoice(c, "CR-1", "2026-10-01", "2026-10-15", 10000)
	q, err := col.Queue(app.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range q.Actions {
		if a.CustomerID == c.ID {
			t.Fatalf("a customer whose credit covers the debt was chased: %+v", a)
		}
	}
	if credit, _ := f.store.Credit(c.ID); len(credit) != 0 {
		t.Fatalf("credit left: %+v", credit)
	}
	if tl := f.timeline(c.ID); !strings.Contains(tl, "Credit of EUR 100.00 applied") {
		t.Fatalf("timeline: %s", tl)
	}
}

func TestDisputeFindsTheExactNumber(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Many Invoices")
	f.invoice(c, "X-1", "2026-10-01", "2026-10-15", 1000)
	for i := 10; i < 80; i++ {
		f.invoice(c, "X-1"+string(rune('0'+i/10))+string(rune('0'+i%10)), "2026-10-01", "2026-10-15", 1000)
	}
	col := f.collect("2026-11-22")
	d, err := col.OpenDispute("X-1", "wrong price")
	if err != nil || d.Number != "X-1" {
		t.Fatalf("dispute %+v %v", d, err)
	}
	if _, err := col.OpenDispute("X-", "no such"); app.CodeOf(err) != app.CodeNotFound {
		t.Fatalf("a prefix found an invoice: %v", err)
	}
}
