package monthly

import (
	"strings"

	"duebook/app"
)

// words are the report's fixed words per language; a German shop reads a German report.
var words = map[string]map[string]string{
	"en": {
		"title": "Monthly report", "asof": "as of %s", "month": "Month",
		"aging": "What is owed at the month's end", "bucket": "Age", "invoices": "Invoices", "open": "Open", "total": "Total",
		"not due": "not due", "over 90": "over 90", "days": "days",
		"dso": "Days to get paid (DSO) at each month's end", "dsoline": "DSO",
		"collected": "Collected this month", "method": "Method", "payments": "Payments", "amount": "Amount", "nothing": "Nothing came in.",
		"creditnote": "Credit notes bring no money and are not in the total.",
		"effect":     "What got the shop paid", "effectnote": "Contacts of the 12 months up to %s; a payment counts for the last contact before it.",
		"stage": "Step", "actions": "Contacts", "p7": "7 days", "p14": "14 days", "p30": "30 days", "median": "Median days", "recovered": "Recovered",
		"noeffect": "No contacts in these 12 months.",
		"risers":   "Customers whose risk rose this month", "customer": "Customer", "before": "On the 1st", "now": "Now",
		"norisers": "No customer's risk rose this month.",
		"reserve":  "Suggested bad-debt reserve", "rate": "Loss rate", "reservecol": "Reserve", "basis": "Based on",
		"history": "%d invoices", "default": "default",
		"cash": "Cash flow ahead (13 weeks)", "week": "Week from", "receipts": "Expected in", "bills": "Bills due", "balance": "Balance",
		"short": "short", "opening": "Cash at hand %s.", "shortweeks": "Cash runs short in %d of the 13 weeks (marked in the chart).",
		"noshort": "Cash covers every week.",
	},
	"de": {
		"title": "Monatsbericht", "asof": "Stand %s", "month": "Monat",
		"aging": "Offene Forderungen am Monatsende", "bucket": "Alter", "invoices": "Rechnungen", "open": "Offen", "total": "Summe",
		"not due": "nicht fällig", "over 90": "über 90", "days": "Tage",
		"dso": "Tage bis zur Zahlung (DSO) an jedem Monatsende", "dsoline": "DSO",
		"collected": "In diesem Monat eingegangen", "method": "Art", "payments": "Zahlungen", "amount": "Betrag", "nothing": "Nichts ist eingegangen.",
		"creditnote": "Gutschriften bringen kein Geld und zählen nicht zur Summe.",
		"effect":     "Was zur Zahlung geführt hat", "effectnote": "Kontakte der 12 Monate bis %s; eine Zahlung zählt für den letzten Kontakt davor.",
		"stage": "Stufe", "actions": "Kontakte", "p7": "7 Tage", "p14": "14 Tage", "p30": "30 Tage", "median": "Median Tage", "recovered": "Eingebracht",
		"noeffect": "Keine Kontakte in diesen 12 Monaten.",
		"risers":   "Kunden, deren Risiko in diesem Monat stieg", "customer": "Kunde", "before": "Am 1.", "now": "Jetzt",
		"norisers": "Bei keinem Kunden stieg das Risiko.",
		"reserve":  "Vorgeschlagene Wertberichtigung", "rate": "Ausfallquote", "reservecol": "Betrag", "basis": "Grundlage",
		"history": "%d Rechnungen", "default": "Standardwert",
		"cash": "Liquidität der nächsten 13 Wochen", "week": "Woche ab", "receipts": "Erwartet", "bills": "Fällige Rechnungen", "balance": "Bestand",
		"short": "knapp", "opening": "Kassenbestand %s.", "shortweeks": "In %d der 13 Wochen reicht das Geld nicht (im Diagramm markiert).",
		"noshort": "Das Geld reicht in jeder Woche.",
	},
}

// Words are the report's words in lang, English when the language has none.
func Words(lang string) map[string]string {
	if w, ok := words[strings.ToLower(lang)]; ok {
		return w
	}
	return words["en"]
}

// methodWords name the ways a payment came in.
var methodWords = map[string]map[app.PaymentMethod]string{
	"en": {app.MethodCash: "cash", app.MethodCard: "card", app.MethodBank: "bank transfer", app.MethodCheque: "cheque",
		app.MethodOther: "other", app.MethodCreditNote: "credit note"},
	"de": {app.MethodCash: "bar", app.MethodCard: "Karte", app.MethodBank: "Überweisung", app.MethodCheque: "Scheck",
		app.MethodOther: "sonstige", app.MethodCreditNote: "Gutschrift"},
}

// MethodWord names a payment method in lang.
func MethodWord(m app.PaymentMethod, lang string) string {
	w, ok := methodWords[strings.ToLower(lang)]
	if !ok {
		w = methodWords["en"]
	}
	if s, ok := w[m]; ok {
		return s
	}
	return string(m)
}

// BucketWord names an aging bucket in lang ("1-30" stays as it is).
func BucketWord(name, lang string) string {
	if s, ok := Words(lang)[name]; ok {
		return s
	}
	return name
}
