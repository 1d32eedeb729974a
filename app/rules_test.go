package app

import (
	"testing"
)

func TestNewDateRefusesImpossibleDates(t *testing.T) {
	for _, s := range []string{"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "x", "2026-1-1-1"} {
		if _, err := ParseISODate(s); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
	if d, err := ParseISODate("2024-02-29"); err != nil || d.String() != "2024-02-29" {
		t.Fatal(d, err)
	}
}

func TestParseDateOrders(t *testing.T) {
	cases := []struct {
		in    string
		order DateOrder
		want  string
		ok    bool
	}{
		{"2026-11-22", OrderUnknown, "2026-11-22", true},
		{"22/11/2026", OrderDMY, "2026-11-22", true},
		{"11/22/2026", OrderMDY, "2026-11-22", true},
		{"22.11.2026", OrderDMY, "2026-11-22", true},
		{"03/04/2026", OrderUnknown, "", false},
		{"30/02/2026", OrderDMY, "", false},
		{"22/11/26", OrderDMY, "2026-11-22", true},
		{"22/11/226", OrderDMY, "", false},
	}
	for _, c := range cases {
		d, err := ParseDate(c.in, c.order)
		if (err == nil) != c.ok || (c.ok && d.String() != c.want) {
			t.Errorf("ParseDate(%q, %q) = %s, %v", c.in, c.order, d, err)
		}
	}
}

func TestDateOrderEvidence(t *testing.T) {
	cases := map[string][]DateOrder{
		"2026-01-02": {OrderYMD},
		"13/01/2026": {OrderDMY},
		"01/13/2026": {OrderMDY},
		"01.02.2026": {OrderDMY},
		"01/02/2026": {OrderDMY, OrderMDY},
		"nonsense":   nil,
	}
	for in, want := range cases {
		got := DateOrderEvidence(in)
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", in, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: %v, want %v", in, got, want)
			}
		}
	}
}

func TestStateOf(t *testing.T) {
	due := MustDate("2026-11-01")
	inv := Invoice{Amount: 1000, DueDate: due}
	cases := []struct {
		paid  int64
		today string
		want  InvoiceState
	}{
		{0, "2026-10-30", InvoiceState{StatusOpen, 0}},
		{0, "2026-11-01", InvoiceState{StatusOpen, 0}},
		{0, "2026-11-02", InvoiceState{StatusOverdue, 1}},
		{400, "2026-11-01", InvoiceState{StatusPartlyPaid, 0}},
		{400, "2026-12-01", InvoiceState{StatusPartOverdue, 30}},
		{1000, "2027-01-01", InvoiceState{StatusPaid, 0}},
	}
	for _, c := range cases {
		inv.Paid = c.paid
		if got := StateOf(inv, MustDate(c.today)); got != c.want {
			t.Errorf("paid %d on %s: %v, want %v", c.paid, c.today, got, c.want)
		}
	}
	inv.Paid = 0
	if s := StateOf(inv, MustDate("2026-11-08")).String(); s != "overdue by 7 days" {
		t.Errorf("String() = %q", s)
	}
}

func TestAllocateOldestFirst(t *testing.T) {
	open := []OpenItem{
		{InvoiceID: 3, Number: "C", DueDate: MustDate("2026-03-01"), Open: 300},
		{InvoiceID: 1, Number: "A", DueDate: MustDate("2026-01-01"), Open: 100},
		{InvoiceID: 2, Number: "B", DueDate: MustDate("2026-02-01"), Open: 200},
	}
	allocs, credit, err := Allocate(250, open, nil)
	if err != nil || credit != 0 {
		t.Fatal(err, credit)
	}
	want := []Allocation{{InvoiceID: 1, Amount: 100}, {InvoiceID: 2, Amount: 150}}
	if len(allocs) != len(want) || allocs[0] != want[0] || allocs[1] != want[1] {
		t.Fatalf("allocs = %v, want %v", allocs, want)
	}
	allocs, credit, err = Allocate(700, open, nil)
	if err != nil || credit != 100 || len(allocs) != 3 {
		t.Fatalf("overpayment: %v credit %d %v", allocs, credit, err)
	}
	allocs, credit, err = Allocate(350, open, []string{"C"})
	if err != nil || credit != 50 || len(allocs) != 1 || allocs[0].InvoiceID != 3 || allocs[0].Amount != 300 {
		t.Fatalf("named: %v credit %d %v", allocs, credit, err)
	}
	if _, _, err := Allocate(10, open, []string{"Z"}); err == nil {
		t.Fatal("unknown invoice accepted")
	}
	if _, _, err := Allocate(0, open, nil); err == nil {
		t.Fatal("zero payment accepted")
	}
	if _, _, err := Allocate(-5, open, nil); err == nil {
		t.Fatal("negative payment accepted")
	}
}

func TestBuckets(t *testing.T) {
	cases := map[int]string{-10: "not due", 0: "not due", 1: "1-30", 30: "1-30", 31: "31-60", 60: "31-60", 61: "61-90", 90: "61-90", 91: "over 90", 4000: "over 90"}
	for days, want := range cases {
		if got := AgingBuckets[BucketOf(days)].Name; got != want {
			t.Errorf("%d days: %s, want %s", days, got, want)
		}
	}
	asOf := MustDate("2026-11-22")
	for i := range AgingBuckets {
		from, to := BucketDueRange(i, asOf)
		for _, d := range []Date{from, to} {
			if d.IsZero() {
				continue
			}
			if got := BucketOf(asOf.DaysSince(d)); got != i {
				t.Errorf("bucket %d range edge %s falls in %d", i, d, got)
			}
		}
	}
	a := NewAging("EUR")
	for _, d := range []int{-3, 5, 45, 75, 200, 200} {
		if err := a.Add(d, 100); err != nil {
			t.Fatal(err)
		}
	}
	var sum int64
	for _, b := range a.Buckets {
		sum += b.Amount
	}
	if sum != a.Total || a.Total != 600 || a.Buckets[4].Count != 2 {
		t.Fatalf("aging %+v", a)
	}
}

func TestDSO(t *testing.T) {
	if got := DSO(30000, 90000, 90); got != 30 {
		t.Fatalf("DSO = %d", got)
	}
	if got := DSO(100, 0, 90); got != 0 {
		t.Fatalf("DSO without sales = %d", got)
	}
}

func TestLinesTotal(t *testing.T) {
	// 1.5 x 19.99 = 29.985 -> 29.99 net; 19 % tax of 29.99 = 5.6981 -> 5.70; + 2 x 10.00 at 7 % = 20.00 + 1.40
	lines := []InvoiceLine{{Quantity: 1500, UnitPrice: 1999, TaxRate: 1900}, {Quantity: 2000, UnitPrice: 1000, TaxRate: 700}}
	got, err := LinesTotal(lines)
	if err != nil || got != 2999+570+2000+140 {
		t.Fatalf("LinesTotal = %d, %v", got, err)
	}
	if _, err := LinesTotal([]InvoiceLine{{Quantity: 0, UnitPrice: 5}}); err == nil {
		t.Fatal("zero quantity accepted")
	}
}

func TestInvoiceNormalize(t *testing.T) {
	base := Invoice{Number: "INV-1", IssueDate: MustDate("2026-11-01"), DueDate: MustDate("2026-11-15"), Currency: "eur", Amount: 100}
	ok := base
	if err := ok.Normalize(); err != nil || ok.Currency != "EUR" {
		t.Fatal(err)
	}
	bad := []func(*Invoice){
		func(i *Invoice) { i.Amount = 0 },
		func(i *Invoice) { i.Amount = -5 },
		func(i *Invoice) { i.DueDate = MustDate("2026-10-01") },
		func(i *Invoice) { i.Currency = "ABC" },
		func(i *Invoice) { i.Number = "" },
		func(i *Invoice) { i.Number = "A\x00B" },
		func(i *Invoice) { i.Amount = MaxAmount + 1 },
	}
	for n, mut := range bad {
		inv := base
		mut(&inv)
		if err := inv.Normalize(); err == nil || CodeOf(err) != CodeInvalid {
			t.Errorf("case %d accepted: %v", n, err)
		}
	}
}

func TestCustomerNormalize(t *testing.T) {
	c := Customer{Name: "  Zoë Ñúñez ", Email: "zoe@example.com", TimeZone: "Europe/Madrid"}
	if err := c.Normalize(); err != nil || c.Name != "Zoë Ñúñez" || c.Kind != Consumer {
		t.Fatal(c, err)
	}
	for _, bad := range []Customer{{Name: ""}, {Name: "X", Email: "not-mail"}, {Name: "X", TimeZone: "Mars/Base"}, {Name: "X", Kind: "alien"}, {Name: "A\x07B"}} {
		if err := bad.Normalize(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
