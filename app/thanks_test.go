package app

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// thanksCase is a customer who paid invoice INV-1 (due 2026-10-01) in full on paidOn, at a stage.
func thanksCase(paidOn string, stage int) ThanksCase {
	return lateCase(MustDate(paidOn).DaysSince(MustDate("2026-10-01")), paidOn, stage)
}

// lateCase is a customer who paid invoice INV-1 in full on paidOn, late days after its due date.
func lateCase(late int, paidOn string, stage int) ThanksCase {
	paid := MustDate(paidOn)
	return ThanksCase{
		Customer: Customer{ID: 7, Name: "Anna Schneider", Email: "anna@example.com", TimeZone: "Europe/Berlin"},
		Policy:   DefaultPolicy(),
		Settled:  []SettledInvoice{{ID: 1, Number: "INV-1", Currency: "EUR", Due: paid.AddDays(-late), PaidOn: paid, Stage: stage}},
		Overdue:  map[string]bool{}, OpenCharges: map[string]bool{}, LastThanks: map[string]Date{},
	}
}

func thanksOn(day string, canEmail bool, cases ...ThanksCase) []Action {
	d := MustDate(day)
	return ThanksActions(cases, ThanksOptions{CanEmail: canEmail, Queue: QueueOptions{AsOf: d, Now: d.Time().Add(12 * time.Hour), ShopZone: time.UTC}})
}

// The rule on crafted timelines: which settlements are thanked for, and which are not.
func TestThanksRule(t *testing.T) {
	const asOf = "2026-11-22"
	cases := map[string]struct {
		c    func() ThanksCase
		want []string // the invoices named; nil: no note
	}{
		"paid 45 days late":                   {func() ThanksCase { return thanksCase("2026-11-15", 0) }, []string{"INV-1"}},
		"paid exactly 30 days late":           {func() ThanksCase { return lateCase(30, "2026-11-20", 0) }, []string{"INV-1"}},
		"paid on time":                        {func() ThanksCase { return lateCase(0, "2026-11-20", 0) }, nil},
		"paid before it fell due":             {func() ThanksCase { return lateCase(-5, "2026-11-20", 1) }, nil},
		"paid 20 days late at reminder 1":     {func() ThanksCase { return lateCase(20, "2026-11-20", 2) }, nil},
		"paid 29 days late at reminder 1":     {func() ThanksCase { return lateCase(29, "2026-11-20", 2) }, nil},
		"paid 25 days late after reminder 2":  {func() ThanksCase { return lateCase(25, "2026-11-20", 3) }, []string{"INV-1"}},
		"paid 22 days late after the final":   {func() ThanksCase { return lateCase(22, "2026-11-20", 4) }, []string{"INV-1"}},
		"settled 14 days ago":                 {func() ThanksCase { return thanksCase("2026-11-08", 0) }, []string{"INV-1"}},
		"settled 15 days ago":                 {func() ThanksCase { return thanksCase("2026-11-07", 0) }, nil},
		"settled after the as-of day":         {func() ThanksCase { return thanksCase("2026-11-23", 0) }, nil},
		"something else overdue in EUR":       {func() ThanksCase { c := thanksCase("2026-11-15", 0); c.Overdue["EUR"] = true; return c }, nil},
		"overdue only in USD":                 {func() ThanksCase { c := thanksCase("2026-11-15", 0); c.Overdue["USD"] = true; return c }, []string{"INV-1"}},
		"a fee still unpaid":                  {func() ThanksCase { c := thanksCase("2026-11-15", 0); c.OpenCharges["EUR"] = true; return c }, nil},
		"handed off":                          {func() ThanksCase { c := thanksCase("2026-11-15", 0); c.HandedOff = true; return c }, nil},
		"the invoice was collected by agency": {func() ThanksCase { c := thanksCase("2026-11-15", 0); c.Settled[0].HandedOff = true; return c }, nil},
		"thanked already": {func() ThanksCase {
			c := thanksCase("2026-11-15", 0)
			c.LastThanks["EUR"] = MustDate("2026-11-16")
			return c
		}, nil},
		"thanked on the day it was settled": {func() ThanksCase {
			c := thanksCase("2026-11-15", 0)
			c.LastThanks["EUR"] = MustDate("2026-11-15")
			return c
		}, nil},
		"thanked before this settlement": {func() ThanksCase {
			c := thanksCase("2026-11-15", 0)
			c.LastThanks["EUR"] = MustDate("2026-11-10")
			return c
		}, []string{"INV-1"}},
	}
	for _, flag := range []string{FlagCease, FlagAttorney, FlagBankruptcy, FlagDeceased} {
		flag := flag
		cases["flag "+flag] = struct {
			c    func() ThanksCase
			want []string
		}{func() ThanksCase { c := thanksCase("2026-11-15", 0); c.Customer.Flags = []string{flag}; return c }, nil}
	}
	for name, tc := range cases {
		got := thanksOn(asOf, false, tc.c())
		var names []string
		if len(got) == 1 {
			for _, inv := range got[0].Invoices {
				names = append(names, inv.Number)
			}
		} else if len(got) > 1 {
			t.Errorf("%s: %d notes", name, len(got))
			continue
		}
		if !reflect.DeepEqual(names, tc.want) {
			t.Errorf("%s: names %v, want %v", name, names, tc.want)
		}
	}
	// The reason says which rule thanked for it.
	if got := thanksOn(asOf, false, lateCase(25, "2026-11-20", 3)); len(got) != 1 || !strings.Contains(strings.Join(got[0].Reasons, "; "), "paid in full on 2026-11-20, after reminder 2") {
		t.Fatalf("paid after reminder 2: %+v", got)
	}
	if got := thanksOn(asOf, false, lateCase(45, "2026-11-20", 0)); len(got) != 1 || !strings.Contains(strings.Join(got[0].Reasons, "; "), "45 days after it fell due") {
		t.Fatalf("paid 45 days late: %+v", got)
	}
}

// One note per customer and currency names every invoice and plan it thanks for; it is gentle,
// asks for nothing, and goes by email only where an address and a mailbox are there.
func TestThanksNoteNamesPlansAndInvoicesAndChoosesItsChannel(t *testing.T) {
	c := thanksCase("2026-11-15", 0)
	c.Settled = append(c.Settled, SettledInvoice{ID: 2, Number: "INV-2", Currency: "EUR", Due: MustDate("2026-09-01"), PaidOn: MustDate("2026-11-20"), Stage: 4},
		SettledInvoice{ID: 3, Number: "INV-3", Currency: "EUR", Due: MustDate("2026-08-01"), PaidOn: MustDate("2026-11-18"), Stage: 0},
		SettledInvoice{ID: 9, Number: "USD-1", Currency: "USD", Due: MustDate("2026-11-20"), PaidOn: MustDate("2026-11-20")})
	c.Plans = []CompletedPlan{{ID: 4, Currency: "EUR", CompletedOn: MustDate("2026-11-19"),
		Invoices: []SettledInvoice{{ID: 3, Number: "INV-3", Currency: "EUR"}, {ID: 5, Number: "INV-5", Currency: "EUR"}}}}
	got := thanksOn("2026-11-22", false, c)
	if len(got) != 1 {
		t.Fatalf("%d notes, want one for EUR (USD-1 was paid on time)", len(got))
	}
	a := got[0]
	want := &ThanksFor{Invoices: []string{"INV-1", "INV-2"}, Plans: [][]string{{"INV-3", "INV-5"}}}
	if !reflect.DeepEqual(a.Thanks, want) || a.Stage != StageThanks || a.Tone != ToneGentle || a.Amount != 0 || a.Currency != "EUR" {
		t.Fatalf("the note: %+v %+v", a, a.Thanks)
	}
	if a.Channel != ChannelLetter || a.Blocked() {
		t.Fatalf("without a mailbox it is an unblocked letter: %s %v", a.Channel, a.Guards)
	}
	if got := thanksOn("2026-11-22", true, c); got[0].Channel != ChannelEmail || got[0].Blocked() {
		t.Fatalf("with an address and a mailbox it is an email: %s %v", got[0].Channel, got[0].Guards)
	}
	c.MailFailing = true
	if got := thanksOn("2026-11-22", true, c); got[0].Channel != ChannelLetter {
		t.Fatal("an address that bounced still gets the email")
	}
	c.MailFailing, c.Customer.Email = false, "anna at example"
	if got := thanksOn("2026-11-22", true, c); got[0].Channel != ChannelLetter {
		t.Fatal("an address mail cannot reach, yet an email")
	}
	c.Customer.Email = ""
	if got := thanksOn("2026-11-22", true, c); got[0].Channel != ChannelLetter {
		t.Fatal("no address, yet an email")
	}
	c.HoldUntil, c.HoldReason = MustDate("2026-11-30"), "snoozed: after the holidays"
	if got := thanksOn("2026-11-22", false, c); !got[0].Blocked() || got[0].Guards[0].Guard != "hold" {
		t.Fatalf("a customer on hold: %v", got[0].Guards)
	}
}

func TestReminderTwoStage(t *testing.T) {
	if got := ReminderTwoStage(DefaultPolicy()); got != 3 {
		t.Fatalf("the default ladder's second reminder is stage %d, want 3", got)
	}
	one := Policy{Stages: []Stage{{Name: "note", Days: -3}, {Name: "only", Days: 10}}}
	if got := ReminderTwoStage(one); got != 0 {
		t.Fatalf("a ladder with one overdue stage: %d", got)
	}
}
