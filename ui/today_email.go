package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// emailFallback is what an email action offers while email sending is not set up: print it as a
// letter instead, or copy its text into the owner's own mail program. Nothing is recorded as
// sent that was not.
func (t *Today) emailFallback(a *app.Action) fyne.CanvasObject {
	note := widget.NewLabel("Email sending is not set up yet, so Duebook cannot send this email. Print it as a letter instead, or copy the text and send it from your own mail program.")
	note.Wrapping = fyne.TextWrapWord
	asLetter := button(t.win, "Print as a letter instead", func() { t.approveAsLetter(*a) })
	copyText := button(t.win, "Copy the text", func() { t.copyEmail(*a) })
	if a.Blocked() {
		asLetter.Disable()
		copyText.Disable()
	}
	t.AsLetterBtn, t.CopyTextBtn = asLetter, copyText
	return widget.NewCard("Email", "", container.NewVBox(note, container.NewHBox(asLetter, copyText)))
}

func (t *Today) approveAsLetter(a app.Action) {
	_, err := t.svc.ApproveAsLetter(t.queue.AsOf, a)
	if err == nil {
		var out app.PrintOutput
		if out, err = t.svc.OutputLetters(context.Background(), t.lettersDir()); err == nil && out.Combined != "" {
			t.LastOutput, t.LastPDF = out, out.Combined
			t.OpenPDF.Show()
			t.ShowFolder.Show()
		}
	}
	if err != nil {
		showError(err, t.win)
	}
	t.Refresh()
}

// copyEmail puts the email's subject and text on the clipboard, then asks whether the owner sent
// it, and records that only when they say so.
func (t *Today) copyEmail(a app.Action) {
	subject, body, err := t.svc.EmailText(t.queue.AsOf, a)
	if err != nil {
		showError(err, t.win)
		return
	}
	fyne.CurrentApp().Clipboard().SetContent("Subject: " + subject + "\n\n" + body)
	t.CopiedText = "Subject: " + subject + "\n\n" + body
	d := newConfirmDialog(t.win, "Text copied", "The subject and text are on the clipboard: paste them into an email to "+a.Customer+
		".\n\nOnce you have sent it, record it here so the ladder moves on. Did you send it?", "Yes, I sent it", "Not yet", func(sent bool) {
		if !sent {
			return
		}
		if err := t.svc.RecordSentByHand(t.queue.AsOf, a); err != nil {
			showError(err, t.win)
		}
		t.Refresh()
	})
	t.SentDialog = d
	d.Show()
}
