package ui

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// todayService is what the Today screen needs of the collection use cases.
type todayService interface {
	Queue(asOf app.Date) (app.Queue, error)
	ApproveAction(asOf app.Date, a app.Action) error
	Skip(asOf app.Date, f app.ActionFilter, reason string) ([]app.Action, error)
	Snooze(asOf app.Date, f app.ActionFilter, until app.Date, reason string) ([]app.Action, error)
	RecordCall(customerID int64, outcome app.CallOutcome, inbound bool, note string) (app.Call, error)
	AddPromise(r app.PromiseRequest) (app.Promise, error)
	OpenDispute(number, reason string) (app.Dispute, error)
	PrintRun(ctx context.Context, asOf app.Date, progress func(done, total int)) (app.PrintRunResult, error)
	PreviewAction(asOf app.Date, a app.Action, widthPx int) (image.Image, error)
	ApproveLetter(asOf app.Date, a app.Action) (app.PrintedLetter, error)
	OutputLetters(ctx context.Context, dir string) (app.PrintOutput, error)
	CanEmail() bool
	EmailText(asOf app.Date, a app.Action) (subject, body string, err error)
	ApproveAsLetter(asOf app.Date, a app.Action) (app.PrintedLetter, error)
	RecordSentByHand(asOf app.Date, a app.Action) error
	PendingPrints() ([]app.PrintItem, error)
	Today() app.Date
}

// The groups of the queue, in the order the owner works through them.
var todayGroups = []struct {
	title string
	match func(app.Action) bool
}{
	{"Letters", func(a app.Action) bool { return !a.Blocked() && a.Channel == app.ChannelLetter }},
	{"Emails", func(a app.Action) bool {
		return !a.Blocked() && (a.Channel == app.ChannelEmail || a.Channel == app.ChannelBoth)
	}},
	{"Calls", func(a app.Action) bool { return !a.Blocked() && a.Channel == app.ChannelCall }},
	{"Hand-off proposals", func(a app.Action) bool { return !a.Blocked() && a.Channel == app.ChannelHandoff }},
	{"Held by a guard", func(a app.Action) bool { return a.Blocked() }},
}

// Today is the morning queue: who should hear from the shop, how and why, to approve, skip or
// snooze; call tasks with their script and outcome buttons; guarded actions apart.
type Today struct {
	win   fyne.Window
	svc   todayService
	nf    app.NumberFormat
	queue app.Queue
	shown []app.Action

	// EmailTo and EmailSubject are the shown email's; OnEmailQueued wakes the sender.
	EmailTo, EmailSubject string
	OnEmailQueued         func()
	MailNote              *widget.Label // the outbox in a line: sending, failed emails

	Group      *widget.Select
	List       *widget.List
	Detail     *fyne.Container
	Summary    *widget.Label
	Warnings   *widget.Label // what to know before approving, e.g. a rate table not confirmed
	ApproveAll *widget.Button
	PrintBtn   *widget.Button
	// The choices of the print confirmation, while it is open.
	PrintAllBtn, PrintApprovedBtn *widget.Button
	// An email action's choices while email sending is not set up, and what was copied.
	AsLetterBtn, CopyTextBtn *widget.Button
	CopiedText               string
	SentDialog               *dialog.ConfirmDialog
	OpenPDF                  *widget.Button
	ShowFolder               *widget.Button // the folder of the last letters printed
	LettersDir               string         // where print runs are saved
	ReadOnly                 bool           // the book cannot be written: nothing is approved, skipped or printed
	LastRun                  app.PrintRunResult
	LastOutput               app.PrintOutput
	LastPDF                  string
	Pending                  *widget.Label // approved letters not yet on disk
	Progress                 *widget.ProgressBar
	Cancel                   *widget.Button
	Selected                 *app.Action
	content                  fyne.CanvasObject
	cancel                   context.CancelFunc
	generation               int // of the newest Refresh, so an older one finishing late is ignored
}

// NewToday builds the Today screen.
func NewToday(win fyne.Window, svc todayService, nf app.NumberFormat) *Today {
	t := &Today{win: win, svc: svc, nf: nf}
	t.Summary = widget.NewLabel("")
	t.Warnings = widget.NewLabel("")
	t.Warnings.Wrapping = fyne.TextWrapWord
	t.Warnings.Hide()
	t.Pending = widget.NewLabel("")
	t.Pending.Wrapping = fyne.TextWrapWord
	t.Pending.Importance = widget.WarningImportance
	t.Pending.Hide()
	t.Group = widget.NewSelect(nil, func(string) { t.filter() })
	t.List = widget.NewList(func() int { return len(t.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			r := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, r, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.shown) {
				return
			}
			a := t.shown[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s", a.Customer, a.StageName, a.Tone))
			box.Objects[1].(*widget.Label).SetText(money(app.Money{Amount: a.Amount, Currency: a.Currency}, t.nf))
		})
	t.List.OnSelected = func(i widget.ListItemID) {
		if i < len(t.shown) {
			a := t.shown[i]
			t.show(&a)
		}
	}
	t.Detail = container.NewVBox(widget.NewLabel("Choose an action on the left."))
	t.ApproveAll = widget.NewButton("Approve all", t.approveAll)
	t.ApproveAll.Importance = widget.HighImportance
	t.Progress = widget.NewProgressBar()
	t.Progress.Hide()
	t.Cancel = widget.NewButton("Cancel", func() {
		if t.cancel != nil {
			t.cancel()
		}
	})
	t.Cancel.Hide()
	t.PrintBtn = widget.NewButton("Print the letters", func() { t.confirmPrint(nil) })
	t.OpenPDF = widget.NewButton("Open the PDF", func() {
		if t.LastPDF != "" {
			openFile(t.LastPDF, t.win)
		}
	})
	t.OpenPDF.Hide()
	t.ShowFolder = widget.NewButton("Show the folder", func() {
		if t.LastPDF != "" {
			showFolder(filepath.Dir(t.LastPDF), t.win)
		}
	})
	t.ShowFolder.Hide()
	top := container.NewVBox(heading("Today"), container.NewBorder(nil, nil, t.Summary, container.NewHBox(t.Cancel, t.OpenPDF, t.ShowFolder, t.PrintBtn, t.ApproveAll)), t.Warnings, t.Pending, t.mailNote(), t.Progress)
	left := container.NewBorder(t.Group, nil, nil, nil, t.List)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(t.Detail)))
	split.Offset = 0.42
	t.content = container.NewBorder(top, nil, nil, nil, split)
	return t
}

// Content is the screen's canvas object.
func (t *Today) Content() fyne.CanvasObject { return t.content }

// Refresh builds the queue again (settling promises and plans first).
// The queue over a large book takes a moment, so it is built off the UI goroutine.
func (t *Today) Refresh() {
	t.Summary.SetText("Building today's queue…")
	t.generation++
	gen := t.generation
	inBackground(func() {
		q, err := t.svc.Queue(app.Date{})
		fyne.Do(func() { t.showQueueIfCurrent(gen, q, err) })
	})
}

// showQueueIfCurrent shows a built queue unless a newer refresh was started meanwhile: its
// queue is the one to show.
func (t *Today) showQueueIfCurrent(gen int, q app.Queue, err error) {
	if gen != t.generation {
		return
	}
	if err != nil {
		showError(err, t.win)
		return
	}
	t.showQueue(q)
}

// showQueue puts a built queue on the screen.
func (t *Today) showQueue(q app.Queue) {
	t.queue = q
	ready, held := 0, 0
	for _, a := range q.Actions {
		if a.Blocked() {
			held++
		} else {
			ready++
		}
	}
	summary := fmt.Sprintf("%s: %s to approve, %d held by a guard", q.AsOf, plural(ready, "action", "actions"), held)
	t.Summary.SetText(summary)
	// What the owner should know before approving (a rate table not confirmed), under the line.
	t.Warnings.SetText("Warning: " + strings.Join(q.Warnings, "\nWarning: "))
	t.Warnings.Hidden = len(q.Warnings) == 0
	t.Warnings.Refresh()
	t.showPending()
	t.showMail()
	t.ApproveAll.SetText(fmt.Sprintf("Approve all (%d)", ready))
	if ready == 0 || t.ReadOnly {
		t.ApproveAll.Disable()
	} else {
		t.ApproveAll.Enable()
	}
	var opts []string
	for _, g := range todayGroups {
		n := 0
		for _, a := range q.Actions {
			if g.match(a) {
				n++
			}
		}
		opts = append(opts, fmt.Sprintf("%s (%d)", g.title, n))
	}
	sel := t.Group.SelectedIndex()
	t.Group.SetOptions(opts)
	if sel < 0 {
		sel = 0
		for i, g := range todayGroups { // open the first group with something in it
			if strings.HasSuffix(opts[i], "(0)") {
				continue
			}
			sel = i
			_ = g
			break
		}
	}
	t.Group.SetSelectedIndex(sel)
	t.filter()
}

func (t *Today) filter() {
	i := t.Group.SelectedIndex()
	t.shown = nil
	if i >= 0 {
		for _, a := range t.queue.Actions {
			if todayGroups[i].match(a) {
				t.shown = append(t.shown, a)
			}
		}
	}
	t.List.UnselectAll()
	t.List.Refresh()
	t.Selected = nil
	if len(t.shown) == 0 {
		t.Detail.Objects = []fyne.CanvasObject{widget.NewLabel("Nothing here today.")}
		t.Detail.Refresh()
		return
	}
	t.List.Select(0) // the first action is shown at once, ready to approve
}

// show puts one action's detail on the right.
func (t *Today) show(a *app.Action) {
	t.Selected = a
	cur := app.MustCurrency(a.Currency)
	title := fmt.Sprintf("%s%s, %s tone: %s", capitalFirst(a.StageName), channelPhrase(*a), a.Tone, money(app.Money{Amount: a.Amount, Currency: a.Currency}, t.nf))
	if a.Stage == 0 {
		title = fmt.Sprintf("On hold: %s owed on %s", money(app.Money{Amount: a.Amount, Currency: a.Currency}, t.nf), plural(len(a.Invoices), "invoice", "invoices"))
	}
	objs := []fyne.CanvasObject{heading(a.Customer), bold(title)}
	if !a.Deadline.IsZero() {
		objs = append(objs, widget.NewLabel("Pay by "+a.Deadline.String()))
	}
	invs := container.NewVBox()
	for _, inv := range a.Invoices {
		invs.Add(widget.NewLabel(fmt.Sprintf("%s  due %s  open %s", inv.Number, inv.Due, app.FormatMinor(inv.Open, cur, t.nf))))
	}
	objs = append(objs, widget.NewCard("Invoices", "", invs))
	if c := t.chargesCard(a); c != nil {
		objs = append(objs, c)
	}
	why := widget.NewLabel("• " + strings.Join(a.Reasons, "\n• "))
	why.Wrapping = fyne.TextWrapWord
	objs = append(objs, widget.NewCard("Why", "", why))
	if len(a.Guards) > 0 {
		var lines []string
		for _, g := range a.Guards {
			line := fmt.Sprintf("%s: %s", g.Guard, g.Reason)
			if g.Until != "" {
				line += " (until " + g.Until + ")"
			}
			lines = append(lines, line)
		}
		gl := widget.NewLabel(strings.Join(lines, "\n"))
		gl.Wrapping = fyne.TextWrapWord
		objs = append(objs, widget.NewCard("Guards", "", gl))
	}
	if a.Channel == app.ChannelCall {
		script := widget.NewLabel(a.Script)
		script.Wrapping = fyne.TextWrapWord
		outcomes := container.NewGridWithColumns(3)
		for _, o := range app.CallOutcomes {
			o := o
			b := widget.NewButton(capitalFirst(string(o)), func() { t.callOutcome(*a, o) })
			if a.Blocked() || t.ReadOnly {
				b.Disable()
			}
			outcomes.Add(b)
		}
		objs = append(objs, widget.NewCard("Call "+a.Phone, "their time: "+a.LocalTime, container.NewVBox(script, outcomes)))
	}
	if a.Stage > 0 && (a.Channel == app.ChannelLetter || a.Channel == app.ChannelBoth) {
		if img, err := t.svc.PreviewAction(t.queue.AsOf, *a, 620); err == nil {
			pic := canvas.NewImageFromImage(img)
			pic.FillMode = canvas.ImageFillContain
			pic.SetMinSize(fyne.NewSize(420, 594))
			var body fyne.CanvasObject = pic
			if notes := previewNotes(t.queue, a); len(notes) > 0 {
				w := widget.NewLabel("Warning: " + strings.Join(notes, "\nWarning: "))
				w.Wrapping = fyne.TextWrapWord
				w.Importance = widget.WarningImportance
				body = container.NewVBox(w, pic)
			}
			objs = append(objs, widget.NewCard("The letter", "as it will print", body))
		} else {
			objs = append(objs, widget.NewLabel("No preview: "+app.Sentence(err)))
		}
	}
	approve := widget.NewButton("Approve", func() { t.approve(*a) })
	approve.Importance = widget.HighImportance
	emailOnly := a.Channel == app.ChannelEmail && !t.svc.CanEmail()
	if a.Blocked() || a.Channel == app.ChannelCall || emailOnly || t.ReadOnly {
		approve.Disable() // a call is approved by its outcome; an email needs a mailbox
	}
	if emailOnly && a.Stage > 0 {
		objs = append(objs, t.emailFallback(a))
	} else if a.Channel == app.ChannelEmail && a.Stage > 0 {
		objs = append(objs, t.emailCard(a)) // mailbox: to whom, which subject
	}
	skip := widget.NewButton("Skip…", func() { t.skip(*a) })
	snooze := widget.NewButton("Snooze…", func() { t.snooze(*a) })
	if a.Stage == 0 || t.ReadOnly {
		skip.Disable()
		snooze.Disable()
	}
	// The buttons go right under the heading, above the letter, so no scrolling is needed.
	buttons := container.NewHBox(approve, skip, snooze, layout.NewSpacer())
	objs = append(objs[:2], append([]fyne.CanvasObject{buttons}, objs[2:]...)...)
	t.Detail.Objects = objs
	t.Detail.Refresh()
}

// approve approves one action; a letter is printed as it is approved, saved beside the day's
// letters and ready to open.
func (t *Today) approve(a app.Action) {
	if app.IsLetter(a) {
		_, err := t.svc.ApproveLetter(t.queue.AsOf, a)
		if err == nil {
			// The letter is recorded and on the list to print; it counts as printed once on disk.
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
		return
	}
	if err := t.svc.ApproveAction(t.queue.AsOf, a); err != nil {
		showError(err, t.win)
	} else if a.Channel == app.ChannelEmail && t.OnEmailQueued != nil {
		t.OnEmailQueued() // the background sender sends it
	}
	t.Refresh()
}

func (t *Today) filterFor(a app.Action) app.ActionFilter {
	return app.ActionFilter{Customers: []int64{a.CustomerID}, Channel: a.Channel}
}

// skip asks why, then records the skip.
func (t *Today) skip(a app.Action) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder("why, for the timeline")
	dialog.ShowForm("Skip the "+a.StageName+" for "+a.Customer, "Skip", "Cancel", []*widget.FormItem{widget.NewFormItem("Reason", reason)}, func(ok bool) {
		if !ok {
			return
		}
		if _, err := t.svc.Skip(t.queue.AsOf, t.filterFor(a), reason.Text); err != nil {
			showError(err, t.win)
		}
		t.Refresh()
	}, t.win)
}

// snooze asks until when and why, then puts the customer on hold.
func (t *Today) snooze(a app.Action) {
	until := widget.NewEntry()
	until.SetText(t.queue.AsOf.AddDays(7).String())
	reason := widget.NewEntry()
	reason.SetPlaceHolder("why, for the timeline")
	dialog.ShowForm("Snooze "+a.Customer, "Snooze", "Cancel", []*widget.FormItem{widget.NewFormItem("Until", until), widget.NewFormItem("Reason", reason)}, func(ok bool) {
		if !ok {
			return
		}
		d, err := parseUserDate(until.Text)
		if err == nil {
			_, err = t.svc.Snooze(t.queue.AsOf, t.filterFor(a), d, reason.Text)
		}
		if err != nil {
			showError(err, t.win)
		}
		t.Refresh()
	}, t.win)
}

// callOutcome records the call, approves the call stage, and for a promise or a dispute asks
// for its details.
func (t *Today) callOutcome(a app.Action, o app.CallOutcome) {
	if _, err := t.svc.RecordCall(a.CustomerID, o, false, ""); err != nil {
		showError(err, t.win)
		return
	}
	if err := t.svc.ApproveAction(t.queue.AsOf, a); err != nil {
		showError(err, t.win)
	}
	switch o {
	case app.CallPromise:
		t.promiseDialog(a)
	case app.CallDispute:
		t.disputeDialog(a)
	}
	t.Refresh()
}

func (t *Today) promiseDialog(a app.Action) {
	amount := widget.NewEntry()
	amount.SetText(app.FormatMinor(a.Amount, app.MustCurrency(a.Currency), t.nf))
	by := widget.NewEntry()
	by.SetText(t.queue.AsOf.AddDays(7).String())
	dialog.ShowForm("Promise to pay", "Record", "Cancel", []*widget.FormItem{widget.NewFormItem("Amount", amount), widget.NewFormItem("By", by)}, func(ok bool) {
		if !ok {
			return
		}
		d, err := parseUserDate(by.Text)
		if err == nil {
			_, err = t.svc.AddPromise(app.PromiseRequest{CustomerID: a.CustomerID, Amount: amount.Text, Currency: a.Currency, Due: d, Note: "promised on the phone", Format: t.nf})
		}
		if err != nil {
			showError(err, t.win)
		}
		t.Refresh()
	}, t.win)
}

func (t *Today) disputeDialog(a app.Action) {
	var nums []string
	for _, inv := range a.Invoices {
		nums = append(nums, inv.Number)
	}
	which := widget.NewSelect(nums, nil)
	which.SetSelectedIndex(0)
	reason := widget.NewEntry()
	dialog.ShowForm("Dispute", "Record", "Cancel", []*widget.FormItem{widget.NewFormItem("Invoice", which), widget.NewFormItem("What is disputed", reason)}, func(ok bool) {
		if !ok {
			return
		}
		if _, err := t.svc.OpenDispute(which.Selected, reason.Text); err != nil {
			showError(err, t.win)
		}
		t.Refresh()
	}, t.win)
}

// approveAll prints the day's letters (one PDF for the printer) and approves every other
// unblocked action, in the background, with progress and cancel. Calls are approved by their
// outcome.
func (t *Today) approveAll() {
	var todo []app.Action
	letters := false
	for _, a := range t.queue.Actions {
		switch {
		case a.Blocked() || a.Channel == app.ChannelCall:
		case a.Channel == app.ChannelEmail && !t.svc.CanEmail():
			// An email waits until the owner prints it as a letter or sends it by hand.
		case app.IsLetter(a):
			letters = true
		default:
			todo = append(todo, a)
		}
	}
	if letters {
		t.confirmPrint(func() { t.approveRest(todo) })
		return
	}
	t.approveRest(todo)
}

func (t *Today) approveRest(todo []app.Action) {
	if len(todo) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	t.ApproveAll.Disable()
	t.Progress.SetValue(0)
	t.Progress.Show()
	t.Cancel.Show()
	asOf := t.queue.AsOf
	inBackground(func() {
		var err error
		done := 0
		for _, a := range todo {
			if ctx.Err() != nil {
				break
			}
			if err = t.svc.ApproveAction(asOf, a); err != nil {
				break
			}
			done++
			n := done
			fyne.Do(func() { t.Progress.SetValue(float64(n) / float64(len(todo))) })
		}
		fyne.Do(func() {
			cancel()
			t.cancel = nil
			t.Progress.Hide()
			t.Cancel.Hide()
			if err != nil {
				showError(err, t.win)
			}
			t.Refresh()
			if done > 0 {
				dialog.ShowInformation("Approved", fmt.Sprintf("%s approved and recorded on the customers' timelines. Calls are approved by their outcome.", plural(done, "action", "actions")), t.win)
			}
		})
	})
}
