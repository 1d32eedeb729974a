package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"duebook/app"
)

// testBundler stands in for the bundle writer, which the window never imports.
type testBundler struct{}

func (testBundler) Bundle(p app.HandoffPackage) ([]byte, error) {
	return []byte(fmt.Sprintf("bundle of %d debtors for %s, authorised by %s", len(p.Debtors), p.To, p.AuthorisedBy)), nil
}

// The customer screen hands a customer off: the bundle is saved whole where the owner chose,
// the hand-off is on the timeline, and a second bundle is asked about first.
func TestHandOffFromTheCustomerScreen(t *testing.T) {
	s, _ := sampleShell(t)
	c := s.Customers
	var id int64
	for i := int64(1); i < 50 && id == 0; i++ {
		if d, err := c.svc.Customer(i); err == nil && len(d.Open) > 0 {
			id = i
		}
	}
	c.Open(id)
	if c.HandOff == nil {
		t.Fatal("no Hand off button for a customer who owes")
	}
	// The names are asked for before anything is made.
	test.Tap(c.HandOff)
	if texts := strings.Join(overlayTexts(c.win), "\n"); !strings.Contains(texts, "Hand off") {
		t.Fatalf("no hand-off dialog: %q", texts)
	}
	dir := t.TempDir()
	target := storage.NewFileURI(filepath.Join(dir, "bundle.zip"))
	hs := c.col.(handoffService)
	req := app.HandoffRequest{CustomerIDs: []int64{id}, To: "Acme Collections", AuthorisedBy: "Jane Owner", ToAddress: []string{"1 Debt Lane", "SW1A 1AA London"}}
	c.runHandoff(hs, req, target)
	b, err := os.ReadFile(target.Path())
	if err != nil || string(b) != "bundle of 1 debtors for Acme Collections, authorised by Jane Owner" || c.HandedOff == nil {
		t.Fatalf("saved %q %v", b, err)
	}
	// The receiver is in the address book the next hand-off offers.
	test.Tap(c.HandOff)
	if c.HandOffTo == nil || len(c.Receivers) != 1 || c.Receivers[0] != "Acme Collections" {
		t.Fatalf("the address book offers %v", c.Receivers)
	}
	c.HandOffTo.SetText("Acme Collections")
	if c.HandOffAddress == nil || c.HandOffAddress.Text != "1 Debt Lane\nSW1A 1AA London" {
		t.Fatalf("the agency's address is not brought along: %q", c.HandOffAddress.Text)
	}
	tl, _ := c.svc.Timeline(id, false)
	if len(tl) == 0 || tl[0].Kind != "handoff" || !strings.Contains(tl[0].Summary, "Acme Collections") {
		t.Fatalf("timeline: %+v", tl[:1])
	}
	// Again: the owner is asked, and the file is not touched until they say yes.
	second := storage.NewFileURI(filepath.Join(dir, "second.zip"))
	os.WriteFile(second.Path(), nil, 0o600) // as the save dialog leaves it
	c.runHandoff(hs, req, second)
	if texts := strings.Join(overlayTexts(c.win), "\n"); !strings.Contains(texts, "already handed off") || !strings.Contains(texts, "Send a second bundle?") {
		t.Fatalf("not asked before a second bundle: %q", texts)
	}
	if _, err := os.Stat(second.Path()); err == nil {
		t.Fatal("the empty file of a refused hand-off was left behind")
	}
}

// A hand-off proposal on Today offers Hand off…, which opens the customer with the dialog.
func TestTodayHandOffProposalOpensTheHandOff(t *testing.T) {
	s, _ := sampleShell(t)
	td := s.Today
	td.Refresh()
	var proposal *app.Action
	for i, a := range td.queue.Actions {
		if a.Channel == app.ChannelHandoff && !a.Blocked() && a.Stage > 0 {
			proposal = &td.queue.Actions[i]
			break
		}
	}
	if proposal == nil {
		t.Skip("the sample shop has no hand-off proposal today")
	}
	td.show(proposal)
	if td.HandOffBtn == nil {
		t.Fatal("no Hand off… button on a hand-off proposal")
	}
	test.Tap(td.HandOffBtn)
	if s.Customers.Selected.Customer.ID != proposal.CustomerID || !strings.Contains(strings.Join(overlayTexts(s.win), "\n"), "Hand off") {
		t.Fatalf("the customer's hand-off did not open: %d", s.Customers.Selected.Customer.ID)
	}
	// The proposal was approved on the way, so its charges are claimed in the bundle.
	q, err := td.svc.Queue(app.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range q.Actions {
		if a.CustomerID == proposal.CustomerID && a.Channel == app.ChannelHandoff && !a.Blocked() {
			t.Fatalf("the hand-off proposal is still open after Hand off…: %+v", a)
		}
	}
}

// The hand-off dialog offers the day's other hand-off proposals for the same bundle: the ones
// chosen have their proposals approved first and are handed off with the customer shown.
func TestHandOffSeveralCustomersInOneBundle(t *testing.T) {
	s, _ := sampleShell(t)
	c := s.Customers
	hs := c.col.(handoffService)
	props, err := hs.HandoffProposals()
	if err != nil || len(props) < 2 {
		t.Fatalf("the sample shop should propose several hand-offs today: %d %v", len(props), err)
	}
	first := props[0].CustomerID
	c.Open(first)
	test.Tap(c.HandOff)
	tg := c.Together
	if tg == nil || len(tg.Check.Options) == 0 {
		t.Fatal("no other customers offered for the bundle")
	}
	for _, l := range tg.Check.Options {
		if tg.byLabel[l].CustomerID == first {
			t.Fatalf("the customer shown is offered again: %q", l)
		}
	}
	other := tg.byLabel[tg.Check.Options[0]]
	tg.Check.SetSelected([]string{tg.Check.Options[0]})
	req := app.HandoffRequest{CustomerIDs: []int64{first}, To: "Acme Collections", AuthorisedBy: "Jane Owner"}
	if err := tg.approve(&req); err != nil || len(req.CustomerIDs) != 2 || req.CustomerIDs[1] != other.CustomerID {
		t.Fatalf("the request: %+v %v", req.CustomerIDs, err)
	}
	target := storage.NewFileURI(filepath.Join(t.TempDir(), "two.zip"))
	c.runHandoff(hs, req, target)
	if b, err := os.ReadFile(target.Path()); err != nil || !strings.HasPrefix(string(b), "bundle of 2 debtors") {
		t.Fatalf("saved %q %v", b, err)
	}
	for _, id := range req.CustomerIDs {
		tl, _ := c.svc.Timeline(id, false)
		if len(tl) == 0 || tl[0].Kind != "handoff" {
			t.Fatalf("customer %d is not handed off: %+v", id, tl[:1])
		}
	}
	tl, _ := c.svc.Timeline(other.CustomerID, false)
	if len(tl) < 2 || !strings.Contains(tl[1].Summary, "approved") {
		t.Fatalf("the other customer's proposal was not approved before the bundle: %+v", tl[:2])
	}
	after, _ := hs.HandoffProposals()
	for _, a := range after {
		if a.CustomerID == other.CustomerID || a.CustomerID == first {
			t.Fatalf("a customer handed off is still proposed: %+v", a)
		}
	}
}
