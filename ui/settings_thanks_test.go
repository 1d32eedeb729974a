package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
	"duebook/letters"
)

// The owner edits the thank-you note like any other template: Settings offers the kind, loads
// its text, and previews a made-up note that names what was settled and asks for nothing.
func TestTemplateEditorOffersTheThankYouNote(t *testing.T) {
	w := setup(t)
	svc, closeFn, err := testBooks{t}.Open(filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	if _, err := svc.Ledger.SetUpShop(app.Shop{Name: "New Shop", Country: "GB", Currency: "GBP", IBAN: "GB82 WEST 1234 5698 7654 32"}); err != nil {
		t.Fatal(err)
	}
	st := NewSettings(w, svc.Collections)
	st.Refresh()
	ed := st.Templates
	ed.Kind.SetSelected(string(app.KindThanks))
	ed.Tone.SetSelected("gentle")
	ed.Lang.SetSelected("de")
	if !strings.Contains(ed.Text.Text, "{settled}") || !strings.HasPrefix(ed.Text.Text, "Subject: Herzlichen Dank") {
		t.Fatalf("the German gentle note:\n%s", ed.Text.Text)
	}
	if ed.Save.Disabled() || ed.Preview.Image.Bounds().Dx() < 100 {
		t.Fatalf("no preview or cannot save: %s", ed.Problem.Text)
	}
	in, err := svc.Collections.TemplateSample(app.TemplateKey{Kind: app.KindThanks, Tone: app.ToneGentle, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	_, body := letters.Renderer{}.PlainText(in)
	if !strings.Contains(body, "settling invoices 2026-0031 and 2026-0033 in full") || strings.Contains(body, "GBP") || strings.Contains(body, "GB82") {
		t.Fatalf("the sample note:\n%s", body)
	}
}
