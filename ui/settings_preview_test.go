package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
	"duebook/letters"
)

// The template editor previews a made-up letter of the kind edited: with a day to pay by, and
// nothing of the book's own bookkeeping (what an import recorded as paid before it); a new book
// with no customers gets a preview too.
func TestTheTemplatePreviewIsARealisticSample(t *testing.T) {
	s, ledger := sampleShell(t)
	path := filepath.Join(t.TempDir(), "opening.csv")
	os.WriteFile(path, []byte("Invoice No,Customer,Date,Due Date,Amount,Balance\nOB-1,Opening Balance Ltd,2026-09-01,2026-09-15,500.00,200.00\n"), 0o644)
	if rep, err := ledger.Import(t.Context(), app.ImportInvoices, path, app.ImportOptions{}, nil); err != nil || rep.Added != 1 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	col := s.Settings.svc.(*app.Collections)
	for _, kind := range []app.LetterKind{app.KindReminder1, app.KindFinal, app.KindStatement} {
		in, err := col.TemplateSample(app.TemplateKey{Kind: kind, Tone: app.ToneStandard, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		_, body := letters.Renderer{}.PlainText(in)
		if kind != app.KindStatement && (in.PayBy.IsZero() || !strings.Contains(body, in.PayBy.Long())) {
			t.Errorf("%s: no day to pay by:\n%s", kind, body)
		}
		if strings.Contains(strings.ToLower(body), "import") || strings.Contains(body, "Opening Balance") || strings.Contains(body, "pay by .") {
			t.Errorf("%s: the book's bookkeeping shows in the sample:\n%s", kind, body)
		}
	}

	// A new book, set up and empty.
	w := setup(t)
	svc, closeFn, err := testBooks{t}.Open(filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	if _, err := svc.Ledger.SetUpShop(app.Shop{Name: "New Shop", Country: "GB", Currency: "GBP"}); err != nil {
		t.Fatal(err)
	}
	st := NewSettings(w, svc.Collections)
	st.Refresh()
	if st.Templates.Preview.Image.Bounds().Dx() < 100 || st.Letterhead.Preview.Image.Bounds().Dx() < 100 {
		t.Fatal("no preview in a book without customers")
	}
}
