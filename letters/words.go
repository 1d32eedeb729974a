package letters

import (
	"strings"

	"duebook/app"
)

// letterWords are the fixed words of the letters per language: a German letter takes every word
// it prints from the German table.
var letterWords = map[string]map[string]string{
	"en": {"date": "Date", "customer": "Customer no.", "invoice": "Invoice", "issued": "Date", "due": "Due", "amount": "Amount",
		"paid": "Paid", "open": "Open", "days": "Days late", "charges": "Charges", "charge": "Charge", "period": "Period", "rate": "Rate",
		"total": "Total due", "pay_by": "Please pay by %s.", "how": "How to pay", "bank": "Bank", "iban": "IBAN", "bic": "BIC",
		"ref": "Reference", "online": "Pay online", "epc": "Scan to pay by bank transfer", "link": "Scan to pay online",
		"payment": "Payment", "received": "Received", "method": "Method", "payments": "Recent payments", "balance": "Balance still open",
		"fee": "reminder fee", "interest": "Interest", "compensation": "fixed compensation", "basis": "Basis", "base": "On", "ndays": "Days",
		"item": "Item", "qty": "Qty", "price": "Unit price", "tax": "Tax", "net": "Net", "page": "Page %d / %d", "record": "Record"},
	"de": {"date": "Datum", "customer": "Kunden-Nr.", "invoice": "Rechnung", "issued": "Datum", "due": "Fällig", "amount": "Betrag",
		"paid": "Bezahlt", "open": "Offen", "days": "Tage", "charges": "Kosten", "charge": "Posten", "period": "Zeitraum", "rate": "Satz",
		"total": "Zu zahlen", "pay_by": "Bitte zahlen Sie bis zum %s.", "how": "So zahlen Sie", "bank": "Bank", "iban": "IBAN", "bic": "BIC",
		"ref": "Verwendungszweck", "online": "Online zahlen", "epc": "Scannen für eine Überweisung", "link": "Scannen zum Online-Zahlen",
		"payment": "Zahlung", "received": "Eingegangen", "method": "Art", "payments": "Letzte Zahlungen", "balance": "Noch offen",
		"fee": "Mahngebühr", "interest": "Zinsen", "compensation": "Verzugspauschale", "basis": "Grundlage", "base": "Auf", "ndays": "Tage",
		"item": "Position", "qty": "Menge", "price": "Einzelpreis", "tax": "USt.", "net": "Netto", "page": "Seite %d / %d", "record": "Protokoll"},
}

// methodWords name the ways a payment came in, per language.
var methodWords = map[string]map[app.PaymentMethod]string{
	"en": {app.MethodCash: "cash", app.MethodCard: "card", app.MethodBank: "bank transfer", app.MethodCheque: "cheque",
		app.MethodOther: "other", app.MethodCreditNote: "credit note"},
	"de": {app.MethodCash: "bar", app.MethodCard: "Karte", app.MethodBank: "Überweisung", app.MethodCheque: "Scheck",
		app.MethodOther: "sonstige", app.MethodCreditNote: "Gutschrift"},
}

// recordLine is the footer's record reference in a language, or "" when there is none.
func recordLine(ref, lang string) string {
	if ref == "" {
		return ""
	}
	return lw(lang)["record"] + " " + ref
}

func lw(lang string) map[string]string {
	if w, ok := letterWords[strings.ToLower(lang)]; ok {
		return w
	}
	return letterWords["en"]
}

// method names a payment method in the letter's language.
func method(m app.PaymentMethod, lang string) string {
	if s, ok := methodWords[strings.ToLower(lang)][m]; ok {
		return s
	}
	return string(m)
}

// day writes a date as the letter's language does: 06.12.2026 in German, 2026-12-06 otherwise.
func day(d app.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if strings.ToLower(lang) == "de" {
		return d.Time().Format("02.01.2006")
	}
	return d.Time().Format("2 January 2006")
}

// cell writes a day in a table or the reference block, where room is short: "22 Nov 2026", and
// in German "22.11.2026".
func cell(d app.Date, lang string) string {
	if d.IsZero() || strings.ToLower(lang) == "de" {
		return day(d, lang)
	}
	return d.Time().Format("2 Jan 2006")
}
