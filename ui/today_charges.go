package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// chargesCard lists what the letter claims beside the invoices: charges already owed, those
// approving adds, and what was left out and why (a fee set off, a rate not yet known).
func (t *Today) chargesCard(a *app.Action) fyne.CanvasObject {
	if len(a.OpenCharges) == 0 && len(a.Charges) == 0 && len(a.Notes) == 0 {
		return nil
	}
	cur := app.MustCurrency(a.Currency)
	var lines []string
	for _, ch := range a.OpenCharges {
		lines = append(lines, fmt.Sprintf("%s on %s: %s (owed)", ch.Kind, ch.Number, app.FormatMinor(ch.Open(), cur, t.nf)))
	}
	for _, ch := range a.Charges {
		if ch.Amount > 0 {
			lines = append(lines, fmt.Sprintf("%s on %s: %s (added when approved)", ch.Kind, ch.Number, app.FormatMinor(ch.Amount, cur, t.nf)))
		}
	}
	for _, n := range a.Notes {
		lines = append(lines, "Note: "+n)
	}
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	return widget.NewCard("Charges", "", l)
}

func capitalFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
