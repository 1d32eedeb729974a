package app

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// The thank-you rule. A thank-you note is proposed on Today for a customer and currency when, on
// the as-of day or in the 14 days before it (ThanksWindow),
//   - an invoice that had been long overdue was settled: paid in full at least 30 days after its
//     due date (ThanksLateDays), or after the ladder had reached its second overdue reminder, or
//   - a payment plan was completed (the day Duebook marked it completed),
//
// and the customer owes nothing overdue in that currency any more (no open invoice past its due
// date, no unpaid fee or interest), has no handed-off debt, carries none of the flags cease,
// attorney, bankruptcy or deceased, and no thank-you in that currency was approved or skipped on
// or after the settlement. One note per customer and currency names every invoice and plan it
// thanks for; it waits a day while the ladder has a contact for the customer (Collections.build). It is always gentle, asks for nothing, charges nothing and moves no invoice on the
// ladder. An invoice an agency collected (handed off) is not thanked for by the shop.

// StageThanks is the stage a thank-you note is recorded under: below every ladder stage, so it
// never moves an invoice and never meets a ladder decision of the same day.
const StageThanks = -1

// ThanksStageName is how Today, the timeline and the outbox name a thank-you note.
const ThanksStageName = "thank-you note"

const (
	ThanksWindow   = 14 // days after a settlement during which a thank-you is proposed
	ThanksLateDays = 30 // paid this many days after the due date counts as long overdue
)

// ThanksFor is what a thank-you note thanks for: invoices settled outright and completed plans
// (each by its invoices' numbers).
type ThanksFor struct {
	Invoices []string   `json:"invoices,omitempty"`
	Plans    [][]string `json:"plans,omitempty"`
}

// SettledInvoice is an invoice paid in full lately, as the thank-you rule sees it.
type SettledInvoice struct {
	ID        int64
	Number    string
	Currency  string
	Due       Date
	PaidOn    Date // the day of the last payment on it
	Stage     int  // the ladder stage it had reached
	HandedOff bool
}

// CompletedPlan is a payment plan completed lately.
type CompletedPlan struct {
	ID          int64
	Currency    string
	Invoices    []SettledInvoice
	CompletedOn Date
}

// Numbers are the plan's invoices' numbers.
func (p CompletedPlan) Numbers() []string {
	var out []string
	for _, inv := range p.Invoices {
		out = append(out, inv.Number)
	}
	return out
}

// ThanksCase is what the store knows of one customer with something settled lately.
type ThanksCase struct {
	Customer    Customer
	Policy      Policy
	Settled     []SettledInvoice
	Plans       []CompletedPlan
	Overdue     map[string]bool // by currency: an open invoice past its due date
	OpenCharges map[string]bool // by currency: an unpaid fee or interest
	HandedOff   bool            // an open invoice of the customer is with an agency
	HoldUntil   Date
	HoldReason  string
	LastThanks  map[string]Date // by currency: the last thank-you approved or skipped
	MailFailing bool            // the customer's address bounced
}

// ThanksOptions are the day and the channel rule's inputs.
type ThanksOptions struct {
	Queue    QueueOptions
	CanEmail bool // a mailbox is set up
}

// ReminderTwoStage is the ladder stage of a policy's second overdue reminder (0: it has none).
func ReminderTwoStage(p Policy) int {
	n := 0
	for i, st := range p.Stages {
		if st.Days > 0 {
			n++
			if n == 2 {
				return i + 1
			}
		}
	}
	return 0
}

// ThanksActions proposes the day's thank-you notes by the rule above. It is a pure function of
// the cases, so it can be tested on crafted timelines.
func ThanksActions(cases []ThanksCase, o ThanksOptions) []Action {
	if o.Queue.WindowTo == 0 {
		o.Queue.WindowFrom, o.Queue.WindowTo = 8, 21 // as BuildQueue
	}
	if o.Queue.ShopZone == nil {
		o.Queue.ShopZone = time.Local
	}
	var out []Action
	for _, tc := range cases {
		if thanksBarred(tc) {
			continue
		}
		for _, cur := range thanksCurrencies(tc) {
			if a, ok := thanksAction(tc, cur, o); ok {
				out = append(out, a)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Customer != out[j].Customer {
			return out[i].Customer < out[j].Customer
		}
		return out[i].Currency < out[j].Currency
	})
	return out
}

// thanksBarred: a flag that stops contact, or a debt with an agency, means no thank-you.
func thanksBarred(tc ThanksCase) bool {
	for _, f := range []string{FlagCease, FlagAttorney, FlagBankruptcy, FlagDeceased} {
		if tc.Customer.HasFlag(f) {
			return true
		}
	}
	return tc.HandedOff
}

func thanksCurrencies(tc ThanksCase) []string {
	seen := map[string]bool{}
	var out []string
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, s := range tc.Settled {
		add(s.Currency)
	}
	for _, p := range tc.Plans {
		add(p.Currency)
	}
	sort.Strings(out)
	return out
}

// inThanksWindow tells a settlement the note may still thank for: within the window up to the
// day, and after the last thank-you approved or skipped.
func inThanksWindow(on, asOf, last Date) bool {
	if on.IsZero() || on.After(asOf) || asOf.DaysSince(on) > ThanksWindow {
		return false
	}
	return last.IsZero() || on.After(last)
}

// thanksAction is the note for one currency, if the rule proposes one.
func thanksAction(tc ThanksCase, cur string, o ThanksOptions) (Action, bool) {
	asOf, last := o.Queue.AsOf, tc.LastThanks[cur]
	if tc.Overdue[cur] || tc.OpenCharges[cur] {
		return Action{}, false
	}
	c := tc.Customer
	a := Action{CustomerID: c.ID, Customer: c.Name, Stage: StageThanks, StageName: ThanksStageName, Tone: ToneGentle, Currency: cur, Thanks: &ThanksFor{}}
	inPlan := map[int64]bool{}
	for _, p := range tc.Plans {
		if p.Currency != cur || !inThanksWindow(p.CompletedOn, asOf, last) {
			continue
		}
		a.Thanks.Plans = append(a.Thanks.Plans, p.Numbers())
		for _, s := range p.Invoices {
			inPlan[s.ID] = true
			a.Invoices = append(a.Invoices, ActionInvoice{ID: s.ID, Number: s.Number, Stage: s.Stage, Due: s.Due, LastPaid: s.PaidOn})
		}
		a.Reasons = append(a.Reasons, fmt.Sprintf("payment plan %d for %s was completed on %s", p.ID, strings.Join(p.Numbers(), ", "), p.CompletedOn))
	}
	second := ReminderTwoStage(tc.Policy)
	for _, s := range tc.Settled {
		if s.Currency != cur || s.HandedOff || inPlan[s.ID] || !inThanksWindow(s.PaidOn, asOf, last) {
			continue // an invoice of a plan thanked for is named under its plan
		}
		ai := ActionInvoice{ID: s.ID, Number: s.Number, Stage: s.Stage, Due: s.Due, LastPaid: s.PaidOn}
		late := s.PaidOn.DaysSince(s.Due)
		switch {
		case late >= ThanksLateDays:
			a.Reasons = append(a.Reasons, fmt.Sprintf("invoice %s was paid in full on %s, %d days after it fell due", s.Number, s.PaidOn, late))
		case second > 0 && s.Stage >= second:
			a.Reasons = append(a.Reasons, fmt.Sprintf("invoice %s was paid in full on %s, after %s", s.Number, s.PaidOn, tc.Policy.Stages[second-1].Name))
		default:
			continue // paid in time, or only a little late: no thank-you note for it
		}
		a.Invoices = append(a.Invoices, ai)
		a.Thanks.Invoices = append(a.Thanks.Invoices, s.Number)
	}
	if len(a.Thanks.Invoices) == 0 && len(a.Thanks.Plans) == 0 {
		return Action{}, false
	}
	a.Reasons = append(a.Reasons, fmt.Sprintf("nothing is overdue in %s any more", cur),
		"a thank-you note keeps the relationship warm: it asks for nothing, charges nothing and moves no invoice on the ladder")
	a.Channel = ChannelLetter
	switch {
	case c.Email == "":
		a.Reasons = append(a.Reasons, "no email address is known, so it goes as a letter")
	case !o.CanEmail:
		a.Reasons = append(a.Reasons, "email sending is not set up, so it goes as a letter")
	case tc.MailFailing:
		a.Reasons = append(a.Reasons, "emails to the customer bounced, so it goes as a letter")
	case CheckEmailAddress(c.Email) != nil:
		a.Reasons = append(a.Reasons, fmt.Sprintf("%q is not an address mail can reach, so it goes as a letter", c.Email))
	default:
		a.Channel = ChannelEmail
		a.Guards = append(a.Guards, windowGuard(c, o.Queue)...)
	}
	if !tc.HoldUntil.IsZero() && !tc.HoldUntil.Before(asOf) {
		reason := "the customer is on hold"
		if tc.HoldReason != "" {
			reason += ": " + tc.HoldReason
		}
		a.Guards = append(a.Guards, Guard{Guard: "hold", Blocking: true, Reason: reason, Until: tc.HoldUntil.AddDays(1).String()})
	}
	return a, true
}

// thanksActions loads and decides the day's thank-you notes.
func (c *Collections) thanksActions(opts QueueOptions) ([]Action, error) {
	cases, err := c.CS.ThanksCases(opts.AsOf.AddDays(-ThanksWindow), opts.AsOf)
	if err != nil || len(cases) == 0 {
		return nil, err
	}
	policies, err := c.policies()
	if err != nil {
		return nil, err
	}
	for i := range cases {
		p, ok := policies[cases[i].Policy.ID]
		if !ok {
			p = policies[1]
		}
		cases[i].Policy = p
	}
	return ThanksActions(cases, ThanksOptions{Queue: opts, CanEmail: c.CanEmail()}), nil
}

// thanksLetter is the letter of a thank-you note: the settled invoices, nothing to pay.
func (c *Collections) thanksLetter(asOf Date, a Action) (LetterInput, error) {
	cust, shop, settings, err := c.letterParties(a.CustomerID)
	if err != nil {
		return LetterInput{}, err
	}
	key := TemplateKey{Kind: KindThanks, Tone: ToneGentle, Lang: c.langFor(cust, shop)}
	tpl, err := c.template(key)
	if err != nil {
		return LetterInput{}, err
	}
	in := LetterInput{Key: key, Template: tpl, Shop: shop, Customer: cust, Date: asOf, StageName: StageName(a.StageName, key.Lang), Thanks: a.Thanks}
	for _, ai := range a.Invoices {
		inv, err := c.Store.Invoice(ai.ID)
		if err != nil {
			return LetterInput{}, err
		}
		in.Invoices = append(in.Invoices, inv)
	}
	PrepareLetter(&in, settings)
	if in.Record, err = c.recordRef(); err != nil {
		return LetterInput{}, err
	}
	return in, nil
}

// thanksMessage tells an outbox email that is a thank-you note: its Message-ID carries the
// thank-you stage, so the send-time checks do not stop it for having nothing left to ask.
func thanksMessage(it OutboxItem) bool {
	return strings.Contains(it.MessageID, fmt.Sprintf(".%d.", StageThanks))
}
