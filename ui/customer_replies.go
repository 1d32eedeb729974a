package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// replyService is what a customer's replies need.
type replyService interface {
	Replies(customerID int64) ([]app.Reply, error)
	MarkReplyRead(r app.Reply) error
}

// repliesTab shows a customer's emailed replies with their text; marking one read lets the
// ladder go on.
func repliesTab(win fyne.Window, svc replyService, customerID int64, reopen func()) fyne.CanvasObject {
	rs, err := svc.Replies(customerID)
	box := container.NewVBox()
	if err != nil {
		box.Add(widget.NewLabel(app.Sentence(err)))
		return container.NewVScroll(box)
	}
	if len(rs) == 0 {
		box.Add(widget.NewLabel("No replies by email."))
	}
	for _, r := range rs {
		r := r
		title := r.ReceivedAt.Local().Format("2006-01-02 15:04") + "  " + r.From
		if r.Bounce {
			title += "  (delivery report: the address failed)"
		}
		text := widget.NewLabel(r.Text)
		text.Wrapping = fyne.TextWrapWord
		items := []fyne.CanvasObject{text}
		if !r.Read {
			read := button(win, "Mark as read (the ladder goes on)", func() {
				if err := svc.MarkReplyRead(r); err != nil {
					showError(err, win)
				}
				reopen()
			})
			read.Importance = widget.HighImportance
			items = append(items, read)
		}
		box.Add(widget.NewCard(r.Subject, title, container.NewVBox(items...)))
	}
	return container.NewVScroll(box)
}
