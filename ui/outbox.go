package ui

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// outboxService is what the outbox and the background sender need.
type outboxService interface {
	CanEmail() bool
	Outbox(states ...app.OutboxState) ([]app.OutboxItem, error)
	RetryEmail(it app.OutboxItem) error
	CancelEmail(it app.OutboxItem) error
	SendQueued(ctx context.Context, progress func(done, total int)) (app.SendReport, error)
	FetchReplies(ctx context.Context) (app.FetchReport, error)
	WaitForReplies(ctx context.Context) error
}

// mailInterval is how often the background sender looks at the outbox and the inbox.
const mailInterval = time.Minute

// Outbox shows the emails (queued, sent, failed with the server's words) with retry and cancel,
// and runs the background sender, which never blocks the window.
type Outbox struct {
	win   fyne.Window
	svc   outboxService
	items []app.OutboxItem

	List           *widget.List
	Status         *widget.Label
	Progress       *widget.ProgressBar
	SendNow, Fetch *widget.Button
	Retry, Cancel  *widget.Button
	selected       int
	OnChange       func()            // set by the window: Today shows what the sender did
	OnProgress     func(text string) // set by the window: Today shows the sending
	content        fyne.CanvasObject

	mu      sync.Mutex
	kick    chan struct{}
	stop    context.CancelFunc
	done    chan struct{}
	running bool
}

// NewOutbox builds the outbox screen.
func NewOutbox(win fyne.Window, svc outboxService) *Outbox {
	o := &Outbox{win: win, svc: svc, selected: -1, Status: widget.NewLabel(""), Progress: widget.NewProgressBar(), kick: make(chan struct{}, 1)}
	o.Status.Wrapping = fyne.TextWrapWord
	o.Progress.Hide()
	o.List = widget.NewList(func() int { return len(o.items) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, safeRow(win, func(i widget.ListItemID, obj fyne.CanvasObject) {
		if i < len(o.items) {
			obj.(*widget.Label).SetText(outboxLine(o.items[i]))
		}
	}))
	o.List.OnSelected = safeArg(win, func(i widget.ListItemID) { o.selected = i; o.buttons() })
	o.SendNow = button(win, "Send now", o.Kick)
	o.SendNow.Importance = widget.HighImportance
	o.Fetch = button(win, "Pick up replies", o.Kick)
	o.Retry = button(win, "Retry", func() { o.change(o.svc.RetryEmail) })
	o.Cancel = button(win, "Cancel", func() { o.change(o.svc.CancelEmail) })
	o.buttons()
	top := container.NewVBox(heading("Outbox"), container.NewHBox(o.SendNow, o.Fetch, o.Retry, o.Cancel), o.Progress, o.Status)
	o.content = container.NewBorder(top, nil, nil, nil, o.List)
	return o
}

// Content is the screen.
func (o *Outbox) Content() fyne.CanvasObject { return o.content }

func outboxLine(it app.OutboxItem) string {
	line := fmt.Sprintf("%-9s %s · %s · %s", it.State, it.QueuedAt.Local().Format("2006-01-02 15:04"), it.To, it.Subject)
	switch {
	case it.State == app.OutSent && !it.Filed:
		line += " · copy in Sent still to file"
	case it.Error != "" && it.State != app.OutSent:
		line += " · " + it.Error
	}
	return line
}

// Refresh reloads the list.
func (o *Outbox) Refresh() {
	items, err := o.svc.Outbox()
	if err != nil {
		o.Status.SetText(app.Sentence(err))
		return
	}
	o.items, o.selected = items, -1
	o.List.UnselectAll()
	o.List.Refresh()
	o.buttons()
	if !o.svc.CanEmail() {
		o.Status.SetText("No mailbox is set up: set it up in Settings to send emails from your own address.")
	}
}

func (o *Outbox) buttons() {
	o.Retry.Disable()
	o.Cancel.Disable()
	if o.selected < 0 || o.selected >= len(o.items) {
		return
	}
	switch o.items[o.selected].State {
	case app.OutFailed:
		o.Retry.Enable()
		o.Cancel.Enable()
	case app.OutQueued:
		o.Cancel.Enable()
	}
}

func (o *Outbox) change(fn func(app.OutboxItem) error) {
	if o.selected < 0 || o.selected >= len(o.items) {
		return
	}
	if err := fn(o.items[o.selected]); err != nil {
		showError(err, o.win)
	}
	o.Refresh()
	o.Kick()
}

// Start runs the background sender until Stop: every minute, and at once when kicked.
func (o *Outbox) Start() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.running {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	o.stop, o.done, o.running = cancel, make(chan struct{}), true
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); o.loop(ctx) }()
	go func() { defer wg.Done(); o.watchInbox(ctx) }()
	go func(done chan struct{}) { wg.Wait(); close(done) }(o.done)
}

// watchInbox wakes the sender when mail arrives (IMAP IDLE), so a reply shows at once; where
// the server cannot, the minute's round picks replies up.
func (o *Outbox) watchInbox(ctx context.Context) {
	for ctx.Err() == nil {
		wait := mailInterval
		if o.svc.CanEmail() && o.svc.WaitForReplies(ctx) == nil {
			o.Kick()
			wait = 2 * time.Second // a server that ends every IDLE at once is not hammered
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
}

// Stop ends the sender: the email going out finishes, the rest stays queued. It waits, so the
// book is never closed under a send.
func (o *Outbox) Stop() {
	o.mu.Lock()
	stop, done := o.stop, o.done
	o.running = false
	o.mu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}

// Kick asks the sender to run now.
func (o *Outbox) Kick() {
	select {
	case o.kick <- struct{}{}:
	default:
	}
}

func (o *Outbox) loop(ctx context.Context) {
	tick := time.NewTicker(mailInterval)
	defer tick.Stop()
	for {
		if o.svc.CanEmail() {
			o.runOnce(ctx)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-o.kick:
		}
	}
}

// runOnce sends and picks up replies, showing progress through fyne.Do.
func (o *Outbox) runOnce(ctx context.Context) {
	do(o.win, func() { o.Progress.SetValue(0); o.Progress.Show(); o.Status.SetText("Sending…") })
	rep, err := o.svc.SendQueued(ctx, func(done, total int) {
		do(o.win, func() {
			o.Progress.SetValue(float64(done) / float64(total))
			if o.OnProgress != nil {
				o.OnProgress(fmt.Sprintf("Sending emails: %d of %d sent…", done, total))
			}
		})
	})
	var fetched app.FetchReport
	var ferr error
	if ctx.Err() == nil {
		fetched, ferr = o.svc.FetchReplies(ctx)
	}
	do(o.win, func() {
		o.Progress.Hide()
		o.Status.SetText(sendStatus(rep, err, fetched, ferr))
		o.Refresh()
		if err == nil && ferr == nil {
			o.Status.SetText(sendStatus(rep, err, fetched, ferr))
		}
		if o.OnChange != nil {
			o.OnChange()
		}
	})
}

func sendStatus(rep app.SendReport, err error, f app.FetchReport, ferr error) string {
	if err != nil {
		return "Sending stopped: " + app.Sentence(err)
	}
	s := fmt.Sprintf("Last run %s: %d sent, %d to try again, %d failed", time.Now().Format("15:04"), rep.Sent, rep.Retrying, rep.Failed)
	if rep.Waiting > 0 {
		s += fmt.Sprintf(", %d wait for the sending limit", rep.Waiting)
	}
	if ferr != nil {
		s += "; replies could not be picked up: " + app.Sentence(ferr)
	} else {
		s += fmt.Sprintf("; %d replies and %d delivery reports picked up", f.Replies, f.Bounces)
	}
	for _, p := range rep.Problems {
		s += "\n" + p
	}
	return s
}

// wireMail adds the outbox screen and links Today and Settings to the background sender.
func (s *Shell) wireMail(col *app.Collections) bool {
	if col == nil || col.MS == nil {
		return false
	}
	s.Outbox = NewOutbox(s.win, col)
	s.Today.OnEmailQueued = s.Outbox.Kick
	s.Outbox.OnProgress = s.Today.SetMailStatus
	s.Outbox.OnChange = s.Today.showMail
	if s.Settings.Mailbox != nil {
		s.Settings.Mailbox.OnSaved = func() { s.Today.Refresh(); s.Outbox.Refresh(); s.Outbox.Kick() }
	}
	s.Outbox.Refresh()
	return true
}
