package data_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"duebook/app"
	"duebook/data"
	"duebook/letters"
)

// collect wires the collection use cases on a fixture with the clock at asOf noon.
func (f *fixture) collect(asOf string) *app.Collections {
	d := app.MustDate(asOf)
	return app.NewServices(app.Adapters{Store: f.store, Clock: app.FixedClock(d.Time().Add(12 * time.Hour))}).Collections
}

func TestQueueApproveIsIdempotent(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Anna Müller")
	f.invoice(c, "Q-1", "2026-10-01", "2026-10-15", 10000)
	f.invoice(c, "Q-2", "2026-10-05", "2026-10-20", 5000)
	col := f.collect("2026-11-22")
	q, err := col.Queue(app.Date{})
	if err != nil || len(q.Actions) != 1 {
		t.Fatalf("queue %+v %v", q, err)
	}
	a := q.Actions[0]
	if a.StageName != "reminder 1" || len(a.Invoices) != 2 || a.Amount != 15000 || a.Channel != app.ChannelLetter {
		t.Fatalf("action %+v", a)
	}
	again, _ := col.Queue(app.Date{})
	if len(again.Actions) != 1 || again.Actions[0].Key() != a.Key() {
		t.Fatal("building the queue twice differs")
	}
	done, err := col.Approve(app.Date{}, app.ActionFilter{})
	if err != nil || len(done) != 1 {
		t.Fatalf("approve %v %v", done, err)
	}
	if q, _ := col.Queue(app.Date{}); len(q.Actions) != 0 {
		t.Fatalf("approved action proposed again: %+v", q.Actions)
	}
	if done, _ := col.Approve(app.Date{}, app.ActionFilter{}); len(done) != 0 {
		t.Fatal("approved twice")
	}
	if err := col.ApproveAction(app.MustDate("2026-11-22"), a); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("a stale approval went through: %v", err)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE stage = 2 AND stage_on = '2026-11-22'`); n != 2 {
		t.Fatalf("%d invoices moved to reminder 1", n)
	}
	tl, _ := f.store.Timeline(c.ID, 1)
	if !strings.Contains(tl[0].Summary, "Reminder 1 approved") {
		t.Fatalf("timeline %q", tl[0].Summary)
	}
	// Two weeks later reminder 2 comes.
	col = f.collect("2026-12-06")
	if q, _ := col.Queue(app.Date{}); len(q.Actions) != 1 || q.Actions[0].StageName != "reminder 2" {
		t.Fatalf("reminder 2: %+v", q.Actions)
	}
	f.mustCheck()
}

func TestPromiseKeptAndBroken(t *testing.T) {
	f := newFixture(t)
	kept := f.customer("Kept Promise")
	broken := f.customer("Broken Promise")
	f.invoice(kept, "P-1", "2026-10-01", "2026-10-15", 10000)
	f.invoice(broken, "P-2", "2026-10-01", "2026-10-15", 10000)
	col := f.collect("2026-11-22")
	if _, err := col.AddPromise(app.PromiseRequest{CustomerID: kept.ID, Amount: "100.00", Due: app.MustDate("2026-11-20")}); err == nil {
		t.Fatal("a promise in the past was accepted")
	}
	for _, c := range []app.Customer{kept, broken} {
		if _, err := col.AddPromise(app.PromiseRequest{CustomerID: c.ID, Amount: "100.00", Due: app.MustDate("2026-11-28"), Note: "on the phone"}); err != nil {
			t.Fatal(err)
		}
	}
	q, _ := col.Queue(app.Date{})
	for _, a := range q.Actions {
		if !a.Blocked() || a.Guards[0].Guard != "promise" {
			t.Fatalf("promise does not hold: %+v", a)
		}
	}
	col = f.collect("2026-11-27")
	if _, err := col.TakePayment(app.PaymentRequest{CustomerID: kept.ID, Amount: "100.00"}); err != nil {
		t.Fatal(err)
	}
	col = f.collect("2026-12-02") // past 11-28 + 3 days grace
	rep, err := col.Settle(app.MustDate("2026-12-02"))
	if err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM promises WHERE state = 'kept'`); n != 1 {
		t.Fatalf("%d kept (%+v)", n, rep)
	}
	if n := f.count(`SELECT count(*) FROM promises WHERE state = 'broken'`); n != 1 {
		t.Fatal("the promise was not broken")
	}
	q, _ = col.Queue(app.Date{})
	// The kept promise settled a long overdue invoice: a thank-you note follows the ladder's action.
	if len(q.Actions) != 2 || q.Actions[0].CustomerID != broken.ID || q.Actions[0].Tone != app.ToneFirm || q.Actions[1].CustomerID != kept.ID || q.Actions[1].Thanks == nil {
		t.Fatalf("after the broken promise: %+v", q.Actions)
	}
	if !strings.Contains(strings.Join(q.Actions[0].Reasons, ";"), "broken") {
		t.Fatalf("reasons %v", q.Actions[0].Reasons)
	}
	// Settling again changes nothing.
	if rep, _ := col.Settle(app.MustDate("2026-12-02")); rep.PromisesBroken+rep.PromisesKept != 0 {
		t.Fatalf("settled twice: %+v", rep)
	}
	f.mustCheck()
}

func TestPlanCompletedAndBroken(t *testing.T) {
	f := newFixture(t)
	good := f.customer("Good Plan")
	bad := f.customer("Bad Plan")
	f.invoice(good, "L-1", "2026-09-01", "2026-09-15", 9000)
	f.invoice(bad, "L-2", "2026-09-01", "2026-09-15", 9000)
	col := f.collect("2026-11-22")
	req := app.PlanRequest{Installments: 3, Frequency: app.Monthly, FirstDue: app.MustDate("2026-12-01"), DownPayment: "0"}
	for _, bad := range []app.PlanRequest{
		{CustomerID: good.ID, Installments: 0, Frequency: app.Monthly, FirstDue: app.MustDate("2026-12-01")},
		{CustomerID: good.ID, Installments: 3, Frequency: app.Monthly, FirstDue: app.MustDate("2026-12-01"), DownPayment: "95.00"},
		{CustomerID: good.ID, Installments: 3, Frequency: app.Monthly, FirstDue: app.MustDate("2026-11-01")},
	} {
		if _, err := col.CreatePlan(bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if n := f.count(`SELECT count(*) FROM plans`); n != 0 {
		t.Fatal("a refused plan was saved")
	}
	for _, c := range []app.Customer{good, bad} {
		r := req
		r.CustomerID = c.ID
		p, err := col.CreatePlan(r)
		if err != nil || len(p.Schedule) != 3 || p.Schedule[2].Amount != 3000 {
			t.Fatalf("plan %+v %v", p, err)
		}
	}
	if q, _ := col.Queue(app.Date{}); len(q.Actions) != 2 || !q.Actions[0].Blocked() || q.Actions[0].Guards[0].Guard != "plan" {
		t.Fatalf("plans do not hold: %+v", q.Actions)
	}
	pay := func(day string, c app.Customer) {
		col = f.collect(day)
		if _, err := col.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "30.00"}); err != nil {
			t.Fatal(err)
		}
	}
	pay("2026-12-01", good)
	pay("2026-12-01", bad)
	pay("2027-01-01", good)
	col = f.collect("2027-01-09") // installment 2 due 01-01, grace 7 days
	rep, err := col.Settle(app.MustDate("2027-01-09"))
	if err != nil || rep.PlansBroken != 1 {
		t.Fatalf("settle %+v %v", rep, err)
	}
	pay("2027-02-01", good)
	col = f.collect("2027-02-10")
	rep, _ = col.Settle(app.MustDate("2027-02-10"))
	if rep.PlansCompleted != 1 {
		t.Fatalf("completed %+v", rep)
	}
	q, _ := col.Queue(app.Date{})
	// The completed plan earns a thank-you note, after the broken plan's final demand.
	if len(q.Actions) != 2 || q.Actions[0].CustomerID != bad.ID || q.Actions[0].StageName != "final demand" || q.Actions[1].CustomerID != good.ID || q.Actions[1].Thanks == nil {
		t.Fatalf("after the broken plan: %+v", q.Actions)
	}
	f.mustCheck()
}

func TestDisputeLeavesTheLadderUntilResolved(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Disputing Customer")
	f.invoice(c, "D-1", "2026-10-01", "2026-10-15", 10000)
	col := f.collect("2026-11-22")
	if _, err := col.OpenDispute("D-1", "the chair arrived broken"); err != nil {
		t.Fatal(err)
	}
	if _, err := col.OpenDispute("D-1", "again"); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("disputed twice: %v", err)
	}
	q, _ := col.Queue(app.Date{})
	if len(q.Actions) != 1 || !q.Actions[0].Blocked() || q.Actions[0].Guards[0].Guard != "dispute" {
		t.Fatalf("dispute does not hold: %+v", q.Actions)
	}
	if err := col.ResolveDispute("D-1", "repaired; customer accepts"); err != nil {
		t.Fatal(err)
	}
	q, _ = col.Queue(app.Date{})
	if len(q.Actions) != 1 || q.Actions[0].Blocked() {
		t.Fatalf("resolved dispute still holds: %+v", q.Actions)
	}
	ds, _ := f.store.Disputes(c.ID)
	if len(ds) != 1 || ds[0].Resolution == "" || ds[0].ResolvedOn.IsZero() {
		t.Fatalf("disputes %+v", ds)
	}
}

func TestFinalDemandChargesUnderTheGermanProfile(t *testing.T) {
	f := newFixture(t)
	col := f.collect("2026-11-22")
	if err := col.SaveSettings(app.CollectionSettings{Profile: app.ProfileDE, PromiseGrace: 3, PlanGrace: 7}); err != nil {
		t.Fatal(err)
	}
	pol := app.DefaultPolicy()
	pol.ID = 1
	pol.Stages[3].Fee = "5.00"
	if _, err := col.SaveLadder(pol); err != nil {
		t.Fatal(err)
	}
	biz, _ := f.ledger.AddCustomer(app.Customer{Name: "Holz GmbH", Kind: app.Business})
	inv := f.invoice(biz, "F-1", "2026-01-01", "2026-01-31", 100000)
	// Jump the invoice to reminder 2, reached long ago: the final demand is due.
	f.store.Decide(app.DecidedAction{CustomerID: biz.ID, OnDate: app.MustDate("2026-03-01"), Decision: app.Approved,
		Action: app.Action{CustomerID: biz.ID, Currency: "EUR", Stage: 3, StageName: "reminder 2", Channel: app.ChannelLetter,
			Invoices: []app.ActionInvoice{{ID: inv.ID, Number: "F-1", Stage: 3}}}}, nil, nil, app.Event{Kind: "test", Summary: "setup", Data: "{}"})
	q, _ := col.Queue(app.Date{})
	if len(q.Actions) != 1 || q.Actions[0].StageName != "final demand" || q.Actions[0].Deadline.String() != "2026-12-06" {
		t.Fatalf("final demand: %+v", q.Actions)
	}
	if _, err := col.Approve(app.Date{}, app.ActionFilter{}); err != nil {
		t.Fatal(err)
	}
	charges, _ := f.store.Charges(biz.ID)
	byKind := map[app.ChargeKind]int64{}
	var setOff int64
	for _, ch := range charges {
		byKind[ch.Kind] += ch.Amount
		setOff += ch.SetOff
	}
	// Interest 2026-02-01..2026-06-30 at 1.27 + 9 = 10.27 %: 100000 x 1027 x 150 / 3650000 = 4220.55;
	// from 2026-07-01 the table has no confirmed base rate: those days are charged nothing (and
	// said so). The 5.00 fee is set off against the EUR 40 flat sum (BGB 288(5)): nothing claimed.
	if byKind[app.ChargeFee] != 0 || setOff != 500 || byKind[app.ChargeCompensation] != 4000 || byKind[app.ChargeInterest] != 4221 {
		t.Fatalf("charges %+v", charges)
	}
	tl, _ := f.store.Timeline(biz.ID, 1)
	if !strings.Contains(tl[0].Summary, "no DE-base rate") || !strings.Contains(tl[0].Summary, "set off") {
		t.Fatalf("no warning about the missing rate: %s", tl[0].Summary)
	}
	// A consumer in the UK profile gets no fee and no interest.
	col.SaveSettings(app.CollectionSettings{Profile: app.ProfileUK})
	cons := f.customer("Sam Consumer")
	f.invoice(cons, "F-2", "2026-01-01", "2026-01-31", 100000)
	f.store.Decide(app.DecidedAction{CustomerID: cons.ID, OnDate: app.MustDate("2026-03-01"), Decision: app.Approved,
		Action: app.Action{CustomerID: cons.ID, Currency: "EUR", Stage: 3, StageName: "reminder 2", Channel: app.ChannelLetter,
			Invoices: []app.ActionInvoice{{ID: f.lastInvoiceID(), Number: "F-2", Stage: 3}}}}, nil, nil, app.Event{Kind: "test", Summary: "setup", Data: "{}"})
	if _, err := col.Approve(app.Date{}, app.ActionFilter{}); err != nil {
		t.Fatal(err)
	}
	if charges, _ := f.store.Charges(cons.ID); len(charges) != 0 {
		t.Fatalf("a UK consumer was charged: %+v", charges)
	}
}

func (f *fixture) lastInvoiceID() int64 { return int64(f.count(`SELECT max(id) FROM invoices`)) }

func TestBadCollectionInputChangesNothing(t *testing.T) {
	f := newFixture(t)
	col := f.collect("2026-11-22")
	c := f.customer("Input Tester")
	before := f.count(`SELECT count(*) FROM events`)
	bad := app.DefaultPolicy()
	bad.ID = 1
	bad.Stages[2].Days = bad.Stages[1].Days
	if _, err := col.SaveLadder(bad); err == nil {
		t.Error("a ladder with two stages on one day was saved")
	}
	overlap := app.DefaultRates()
	overlap.Periods = append(overlap.Periods, app.RatePeriod{Series: app.SeriesDEBase, From: app.MustDate("2026-01-01"), To: app.MustDate("2026-09-30"), Rate: 100})
	if err := col.SaveRates(overlap); err == nil {
		t.Error("overlapping rates saved")
	}
	if err := col.SaveRates(app.RateTable{Periods: []app.RatePeriod{{Series: app.SeriesDEBase, From: app.MustDate("2026-07-01"), Rate: -5000}}}); err == nil {
		t.Error("a rate of -50 % saved")
	}
	if _, err := f.ledger.UpdateCustomer(app.Customer{ID: c.ID, Name: c.Name, TimeZone: "Europe/Atlantis"}); err == nil {
		t.Error("a time zone that does not exist was saved")
	}
	if err := col.SetFlags(c.ID, []string{"vip"}); err == nil {
		t.Error("an unknown flag was saved")
	}
	if err := col.Hold(c.ID, app.MustDate("2026-01-01"), "past"); err == nil {
		t.Error("a hold in the past was saved")
	}
	if after := f.count(`SELECT count(*) FROM events`); after != before {
		t.Fatalf("refused input wrote %d events", after-before)
	}
	if rates, _ := f.store.Rates(); len(rates.Periods) != len(app.DefaultRates().Periods) {
		t.Fatal("the rate table changed")
	}
}

func TestPrintRunStoresEachLetterAndPrintsNothingTwice(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/shop.db"
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 3000, Seed: 4, Today: app.MustDate("2026-11-22")}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := app.FixedClock(app.MustDate("2026-11-22").Time().Add(14 * time.Hour))
	st.SetClock(clock)
	col := app.NewCollections(app.NewLedger(st, clock, nil), st)
	col.Render = letters.Renderer{}
	// A cancel before anything is stored leaves nothing behind.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := col.PrintRun(ctx, app.Date{}, nil); err == nil {
		t.Fatal("a cancelled print run went through")
	}
	res, err := col.PrintRun(context.Background(), app.Date{}, nil)
	if err != nil || len(res.Letters) == 0 || res.Pages < len(res.Letters) {
		t.Fatalf("print run: %d letters, %d pages, %v", len(res.Letters), res.Pages, err)
	}
	// Recorded, but not printed until the files are on disk.
	if pending, _ := col.PendingPrints(); len(pending) != len(res.Letters) {
		t.Fatalf("%d letters to print, %d recorded", len(pending), len(res.Letters))
	}
	out, err := col.OutputLetters(context.Background(), dir)
	if err != nil || len(out.Letters) != len(res.Letters) || out.Pages != res.Pages || len(out.Files) != len(res.Letters) {
		t.Fatalf("output: %+v %v", out, err)
	}
	if pending, _ := col.PendingPrints(); len(pending) != 0 {
		t.Fatalf("%d letters still to print after they were written", len(pending))
	}
	for i := 1; i < len(res.Letters); i++ {
		if res.Letters[i-1].PostalCode > res.Letters[i].PostalCode {
			t.Fatal("the letters are not sorted by postal code")
		}
	}
	for _, l := range res.Letters {
		again, err := col.Reprint(l.SHA256)
		if sum := sha256.Sum256(again); err != nil || hex.EncodeToString(sum[:]) != l.SHA256 || len(l.PDF) != 0 {
			t.Fatalf("reprint of %s differs: %v", l.Customer, err)
		}
		docs, _ := st.CustomerDocuments(l.CustomerID)
		if len(docs) == 0 || docs[0].SHA256 != l.SHA256 || docs[0].Kind != "letter" {
			t.Fatalf("the timeline does not link the letter: %+v", docs)
		}
	}
	second, err := col.PrintRun(context.Background(), app.Date{}, nil)
	if err != nil || len(second.Letters) != 0 {
		t.Fatalf("printed twice: %d letters, %v", len(second.Letters), err)
	}
	if rep, _ := st.Check(); !rep.OK() {
		t.Fatalf("check %+v", rep)
	}
}

func TestCaseOfCustomerWithoutDebt(t *testing.T) {
	f := newFixture(t)
	col := f.collect("2026-11-22")
	c := f.customer("Nothing Owed")
	if err := col.Hold(c.ID, app.MustDate("2026-12-24"), "moving house"); err != nil {
		t.Fatal(err)
	}
	if err := col.SetTone(c.ID, app.ToneGentle); err != nil {
		t.Fatal(err)
	}
	cc, err := col.CaseOf(c.ID)
	if err != nil || cc.HoldUntil.String() != "2026-12-24" || cc.HoldReason != "moving house" || cc.Tone != app.ToneGentle {
		t.Fatalf("%+v %v", cc, err)
	}
	if q, _ := col.Queue(app.Date{}); len(q.Actions) != 0 {
		t.Fatalf("a customer who owes nothing is in the queue: %+v", q.Actions)
	}
}
