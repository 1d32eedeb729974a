package data_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"duebook/app"
	"duebook/letters"
)

// suitWords is this test's own list of words that threaten legal action, kept apart from the
// rule in app/wording.go so that the rule is checked, not restated.
var suitWords = regexp.MustCompile(`(?i)\b(court|sue|sued|suing|lawsuit|legal (action|proceedings|steps)|proceedings|attorney|lawyer|solicitor|judg(e)?ment|bailiff|enforcement|gericht\w*|klage\w*|verklag\w*|mahnbescheid|mahnverfahren|anwalt\w*|anwält\w*|rechtliche\w* schritte\w*|vollstreck\w*|pfändung)\b`)

// pdfWords reads a PDF back with pdftotext, an independent reader, as plain words.
func pdfWords(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed to read the PDFs back; make test installs it")
	}
	in := filepath.Join(t.TempDir(), "l.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(bytes.Join(bytes.Fields(out), []byte(" ")))
}

// ownerThreat is a paragraph an owner might add to a template.
const ownerThreat = "If we do not hear from you, we will take legal action and see you in court."

// The wording rule on every path: for every customer kind, tone and language, no document of any
// kind threatens suit on a debt past its limitation period, whether it comes from the ladder
// (Today's preview, approving one letter, the morning print run), from a letter printed by hand
// (the command line's `letter` and the customer's Letters tab both print through PrintLetter),
// or from a template the owner edited to threaten suit. The same letters on a debt that is not
// time-barred keep the owner's threat, so the check can fail.
func TestTimeBarredWalk(t *testing.T) {
	f := newFixture(t)
	col := f.collect("2026-11-22")
	col.Render = letters.Renderer{}
	settings, err := col.Settings()
	if err != nil {
		t.Fatal(err)
	}
	settings.LimitationYears = 3
	if err := col.SaveSettings(settings); err != nil {
		t.Fatal(err)
	}
	// The owner's templates threaten suit in every kind, tone and language.
	for _, kind := range app.LetterKinds {
		for _, tone := range []app.Tone{app.ToneGentle, app.ToneStandard, app.ToneFirm} {
			for _, lang := range app.Languages {
				key := app.TemplateKey{Kind: kind, Tone: tone, Lang: lang}
				text, err := col.TemplateText(key)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := col.SaveTemplate(key, text+"\n\n"+ownerThreat); err != nil {
					t.Fatalf("%v: %v", key, err)
				}
			}
		}
	}
	type debtor struct {
		c      app.Customer
		barred bool
	}
	var debtors []debtor
	n := 0
	for _, kind := range []app.CustomerKind{app.Business, app.Consumer} {
		for _, lang := range app.Languages {
			for _, barred := range []bool{true, false} {
				n++
				c, err := f.ledger.AddCustomer(app.Customer{Name: "Kunde " + string(rune('A'+n)), Kind: kind, Language: lang, Country: "US",
					Address1: "1 Main St", City: "Boston", Region: "MA", PostalCode: "02108"})
				if err != nil {
					t.Fatal(err)
				}
				issue, due := "2022-01-01", "2022-01-31" // 4 years and 10 months before: past 3 years
				if !barred {
					issue, due = "2026-08-01", "2026-08-31"
				}
				f.invoice(c, "TB-"+string(rune('A'+n)), issue, due, 12345)
				debtors = append(debtors, debtor{c, barred})
			}
		}
	}
	check := func(what string, d debtor, pdf []byte) {
		t.Helper()
		words := pdfWords(t, pdf)
		threat := suitWords.FindString(words)
		switch {
		case d.barred && threat != "":
			t.Errorf("%s for %s (%s, %s), time-barred, threatens %q:\n%s", what, d.c.Name, d.c.Kind, d.c.Language, threat, words)
		case !d.barred && !bytes.Contains([]byte(words), []byte("court")):
			t.Errorf("%s for %s, not time-barred, lost the owner's paragraph:\n%s", what, d.c.Name, words)
		}
	}
	q, err := col.Queue(app.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range debtors {
		// Every kind and tone printed by hand.
		for _, kind := range app.LetterKinds {
			for _, tone := range []app.Tone{app.ToneGentle, app.ToneStandard, app.ToneFirm} {
				req := app.LetterRequest{CustomerID: d.c.ID, Kind: kind, Tone: tone}
				switch kind {
				case app.KindCourtesy, app.KindReceipt, app.KindThanks:
					continue // nothing not yet due, no payment, nothing settled: no such letter for this debt
				}
				pdf, _, err := col.PrintLetter(req)
				if err != nil {
					t.Fatalf("%s %s for %s: %v", kind, tone, d.c.Name, err)
				}
				if kind != app.KindInvoice || d.barred { // an invoice carries no owner paragraph... unless the owner added one
					check(string(kind)+" "+string(tone)+" by hand", d, pdf)
				}
			}
		}
		// Every stage of the ladder, as Today previews it.
		var act app.Action
		for _, a := range q.Actions {
			if a.CustomerID == d.c.ID {
				act = a
			}
		}
		if act.CustomerID == 0 {
			t.Fatalf("%s is not on Today", d.c.Name)
		}
		for stage := 1; stage <= 4; stage++ {
			a := act
			a.Stage = stage
			in, err := col.ActionLetter(app.Date{}, a)
			if err != nil {
				t.Fatalf("stage %d for %s: %v", stage, d.c.Name, err)
			}
			pdf, err := col.Render.Letter(in)
			if err != nil {
				t.Fatal(err)
			}
			check("ladder stage "+in.StageName+" preview", d, pdf)
			if _, err := col.PreviewAction(app.Date{}, a, 400); err != nil {
				t.Fatalf("preview: %v", err)
			}
		}
	}
	// The ladder's letters as approved on Today, then the morning print run for the rest.
	for i, d := range debtors {
		if i%2 != 0 {
			continue
		}
		for _, a := range q.Actions {
			if a.CustomerID == d.c.ID && app.IsLetter(a) {
				l, err := col.ApproveLetter(app.Date{}, a)
				if err != nil {
					t.Fatal(err)
				}
				check("approved "+a.StageName, d, l.PDF)
			}
		}
	}
	run, err := col.PrintRun(context.Background(), app.Date{}, nil)
	if err != nil || len(run.Letters) == 0 {
		t.Fatalf("print run: %d letters, %v", len(run.Letters), err)
	}
	for _, l := range run.Letters {
		for _, d := range debtors {
			if d.c.ID == l.CustomerID {
				stored, err := col.Reprint(l.SHA256)
				if err != nil {
					t.Fatal(err)
				}
				check("print run "+l.Stage, d, stored)
			}
		}
	}
}
