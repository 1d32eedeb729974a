package ui

import (
	"fmt"

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
		asLetter := button(t.win, "Print as a letter instead", func() { t.approveAsLetter(*a) })
		body = container.NewVBox(l, asLetter)
	} else {
		t.EmailTo, t.EmailSubject = to, subject
		body = widget.NewForm(widget.NewFormItem("To", widget.NewLabel(to)), widget.NewFormItem("Subject", widget.NewLabel(subject)))
	}
	return widget.NewCard("Email", "sent from your own mailbox once you approve it", body)
}

// outboxCounter tells Today how the outbox stands.
type outboxCounter interface {
	Outbox(states ...app.OutboxState) ([]app.OutboxItem, error)
}

func (t *Today) mailNote() *widget.Label {
	if t.MailNote == nil {
		t.MailNote = widget.NewLabel("")
		t.MailNote.Wrapping = fyne.TextWrapWord
		t.MailNote.Hide()
	}
	return t.MailNote
}

// showMail says on Today how many emails wait and which failed, so a refusal for good is
// seen where the owner works.
func (t *Today) showMail() {
	oc, ok := t.svc.(outboxCounter)
	note := t.mailNote()
	if !ok || !t.svc.CanEmail() {
		note.Hide()
		return
	}
	failed, err1 := oc.Outbox(app.OutFailed)
	waiting, err2 := oc.Outbox(app.OutQueued, app.OutSending)
	if err1 != nil || err2 != nil || len(failed)+len(waiting) == 0 {
		note.Hide()
		return
	}
	text := fmt.Sprintf("Outbox: %s waiting to be sent.", plural(len(waiting), "email", "emails"))
	note.Importance = widget.MediumImportance
	if len(failed) > 0 {
		text += fmt.Sprintf(" %s failed: %s (to %s). See the Outbox to retry or cancel.", plural(len(failed), "email", "emails"), failed[0].Error, failed[0].To)
		note.Importance = widget.DangerImportance
	}
	note.SetText(text)
	note.Show()
}

// SetMailStatus shows what the background sender is doing.
func (t *Today) SetMailStatus(text string) {
	note := t.mailNote()
	note.Importance = widget.MediumImportance
	note.SetText(text)
	note.Show()
}
