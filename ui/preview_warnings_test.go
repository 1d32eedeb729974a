package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// A rate table confirmed only through a past day is said on the letter preview itself, on Today
// and on the customer's Letters tab, not only in Settings.
func TestRateWarningOnTheLetterPreview(t *testing.T) {
	s, ledger := sampleShell(t)
	col := s.Today.svc.(*app.Collections)
	settings, err := col.Settings()
	if err != nil {
		t.Fatal(err)
	}
	settings.Profile = app.ProfileDE
	if err := col.SaveSettings(settings); err != nil {
		t.Fatal(err)
	}
	rates, err := col.Rates()
	if err != nil {
		t.Fatal(err)
	}
	rates.Confirmed[app.SeriesDEBase] = app.MustDate("2026-06-30") // stale on 2026-11-22
	if err := col.SaveRates(rates); err != nil {
		t.Fatal(err)
	}
	td := s.Today
	td.Refresh()
	selectGroup(t, td, "Letters")
	final := -1
	for i, a := range td.shown {
		if a.StageName == "final demand" {
			final = i
		}
	}
	if final < 0 {
		t.Fatal("the sample proposes no final demand")
	}
	td.List.Select(final)
	var card *widget.Card
	for _, o := range test.LaidOutObjects(td.Detail) {
		if c, ok := o.(*widget.Card); ok && c.Title == "The letter" {
			card = c
		}
	}
	if card == nil {
		t.Fatal("no letter preview")
	}
	if !strings.Contains(labelsOf(card), "confirmed only through 2026-06-30") {
		t.Fatalf("the preview does not warn of the stale rate table:\n%s", labelsOf(card))
	}

	rows, _ := ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOverdue}, 0, 1)
	s.Show("Customers")
	s.Customers.Open(rows[0].CustomerID)
	lt := s.Customers.Letters
	lt.Kind.SetSelected("final")
	if !strings.Contains(lt.Message.Text, "confirmed only through 2026-06-30") {
		t.Fatalf("the Letters tab does not warn: %q", lt.Message.Text)
	}
	// Once the owner adds the rate of the half-year, the warning goes.
	if _, err := col.AddRate(app.SeriesDEBase, app.MustDate("2026-07-01"), 127); err != nil {
		t.Fatal(err)
	}
	lt.Kind.SetSelected("statement")
	lt.Kind.SetSelected("final")
	if strings.Contains(lt.Message.Text, "confirmed only through") {
		t.Fatalf("still warns after the rate was confirmed: %q", lt.Message.Text)
	}
}

// labelsOf joins the text of every label under an object.
func labelsOf(o fyne.CanvasObject) string {
	var text []string
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok {
			text = append(text, l.Text)
		}
	}
	return strings.Join(text, "\n")
}
