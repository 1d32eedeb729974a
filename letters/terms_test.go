package letters

import (
	"strings"
	"testing"

	"duebook/app"
)

// termsInput is a letter of kind on 2026-11-15 for an invoice of EUR 1,000.00 issued 2026-11-10
// on "net 30, 2 % within 10 days".
func termsInput(t *testing.T, kind app.LetterKind, lang string, on string) app.LetterInput {
	in := letterInput(t, kind, app.ToneStandard, lang)
	in.Date = app.MustDate(on)
	in.Charges = nil
	in.Invoices = []app.Invoice{{ID: 7, Number: "T-1", IssueDate: app.MustDate("2026-11-10"), DueDate: app.MustDate("2026-12-10"), Currency: "EUR",
		Amount: 100000, Terms: app.Terms{NetDays: 30, DiscountBP: 200, DiscountDays: 10}}}
	return in
}

func TestTermsPrintOnInvoiceStatementAndCourtesyNote(t *testing.T) {
	for _, kind := range []app.LetterKind{app.KindInvoice, app.KindStatement, app.KindCourtesy} {
		text := flat(pdfText(t, mustPDF(t, termsInput(t, kind, "en", "2026-11-15"))))
		for _, want := range []string{"Payment terms for T-1: net 30 days.", "Pay EUR 980.00 by 20 November 2026 for T-1 (2.00 % early-payment discount instead of EUR 1,000.00)."} {
			if !strings.Contains(text, want) {
				t.Fatalf("%s lacks %q:\n%s", kind, want, text)
			}
		}
	}
	de := flat(pdfText(t, mustPDF(t, termsInput(t, app.KindInvoice, "de", "2026-11-15"))))
	if !strings.Contains(de, "Zahlen Sie EUR 980,00 bis 20.11.2026 für T-1 (2,00 % Skonto statt EUR 1.000,00).") {
		t.Fatalf("German invoice:\n%s", de)
	}
}

func TestNoDiscountOfferedAfterItsWindowOrOnAReminder(t *testing.T) {
	late := flat(pdfText(t, mustPDF(t, termsInput(t, app.KindStatement, "en", "2026-11-21"))))
	if strings.Contains(late, "early-payment discount") || !strings.Contains(late, "net 30 days") {
		t.Fatalf("statement after the window:\n%s", late)
	}
	rem := flat(pdfText(t, mustPDF(t, termsInput(t, app.KindReminder1, "en", "2026-11-15"))))
	if strings.Contains(rem, "discount") || strings.Contains(rem, "Payment terms") {
		t.Fatalf("a reminder prints terms:\n%s", rem)
	}
}

func TestOneTermsLineForAStatementOnTheSameTerms(t *testing.T) {
	in := termsInput(t, app.KindStatement, "en", "2026-11-25")
	second := in.Invoices[0]
	second.ID, second.Number = 8, "T-2"
	in.Invoices = append(in.Invoices, second)
	text := flat(pdfText(t, mustPDF(t, in)))
	if strings.Count(text, "Payment terms") != 1 || !strings.Contains(text, "Payment terms: net 30 days.") {
		t.Fatalf("statement:\n%s", text)
	}
}

// flat joins the lines pdftotext breaks a paragraph into.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }
