package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"os/exec"
	"strings"
	"testing"
	"time"

	"duebook/app"
	"duebook/app/insight"
	"duebook/letters"
)

// printer wires the collection use cases with the real renderer, the clock at asOf noon.
func (f *fixture) printer(asOf string) *app.Collections {
	d := app.MustDate(asOf)
	return app.NewServices(app.Adapters{Store: f.store, Clock: app.FixedClock(d.Time().Add(12 * time.Hour)), Render: letters.Renderer{}}).Collections
}

// payOn takes a payment on a day, as the owner enters it that day.
func (f *fixture) payOn(c app.Customer, day, amount string) {
	f.t.Helper()
	if _, err := f.printer(day).TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: amount, Method: app.MethodBank, Date: app.MustDate(day)}); err != nil {
		f.t.Fatal(err)
	}
}

// approveOn approves the customer's ladder action of a day.
func (f *fixture) approveOn(c app.Customer, day string) {
	f.t.Helper()
	done, err := f.printer(day).Approve(app.MustDate(day), app.ActionFilter{Customers: []int64{c.ID}})
	if err != nil || len(done) != 1 || done[0].Thanks != nil {
		f.t.Fatalf("%s on %s: %v %v", c.Name, day, done, err)
	}
}

// thanks lists the day's thank-you notes by customer name.
func (f *fixture) thanks(day string) map[string]app.Action {
	f.t.Helper()
	q, err := f.printer(day).Queue(app.MustDate(day))
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]app.Action{}
	for _, a := range q.Actions {
		if a.Thanks != nil {
			if _, dup := out[a.Customer]; dup {
				f.t.Fatalf("two notes for %s", a.Customer)
			}
			out[a.Customer] = a
		}
	}
	return out
}

func pdfWordsOf(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Crafted timelines: a long overdue invoice settled gets a note; one paid on time, one paid 20
// days late at reminder 1, one whose customer still owes something overdue, a flagged customer
// and a handed-off one get none.
func TestThanksProposedOnlyAfterALongOverdueDebtIsSettled(t *testing.T) {
	f := newFixture(t)
	anna := f.customer("Anna Late")
	f.invoice(anna, "T-1", "2026-09-01", "2026-09-30", 12000)
	f.payOn(anna, "2026-11-15", "120.00") // 46 days late

	ben := f.customer("Ben Prompt")
	f.invoice(ben, "T-2", "2026-10-20", "2026-11-10", 5000)
	f.payOn(ben, "2026-11-10", "50.00")

	cara := f.customer("Cara Reminded")
	f.invoice(cara, "T-3", "2026-10-01", "2026-10-20", 8000)
	f.approveOn(cara, "2026-10-27") // reminder 1
	f.payOn(cara, "2026-11-09", "80.00")

	dana := f.customer("Dana Still")
	f.invoice(dana, "T-4", "2026-09-01", "2026-09-30", 7000)
	f.invoice(dana, "T-5", "2026-10-01", "2026-10-31", 3000)
	f.payOn(dana, "2026-11-16", "70.00") // T-4 settled, T-5 still overdue

	eve := f.customer("Eve Flagged")
	f.invoice(eve, "T-6", "2026-09-01", "2026-09-30", 4000)
	f.payOn(eve, "2026-11-15", "40.00")
	if err := f.printer("2026-11-16").SetFlags(eve.ID, []string{app.FlagCease}); err != nil {
		t.Fatal(err)
	}

	fritz := f.customer("Fritz Agency")
	f.invoice(fritz, "T-7", "2026-07-01", "2026-07-31", 9000)
	for _, day := range []string{"2026-08-07", "2026-08-21", "2026-09-04", "2026-09-25"} {
		f.approveOn(fritz, day) // reminders, final demand, hand-off
	}
	f.invoice(fritz, "T-8", "2026-09-01", "2026-09-30", 2000)
	f.payOn(fritz, "2026-11-15", "20.00") // paid the newer invoice
	if n := f.count(`SELECT count(*) FROM invoices WHERE number = 'T-7' AND handed_off <> ''`); n != 1 {
		t.Fatal("T-7 was not handed off")
	}

	gus := f.customer("Gus Written Off") // paid part late, the rest written off: nothing to thank for
	f.invoice(gus, "T-9", "2026-08-01", "2026-08-31", 10000)
	f.payOn(gus, "2026-11-14", "40.00")
	if _, err := f.printer("2026-11-15").WriteOff("T-9", "customer moved abroad"); err != nil {
		t.Fatal(err)
	}

	got := f.thanks("2026-11-22")
	if len(got) != 1 {
		t.Fatalf("notes for %v, want Anna's only", keysOf(got))
	}
	a := got["Anna Late"]
	if a.Channel != app.ChannelLetter || a.Tone != app.ToneGentle || a.Amount != 0 || len(a.Invoices) != 1 || a.Invoices[0].Number != "T-1" || a.Blocked() {
		t.Fatalf("Anna's note: %+v", a)
	}
	// Once Dana's other invoice is paid, she too is thanked, naming what was long overdue.
	f.payOn(dana, "2026-11-22", "30.00")
	if d, ok := f.thanks("2026-11-22")["Dana Still"]; !ok || len(d.Thanks.Invoices) != 1 || d.Thanks.Invoices[0] != "T-4" {
		t.Fatalf("Dana's note: %+v", d)
	}
	// Fourteen days after the settlement it is still proposed; fifteen, no longer.
	if _, ok := f.thanks("2026-11-29")["Anna Late"]; !ok {
		t.Fatal("14 days after: no note")
	}
	if _, ok := f.thanks("2026-11-30")["Anna Late"]; ok {
		t.Fatal("15 days after: still proposed")
	}
}

func keysOf(m map[string]app.Action) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Approving prints a gentle letter naming the invoice, with no amount demanded, and leaves the
// invoices, the ladder and the charges as they were; it is not proposed again. A skip too ends it.
func TestApprovedThanksPrintsALetterThatAsksForNothing(t *testing.T) {
	f := newFixture(t)
	anna := f.customer("Anna Late")
	f.invoice(anna, "T-1", "2026-09-01", "2026-09-30", 12000)
	f.invoice(anna, "T-9", "2026-11-20", "2026-12-20", 3000) // not due yet: no obstacle
	for _, day := range []string{"2026-10-07", "2026-10-21"} {
		f.approveOn(anna, day) // reminders 1 and 2
	}
	f.payOn(anna, "2026-11-03", "120.00") // 34 days late, after reminder 2
	ben := f.customer("Ben Later")
	f.invoice(ben, "B-1", "2026-09-01", "2026-09-30", 5000)
	f.payOn(ben, "2026-11-20", "50.00")

	const stages = `SELECT group_concat(number || ':' || stage || ':' || stage_on || ':' || paid, ',') FROM (SELECT * FROM invoices ORDER BY id)`
	before, charges := f.text(stages), f.count(`SELECT count(*) FROM charges`)
	col := f.printer("2026-11-10")
	a, ok := f.thanks("2026-11-10")["Anna Late"]
	if !ok {
		t.Fatal("no note for Anna")
	}
	l, err := col.ApproveLetter(app.MustDate("2026-11-10"), a)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfWordsOf(t, l.PDF)
	for _, want := range []string{"Thank you, Anna Late", "Thank you very much for settling invoice T-1 in full.", "Corner Shop"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"EUR", "120.00", "120,00", "Total", "pay by", "How to pay", "T-9"} {
		if strings.Contains(text, bad) {
			t.Errorf("the letter shows %q:\n%s", bad, text)
		}
	}
	if after := f.text(stages); after != before || f.count(`SELECT count(*) FROM charges`) != charges {
		t.Fatalf("approving moved or charged something:\n%s\n%s", before, after)
	}
	if n := f.count(`SELECT count(*) FROM actions WHERE customer_id = ? AND stage = ? AND decision = 'approved' AND amount = 0`, anna.ID, app.StageThanks); n != 1 {
		t.Fatalf("%d thank-you decisions recorded", n)
	}
	if n := f.count(`SELECT count(*) FROM events e JOIN print_queue p ON e.summary LIKE '%' || substr(p.sha256, 1, 12) || '%'
		WHERE e.customer_id = ? AND e.kind = 'letter' AND e.summary LIKE 'Thank-you note printed (gentle tone) for T-1: nothing asked%'`, anna.ID); n != 1 {
		t.Fatalf("the timeline does not record the letter on the list to print (%d)", n)
	}
	if _, ok := f.thanks("2026-11-10")["Anna Late"]; ok {
		t.Fatal("proposed again after approval")
	}
	// The note is no step of the ladder: the effectiveness report counts the two reminders only.
	eff, err := insight.NewService(f.store, app.FixedClock(app.MustDate("2026-11-10").Time().Add(12*time.Hour))).Effectiveness(context.Background(), insight.Filter{})
	if err != nil || eff.Total.Actions != 2 {
		t.Fatalf("effectiveness counts %d contacts, want the 2 reminders: %v", eff.Total.Actions, err)
	}
	if _, ok := f.thanks("2026-11-12")["Anna Late"]; ok {
		t.Fatal("proposed again on a later day")
	}
	// A courtesy note for Ben's new invoice comes first; the note waits for the next day.
	f.invoice(ben, "B-2", "2026-11-10", "2026-11-25", 1000)
	if _, ok := f.thanks("2026-11-22")["Ben Later"]; ok {
		t.Fatal("a thank-you on the day of a courtesy note")
	}
	if done, err := f.printer("2026-11-22").Skip(app.MustDate("2026-11-22"), app.ActionFilter{Customers: []int64{ben.ID}}, "told him at the counter"); err != nil || len(done) != 1 || done[0].StageName != "courtesy note" {
		t.Fatalf("the courtesy note: %v %v", done, err)
	}
	if _, ok := f.thanks("2026-11-23")["Ben Later"]; !ok {
		t.Fatal("no note for Ben the day after the courtesy note")
	}
	// Skipped: not proposed again either.
	skipped, err := f.printer("2026-11-23").Skip(app.MustDate("2026-11-23"), app.ActionFilter{Customers: []int64{ben.ID}}, "we spoke on the phone")
	if err != nil || len(skipped) != 1 || skipped[0].Thanks == nil {
		t.Fatalf("skip: %v %v", skipped, err)
	}
	if _, ok := f.thanks("2026-11-24")["Ben Later"]; ok {
		t.Fatal("proposed again after a skip")
	}
	if got := f.text(`SELECT stage || ':' || stage_on FROM invoices WHERE number = 'B-1'`); got != "0:" {
		t.Fatalf("the skip moved B-1 on the ladder: %s", got)
	}
}

// A completed payment plan is thanked for as a plan.
func TestThanksAfterAPlanIsCompleted(t *testing.T) {
	f := newFixture(t)
	gus := f.customer("Gus Planner")
	f.invoice(gus, "P-1", "2026-09-20", "2026-10-20", 20000)
	f.invoice(gus, "P-2", "2026-09-25", "2026-10-25", 10000)
	if _, err := f.printer("2026-10-26").CreatePlan(app.PlanRequest{CustomerID: gus.ID, Installments: 3, Frequency: app.Weekly, FirstDue: app.MustDate("2026-10-30")}); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2026-10-30", "2026-11-06"} {
		f.payOn(gus, day, "100.00")
		if got := f.thanks(day); len(got) != 0 {
			t.Fatalf("%s: a note while the plan runs: %v", day, keysOf(got))
		}
	}
	f.payOn(gus, "2026-11-12", "100.00") // P-2 settled 18 days late: only the plan earns the note
	a, ok := f.thanks("2026-11-13")["Gus Planner"]
	if !ok || len(a.Thanks.Plans) != 1 || strings.Join(a.Thanks.Plans[0], ",") != "P-1,P-2" || len(a.Thanks.Invoices) != 0 || len(a.Invoices) != 2 {
		t.Fatalf("Gus's note: %+v %+v", a, a.Thanks)
	}
	l, err := f.printer("2026-11-13").ApproveLetter(app.MustDate("2026-11-13"), a)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfWordsOf(t, l.PDF); !strings.Contains(text, "completing your payment plan for invoices P-1 and P-2") || strings.Contains(text, "EUR") {
		t.Fatalf("the letter:\n%s", text)
	}
}

// text reads one text value from the book.
func (f *fixture) text(q string, args ...any) string {
	f.t.Helper()
	db, err := sql.Open("sqlite", f.path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer db.Close()
	var s sql.NullString
	if err := db.QueryRow(q, args...).Scan(&s); err != nil {
		f.t.Fatal(err)
	}
	return s.String
}
