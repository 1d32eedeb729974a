package ui

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// handoffService hands a customer's debt to a collection agency or attorney as one bundle.
type handoffService interface {
	Handoff(r app.HandoffRequest) (app.HandoffResult, error)
	HandoffReceivers() ([]string, error)
	HandoffReceiver(name string) (app.Receiver, bool, error)
	// HandoffProposals are the day's other customers due for hand-off, to join the bundle;
	// ApproveAction approves a proposal first, so that the bundle claims its charges.
	HandoffProposals() ([]app.Action, error)
	ApproveAction(asOf app.Date, a app.Action) error
	Today() app.Date
}

// handoffDialog asks who takes the case and who authorised it, then where to save the bundle.
func (c *Customers) handoffDialog(cu app.Customer, hs handoffService) {
	fs := newFieldSet()
	// The address book: every agency or attorney handed a debt before, to choose or type anew.
	known, err := hs.HandoffReceivers()
	if err != nil {
		showError(err, c.win)
		return
	}
	to := widget.NewSelectEntry(known)
	to.SetPlaceHolder("the collection agency or attorney")
	to.SetText(c.lastAgency)
	c.HandOffTo, c.Receivers = to, known
	addr := widget.NewMultiLineEntry()
	addr.SetPlaceHolder("their postal address, for the cover letter")
	addr.SetMinRowsVisible(3)
	fill := func(name string) { // a known agency brings its address along
		if r, ok, err := hs.HandoffReceiver(name); err == nil && ok && len(r.Address) > 0 {
			addr.SetText(strings.Join(r.Address, "\n"))
		}
	}
	to.OnChanged = safeArg(c.win, fill)
	fill(to.Text)
	c.HandOffAddress = addr
	by := newEntryWith("", "the person at the shop who authorises it")
	together := c.togetherChoice(cu, hs)
	items := []*widget.FormItem{fs.item("Hand off to", to), fs.item("Address", addr), fs.item("Authorised by", by),
		widget.NewFormItem("Together with", together.box)}
	newFormDialog(c.win, "Hand off "+cu.Name, "Choose where to save…", fs, items, func() error {
		req := app.HandoffRequest{CustomerIDs: []int64{cu.ID}, To: strings.TrimSpace(to.Text), AuthorisedBy: strings.TrimSpace(by.Text),
			ToAddress: strings.Split(addr.Text, "\n"), Version: fyne.CurrentApp().Metadata().Version}
		if req.To == "" {
			return inField(to, app.Errorf(app.CodeInvalid, "name the collection agency or attorney who takes the case"))
		}
		if req.AuthorisedBy == "" {
			return inField(by, app.Errorf(app.CodeInvalid, "name the person at the shop who authorised the hand-off"))
		}
		if err := together.approve(&req); err != nil {
			return err
		}
		c.lastAgency = req.To
		name := "handoff " + cu.Name
		if n := len(req.CustomerIDs); n > 1 {
			name = fmt.Sprintf("handoff %s and %d more", cu.Name, n-1)
		}
		// The bundle is written whole once it is made.
		askWhereToSave(c.win, app.SafeFileName(name)+".zip", func(target fyne.URI) { c.runHandoff(hs, req, target) })
		return nil
	}).Show()
}

// runHandoff makes the bundle off the UI goroutine with a progress bar, then saves it.
func (c *Customers) runHandoff(hs handoffService, req app.HandoffRequest, target fyne.URI) {
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons("Making the hand-off bundle…", bar, c.win)
	prog.Show()
	inBackground(func() {
		res, err := protectHandoff(hs, req)
		if err == nil {
			err = saveBundle(target, res)
		} else {
			removeIfEmpty(target) // the file the save dialog made, never filled
		}
		do(c.win, func() {
			bar.Stop()
			prog.Hide()
			c.handoffDone(hs, req, target, res, err)
		})
	})
}

// protectHandoff turns a fault in the work into an error, so the progress bar always goes away.
func protectHandoff(hs handoffService, req app.HandoffRequest) (res app.HandoffResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			logPanic(r)
			err = app.Errorf(app.CodeInternal, "%s", panicSentence)
		}
	}()
	return hs.Handoff(req)
}

func (c *Customers) handoffDone(hs handoffService, req app.HandoffRequest, target fyne.URI, res app.HandoffResult, err error) {
	switch {
	case app.CodeOf(err) == app.CodeConflict && !req.Again:
		ask(c.win, "Already handed off", app.Sentence(err)+"\n\nSend a second bundle?", "Send a second bundle", "Cancel", func(yes bool) {
			if yes {
				req.Again = true
				c.runHandoff(hs, req, target)
			}
		})
	case err != nil:
		showError(err, c.win)
	default:
		c.HandedOff = target
		c.Refresh()
		c.Open(req.CustomerIDs[0])
		msg := fmt.Sprintf("The bundle for %s is saved as %s (SHA-256 %s…). It is on the timeline and kept in the book; the ladder stops for them, and payments still record as usual.",
			strings.Join(res.Debtors, ", "), target.Name(), res.SHA256[:12])
		newCustomConfirm(c.win, "Handed off to "+req.To, "Open the folder", "Close", wrapped(msg), func(open bool) {
			if open {
				openFolder(c.win, target)
			}
		}).Show()
	}
}

// saveBundle writes the bundle whole or not at all (see saveFile).
func saveBundle(target fyne.URI, res app.HandoffResult) error {
	err := saveFile(target, res.ZIP)
	if err != nil && target.Scheme() != "file" {
		return app.Wrap(app.CodeStorage, err, "the bundle could not be saved; it is kept in the book (document %s…)", res.SHA256[:12])
	}
	return err
}

// removeIfEmpty removes the empty file a save dialog created for work that failed.
func removeIfEmpty(target fyne.URI) {
	r, err := storage.Reader(target)
	if err != nil {
		return
	}
	var one [1]byte
	n, _ := r.Read(one[:])
	r.Close()
	if n == 0 {
		storage.Delete(target)
	}
}

// openFolder shows the folder holding a saved file in the system's file manager.
func openFolder(win fyne.Window, file fyne.URI) {
	if file.Scheme() == "file" {
		openOrShowPath(filepath.Dir(file.Path()), win)
		return
	}
	dir, err := storage.Parent(file)
	if err == nil {
		var u *url.URL
		if u, err = url.Parse(dir.String()); err == nil {
			err = fyne.CurrentApp().OpenURL(u)
		}
	}
	if err != nil {
		showError(app.Wrap(app.CodeInternal, err, "the folder could not be opened"), win)
	}
}
