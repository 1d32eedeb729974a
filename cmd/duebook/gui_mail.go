package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// askInWindow asks for the mailbox password in a dialog when no credential store keeps it. It
// is called by the background sender and the mailbox test, never on the window's goroutine.
func askInWindow(w fyne.Window) func(user string) (string, error) {
	return func(user string) (string, error) {
		answer := make(chan string, 1)
		fyne.Do(func() {
			entry := widget.NewPasswordEntry()
			dialog.ShowForm("Mailbox password", "Use it", "Not now",
				[]*widget.FormItem{widget.NewFormItem("Password for "+user, entry)}, func(ok bool) {
					if !ok {
						answer <- ""
						return
					}
					answer <- entry.Text
				}, w)
		})
		pw := <-answer
		if pw == "" {
			return "", app.Errorf(app.CodeMailbox, "the mailbox password was not given: emails wait in the outbox")
		}
		return pw, nil
	}
}
