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
		"EUR 1,234.57", "EUR 100.00", "15 Dec 2026", "15 Jun 2027", "down payment", "For Łukasz's Bikes", "Place and date", "7 days"} {
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

func TestDefaultTemplatesParse(t *testing.T) {
	r := Renderer{}
	for _, k := range app.LetterKinds {
		for _, tone := range []app.Tone{app.ToneGentle, app.ToneStandard, app.ToneFirm} {
			for _, lang := range app.Languages {
				key := app.TemplateKey{Kind: k, Tone: tone, Lang: lang}
				text, err := r.DefaultTemplate(key)
				if err != nil {
					t.Fatalf("%s: %v", key, err)
				}
				if _, err := app.ParseTemplate(text); err != nil {
					t.Errorf("%s: %v", key, err)
				}
			}
		}
	}
}

func letterInput(t *testing.T, kind app.LetterKind, tone app.Tone, lang string) app.LetterInput {
	t.Helper()
	text, err := Renderer{}.DefaultTemplate(app.TemplateKey{Kind: kind, Tone: tone, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := app.ParseTemplate(text)
	if err != nil {
		t.Fatal(err)
	}
	in, _ := agreementInput(3, lang, app.ProfileDE)
	in.Shop.IBAN, in.Shop.BIC, in.Shop.Bank, in.Shop.PaymentLink, in.Shop.Currency = "DE89 3704 0044 0532 0130 00", "COBADEFFXXX", "Commerzbank", "https://pay.example/x", "EUR"
	li := app.LetterInput{Key: app.TemplateKey{Kind: kind, Tone: tone, Lang: lang}, Template: tpl, Shop: in.Shop, Customer: in.Customer,
		Date: app.MustDate("2026-11-22"), PayBy: app.MustDate("2026-12-06"), Profile: app.ProfileDE, StageName: string(kind),
		Invoices: []app.Invoice{
			{ID: 1, Number: "INV-1", IssueDate: app.MustDate("2026-09-01"), DueDate: app.MustDate("2026-09-30"), Currency: "EUR", Amount: 100000, Paid: 25000},
			{ID: 2, Number: "INV-2", IssueDate: app.MustDate("2026-10-01"), DueDate: app.MustDate("2026-10-31"), Currency: "EUR", Amount: 23457},
		},
		Charges: []app.Charge{
			{InvoiceID: 1, Number: "INV-1", Kind: app.ChargeInterest, From: app.MustDate("2026-10-01"), To: app.MustDate("2026-11-22"), Rate: 1027, Basis: "base rate 1.27 % + 9 points (BGB 288)", Principal: 75000, Amount: 1097, Currency: "EUR"},
			{InvoiceID: 1, Number: "INV-1", Kind: app.ChargeCompensation, Amount: 4000, Currency: "EUR", Basis: "fixed compensation for late payment"},
		}}
	if kind == app.KindThanks {
		// A thank-you note names what was settled and asks for nothing.
		for i := range li.Invoices {
			li.Invoices[i].Paid, li.Invoices[i].LastPaidOn = li.Invoices[i].Amount, app.MustDate("2026-11-18")
		}
		li.Charges, li.PayBy, li.Thanks = nil, app.Date{}, &app.ThanksFor{Invoices: []string{"INV-1", "INV-2"}}
	}
	if kind == app.KindReceipt {
		li.Payment = &app.Payment{ID: 9, ReceivedOn: app.MustDate("2026-11-20"), Currency: "EUR", Amount: 5000, Method: app.MethodBank, Reference: "TX-77"}
	}
	return li
}

func TestEveryKindReadsBack(t *testing.T) {
	r := Renderer{}
	for _, kind := range app.LetterKinds {
		for _, lang := range app.Languages {
			in := letterInput(t, kind, app.ToneStandard, lang)
			pdf, err := r.Letter(in)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, pdf)
			wants := []string{"Иван Петров", "ul. Świętokrzyska 5", "Łukasz's Bikes"}
			switch kind {
			case app.KindReceipt:
				wants = append(wants, "50", map[string]string{"en": "20 Nov 2026", "de": "20.11.2026"}[lang])
			case app.KindThanks:
				wants = append(wants, map[string]string{"en": "settling invoices INV-1 and INV-2 in full", "de": "Zahlung der Rechnungen INV-1 und INV-2"}[lang])
			default:
				wants = append(wants, "INV-1", "INV-2", map[string]string{"en": "30 Sep 2026", "de": "30.09.2026"}[lang], "DE89 3704 0044 0532 0130 00")
			}
			if kind != app.KindReceipt && kind != app.KindInvoice && kind != app.KindThanks {
				wants = append(wants, "10,97", "10.97")
			}
			for _, w := range wants {
				if w == "10,97" && lang == "en" || w == "10.97" && lang == "de" {
					continue
				}
				if !strings.Contains(text, w) {
					t.Errorf("%s/%s does not show %q", kind, lang, w)
				}
			}
			again, _ := r.Letter(in)
			if !bytes.Equal(pdf, again) {
				t.Errorf("%s/%s: the same letter printed twice differs", kind, lang)
			}
		}
	}
}

func TestFinalDemandWordingFollowsTheLimitationPeriod(t *testing.T) {
	in := letterInput(t, app.KindFinal, app.ToneFirm, "en")
	text := pdfText(t, mustPDF(t, in))
	if !strings.Contains(text, "legal action") {
		t.Fatal("the final demand does not say what follows")
	}
	if !strings.Contains(text, "288") {
		t.Fatal("the German profile's late-payment rule is not cited")
	}
	in.NoLegalThreat = true
	text = pdfText(t, mustPDF(t, in))
	if strings.Contains(text, "legal action") || !strings.Contains(text, "collection agency") {
		t.Fatal("a time-barred debt is threatened with legal action")
	}
	in.Profile, in.Customer.Kind = app.ProfileUK, app.Business
	if text := strings.Join(strings.Fields(pdfText(t, mustPDF(t, in))), " "); !strings.Contains(text, "Late Payment of Commercial Debts") {
		t.Fatal("the UK profile's rule is not cited for a business")
	}
}

func mustPDF(t *testing.T, in app.LetterInput) []byte {
	t.Helper()
	b, err := Renderer{}.Letter(in)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEPCPayload(t *testing.T) {
	p := EPCPayload(app.Shop{Name: "Corner Workshop", IBAN: "DE89 3704 0044 0532 0130 00", BIC: "COBADEFFXXX"}, app.Money{Amount: 61507, Currency: "EUR"}, "INV-0001886")
	want := "BCD\n002\n1\nSCT\nCOBADEFFXXX\nCorner Workshop\nDE89370400440532013000\nEUR615.07\n\n\nINV-0001886"
	if p != want {
		t.Fatalf("%q", p)
	}
}

func TestLongInvoiceTableContinuesOnTheNextPage(t *testing.T) {
	in := letterInput(t, app.KindStatement, app.ToneStandard, "en")
	for i := 3; i < 80; i++ {
		in.Invoices = append(in.Invoices, app.Invoice{ID: int64(i), Number: fmt.Sprintf("INV-%d", i), IssueDate: app.MustDate("2026-09-01"), DueDate: app.MustDate("2026-09-30"), Currency: "EUR", Amount: 1000})
	}
	doc := Compose(in)
	if len(doc.Pages) < 2 {
		t.Fatalf("%d pages", len(doc.Pages))
	}
	text := pdfText(t, mustPDF(t, in))
	if strings.Count(text, "Days late") < 2 || !strings.Contains(text, "INV-79") {
		t.Fatal("the table does not continue with its header on the next page")
	}
	for _, p := range doc.Pages {
		for _, tx := range p.Texts {
			if tx.Y > doc.Paper.H-20 {
				t.Fatalf("%q is printed into the bottom margin", tx.S)
			}
		}
	}
}

func TestPreviewIsWhatPrints(t *testing.T) {
	in := letterInput(t, app.KindReminder1, app.ToneStandard, "en")
	img, pages, err := Renderer{}.Preview(in, 0, 600)
	if err != nil || pages != 1 || img.Bounds().Dx() != 600 {
		t.Fatalf("%v %d %v", err, pages, img.Bounds())
	}
	// The preview has ink where the PDF's first text line is, and none in the empty margin.
	doc := Compose(in)
	first := doc.Pages[0].Texts[0]
	scale := 600 / doc.Paper.W
	inked := false
	for x := int(first.X * scale); x < int((first.X+20)*scale); x++ {
		for y := int(first.Y * scale); y < int((first.Y+5)*scale); y++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				inked = true
			}
		}
	}
	if !inked {
		t.Fatal("the preview is blank where the letterhead prints")
	}
	if r, _, _, _ := img.At(3, 3).RGBA(); r < 0xF000 {
		t.Fatal("ink in the page corner")
	}
}

// An invoice to a German consumer says when default follows without a reminder: the 30-day notice
// of BGB 286(3), or the agreed calendar date; a business's invoice, or one whose consumer falls
// into default only from the first reminder, says neither.
func TestInvoicePrintsTheGermanDefaultNotice(t *testing.T) {
	cases := []struct {
		kind    app.CustomerKind
		term    app.DefaultTerm
		profile app.DefaultTerm
		lang    string
		want    string
	}{
		{app.Consumer, app.TermNotice30, "", "de", "§ 286 Abs. 3 BGB"},
		{app.Consumer, app.TermNotice30, "", "en", "within 30 days after this invoice is due"},
		{app.Consumer, app.TermProfile, app.TermNotice30, "de", "innerhalb von 30 Tagen"}, // the profile's setting
		{app.Consumer, app.TermCalendar, "", "de", "Zahlbar spätestens am 30.09.2026"},
		{app.Consumer, app.TermReminder, app.TermNotice30, "de", ""},
		{app.Business, app.TermNotice30, "", "de", ""},
	}
	for _, c := range cases {
		in := letterInput(t, app.KindInvoice, app.ToneStandard, c.lang)
		in.Invoices = in.Invoices[:1]
		in.Invoices[0].Term, in.ConsumerDefault, in.Customer.Kind = c.term, c.profile, c.kind
		text := strings.Join(strings.Fields(pdfText(t, mustPDF(t, in))), " ")
		mentions := strings.Contains(text, "286")
		switch {
		case c.want == "" && mentions:
			t.Errorf("%s %q: a default notice where none applies:\n%s", c.kind, c.term, text)
		case c.want != "" && !strings.Contains(text, c.want):
			t.Errorf("%s %q %s: no %q on the invoice:\n%s", c.kind, c.term, c.lang, c.want, text)
		}
	}
}

// English paragraphs start with a capital even when the template continues the greeting's
// sentence; German keeps the lower case after "Sehr geehrte …,"; dates follow the language.
func TestEnglishParagraphsAndDatesFollowTheLanguage(t *testing.T) {
	for _, c := range []struct{ lang, want, not, date string }{
		{"en", "Please pay", "please pay", "6 December 2026"},
		{"de", "bitte zahlen Sie EUR", "Bitte zahlen Sie EUR", "06.12.2026"},
	} {
		in := letterInput(t, app.KindReminder1, app.ToneStandard, c.lang)
		body := map[string]string{"en": "please pay {total} by {pay_by}.", "de": "bitte zahlen Sie {total} bis {pay_by}."}[c.lang]
		tpl, err := app.ParseTemplate("Subject: {invoices}\n\nDear {customer},\n\n" + body + "\n\nKind regards,\n{shop}")
		if err != nil {
			t.Fatal(err)
		}
		in.Template = tpl
		text := strings.Join(strings.Fields(pdfText(t, mustPDF(t, in))), " ")
		if !strings.Contains(text, c.want) || strings.Contains(text, c.not) || !strings.Contains(text, c.date) {
			t.Errorf("%s: want %q and %q, not %q:\n%s", c.lang, c.want, c.date, c.not, text)
		}
	}
}

// Every page of a letter and of an agreement carries the timeline's record reference, so that a
// paper copy can later be compared with the book.
func TestRecordReferenceIsPrintedOnEveryPage(t *testing.T) {
	in := letterInput(t, app.KindStatement, app.ToneStandard, "en")
	in.Record = "1234·3fa9c21b"
	for i := 0; i < 40; i++ { // enough invoices for a second page
		in.Invoices = append(in.Invoices, app.Invoice{ID: int64(10 + i), Number: fmt.Sprintf("L-%d", i), IssueDate: app.MustDate("2026-09-01"),
			DueDate: app.MustDate("2026-09-30"), Currency: "EUR", Amount: 1000})
	}
	text := pdfText(t, mustPDF(t, in))
	if n := strings.Count(text, "Record 1234·3fa9c21b"); n < 2 || n != strings.Count(text, "Page ") {
		t.Fatalf("record on %d pages of %d:\n%s", n, strings.Count(text, "Page "), text)
	}
	ag, invs := agreementInput(3, "de", app.ProfileDE)
	ag.Record = "77·0a1b2c3d"
	pdf, err := AgreementPDF(ag, invs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdfText(t, pdf), "Protokoll 77·0a1b2c3d") {
		t.Fatal("the agreement does not carry its record reference")
	}
}
