package app

import (
	"strings"
	"testing"
	"time"
)

// Hand-computed cases for the collection rules. Each interest line is principal x rate x days /
// 365, rounded half-up to the cent; the total is the sum of the lines.

func finalStage() Stage {
	return Stage{Name: "final demand", Days: 35, Channel: ChannelLetter, Template: "final", Deadline: 14}
}

func sumKind(cs []Charge, k ChargeKind) (total int64, n int) {
	for _, c := range cs {
		if c.Kind == k {
			total += c.Amount
			n++
		}
	}
	return total, n
}

func TestGermanBusinessInterestAcrossRateChangesWithAPartialPayment(t *testing.T) {
	// EUR 1,000.00 due 2025-05-31; EUR 400.00 received 2025-08-15; final demand 2026-02-10.
	// 2025-06-01..06-30  30 days on 1,000.00 at 2.27+9 = 11.27 %: 926.30 -> 9.26
	// 2025-07-01..08-15  46 days on 1,000.00 at 1.27+9 = 10.27 %: 1294.30 -> 12.94
	// 2025-08-16..12-31 138 days on   600.00 at 10.27 %:          2329.74 -> 23.30
	// 2026-01-01..02-10  41 days on   600.00 at 10.27 % (a new half-year entry): 692.17 -> 6.92
	// Interest 52.42; fixed compensation EUR 40.00; the 5.00 fee is set off against the 40.
	st := finalStage()
	st.Fee = "5.00"
	req := ChargeRequest{Profile: ProfileDE, Customer: Customer{Kind: Business}, Stage: st, StageIndex: 4, AsOf: MustDate("2026-02-10"),
		Currency: "EUR", Rates: DefaultRates(), Invoices: []ChargeInvoice{{ID: 1, Number: "R-1", Issue: MustDate("2025-05-01"), Due: MustDate("2025-05-31"),
			Amount: 100000, Open: 60000, Payments: []DatedAmount{{On: MustDate("2025-08-15"), Amount: 40000}}}}}
	cs, notes := ChargesDue(req)
	var lines []int64
	for _, c := range cs {
		if c.Kind == ChargeInterest {
			lines = append(lines, c.Amount)
		}
	}
	want := []int64{926, 1294, 2330, 692}
	if len(lines) != len(want) {
		t.Fatalf("lines %v, want %v (%+v)", lines, want, cs)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Fatalf("line %d: %d, want %d", i+1, lines[i], want[i])
		}
	}
	if total, _ := sumKind(cs, ChargeInterest); total != 5242 {
		t.Fatalf("interest %d, want 5242", total)
	}
	if comp, _ := sumKind(cs, ChargeCompensation); comp != 4000 {
		t.Fatalf("compensation %d", comp)
	}
	if fee, n := sumKind(cs, ChargeFee); fee != 0 || n != 1 || !strings.Contains(strings.Join(notes, ";"), "set off") {
		t.Fatalf("fee %d (%d) notes %v", fee, n, notes)
	}
	// The basis is worded per language, with the rate in its number format.
	for _, c := range cs {
		if c.Kind == ChargeInterest && c.RefRate == 127 {
			if de := ChargeBasis(c, "de"); de != "Basiszinssatz 1,27 % + 9 Prozentpunkte (§ 288 Abs. 2 BGB)" {
				t.Fatalf("German basis %q", de)
			}
			if strings.Contains(ChargeBasis(c, "en"), "%!") {
				t.Fatalf("formatting residue: %q", ChargeBasis(c, "en"))
			}
		}
	}
}

func TestGermanConsumerDefaultFromTheFirstReminder(t *testing.T) {
	// EUR 500.00 due 2025-05-15; first reminder 2025-06-10 puts the consumer in default from
	// 2025-06-11; EUR 100.00 received 2025-09-30; final demand 2026-01-20. Base rate + 5:
	// 2025-06-11..06-30 20 days on 500.00 at 7.27 %: 199.18 -> 1.99
	// 2025-07-01..09-30 92 days on 500.00 at 6.27 %: 790.19 -> 7.90
	// 2025-10-01..12-31 92 days on 400.00 at 6.27 %: 632.15 -> 6.32
	// 2026-01-01..01-20 20 days on 400.00 at 6.27 %: 137.42 -> 1.37      total 17.58
	inv := ChargeInvoice{ID: 1, Number: "C-1", Issue: MustDate("2025-05-01"), Due: MustDate("2025-05-15"), Amount: 50000, Open: 40000,
		FirstReminder: MustDate("2025-06-10"), Payments: []DatedAmount{{On: MustDate("2025-09-30"), Amount: 10000}}}
	req := ChargeRequest{Profile: ProfileDE, Customer: Customer{Kind: Consumer}, Stage: finalStage(), StageIndex: 4, AsOf: MustDate("2026-01-20"),
		Currency: "EUR", Rates: DefaultRates(), Invoices: []ChargeInvoice{inv}}
	cs, _ := ChargesDue(req)
	if total, n := sumKind(cs, ChargeInterest); total != 1758 || n != 4 {
		t.Fatalf("interest %d in %d lines, want 1758 in 4: %+v", total, n, cs)
	}
	if _, n := sumKind(cs, ChargeCompensation); n != 0 {
		t.Fatal("a consumer was charged the flat sum")
	}
	// The reminder that creates default costs nothing: reminder 1 with a fee, no reminder yet.
	r1 := Stage{Name: "reminder 1", Days: 7, Channel: ChannelLetter, Template: "reminder1", Fee: "2.50"}
	inv.FirstReminder, inv.Payments = Date{}, nil
	req = ChargeRequest{Profile: ProfileDE, Customer: Customer{Kind: Consumer}, Stage: r1, StageIndex: 2, AsOf: MustDate("2025-06-10"),
		Currency: "EUR", Rates: DefaultRates(), Invoices: []ChargeInvoice{inv}}
	cs, notes := ChargesDue(req)
	if len(cs) != 0 || !strings.Contains(strings.Join(notes, ";"), "puts the customer in default") {
		t.Fatalf("the first reminder charged %+v (%v)", cs, notes)
	}
	// With the 30-day notice on the invoice (or an agreed calendar date), the consumer is already
	// in default at the first reminder, which may then cost its fee.
	for _, term := range []DefaultTerm{TermNotice30, TermCalendar} {
		inv.Term = term
		req.Invoices = []ChargeInvoice{inv}
		if cs, _ := ChargesDue(req); len(cs) != 1 || cs[0].Kind != ChargeFee || cs[0].Amount != 250 {
			t.Fatalf("%s: %+v", term, cs)
		}
	}
	// Notice: default 30 days after the invoice, 2025-05-31, so from 2025-06-01.
	if d, ok := DefaultStart(ProfileDE, Consumer, TermNotice30, inv); !ok || d.String() != "2025-06-01" {
		t.Fatalf("notice30 start %v", d)
	}
}

func TestUKReferenceRateAtBothHalfYearEdgesFixedForTheDebt(t *testing.T) {
	cases := []struct{ due, ref string }{
		{"2025-06-29", "2024-12-31"}, // starts 2025-06-30: Bank Rate of 31 December 2024, 4.75 %
		{"2025-06-30", "2025-06-30"}, // starts 2025-07-01: Bank Rate of 30 June 2025, 4.25 %
		{"2025-12-30", "2025-06-30"}, // starts 2025-12-31
		{"2025-12-31", "2025-12-31"}, // starts 2026-01-01: 3.75 % (cut on 2025-12-18)
	}
	for _, c := range cases {
		if got := UKReferenceDay(MustDate(c.due).AddDays(1)); got.String() != c.ref {
			t.Errorf("due %s: reference day %s, want %s", c.due, got, c.ref)
		}
	}
	// GBP 10,000.00 due 2025-06-30: 12.25 % for the life of the debt, across the Bank Rate changes
	// of 2025-08-07 and 2025-12-18. 2025-07-01..2026-01-31, 215 days: 72157.53 -> 721.58.
	inv := ChargeInvoice{ID: 1, Number: "U-1", Issue: MustDate("2025-06-01"), Due: MustDate("2025-06-30"), Amount: 1000000, Open: 1000000}
	req := ChargeRequest{Profile: ProfileUK, Customer: Customer{Kind: Business}, Stage: finalStage(), StageIndex: 4, AsOf: MustDate("2026-01-31"),
		Currency: "GBP", Rates: DefaultRates(), Invoices: []ChargeInvoice{inv}}
	cs, _ := ChargesDue(req)
	interest, n := sumKind(cs, ChargeInterest)
	comp, _ := sumKind(cs, ChargeCompensation)
	if interest != 72158 || n != 1 || comp != 10000 {
		t.Fatalf("interest %d in %d lines, compensation %d: %+v", interest, n, comp, cs)
	}
	for _, c := range cs {
		if c.Kind == ChargeInterest && (c.Rate != 1225 || strings.Contains(c.Basis, "%!") || !strings.Contains(c.Basis, "in force on 2025-06-30")) {
			t.Fatalf("UK line %+v", c)
		}
	}
	// A later statement (the hand-off) charges on from 2026-02-01 at the same 12.25 %, though the
	// table is confirmed only through 2026-02-05: the rate was fixed when interest began.
	// 2026-02-01..03-31, 59 days: 10,000.00 x 12.25 % x 59 / 365 = 19801.37 -> 198.01.
	inv.Charges = cs
	req.Invoices, req.AsOf = []ChargeInvoice{inv}, MustDate("2026-03-31")
	later, notes := ChargesDue(req)
	if total, n := sumKind(later, ChargeInterest); total != 19801 || n != 1 || len(notes) != 0 {
		t.Fatalf("later interest %d (%d lines) %v", total, n, notes)
	}
	if _, n := sumKind(later, ChargeCompensation); n != 0 {
		t.Fatal("the fixed sum was charged twice")
	}
}

func TestEUAndFranceAndAStaleTable(t *testing.T) {
	// EUR 1,000.00 due 2025-12-20, to 2026-02-28, ECB 2.15 %:
	// EU + 8: 11 days 305.89 -> 3.06; 59 days 1640.68 -> 16.41   total 19.47
	// France + 10: 11 days 366.16 -> 3.66; 59 days 1963.97 -> 19.64 total 23.30
	inv := ChargeInvoice{ID: 1, Number: "E-1", Issue: MustDate("2025-12-01"), Due: MustDate("2025-12-20"), Amount: 100000, Open: 100000}
	for _, c := range []struct {
		country string
		want    int64
	}{{"IE", 1947}, {"FR", 2330}} {
		req := ChargeRequest{Profile: ProfileEU, Customer: Customer{Kind: Business}, ShopCountry: c.country, Stage: finalStage(), StageIndex: 4,
			AsOf: MustDate("2026-02-28"), Currency: "EUR", Rates: DefaultRates(), Invoices: []ChargeInvoice{inv}}
		cs, _ := ChargesDue(req)
		if total, _ := sumKind(cs, ChargeInterest); total != c.want {
			t.Errorf("%s: %d, want %d", c.country, total, c.want)
		}
	}
	// Germany, past the day the base rate is confirmed through (2026-06-30): due 2026-06-15,
	// final demand 2026-08-10. 2026-06-16..30, 15 days at 10.27 %: 422.05 -> 4.22; July and
	// August are charged nothing, and said so.
	inv = ChargeInvoice{ID: 2, Number: "D-9", Issue: MustDate("2026-06-01"), Due: MustDate("2026-06-15"), Amount: 100000, Open: 100000}
	req := ChargeRequest{Profile: ProfileDE, Customer: Customer{Kind: Business}, Stage: finalStage(), StageIndex: 4, AsOf: MustDate("2026-08-10"),
		Currency: "EUR", Rates: DefaultRates(), Invoices: []ChargeInvoice{inv}}
	cs, notes := ChargesDue(req)
	if total, _ := sumKind(cs, ChargeInterest); total != 422 || !strings.Contains(strings.Join(notes, ";"), "2026-07-01 to 2026-08-10") {
		t.Fatalf("stale table: %d %v", total, notes)
	}
	// Once the owner adds the rate, the days are charged (and the table is confirmed further).
	t2, err := DefaultRates().WithRate(SeriesDEBase, MustDate("2026-07-01"), 127)
	if err != nil || t2.ConfirmedThrough(SeriesDEBase).String() != "2026-12-31" {
		t.Fatalf("add rate: %v %v", err, t2.ConfirmedThrough(SeriesDEBase))
	}
	// Negative base rates stay negative: -0.88 + 9 = 8.12 % in 2022.
	if r, ok := t2.Lookup(SeriesDEBase, MustDate("2022-03-01")); !ok || r.Rate != -88 {
		t.Fatalf("2022 base rate %+v", r)
	}
}

func TestGermanFlatSumSetOffAgainstLaterFees(t *testing.T) {
	// A business: fees 5.00 (reminder 1), 10.00 (reminder 2), 30.00 (final) against EUR 40: the
	// first two are set off in full (5 + 10 = 15), the final's 30 brings the costs to 45, so 5.00
	// of it is claimed and 25.00 set off.
	inv := ChargeInvoice{ID: 1, Number: "S-1", Issue: MustDate("2026-01-01"), Due: MustDate("2026-01-31"), Amount: 100000, Open: 100000}
	stages := []Stage{{Name: "reminder 1", Days: 7, Channel: ChannelLetter, Fee: "5.00"}, {Name: "reminder 2", Days: 21, Channel: ChannelLetter, Fee: "10.00"},
		{Name: "final demand", Days: 35, Channel: ChannelLetter, Fee: "30.00", Deadline: 14}}
	wantClaimed := []int64{0, 0, 500}
	wantSetOff := []int64{500, 1000, 2500}
	for i, st := range stages {
		req := ChargeRequest{Profile: ProfileDE, Customer: Customer{Kind: Business}, Stage: st, StageIndex: i + 2, AsOf: MustDate("2026-06-01"),
			Currency: "EUR", Rates: DefaultRates(), Invoices: []ChargeInvoice{inv}}
		cs, _ := ChargesDue(req)
		var fee *Charge
		for j := range cs {
			if cs[j].Kind == ChargeFee {
				fee = &cs[j]
			}
		}
		if fee == nil || fee.Amount != wantClaimed[i] || fee.SetOff != wantSetOff[i] {
			t.Fatalf("%s: %+v", st.Name, fee)
		}
		inv.Charges = append(inv.Charges, cs...)
	}
	if comp, n := sumKind(inv.Charges, ChargeCompensation); comp != 4000 || n != 1 {
		t.Fatalf("compensation %d in %d charges", comp, n)
	}
	// A consumer pays no flat sum, so nothing is set off: the fee is claimed in full (with an
	// agreed calendar due date the consumer is in default at once).
	inv.Charges, inv.Term = nil, TermCalendar
	req := ChargeRequest{Profile: ProfileDE, Customer: Customer{Kind: Consumer}, Stage: stages[0], StageIndex: 2, AsOf: MustDate("2026-06-01"),
		Currency: "EUR", Rates: DefaultRates(), Invoices: []ChargeInvoice{inv}}
	if cs, _ := ChargesDue(req); len(cs) != 1 || cs[0].Amount != 500 || cs[0].SetOff != 0 {
		t.Fatalf("consumer fee %+v", cs)
	}
}

func TestPaymentOrder(t *testing.T) {
	open := []OpenItem{
		{InvoiceID: 1, Number: "A", DueDate: MustDate("2026-01-31"), Open: 10000},
		{InvoiceID: 1, Number: "A", DueDate: MustDate("2026-01-31"), Open: 300, ChargeID: 7, ChargeKind: ChargeInterest, ChargedOn: MustDate("2026-03-01")},
		{InvoiceID: 1, Number: "A", DueDate: MustDate("2026-01-31"), Open: 500, ChargeID: 6, ChargeKind: ChargeFee, ChargedOn: MustDate("2026-02-10")},
		{InvoiceID: 2, Number: "B", DueDate: MustDate("2026-04-30"), Open: 2000},
	}
	// BGB 367: costs (the fee, 5.00), then interest (3.00), then principal: 50.00 pays the fee,
	// the interest and 42.00 of A.
	allocs, credit, _ := AllocateBy(5000, open, nil, OrderCostsFirst, MustDate("2026-03-10"))
	if len(allocs) != 3 || allocs[0].ChargeID != 6 || allocs[1].ChargeID != 7 || allocs[2].InvoiceID != 1 || allocs[2].Amount != 4200 || credit != 0 {
		t.Fatalf("costs first: %+v %d", allocs, credit)
	}
	// Elsewhere: the principal due by the day paid, then the charges oldest first, then what is
	// not yet due. 108.00 pays A (100), the fee (5) and the interest (3), and nothing of B.
	allocs, credit, _ = AllocateBy(10800, open, nil, OrderPrincipalFirst, MustDate("2026-03-10"))
	if len(allocs) != 3 || allocs[0].ChargeID != 0 || allocs[1].ChargeID != 6 || allocs[2].ChargeID != 7 || credit != 0 {
		t.Fatalf("principal first: %+v %d", allocs, credit)
	}
	// Paying everything leaves no charge open and no credit; paying more keeps the rest as credit.
	if _, credit, _ := AllocateBy(12800, open, nil, OrderPrincipalFirst, MustDate("2026-03-10")); credit != 0 {
		t.Fatalf("credit %d", credit)
	}
	if _, credit, _ := AllocateBy(13000, open, nil, OrderCostsFirst, MustDate("2026-03-10")); credit != 200 {
		t.Fatalf("credit %d", credit)
	}
}

func TestHeldEntryNamesItsInvoicesAndUntilWhen(t *testing.T) {
	f := caseFile("2026-10-01", 1, "")
	f.Invoices[0].InPlan = true
	f.Invoices[0].PlanUntil = MustDate("2027-02-01")
	q := BuildQueue([]CaseFile{f}, QueueOptions{AsOf: MustDate("2026-11-22")})
	if len(q.Actions) != 1 {
		t.Fatalf("actions %+v", q.Actions)
	}
	a := q.Actions[0]
	if !a.Blocked() || a.Stage != 0 || len(a.Invoices) != 1 || a.Amount != f.Invoices[0].Open || a.Guards[0].Until != "2027-02-02" ||
		!strings.Contains(a.Guards[0].Reason, "2027-02-01") {
		t.Fatalf("held entry %+v", a)
	}
}

func TestCallGuardsCountFromTheAsOfDay(t *testing.T) {
	// Calls made months ago, the book worked as of those days: the guards hold there, whatever
	// the wall clock says.
	var calls []Call
	for i := 0; i < 7; i++ {
		calls = append(calls, Call{At: MustDate("2026-03-01").AddDays(i).Time().Add(15 * 3600e9), Outcome: CallNoAnswer})
	}
	g := callGuards(calls, MustDate("2026-03-07"), time.UTC)
	if len(g) != 1 || g[0].Until != "2026-03-08" {
		t.Fatalf("seven calls in seven days: %+v", g)
	}
	if g := callGuards(calls, MustDate("2026-03-08"), time.UTC); len(g) != 0 {
		t.Fatalf("the eighth day: %+v", g)
	}
	talk := []Call{{At: MustDate("2026-03-02").Time().Add(10 * 3600e9), Outcome: CallPromise}}
	if g := callGuards(talk, MustDate("2026-03-08"), time.UTC); len(g) != 1 || g[0].Until != "2026-03-09" {
		t.Fatalf("after a conversation: %+v", g)
	}
	if g := callGuards(talk, MustDate("2026-03-09"), time.UTC); len(g) != 0 {
		t.Fatalf("seven days after a conversation: %+v", g)
	}
}

func TestTimeBarredWordingStripsThreats(t *testing.T) {
	tpl, _ := ParseTemplate("Subject: Final demand before court action\n\nDear {customer},\n\npay {total}.\n\nOtherwise we will sue you in court.\n\n{next_steps}\n\nRegards")
	in := LetterInput{Key: TemplateKey{Kind: KindFinal, Tone: ToneFirm, Lang: "en"}, Template: tpl, Date: MustDate("2026-11-24"), LimitationYears: 3,
		Invoices: []Invoice{{Number: "OLD-1", DueDate: MustDate("2022-01-31"), Amount: 100, Currency: "USD"}}}
	subject, body := in.Text(map[string]string{"customer": "Ann", "total": "USD 1.00", "next_steps": ""})
	if ThreatensSuit(subject+"\n"+body, "en") || !strings.Contains(body, "pay USD 1.00") {
		t.Fatalf("time-barred letter threatens: %q / %q", subject, body)
	}
	if note := ThreatNote(tpl, "en"); !strings.Contains(note, "paragraph 3") || !strings.Contains(note, "subject") {
		t.Fatalf("editor note %q", note)
	}
	in.Invoices[0].DueDate = MustDate("2026-01-31")
	if _, body := in.Text(map[string]string{"customer": "Ann", "total": "USD 1.00", "next_steps": ""}); !strings.Contains(body, "sue you") {
		t.Fatal("a debt within the period lost its wording")
	}
}

// "The rate was held": a half-year rate is carried into the next half-year as its own entry, so
// the stale-table warning goes and interest for 2026-07-01 on uses 1.27 %; a Bank Rate, which
// changes on any day, is simply confirmed through the day.
func TestRateHeldCarriesTheHalfYearRate(t *testing.T) {
	shipped := DefaultRates()
	day := MustDate("2026-11-22")
	if _, ok := shipped.Lookup(SeriesDEBase, day); ok {
		t.Fatal("the shipped table already covers 2026-11-22; pick a later day")
	}
	held, err := shipped.Held(SeriesDEBase, MustDate("2026-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	r, ok := held.Lookup(SeriesDEBase, day)
	if !ok || r.Rate != 127 || r.From != MustDate("2026-07-01") || r.To != MustDate("2026-12-31") {
		t.Fatalf("held: %+v %v", r, ok)
	}
	if m := held.Missing(day); len(m) != 0 && m[0] == SeriesDEBase {
		t.Fatalf("still missing: %v", m)
	}
	boe, err := shipped.Held(SeriesBoE, day)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := boe.Lookup(SeriesBoE, day); !ok || r.Rate != 375 {
		t.Fatalf("Bank Rate held: %+v %v", r, ok)
	}
}
