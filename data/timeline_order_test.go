package data_test

import (
	"testing"

	"duebook/app"
)

// The timeline is in the order things happened: an entry made today for an earlier day (with
// --as-of) sits among that day's entries, not on top; the owner may read it oldest first.
func TestTimelineIsInDateOrder(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Chrono Logic")
	f.invoice(c, "T-1", "2026-09-01", "2026-09-30", 10000)
	late := f.collect("2026-11-20")
	if _, err := late.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "10.00", Currency: "EUR", Date: app.MustDate("2026-11-20")}); err != nil {
		t.Fatal(err)
	}
	early := f.collect("2026-10-05") // written after, about an earlier day
	if err := early.Hold(c.ID, app.MustDate("2026-10-20"), "waiting for the insurer"); err != nil {
		t.Fatal(err)
	}
	newest, err := f.store.TimelineOrdered(c.ID, 100, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(newest); i++ {
		if newest[i].At.After(newest[i-1].At) {
			t.Fatalf("not newest first: %s (%s) before %s (%s)", newest[i-1].Summary, newest[i-1].At, newest[i].Summary, newest[i].At)
		}
	}
	if newest[0].Kind == "hold" {
		t.Fatalf("the entry for 5 October is on top of the one for 20 November: %+v", newest[0])
	}
	oldest, _ := f.store.TimelineOrdered(c.ID, 100, true)
	if len(oldest) != len(newest) || oldest[0].ID != newest[len(newest)-1].ID {
		t.Fatal("oldest first is not the reverse")
	}
	f.mustCheck()
}
