package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// Without a mailbox an email is never recorded as sent: Approve is off, and the owner either
// copies the text and says they sent it, or prints it as a letter; the timeline says which.
func TestEmailActionsWithoutAMailbox(t *testing.T) {
	s, ledger := sampleShell(t)
	td := s.Today
	selectGroup(t, td, "Emails")
	if len(td.shown) < 2 {
		t.Fatalf("the sample proposes %d emails", len(td.shown))
	}
	first, second := td.shown[0], td.shown[1]
	td.List.Select(0)
	for _, o := range test.LaidOutObjects(td.Detail) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Approve" && !b.Disabled() {
			t.Fatal("an email can be approved with no mailbox")
		}
	}
	test.Tap(td.CopyTextBtn)
	if !strings.Contains(td.CopiedText, "Subject: ") || !strings.Contains(td.CopiedText, first.Invoices[0].Number) {
		t.Fatalf("copied text: %q", td.CopiedText)
	}
	if got := fyne.CurrentApp().Clipboard().Content(); got != td.CopiedText {
		t.Fatalf("the clipboard holds %q", got)
	}
	tapIn(t, td, "Yes, I sent it")
	detail, err := ledger.Customer(first.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	if len(detail.Timeline) == 0 || !strings.Contains(detail.Timeline[0].Summary, "sent by the owner from their own mail program") {
		t.Fatalf("the timeline does not say how it was sent: %+v", detail.Timeline[:1])
	}
	// The second: printed as a letter instead.
	for i, a := range td.shown {
		if a.CustomerID == second.CustomerID {
			td.List.Select(i)
		}
	}
	test.Tap(td.AsLetterBtn)
	if len(td.LastOutput.Letters) != 1 || td.LastOutput.Letters[0].CustomerID != second.CustomerID {
		t.Fatalf("not printed as a letter: %+v", td.LastOutput)
	}
	detail, _ = ledger.Customer(second.CustomerID)
	found := false
	for _, ev := range detail.Timeline {
		found = found || strings.Contains(ev.Summary, "by letter instead of email")
	}
	if !found {
		t.Fatal("the timeline does not say it went by letter")
	}
	for _, a := range td.queue.Actions {
		if a.CustomerID == first.CustomerID && a.Channel == app.ChannelEmail || a.CustomerID == second.CustomerID && a.Channel == app.ChannelEmail {
			t.Fatalf("still proposed: %+v", a)
		}
	}
}

// tapIn taps the button with text in the dialog on top of the window.
func tapIn(t *testing.T, td *Today, text string) {
	t.Helper()
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in the dialog", text)
}
