package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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

// letterCard shows the letter an action prints, as it will print, with what to know about it.
func (t *Today) letterCard(a *app.Action) fyne.CanvasObject {
	img, err := t.svc.PreviewAction(t.queue.AsOf, *a, 620)
	if err != nil {
		return wrapped("No preview: " + app.Sentence(err))
	}
	pic := canvas.NewImageFromImage(img)
	pic.FillMode = canvas.ImageFillContain
	pic.SetMinSize(fyne.NewSize(420, 594))
	var body fyne.CanvasObject = pic
	if notes := previewNotes(t.queue, a); len(notes) > 0 {
		w := wrapped("Warning: " + strings.Join(notes, "\nWarning: "))
		w.Importance = widget.WarningImportance
		body = container.NewVBox(w, pic)
	}
	return widget.NewCard("The letter", "as it will print", body)
}

func capitalFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// previewNotes are the warnings shown on the letter itself: a rate table not confirmed, what the
// charges leave out, no threat of suit on a debt that may be time-barred.
func previewNotes(q app.Queue, a *app.Action) []string {
	var notes []string
	if chargesInterest(a) {
		notes = append(notes, q.Warnings...) // a rate table matters only where interest is claimed
	}
	notes = append(notes, a.Notes...)
	if a.NoLegalThreat {
		notes = append(notes, "an invoice may be past the limitation period: the letter threatens no legal action")
	}
	return notes
}

// chargesInterest tells whether an action's letter claims interest: a final demand or hand-off,
// or interest charged before.
func chargesInterest(a *app.Action) bool {
	if !a.Deadline.IsZero() || a.Channel == app.ChannelHandoff {
		return true
	}
	for _, ch := range append(append([]app.Charge(nil), a.OpenCharges...), a.Charges...) {
		if ch.Kind == app.ChargeInterest {
			return true
		}
	}
	return false
}

// channelPhrase says how an action reaches the customer, unless its stage name already does
// ("Phone call", not "Phone call by call").
func channelPhrase(a app.Action) string {
	name := strings.ToLower(a.StageName)
	switch a.Channel {
	case app.ChannelLetter:
		return " by letter"
	case app.ChannelEmail:
		if strings.Contains(name, "mail") {
			return ""
		}
		return " by email"
	case app.ChannelBoth:
		return " by letter and email"
	case app.ChannelCall:
		if strings.Contains(name, "call") || strings.Contains(name, "phone") {
			return ""
		}
		return " by phone"
	}
	return ""
}
