package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// BackupNote is the reminder on Today when no copy of the book has been made outside its
// folder for a month: once a week, until the owner makes one or puts it away.
type BackupNote struct {
	win  fyne.Window
	svc  backupService // nil where the services cannot back up
	Off  bool          // the sample shop: nothing of the owner's to keep safe
	Box  *fyne.Container
	Text *widget.Label
	Now  *widget.Button // "Back up now to…"
	Hide *widget.Button // "Not now"
	Flow *backupFlow
}

func newBackupNote(win fyne.Window, svc any) *BackupNote {
	n := &BackupNote{win: win, Text: wrapped("")}
	n.Text.Importance = widget.WarningImportance
	n.svc, _ = svc.(backupService)
	if n.svc != nil {
		n.Flow = newBackupFlow(win, n.svc)
		n.Flow.done = func(string) { n.Box.Hide() }
	}
	n.Now = button(win, "Back up now to…", func() {
		if n.Flow != nil {
			n.Flow.Start()
		}
	})
	n.Now.Importance = widget.HighImportance
	n.Hide = button(win, "Not now", n.dismiss)
	n.Box = container.NewBorder(nil, nil, nil, container.NewHBox(n.Now, n.Hide), n.Text)
	n.Box.Hide()
	return n
}

// Refresh asks whether the reminder is due today (which notes that it was said).
func (n *BackupNote) Refresh() {
	if n.svc == nil || n.Off {
		n.Box.Hide()
		return
	}
	inBackground(func() {
		r, err := n.svc.BackupReminder()
		do(n.win, func() {
			if err != nil || !r.Due {
				n.Box.Hide() // a reminder that cannot be read is no reason to stop the morning's work
				return
			}
			n.Text.SetText(r.Text())
			n.Box.Show()
		})
	})
}

func (n *BackupNote) dismiss() {
	if err := n.svc.DismissBackupReminder(); err != nil {
		showError(err, n.win)
	}
	n.Box.Hide()
}
