package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// overlayNotes are the red notes shown in the dialog on top.
func overlayNotes(w fyne.Window) []string {
	var out []string
	for _, o := range overlayWidgets(w) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Importance == widget.DangerImportance && l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return out
}

// A form with an error stays open with everything typed; the field in error says why, and the
// form saves once it is right.
func TestAFormWithAnErrorStaysOpenWithItsInput(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Customers")
	c := s.Customers
	c.add()
	entries := overlayEntries(s.win)
	name, email := entries[0], entries[8]
	test.Type(name, "Forgiving Form Ltd")
	test.Type(email, "not an address")
	test.Tap(overlayButton(t, s.win, "Save"))
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the form closed on an error")
	}
	notes := overlayNotes(s.win)
	if len(notes) != 1 || !strings.Contains(notes[0], "is not an email address") {
		t.Fatalf("the email field does not say why: %q", notes)
	}
	if name.Text != "Forgiving Form Ltd" || email.Text != "not an address" {
		t.Fatalf("the input was lost: %q %q", name.Text, email.Text)
	}
	if n, _ := ledger.CountCustomers("Forgiving Form"); n != 0 {
		t.Fatal("a customer was saved from a form with an error")
	}
	email.SetText("accounts@forgiving.example")
	// The country from the same list as the shop's, named in the shop's language (English here).
	var country *picker
	for _, o := range overlayWidgets(s.win) {
		if p, ok := o.(*picker); ok {
			country = p
		}
	}
	test.Type(country.entry, "austri")
	country.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if country.entry.Text != "Austria (AT)" {
		t.Fatalf("the country list offers %q", country.entry.Text)
	}
	test.Tap(overlayButton(t, s.win, "Save"))
	if s.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("the form stays open once right: %q", overlayNotes(s.win))
	}
	rows, _ := ledger.ListCustomers("Forgiving Form", 0, 2)
	if len(rows) != 1 || rows[0].Country != "AT" {
		t.Fatalf("the customer was not saved with the country: %+v", rows)
	}

	// The invoice form: the customer must be chosen from the list; the number is kept.
	s.Show("Invoices")
	s.Invoices.edit(0)
	entries = overlayEntries(s.win)
	var number *widget.Entry
	for _, e := range entries {
		if e.PlaceHolder == "e.g. 2026-0042" {
			number = e
		}
	}
	test.Type(number, "KEEP-1")
	test.Tap(overlayButton(t, s.win, "Save"))
	if notes := overlayNotes(s.win); len(notes) != 1 || !strings.Contains(notes[0], "Choose the customer") || number.Text != "KEEP-1" {
		t.Fatalf("invoice form: notes %q, number %q", notes, number.Text)
	}
}
