package letters

import (
	"fmt"
	"strings"
	"time"

	"duebook/app"
)

var _ app.HandoffRenderer = Renderer{}

var handoffWords = map[string]map[string]string{
	"en": {
		"cover":  "Hand-off of debts for collection",
		"date":   "Date",
		"record": "Record",
		"salute": "Dear Sir or Madam,",
		"intro":  "we hand you the following debts for collection. Everything you need is enclosed in this bundle; README.txt lists it, and SHA256SUMS lets you check that nothing was changed.",
		"debtor": "Debtor", "ref": "Reference", "claimed": "Claimed",
		"auth":        "This hand-off was authorised by %s.",
		"regards":     "Kind regards",
		"timeline":    "Timeline of %s (reference %s)",
		"itemization": "Itemization", "item_then": "Owed on the itemization date, %s",
		"item_interest": "Interest since then", "item_fees": "Fees since then",
		"item_payments": "Payments since then", "item_credits": "Credits since then", "item_now": "Owed now",
		"since":       "Payments received since the hand-off",
		"since_intro": "%s (reference %s) was handed off to you on %s (bundle SHA-256 %s). These are the payments we have received from them since that day.",
		"since_none":  "We have received no payment from them since that day.",
		"since_total": "Received since the hand-off", "since_owed": "Still owed today", "since_nothing": "nothing",
		"tl_intro": "Every event on the account, oldest first, with its place in the shop's hash chain (event number and the start of its chain value, as printed on the shop's letters). timeline.csv holds the full hashes.",
	},
	"de": {
		"cover":  "Übergabe von Forderungen zum Inkasso",
		"date":   "Datum",
		"record": "Protokoll",
		"salute": "Sehr geehrte Damen und Herren,",
		"intro":  "wir übergeben Ihnen die folgenden Forderungen zum Inkasso. Alles Nötige liegt diesem Paket bei; README.txt führt es auf, und mit SHA256SUMS lässt sich prüfen, dass nichts verändert wurde.",
		"debtor": "Schuldner", "ref": "Referenz", "claimed": "Gefordert",
		"auth":        "Diese Übergabe hat %s veranlasst.",
		"regards":     "Mit freundlichen Grüßen",
		"timeline":    "Verlauf von %s (Referenz %s)",
		"itemization": "Aufstellung", "item_then": "Offen am Stichtag, %s",
		"item_interest": "Zinsen seitdem", "item_fees": "Kosten seitdem",
		"item_payments": "Zahlungen seitdem", "item_credits": "Gutschriften seitdem", "item_now": "Offen heute",
		"since":       "Zahlungseingänge seit der Übergabe",
		"since_intro": "%s (Referenz %s) wurde Ihnen am %s übergeben (Paket SHA-256 %s). Seit diesem Tag haben wir von dort folgende Zahlungen erhalten.",
		"since_none":  "Seit diesem Tag haben wir von dort keine Zahlung erhalten.",
		"since_total": "Eingegangen seit der Übergabe", "since_owed": "Heute noch offen", "since_nothing": "nichts",
		"tl_intro": "Jedes Ereignis des Kontos, das älteste zuerst, mit seiner Stelle in der Hash-Kette des Geschäfts (Ereignisnummer und Anfang des Kettenwerts, wie auf den Briefen gedruckt). timeline.csv enthält die vollständigen Hashes.",
	},
}

func hw(lang string) map[string]string {
	if w, ok := handoffWords[strings.ToLower(lang)]; ok {
		return w
	}
	return handoffWords["en"]
}

// HandoffCover prints the cover letter to the agency or attorney on the shop's letterhead.
func (Renderer) HandoffCover(in app.HandoffCoverInput) ([]byte, error) {
	w, lang := hw(in.Lang), in.Lang
	b := NewBuilder(PaperFor(in.Profile), w["cover"])
	b.PageLabel = lw(lang)["page"]
	b.Record = recordLine(in.Record, lang)
	letterhead(b, in.Shop, receiverAsCustomer(in.To, in.ToAddress, in.Shop.Country), lang, [][2]string{{w["date"], cell(in.Date, lang)}})
	b.Para(w["cover"], 13, true)
	b.Para(w["salute"], 10, false)
	b.Para(w["intro"], 10, false)
	var rows [][]string
	for _, d := range in.Debtors {
		for _, m := range d.Claimed { // a row per currency: amounts in two currencies are not added
			rows = append(rows, []string{d.Reference, d.Name, m.Currency + " " + app.FormatMinor(m.Amount, app.MustCurrency(m.Currency), app.NumberFormatFor(lang))})
		}
	}
	b.Table([]Column{{w["ref"], 1, false}, {w["debtor"], 3, false}, {w["claimed"], 1.5, true}}, rows, 9)
	for _, d := range in.Debtors {
		for _, p := range d.Paragraphs {
			b.Para(p, 10, false)
		}
	}
	b.Para(fmt.Sprintf(w["auth"], in.AuthorisedBy), 10, false)
	b.Para(w["regards"], 10, false)
	b.Para(in.AuthorisedBy+", "+in.Shop.Name, 10, false)
	return PDF(b.Finish(), in.Date.Time().Add(12*time.Hour))
}

// PaymentsSincePDF prints, for the agency or attorney, the payments a debtor made to the shop
// since the hand-off, what they add up to and what is still owed, per currency.
func (Renderer) PaymentsSincePDF(in app.HandoffPayments) ([]byte, error) {
	w, lw, lang := hw(in.Lang), lw(in.Lang), in.Lang
	nf := app.NumberFormatFor(lang)
	amount := func(m app.Money) string {
		return m.Currency + " " + app.FormatMinor(m.Amount, app.MustCurrency(m.Currency), nf)
	}
	b := NewBuilder(PaperFor(in.Profile), w["since"])
	b.PageLabel = lw["page"]
	b.Record = recordLine(in.Record, lang)
	letterhead(b, in.Shop, receiverAsCustomer(in.To, in.ToAddress, in.Shop.Country), lang, [][2]string{{w["date"], cell(in.Date, lang)}, {w["ref"], in.Reference}})
	b.Para(w["since"], 13, true)
	b.Para(w["salute"], 10, false)
	bundle := in.Bundle
	if len(bundle) > 16 {
		bundle = bundle[:16] + "…"
	}
	b.Para(fmt.Sprintf(w["since_intro"], in.Customer.Name, in.Reference, day(in.Since, lang), bundle), 10, false)
	totals := map[string]int64{}
	var curs []string
	var rows [][]string
	for _, p := range in.Payments {
		if _, ok := totals[p.Currency]; !ok {
			curs = append(curs, p.Currency)
		}
		totals[p.Currency] += p.Amount
		rows = append(rows, []string{cell(p.ReceivedOn, lang), method(p.Method, lang), p.Reference, amount(app.Money{Amount: p.Amount, Currency: p.Currency})})
	}
	if len(rows) == 0 {
		b.Para(w["since_none"], 10, false)
	} else {
		b.Table([]Column{{lw["received"], 1.2, false}, {lw["method"], 1.2, false}, {lw["ref"], 2, false}, {lw["amount"], 1.3, true}}, rows, 9)
	}
	var sums [][]string
	for _, cur := range curs { // amounts in two currencies are never added
		sums = append(sums, []string{w["since_total"], amount(app.Money{Amount: totals[cur], Currency: cur})})
	}
	for _, m := range in.Owed {
		sums = append(sums, []string{w["since_owed"], amount(m)})
	}
	if len(in.Owed) == 0 {
		sums = append(sums, []string{w["since_owed"], w["since_nothing"]})
	}
	b.Table([]Column{{"", 3, false}, {"", 1.5, true}}, sums, 9)
	b.Para(w["regards"], 10, false)
	b.Para(in.Shop.Name, 10, false)
	return PDF(b.Finish(), in.Date.Time().Add(12*time.Hour))
}

// TimelinePDF prints a customer's timeline: every event in order, with its record reference.
func (Renderer) TimelinePDF(in app.TimelinePrintInput) ([]byte, error) {
	w, lang := hw(in.Lang), in.Lang
	title := fmt.Sprintf(w["timeline"], in.Customer.Name, in.Reference)
	b := NewBuilder(PaperFor(in.Profile), title)
	b.PageLabel = lw(lang)["page"]
	b.Record = recordLine(in.Record, lang)
	b.Put(Text{X: b.Left, Y: 15, Size: 15, Bold: true, S: fit(in.Shop.Name, b.Width(), 15)})
	b.Y = 28
	b.Para(title, 13, true)
	b.Para(w["tl_intro"], 9, false)
	for _, ev := range in.Events {
		head := fmt.Sprintf("%s UTC · %s · %s %s", ev.At.UTC().Format("2006-01-02 15:04"), ev.Kind, w["record"], app.ChainHead{Events: ev.ID, Chain: ev.Chain}.Ref())
		b.Room(2 * lineHeight(9))
		b.Para(head, 9, true)
		b.Para(ev.Summary, 9, false)
	}
	return PDF(b.Finish(), in.Date.Time().Add(12*time.Hour))
}

// itemizationTable shows a hand-off statement's itemization: the debt on the itemization date,
// what changed since, and the amount now.
func (c *composer) itemizationTable(b *Builder) {
	it := c.in.Itemization
	if it == nil {
		return
	}
	w := hw(c.lang)
	rows := [][]string{
		{fmt.Sprintf(w["item_then"], day(it.Date, c.lang)), c.amount(it.Then, it.Currency)},
		{w["item_interest"], "+ " + c.amount(it.Interest, it.Currency)},
		{w["item_fees"], "+ " + c.amount(it.Fees, it.Currency)},
		{w["item_payments"], "- " + c.amount(it.Payments, it.Currency)},
		{w["item_credits"], "- " + c.amount(it.Credits, it.Currency)},
		{w["item_now"], c.amount(it.Now, it.Currency)},
	}
	b.Para(w["itemization"], 10, true)
	b.Table([]Column{{"", 3, false}, {"", 1.5, true}}, rows, 9)
}

// receiverAsCustomer puts an agency's address, as the owner wrote it line by line, in the
// window: the first lines are the street, the last the town with its postcode.
func receiverAsCustomer(name string, lines []string, country string) app.Customer {
	c := app.Customer{Name: name, Country: country}
	switch len(lines) {
	case 0:
	case 1:
		c.City = lines[0]
	case 2:
		c.Address1, c.City = lines[0], lines[1]
	default:
		c.Address1, c.Address2, c.City = lines[0], strings.Join(lines[1:len(lines)-1], ", "), lines[len(lines)-1]
	}
	return c
}
