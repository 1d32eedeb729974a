package letters

import (
	"fmt"

	"duebook/app"
)

// termWords are the sentences that print an invoice's payment terms.
var termWords = map[string]map[string]string{
	"en": {
		"net":      "Payment terms for %s: net %d days.",
		"net_all":  "Payment terms: net %d days.",
		"discount": "Pay %s by %s for %s (%s early-payment discount instead of %s).",
	},
	"de": {
		"net":      "Zahlungsbedingungen für %s: %d Tage netto.",
		"net_all":  "Zahlungsbedingungen: %d Tage netto.",
		"discount": "Zahlen Sie %s bis %s für %s (%s Skonto statt %s).",
	},
}

// termsShown tells the documents that print payment terms: the invoice itself, the statement
// and the courtesy note before the due date. Reminders never offer a discount.
func termsShown(k app.LetterKind) bool {
	return k == app.KindInvoice || k == app.KindStatement || k == app.KindCourtesy
}

// termsLines are the sentences of the invoices' terms on the letter's day: the net days, and the
// discounted amount only while the discount can still be taken.
func (c *composer) termsLines() []string {
	in := c.in
	if !termsShown(in.Key.Kind) {
		return nil
	}
	w, ok := termWords[c.lang]
	if !ok {
		w = termWords["en"]
	}
	// Several open invoices on the same days to pay (a statement) say it once.
	nets := map[int]int{}
	open := 0
	for _, inv := range in.Invoices {
		if inv.Open() > 0 {
			nets[inv.Terms.NetDays]++
			open++
		}
	}
	var out []string
	_, none := nets[0]
	together := open > 1 && len(nets) == 1 && !none
	if together {
		for n := range nets { // the one entry
			out = append(out, fmt.Sprintf(w["net_all"], n))
		}
	}
	for _, inv := range in.Invoices {
		if !together && inv.Terms.NetDays > 0 && inv.Open() > 0 {
			out = append(out, fmt.Sprintf(w["net"], inv.Number, inv.Terms.NetDays))
		}
		if off, ok := app.DiscountOn(inv, in.Date); ok {
			out = append(out, fmt.Sprintf(w["discount"], c.amount(off.Pay, inv.Currency), day(off.Until, c.lang), inv.Number,
				c.percent(inv.Terms.DiscountBP), c.amount(inv.Amount, inv.Currency)))
		}
	}
	return out
}

// termsBlock prints the terms under the invoices.
func (c *composer) termsBlock(b *Builder) {
	for _, s := range c.termsLines() {
		b.Para(s, 9, false)
	}
}
