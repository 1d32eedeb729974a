package letters

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
)

// pdfText reads a PDF back with poppler's pdftotext, an independent reader.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed to read the PDFs back; make test installs it")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func agreementInput(installments int, lang string, profile app.Profile) (AgreementInput, []app.Invoice) {
	terms := app.PlanTerms{Currency: "EUR", Total: 123457, DownPayment: 10000, Installments: installments, Frequency: app.Monthly, FirstDue: app.MustDate("2026-12-15"), Grace: 7}
	sched, _ := terms.Schedule()
	plan := app.Plan{ID: 42, PlanTerms: terms, Schedule: sched, CreatedOn: app.MustDate("2026-11-22")}
	in := AgreementInput{
		Shop:     app.Shop{Name: "Łukasz's Bikes", Address1: "Hauptstraße 1", PostalCode: "10115", City: "Berlin", Country: "DE", Language: lang},
		Customer: app.Customer{ID: 7, Name: "Иван Петров", Address1: "ul. Świętokrzyska 5", PostalCode: "00-001", City: "Warszawa", Country: "PL"},
		Plan:     plan, Profile: profile, Date: plan.CreatedOn,
	}
	invs := []app.Invoice{
		{Number: "INV-1", DueDate: app.MustDate("2026-09-30"), Currency: "EUR", Amount: 100000},
		{Number: "INV-2", DueDate: app.MustDate("2026-10-31"), Currency: "EUR", Amount: 23457},
	}
	return in, invs
}

func TestAgreementReadsBack(t *testing.T) {
	in, invs := agreementInput(6, "en", app.ProfileEU)
	pdf, err := AgreementPDF(in, invs)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Payment plan agreement", "Иван Петров", "Łukasz's Bikes", "ul. Świętokrzyska 5", "INV-1", "INV-2",
		"EUR 1,234.57", "EUR 100.00", "2026-12-15", "2027-06-15", "down payment", "For Łukasz's Bikes", "Place and date", "7 days"} {
		if !strings.Contains(text, want) {
			t.Errorf("the agreement does not show %q:\n%s", want, text)
		}
	}
	again, _ := AgreementPDF(in, invs)
	if !bytes.Equal(pdf, again) {
		t.Fatal("the same agreement printed twice differs")
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
}

func TestAgreementInGermanOnA4AndLongScheduleContinues(t *testing.T) {
	in, invs := agreementInput(60, "de", app.ProfileDE)
	doc := Agreement(in, invs)
	if doc.Paper != A4 || len(doc.Pages) < 2 {
		t.Fatalf("%s, %d pages", doc.Paper.Name, len(doc.Pages))
	}
	pdf, err := PDF(doc, in.Date.Time())
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Ratenzahlungsvereinbarung", "EUR 1.234,57", "Anzahlung", "Ort, Datum"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q", want)
		}
	}
	if n := len(doc.Pages); !strings.Contains(strings.ReplaceAll(text, " ", ""), fmt.Sprintf("2/%d", n)) {
		t.Errorf("the second page does not say 2 / %d", n)
	}
	// The table header repeats on the page the schedule continues onto.
	if strings.Count(text, "Betrag") < 2 {
		t.Error("the installment table's header is not repeated on the next page")
	}
	us, _ := agreementInput(3, "en", app.ProfileUS)
	if Agreement(us, invs).Paper != Letter {
		t.Error("a US shop does not print on Letter paper")
	}
}

func TestWindowAddressStaysInTheWindow(t *testing.T) {
	in, invs := agreementInput(3, "en", app.ProfileEU)
	in.Customer.Name = strings.Repeat("Extraordinarily Long Company Name ", 5)
	doc := Agreement(in, invs)
	for _, tx := range doc.Pages[0].Texts {
		if tx.Y > 45 && tx.Y < 95 && tx.X < 110 && tx.X+Width(tx.S, tx.Size, tx.Bold) > 20+85+0.01 {
			t.Fatalf("%q runs out of the address window", tx.S)
		}
	}
}

func TestMissingGlyphsAndWrap(t *testing.T) {
	if m := Missing("Zoë Ñúñez Łukasz Øvergård Иван Петров Γιώργος €"); len(m) != 0 {
		t.Fatalf("the font lacks %q", string(m))
	}
	if m := Missing("山田太郎"); len(m) != 4 {
		t.Fatalf("CJK not reported missing: %q", string(m))
	}
	lines := Wrap("one two three four five six seven eight nine ten", 30, 10, false)
	for _, l := range lines {
		if Width(l, 10, false) > 30 {
			t.Fatalf("%q is wider than 30 mm", l)
		}
	}
	if len(lines) < 2 {
		t.Fatalf("no wrap: %v", lines)
	}
	if got := Wrap(strings.Repeat("x", 200), 30, 10, false); len(got) < 2 {
		t.Fatal("an overlong word is not cut")
	}
}
