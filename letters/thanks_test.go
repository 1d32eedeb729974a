package letters

import (
	"strings"
	"testing"

	"duebook/app"
)

// A thank-you note names what was settled, warmly, and asks for nothing: no amount due, no
// table of what is open, no bank details, no QR code, no day to pay by, on paper or by email.
func TestThanksNoteAsksForNothing(t *testing.T) {
	for _, lang := range app.Languages {
		in := letterInput(t, app.KindThanks, app.ToneGentle, lang)
		in.Thanks = &app.ThanksFor{Invoices: []string{"INV-2"}, Plans: [][]string{{"INV-1"}}}
		doc := Compose(in)
		for _, p := range doc.Pages {
			if len(p.Images) > 0 {
				t.Errorf("%s: the note carries %d images (a payment QR code?)", lang, len(p.Images))
			}
		}
		text := strings.Join(strings.Fields(pdfText(t, mustPDF(t, in))), " ")
		want := map[string]string{
			"en": "thank you very much for completing your payment plan for invoice INV-1 and settling invoice INV-2 in full.",
			"de": "herzlichen Dank für den Abschluss Ihres Ratenplans für die Rechnung INV-1 sowie die vollständige Zahlung der Rechnung INV-2.",
		}[lang]
		if !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
			t.Errorf("%s: the note does not say what it thanks for:\n%s", lang, text)
		}
		_, mail := Renderer{}.PlainText(in)
		for _, bad := range []string{"DE89", "EUR", "1.000", "1,000", "pay by", "Total", "How to pay", "zahlen Sie", "Zu zahlen", "So zahlen", "pay.example", "Offen", "Open"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s: the printed note shows %q:\n%s", lang, bad, text)
			}
			if strings.Contains(mail, bad) {
				t.Errorf("%s: the email shows %q:\n%s", lang, bad, mail)
			}
		}
	}
}
