package insight

import (
	"reflect"
	"testing"

	"duebook/app"
)

func d(s string) Day {
	day, ok := ParseDay(s)
	if !ok {
		panic(s)
	}
	return day
}

func TestParseDayAgreesWithDate(t *testing.T) {
	for _, s := range []string{"1970-01-01", "2000-02-29", "2026-11-24", "2100-03-01", "1969-12-31"} {
		day, ok := ParseDay(s)
		if !ok || day != DayOf(app.MustDate(s)) || day.Date().String() != s {
			t.Errorf("%s: %d, %v, %s", s, day, ok, day.Date())
		}
	}
	if _, ok := ParseDay("2026-1-01"); ok {
		t.Error("a malformed day was read")
	}
}

// shop is a crafted book of two customers.
//
// Anna (business) owes I0 (100.00, due 31 Jan) and I1 (50.00, due 4 Feb). Reminder 1 named both on
// 7 Feb; 40.00 of I0 came on 10 Feb. Reminder 2 named I0 on 15 Feb; the other 60.00 came on
// 20 Feb. 10.00 of I1 came on 20 Jan, before any contact; I1 is still open.
// Bruno (consumer) was never contacted: J0 (due 31 Jan) paid on 10 Feb, J1 (due 24 Jan) unpaid.
func shop() []*History {
	anna := &History{CustomerID: 1, Name: "Anna", Kind: app.Business,
		Invoices: []Invoice{
			{ID: 1, Number: "I0", Currency: "EUR", Amount: 10000, Issue: d("2026-01-01"), Due: d("2026-01-31"), Settled: d("2026-02-20"), HandedOff: Never},
			{ID: 2, Number: "I1", Currency: "EUR", Amount: 5000, Issue: d("2026-01-05"), Due: d("2026-02-04"), Settled: Never, HandedOff: Never},
		},
		Contacts: []Contact{
			{ID: 1, On: d("2026-02-07"), Stage: "reminder 1", Template: "reminder1", Tone: "standard", Channel: "letter", Invoices: []int{0, 1}},
			{ID: 2, On: d("2026-02-15"), Stage: "reminder 2", Template: "reminder2", Tone: "firm", Channel: "email", Invoices: []int{0}},
		},
		Payments: []Payment{
			{Invoice: 1, On: d("2026-01-20"), Amount: 1000},
			{Invoice: 0, On: d("2026-02-10"), Amount: 4000},
			{Invoice: 0, On: d("2026-02-20"), Amount: 6000},
		},
	}
	bruno := &History{CustomerID: 2, Name: "Bruno", Kind: app.Consumer,
		Invoices: []Invoice{
			{ID: 3, Number: "J0", Currency: "EUR", Amount: 2000, Issue: d("2026-01-01"), Due: d("2026-01-31"), Settled: d("2026-02-10"), HandedOff: Never},
			{ID: 4, Number: "J1", Currency: "EUR", Amount: 3000, Issue: d("2026-01-01"), Due: d("2026-01-24"), Settled: Never, HandedOff: Never},
		},
		Payments: []Payment{{Invoice: 0, On: d("2026-02-10"), Amount: 2000}},
	}
	return []*History{anna, bruno}
}

func report(f Filter, asOf string, hs ...*History) Effectiveness {
	e := NewEffectiveness(app.MustDate(asOf), f)
	for _, h := range hs {
		e.Add(h)
	}
	return e.Report()
}

func find(t *testing.T, r Effectiveness, dim, key string) Row {
	t.Helper()
	for _, dd := range r.Dimensions {
		if dd.Name != dim {
			continue
		}
		for _, row := range dd.Rows {
			if row.Key == key {
				return row
			}
		}
	}
	t.Fatalf("no row %s/%s in %+v", dim, key, r.Dimensions)
	return Row{}
}

func eur(v int64) []app.Money { return []app.Money{{Amount: v, Currency: "EUR"}} }

func windows(obs, paid [3]int, share, control [3]float64, matched [3]int) [3]Window {
	var w [3]Window
	for i, n := range Windows {
		w[i] = Window{Days: n, Observed: obs[i], Paid: paid[i], Share: share[i], Control: control[i], Matched: matched[i]}
	}
	return w
}

func TestEffectivenessAttributesEachPaymentToTheLastContact(t *testing.T) {
	r := report(Filter{}, "2026-04-01", shop()...)
	// Reminder 1: the invoices it named are not all paid (I1 is open): no quick payment, no
	// median, but the 40.00 of 10 Feb is its. At its age (7 days past I0's due date) the
	// uncontacted invoices were J0 (paid 3 days later) and J1 (never): control 1 in 2.
	r1 := find(t, r, "stage", "reminder 1")
	want := Row{Key: "reminder 1", Actions: 1, Windows: windows([3]int{1, 1, 1}, [3]int{}, [3]float64{}, [3]float64{0.5, 0.5, 0.5}, [3]int{1, 1, 1}),
		Recovered: eur(4000)}
	if !reflect.DeepEqual(r1, want) {
		t.Errorf("reminder 1:\n got %+v\nwant %+v", r1, want)
	}
	// Reminder 2: I0 paid in full 5 days after it; the 60.00 is its. At 15 days past due only J1
	// was open and uncontacted, and it was never paid: control 0 of 1.
	r2 := find(t, r, "stage", "reminder 2")
	want = Row{Key: "reminder 2", Actions: 1, Windows: windows([3]int{1, 1, 1}, [3]int{1, 1, 1}, [3]float64{1, 1, 1}, [3]float64{}, [3]int{1, 1, 1}),
		PaidAll: 1, MedianDays: 5, Recovered: eur(6000)}
	if !reflect.DeepEqual(r2, want) {
		t.Errorf("reminder 2:\n got %+v\nwant %+v", r2, want)
	}
	want = Row{Key: "all", Actions: 2, Windows: windows([3]int{2, 2, 2}, [3]int{1, 1, 1}, [3]float64{0.5, 0.5, 0.5}, [3]float64{0.25, 0.25, 0.25}, [3]int{2, 2, 2}),
		PaidAll: 1, MedianDays: 5, Recovered: eur(10000)}
	if !reflect.DeepEqual(r.Total, want) {
		t.Errorf("total:\n got %+v\nwant %+v", r.Total, want)
	}
	// The same contacts grouped by template, tone and channel.
	for _, c := range []struct{ dim, key string }{{"template", "reminder1"}, {"tone", "standard"}, {"channel", "letter"}} {
		if got := find(t, r, c.dim, c.key); got.Actions != 1 || !reflect.DeepEqual(got.Recovered, eur(4000)) {
			t.Errorf("%s %s: %+v", c.dim, c.key, got)
		}
	}
	// Paid with no contact before: I1's 10.00 and Bruno's 20.00.
	if !reflect.DeepEqual(r.Unprompted, eur(3000)) {
		t.Errorf("unprompted: %+v", r.Unprompted)
	}
}

func TestEffectivenessFilters(t *testing.T) {
	// Businesses only: Bruno's invoices leave the control group, which is then empty at both ages.
	r := report(Filter{Kind: app.Business}, "2026-04-01", shop()...)
	if r.Total.Actions != 2 || r.Total.Windows[0].Matched != 0 || r.Total.Windows[0].Control != 0 || !reflect.DeepEqual(r.Unprompted, eur(1000)) {
		t.Errorf("businesses: %+v, unprompted %+v", r.Total, r.Unprompted)
	}
	// From 10 Feb: reminder 1 (7 Feb) is out, but what it recovered stays its own, not reminder
	// 2's; payments without contact count from that day (Bruno's 20.00 on 10 Feb).
	r = report(Filter{From: app.MustDate("2026-02-10")}, "2026-04-01", shop()...)
	if r.Total.Actions != 1 || !reflect.DeepEqual(r.Total.Recovered, eur(6000)) || !reflect.DeepEqual(r.Unprompted, eur(2000)) {
		t.Errorf("from 10 Feb: %+v, unprompted %+v", r.Total, r.Unprompted)
	}
	// Until 9 Feb: only reminder 1, and the control counts only ages up to that day.
	r = report(Filter{To: app.MustDate("2026-02-09")}, "2026-04-01", shop()...)
	if r.Total.Actions != 1 || r.Total.Windows[0].Control != 0.5 {
		t.Errorf("to 9 Feb: %+v", r.Total)
	}
}

func TestEffectivenessWindowsStillRunning(t *testing.T) {
	// As of 25 Feb, reminder 2 (15 Feb) has had 10 days: its 7-day window counts, the 14- and
	// 30-day ones not yet; reminder 1 (7 Feb) has had 18: 7 and 14 count.
	r := report(Filter{}, "2026-02-25", shop()...)
	got := [3]int{r.Total.Windows[0].Observed, r.Total.Windows[1].Observed, r.Total.Windows[2].Observed}
	if got != [3]int{2, 1, 0} || r.Total.Windows[0].Paid != 1 {
		t.Errorf("observed %v, %+v", got, r.Total.Windows)
	}
	// Contacts and payments after the report's day are not counted: as of 10 Feb, reminder 1
	// has the 40.00 of that day, and I0 is not paid in full yet.
	r = report(Filter{}, "2026-02-10", shop()...)
	if r.Total.Actions != 1 || !reflect.DeepEqual(r.Total.Recovered, eur(4000)) || r.Total.PaidAll != 0 {
		t.Errorf("as of 10 Feb: %+v", r.Total)
	}
	// As of 15 Feb reminder 2 is made, but the 60.00 of 20 Feb is not there yet.
	r = report(Filter{}, "2026-02-15", shop()...)
	if r2 := find(t, r, "stage", "reminder 2"); r2.Actions != 1 || len(r2.Recovered) != 0 {
		t.Errorf("as of 15 Feb: %+v", r2)
	}
}

func TestEffectivenessHandoffKeepsTheCredit(t *testing.T) {
	// Handed off on 1 Mar; the shop still sent a letter on 5 Mar; 80.00 came on 10 Mar and 20.00
	// on 1 Mar itself. Both are the hand-off's: the same day counts, and a contact after the
	// hand-off takes nothing from it.
	h := &History{CustomerID: 3, Kind: app.Consumer,
		Invoices: []Invoice{{ID: 5, Number: "K0", Currency: "GBP", Amount: 10000, Issue: d("2025-12-01"), Due: d("2026-01-01"), Settled: d("2026-03-10"), HandedOff: d("2026-03-01")}},
		Contacts: []Contact{
			{ID: 7, On: d("2026-03-01"), Stage: "hand-off proposal", Template: "handoff", Tone: "firm", Channel: "handoff", Invoices: []int{0}},
			{ID: 8, On: d("2026-03-05"), Stage: "final demand", Template: "final", Tone: "firm", Channel: "letter", Invoices: []int{0}},
		},
		Payments: []Payment{{Invoice: 0, On: d("2026-03-01"), Amount: 2000}, {Invoice: 0, On: d("2026-03-10"), Amount: 8000}},
	}
	r := report(Filter{}, "2026-06-01", h)
	ho := find(t, r, "channel", "handoff")
	if !reflect.DeepEqual(ho.Recovered, []app.Money{{Amount: 10000, Currency: "GBP"}}) || ho.MedianDays != 9 || ho.Windows[1].Paid != 1 {
		t.Errorf("hand-off: %+v", ho)
	}
	if fd := find(t, r, "stage", "final demand"); len(fd.Recovered) != 0 || fd.MedianDays != 5 {
		t.Errorf("letter after the hand-off: %+v", fd)
	}
}

func TestEffectivenessMedianOfAnEvenCount(t *testing.T) {
	// Four contacts paid 2, 4, 9 and 30 days later: the median is (4 + 9) / 2.
	h := &History{CustomerID: 4, Kind: app.Consumer}
	for i, days := range []int{9, 2, 30, 4} {
		on := d("2026-01-10") + Day(40*i)
		h.Invoices = append(h.Invoices, Invoice{ID: int64(i), Currency: "EUR", Amount: 100, Issue: on - 40, Due: on - 10, Settled: on + Day(days), HandedOff: Never})
		h.Contacts = append(h.Contacts, Contact{ID: int64(i), On: on, Stage: "reminder 1", Channel: "email", Invoices: []int{i}})
		h.Payments = append(h.Payments, Payment{Invoice: i, On: on + Day(days), Amount: 100})
	}
	r := report(Filter{}, "2026-12-31", h)
	if r.Total.MedianDays != 6.5 || r.Total.PaidAll != 4 || r.Total.Windows[0].Paid != 2 || r.Total.Windows[1].Paid != 3 || r.Total.Windows[2].Paid != 4 {
		t.Errorf("%+v", r.Total)
	}
	if tpl := find(t, r, "template", "(none)"); tpl.Actions != 4 {
		t.Errorf("a stage without a template: %+v", tpl)
	}
}

func TestEffectivenessMergedPartsEqualOnePass(t *testing.T) {
	hs := shop()
	one := report(Filter{}, "2026-04-01", hs...)
	a, b := NewEffectiveness(app.MustDate("2026-04-01"), Filter{}), NewEffectiveness(app.MustDate("2026-04-01"), Filter{})
	a.Add(hs[0])
	b.Add(hs[1])
	a.Merge(b)
	if got := a.Report(); !reflect.DeepEqual(got, one) {
		t.Errorf("merged:\n got %+v\nwant %+v", got, one)
	}
}
