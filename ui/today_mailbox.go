package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// emailPreviewer shows an email action's recipient and subject before it is approved.
type emailPreviewer interface {
	EmailPreview(asOf app.Date, a app.Action) (to, subject string, err error)
}

// emailCard is what an email action shows once a mailbox is set up: to whom and with which
// subject it goes; Approve queues it and the background sender sends it.
func (t *Today) emailCard(a *app.Action) fyne.CanvasObject {
	p, ok := t.svc.(emailPreviewer)
	if !ok {
		return widget.NewLabel("")
	}
	to, subject, err := p.EmailPreview(t.queue.AsOf, *a)
	var body fyne.CanvasObject
	if err != nil {
		l := widget.NewLabel(app.Sentence(err))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		asLetter := widget.NewButton("Print as a letter instead", func() { t.approveAsLetter(*a) })
		body = container.NewVBox(l, asLetter)
	} else {
		t.EmailTo, t.EmailSubject = to, subject
		body = widget.NewForm(widget.NewFormItem("To", widget.NewLabel(to)), widget.NewFormItem("Subject", widget.NewLabel(subject)))
	}
	return widget.NewCard("Email", "sent from your own mailbox once you approve it", body)
}
