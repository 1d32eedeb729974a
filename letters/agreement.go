package letters

import (
	"fmt"
	"strings"
	"time"

	"duebook/app"
)

// AgreementInput is what a payment-plan agreement shows.
type AgreementInput struct {
	Shop     app.Shop
	Customer app.Customer
	Plan     app.Plan
	Profile  app.Profile
	Date     app.Date
	Record   string // the timeline's record reference
}

// words are the agreement's texts per language.
var agreementWords = map[string]map[string]string{
	"en": {
		"title":    "Payment plan agreement",
		"ref":      "Plan no.",
		"date":     "Date",
		"customer": "Customer no.",
		"salute":   "Dear %s,",
		"intro":    "We agree that you will pay the open balance of %s on the invoices below in the installments that follow. As long as every installment arrives by its date, we will send no reminders about these invoices.",
		"invoices": "Invoices in this plan",
		"number":   "Invoice", "due": "Due", "open": "Open",
		"schedule": "Installments",
		"no":       "No.", "amount": "Amount", "down": "down payment",
		"terms": "If an installment has not arrived %d days after its date, this agreement ends, and the remaining balance of %s less what has been paid becomes due at once. Payments are applied to the installments in their order.",
		"sign":  "Please sign both copies and return one to us.",
		"for":   "For %s", "date_place": "Place and date",
		"total": "Total",
	},
	"de": {
		"title":    "Ratenzahlungsvereinbarung",
		"ref":      "Plan Nr.",
		"date":     "Datum",
		"customer": "Kunden-Nr.",
		"salute":   "Guten Tag %s,",
		"intro":    "Wir vereinbaren, dass Sie den offenen Betrag von %s aus den unten genannten Rechnungen in den folgenden Raten zahlen. Solange jede Rate rechtzeitig eingeht, erhalten Sie zu diesen Rechnungen keine Mahnungen.",
		"invoices": "Rechnungen in dieser Vereinbarung",
		"number":   "Rechnung", "due": "Fällig", "open": "Offen",
		"schedule": "Raten",
		"no":       "Nr.", "amount": "Betrag", "down": "Anzahlung",
		"terms": "Ist eine Rate %d Tage nach ihrem Termin nicht eingegangen, endet diese Vereinbarung, und der verbleibende Betrag von %s abzüglich geleisteter Zahlungen wird sofort fällig. Zahlungen werden in der Reihenfolge der Raten verrechnet.",
		"sign":  "Bitte unterschreiben Sie beide Exemplare und senden Sie uns eines zurück.",
		"for":   "Für %s", "date_place": "Ort, Datum",
		"total": "Summe",
	},
}

func wordsFor(lang string) map[string]string {
	if w, ok := agreementWords[strings.ToLower(lang)]; ok {
		return w
	}
	return agreementWords["en"]
}

// PaperFor is the paper of a profile: US Letter in the US, A4 elsewhere.
func PaperFor(p app.Profile) Paper {
	if p == app.ProfileUS {
		return Letter
	}
	return A4
}

// Agreement lays out a payment-plan agreement with its invoices, installments, terms and
// signature lines for both parties.
func Agreement(in AgreementInput, invoices []app.Invoice) *Doc {
	lang := strings.ToLower(in.Shop.Language)
	w := wordsFor(lang)
	nf := app.NumberFormatFor(lang)
	cur := app.MustCurrency(in.Plan.Currency)
	amount := func(v int64) string { return in.Plan.Currency + " " + app.FormatMinor(v, cur, nf) }
	b := NewBuilder(PaperFor(in.Profile), w["title"])
	b.PageLabel = lw(lang)["page"]
	b.Record = recordLine(in.Record, lang)
	letterhead(b, in.Shop, in.Customer, lang, [][2]string{
		{w["date"], cell(in.Date, lang)},
		{w["customer"], fmt.Sprint(in.Customer.ID)},
		{w["ref"], fmt.Sprint(in.Plan.ID)},
	})
	b.Para(w["title"], 13, true)
	b.Para(fmt.Sprintf(w["salute"], in.Customer.Name), 10, false)
	b.Para(fmt.Sprintf(w["intro"], amount(in.Plan.Total)), 10, false)
	b.Para(w["invoices"], 10, true)
	var rows [][]string
	for _, inv := range invoices {
		rows = append(rows, []string{inv.Number, cell(inv.DueDate, lang), amount(inv.Open())})
	}
	b.Table([]Column{{w["number"], 2, false}, {w["due"], 1.5, false}, {w["open"], 1.5, true}}, rows, 9)
	b.Para(w["schedule"], 10, true)
	rows = nil
	for _, inst := range in.Plan.Schedule {
		label := fmt.Sprint(inst.Number)
		if inst.Number == 0 {
			label = w["down"]
		}
		rows = append(rows, []string{label, cell(inst.Due, lang), amount(inst.Amount)})
	}
	rows = append(rows, []string{w["total"], "", amount(in.Plan.Total)})
	b.Table([]Column{{w["no"], 2, false}, {w["due"], 1.5, false}, {w["amount"], 1.5, true}}, rows, 9)
	b.Para(fmt.Sprintf(w["terms"], in.Plan.Grace, amount(in.Plan.Total)), 10, false)
	b.Para(w["sign"], 10, false)
	// Signature lines for both parties, kept together on one page.
	b.Room(32)
	b.Y += 14
	half := (b.Width() - 10) / 2
	for i, who := range []string{fmt.Sprintf(w["for"], in.Shop.Name), in.Customer.Name} {
		x := b.Left + float64(i)*(half+10)
		b.Line(x, b.Y, x+half, b.Y)
		b.Put(Text{X: x, Y: b.Y + 1, Size: 8, S: fit(who, half, 8)})
		b.Line(x, b.Y+14, x+half, b.Y+14)
		b.Put(Text{X: x, Y: b.Y + 15, Size: 8, S: w["date_place"]})
	}
	b.Y += 22
	return b.Finish()
}

// AgreementPDF lays out and draws the agreement; the creation date is the agreement's date, so
// printing it again gives the same bytes.
func AgreementPDF(in AgreementInput, invoices []app.Invoice) ([]byte, error) {
	return PDF(Agreement(in, invoices), in.Date.Time().Add(12*time.Hour))
}
