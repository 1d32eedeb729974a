package ui

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// todayService is what the Today screen needs of the collection use cases.
type todayService interface {
	Queue(asOf app.Date) (app.Queue, error)
	QueueContext(ctx context.Context, asOf app.Date) (app.Queue, error)
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
	{"Letters", func(a app.Action) bool { return !a.Blocked() && a.Thanks == nil && a.Channel == app.ChannelLetter }},
	{"Emails", func(a app.Action) bool {
		return !a.Blocked() && a.Thanks == nil && (a.Channel == app.ChannelEmail || a.Channel == app.ChannelBoth)
	}},
	{"Calls", func(a app.Action) bool { return !a.Blocked() && a.Channel == app.ChannelCall }},
	{"Hand-off proposals", func(a app.Action) bool { return !a.Blocked() && a.Channel == app.ChannelHandoff }},
	{"Thank-you notes", func(a app.Action) bool { return !a.Blocked() && a.Thanks != nil }},
	{"Held by a guard", func(a app.Action) bool { return a.Blocked() }},
}

// Today is the morning queue: who should hear from the shop, how and why, to approve, skip or
// snooze; call tasks with their script and outcome buttons; guarded actions apart.
type Today struct {
	win   fyne.Window
	svc   todayService
	nf    app.NumberFormat
	Dates app.DateStyle // how dates are written in the shop's country
	queue app.Queue
	shown []app.Action

	// HandOff, where the window has bundles, starts the hand-off of a proposal's customer;
	// HandOffBtn is the shown proposal's button.
	HandOff    func(customerID int64)
	HandOffBtn *widget.Button
	// EmailTo and EmailSubject are the shown email's; OnEmailQueued wakes the sender.
	EmailTo, EmailSubject string
	OnEmailQueued         func()
	MailNote              *widget.Label // the outbox in a line: sending, failed emails
	Backup                *BackupNote   // the reminder to copy the book elsewhere

	Group  *widget.Select
	List   *widget.List
	Detail *fyne.Container
	// DetailScroll holds the detail; it goes back to the top for every action shown.
	DetailScroll *container.Scroll
	Summary      *widget.Label
	Warnings     *widget.Label // what to know before approving, e.g. a rate table not confirmed
	ApproveAll   *widget.Button
	PrintBtn     *widget.Button
	// The choices of the print confirmation, while it is open.
	PrintAllBtn, PrintApprovedBtn *widget.Button
	// An email action's choices while email sending is not set up, and what was copied.
	AsLetterBtn, CopyTextBtn *widget.Button
	CopiedText               string
	SentDialog               *formDialog
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
	generation               int                // of the newest Refresh, so an older one finishing late is ignored
	Loaded                   func(what string)  // hears when the queue is shown and a print run ends
	stopRefresh              context.CancelFunc // stops the refresh under way when a newer one starts
}

// NewToday builds the Today screen.
func NewToday(win fyne.Window, svc todayService, nf app.NumberFormat) *Today {
	t := &Today{win: win, svc: svc, nf: nf, Backup: newBackupNote(win, svc)}
	t.Summary = cut("")
	t.Warnings = widget.NewLabel("")
	t.Warnings.Wrapping = fyne.TextWrapWord
	t.Warnings.Hide()
	t.Pending = widget.NewLabel("")
	t.Pending.Wrapping = fyne.TextWrapWord
	t.Pending.Importance = widget.WarningImportance
	t.Pending.Hide()
	t.Group = widget.NewSelect(nil, safeArg(win, func(string) { t.filter() }))
	t.List = widget.NewList(func() int { return len(t.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			r := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, r, l)
		},
		safeRow(win, func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.shown) {
				return
			}
			a := t.shown[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s", a.Customer, a.StageName, a.Tone))
			owed := money(app.Money{Amount: a.Amount, Currency: a.Currency}, t.nf)
			if a.Thanks != nil {
				owed = "settled" // a thank-you note asks for nothing
			}
			box.Objects[1].(*widget.Label).SetText(owed)
		}))
	t.List.OnSelected = safeArg(win, func(i widget.ListItemID) {
		if i < len(t.shown) {
			a := t.shown[i]
			t.show(&a)
		}
	})
	t.Detail = container.NewVBox(widget.NewLabel("Choose an action on the left."))
	t.ApproveAll = button(win, "Approve all", t.approveAll)
	t.ApproveAll.Importance = widget.HighImportance
	t.Progress = widget.NewProgressBar()
	t.Progress.Hide()
	t.Cancel = button(win, "Cancel", func() {
		if t.cancel != nil {
			t.cancel()
		}
	})
	t.Cancel.Hide()
	t.PrintBtn = button(win, "Print the letters", func() { t.confirmPrint(nil) })
	t.OpenPDF = button(win, "Open the PDF", func() {
		if t.LastPDF != "" {
			openFile(t.LastPDF, t.win)
		}
	})
	t.OpenPDF.Hide()
	t.ShowFolder = button(win, "Show the folder", func() {
		if t.LastPDF != "" {
			showFolder(filepath.Dir(t.LastPDF), t.win)
		}
	})
	t.ShowFolder.Hide()
	top := container.NewVBox(heading("Today"), t.Backup.Box, container.NewBorder(nil, nil, nil, container.NewHBox(t.Cancel, t.OpenPDF, t.ShowFolder, t.PrintBtn, t.ApproveAll), t.Summary), t.Warnings, t.Pending, t.mailNote(), t.Progress)
	left := container.NewBorder(t.Group, nil, nil, nil, t.List)
	t.DetailScroll = container.NewVScroll(container.NewPadded(t.Detail))
	split := container.NewHSplit(left, t.DetailScroll)
	split.Offset = 0.42
	t.content = container.NewBorder(top, nil, nil, nil, split)
	return t
}

// Content is the screen's canvas object.
func (t *Today) Content() fyne.CanvasObject { return t.content }

// Refresh builds the queue again (settling promises and plans first).
// The queue over a large book takes a moment, so it is built off the UI goroutine.
func (t *Today) Refresh() {
	t.Backup.Refresh()
	t.Summary.SetText("Building today's queue…")
	t.generation++
	gen := t.generation
	if t.stopRefresh != nil {
		t.stopRefresh() // the older queue is no longer wanted: let it stop early
	}
	ctx, stop := context.WithCancel(context.Background())
	t.stopRefresh = stop
	inBackground(func() {
		defer stop()
		var q app.Queue
		err := protect(func() (err error) { q, err = t.svc.QueueContext(ctx, app.Date{}); return err })
		do(t.win, func() { t.showQueueIfCurrent(gen, q, err) })
	})
}

// showQueueIfCurrent shows a built queue unless a newer refresh was started meanwhile: its
// queue is the one to show.
func (t *Today) showQueueIfCurrent(gen int, q app.Queue, err error) {
	if gen != t.generation {
		return
	}
	if t.Loaded != nil {
		defer t.Loaded("Today")
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
	summary := fmt.Sprintf("%s: %s to approve, %d held by a guard", t.Dates.Format(q.AsOf), plural(ready, "action", "actions"), held)
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
	if a.Thanks != nil {
		title = fmt.Sprintf("%s%s, %s tone: asks for nothing", capitalFirst(a.StageName), channelPhrase(*a), a.Tone)
	}
	head := bold(title)
	head.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{nameHeading(a.Customer), head}
	if !a.Deadline.IsZero() {
		objs = append(objs, widget.NewLabel("Pay by "+t.Dates.Format(a.Deadline)))
	}
	invs := container.NewVBox()
	for _, inv := range a.Invoices {
		line := fmt.Sprintf("%s  due %s  open %s", inv.Number, t.Dates.Format(inv.Due), app.FormatMinor(inv.Open, cur, t.nf))
		if a.Thanks != nil {
			line = fmt.Sprintf("%s  due %s  paid in full on %s", inv.Number, t.Dates.Format(inv.Due), t.Dates.Format(inv.LastPaid))
		}
		invs.Add(wrapped(line))
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
			b := button(t.win, capitalFirst(string(o)), func() { t.callOutcome(*a, o) })
			if a.Blocked() || t.ReadOnly {
				b.Disable()
			}
			outcomes.Add(b)
		}
		objs = append(objs, widget.NewCard("Call "+a.Phone, "their time: "+a.LocalTime, container.NewVBox(script, outcomes)))
	}
	contact := a.Stage > 0 || a.Thanks != nil // a held entry has no letter or email
	if contact && (a.Channel == app.ChannelLetter || a.Channel == app.ChannelBoth) {
		objs = append(objs, t.letterCard(a))
	}
	approve := button(t.win, "Approve", func() { t.approve(*a) })
	approve.Importance = widget.HighImportance
	emailOnly := a.Channel == app.ChannelEmail && !t.svc.CanEmail()
	if a.Blocked() || a.Channel == app.ChannelCall || emailOnly || t.ReadOnly {
		approve.Disable() // a call is approved by its outcome; an email needs a mailbox
	}
	if emailOnly && contact {
		objs = append(objs, t.emailFallback(a))
	} else if a.Channel == app.ChannelEmail && contact {
		objs = append(objs, t.emailCard(a)) // mailbox: to whom, which subject
	}
	skip := button(t.win, "Skip…", func() { t.skip(*a) })
	snooze := button(t.win, "Snooze…", func() { t.snooze(*a) })
	if a.Stage == 0 || t.ReadOnly {
		skip.Disable()
		snooze.Disable()
	}
	if a.Thanks != nil {
		snooze.Disable() // a snooze holds the customer's whole ladder; a note is approved or skipped
	}
	// The buttons go right under the heading, above the letter, so no scrolling is needed.
	buttons := container.NewHBox(approve, skip, snooze, layout.NewSpacer())
	t.HandOffBtn = nil
	if a.Channel == app.ChannelHandoff && a.Stage > 0 && t.HandOff != nil && !a.Blocked() && !t.ReadOnly {
		id, proposal := a.CustomerID, *a
		t.HandOffBtn = button(t.win, "Hand off…", func() {
			// The proposal is approved first, so the charges of the hand-off stage are claimed in
			// the bundle; one approved already today is the same step.
			if err := t.svc.ApproveAction(t.queue.AsOf, proposal); err != nil && app.CodeOf(err) != app.CodeConflict {
				showError(err, t.win)
				return
			}
			t.HandOff(id)
		})
		t.HandOffBtn.Importance = widget.HighImportance
		approve.Importance = widget.MediumImportance
		buttons.Objects = append([]fyne.CanvasObject{t.HandOffBtn}, buttons.Objects...)
	}
	objs = append(objs[:2], append([]fyne.CanvasObject{buttons}, objs[2:]...)...)
	t.Detail.Objects = objs
	t.Detail.Refresh()
	t.DetailScroll.ScrollToTop()
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
	fs := newFieldSet()
	reason := newEntryWith("", "why, for the timeline")
	newFormDialog(t.win, "Skip the "+a.StageName+" for "+a.Customer, "Skip", fs, []*widget.FormItem{fs.item("Reason", reason)}, func() error {
		if err := needText(reason, "say why, so the timeline shows it"); err != nil {
			return err
		}
		if _, err := t.svc.Skip(t.queue.AsOf, t.filterFor(a), reason.Text); err != nil {
			return err
		}
		t.Refresh()
		return nil
	}).Show()
}

// snooze asks until when and why, then puts the customer on hold.
func (t *Today) snooze(a app.Action) {
	fs := newFieldSet()
	until := newDateField(t.win, t.Dates, t.queue.AsOf.AddDays(7), t.svc.Today)
	reason := newEntryWith("", "why, for the timeline")
	items := []*widget.FormItem{fs.item("Until", until), fs.item("Reason", reason)}
	newFormDialog(t.win, "Snooze "+a.Customer, "Snooze", fs, items, func() error {
		d, err := until.Date()
		if err == nil && !d.After(t.queue.AsOf) {
			err = app.Errorf(app.CodeInvalid, "snooze until a day after %s", t.Dates.Format(t.queue.AsOf))
		}
		if err != nil {
			return inField(until, err)
		}
		if err := needText(reason, "say why, so the timeline shows it"); err != nil {
			return err
		}
		if _, err := t.svc.Snooze(t.queue.AsOf, t.filterFor(a), d, reason.Text); err != nil {
			return err
		}
		t.Refresh()
		return nil
	}).Show()
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
	cur := app.MustCurrency(a.Currency)
	fs := newFieldSet()
	amount := newEntryWith(app.FormatMinor(a.Amount, cur, t.nf), "")
	by := newDateField(t.win, t.Dates, t.queue.AsOf.AddDays(7), t.svc.Today)
	items := []*widget.FormItem{fs.item("Amount", amount), fs.item("By", by)}
	newFormDialog(t.win, "Promise to pay", "Record", fs, items, func() error {
		if _, err := parseAmount(amount.Text, cur, t.nf); err != nil {
			return inField(amount, err)
		}
		d, err := by.Date()
		if err == nil && d.IsZero() {
			err = app.Errorf(app.CodeInvalid, "say by when the customer will pay")
		}
		if err != nil {
			return inField(by, err)
		}
		_, err = t.svc.AddPromise(app.PromiseRequest{CustomerID: a.CustomerID, Amount: amount.Text, Currency: a.Currency, Due: d, Note: "promised on the phone", Format: t.nf})
		if err != nil {
			return err
		}
		t.Refresh()
		return nil
	}).Show()
}

func (t *Today) disputeDialog(a app.Action) {
	var nums []string
	for _, inv := range a.Invoices {
		nums = append(nums, inv.Number)
	}
	showDisputeDialog(t.win, "Dispute", nums, t.svc.OpenDispute, t.Refresh)
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
		done := 0
		err := protect(func() error {
			for _, a := range todo {
				if ctx.Err() != nil {
					return nil
				}
				if err := t.svc.ApproveAction(asOf, a); err != nil {
					return err
				}
				done++
				n := done
				do(t.win, func() { t.Progress.SetValue(float64(n) / float64(len(todo))) })
			}
			return nil
		})
		do(t.win, func() {
			cancel()
			t.cancel = nil
			t.Progress.Hide()
			t.Cancel.Hide()
			if err != nil {
				showError(err, t.win)
			}
			t.Refresh()
			if done > 0 {
				inform(t.win, "Approved", fmt.Sprintf("%s approved and recorded on the customers' timelines. Calls are approved by their outcome.", plural(done, "action", "actions")))
			}
		})
	})
}
