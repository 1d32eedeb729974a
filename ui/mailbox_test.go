package ui

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/emersion/go-smtp"

	"duebook/app"
	"duebook/app/mailbox"
	"duebook/app/mailbox/mailtest"
	"duebook/data"
	"duebook/data/sheets"
	"duebook/letters"
)

// mailShell is the sample shop in a shell whose services reach the in-process mail servers.
func mailShell(t *testing.T) (*Shell, *app.Services, *mailtest.Servers) {
	t.Helper()
	w := setup(t)
	path := filepath.Join(t.TempDir(), "sample.db")
	if err := (testBooks{t}).CreateSample(context.Background(), path, nil); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := app.FixedClock(testToday.Time().Add(14 * time.Hour))
	svc := app.NewServices(app.Adapters{Store: st, Clock: clock, Tables: sheets.Reader{}, Render: letters.Renderer{},
		MailWiring: &app.MailWiring{Connect: func(s app.MailSettings, pw func() (string, error)) app.Mailer { return mailbox.New(s, pw) },
			Secrets: &app.MemorySecrets{}}})
	s, err := NewShell(w, svc, false)
	if err != nil {
		t.Fatal(err)
	}
	s.Today.LettersDir = t.TempDir()
	w.SetContent(s.Content())
	return s, svc, mailtest.Start(t)
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("waited in vain for %s", what)
}

func fillMailbox(m *MailboxSettings, s app.MailSettings, password string) {
	m.From.SetText(s.From)
	m.Name.SetText(s.Name)
	m.User.SetText(s.User)
	m.SMTPHost.SetText(s.SMTPHost)
	m.SMTPPort.SetText(strconv.Itoa(s.SMTPPort))
	m.SMTPSec.SetSelected(string(s.SMTPSecurity))
	m.IMAPHost.SetText(s.IMAPHost)
	m.IMAPPort.SetText(strconv.Itoa(s.IMAPPort))
	m.IMAPSec.SetSelected(string(s.IMAPSecurity))
	m.TrustCert.SetText(s.TrustCert)
	m.Password.SetText(password)
}

func TestMailboxSettingsSaveAndTest(t *testing.T) {
	s, svc, srv := mailShell(t)
	m := s.Settings.Mailbox
	if m == nil || s.Outbox == nil {
		t.Fatal("no mailbox card or outbox")
	}
	good := srv.Settings()
	bad := good
	bad.SMTPPort = 70000
	fillMailbox(m, bad, mailtest.Password)
	test.Tap(m.SaveBtn)
	if !strings.Contains(m.Result.Text, "out of range") || svc.Collections.CanEmail() {
		t.Fatalf("a port out of range was saved: %q", m.Result.Text)
	}
	bad = good
	bad.SMTPHost, bad.SMTPSecurity = "smtp.example.com", app.SecurityNone
	fillMailbox(m, bad, mailtest.Password)
	test.Tap(m.SaveBtn)
	if !strings.Contains(m.Result.Text, "without encryption") {
		t.Fatalf("no encryption to a remote server was saved: %q", m.Result.Text)
	}
	fillMailbox(m, good, "wrong password")
	test.Tap(m.SaveBtn)
	if !svc.Collections.CanEmail() || m.Password.Text != "" {
		t.Fatalf("saving failed: %q", m.Result.Text)
	}
	test.Tap(m.TestBtn)
	waitFor(t, "the test to name the problem", func() bool { return strings.Contains(m.Result.Text, "authentication failed") })
	fillMailbox(m, good, mailtest.Password)
	test.Tap(m.SaveBtn)
	test.Tap(m.TestBtn)
	waitFor(t, "the test to pass", func() bool { return strings.Contains(m.Result.Text, "Sent folder was found") })
}

func TestEmailApprovedOnTodayIsSentInTheBackground(t *testing.T) {
	s, svc, srv := mailShell(t)
	if err := svc.Collections.SetUpMailbox(srv.Settings(), mailtest.Password); err != nil {
		t.Fatal(err)
	}
	td := s.Today
	td.Refresh()
	selectGroup(t, td, "Emails")
	picked := -1
	for i, a := range td.shown {
		if c, _ := svc.Ledger.Store.Customer(a.CustomerID); !a.Blocked() && app.CheckEmailAddress(c.Email) == nil {
			picked = i
			break
		}
	}
	if picked < 0 {
		t.Fatal("no email action to approve")
	}
	a := td.shown[picked]
	td.List.Select(picked)
	cust, _ := svc.Ledger.Store.Customer(a.CustomerID)
	if td.EmailTo != cust.Email || td.EmailSubject == "" {
		t.Fatalf("Today shows to %q subject %q", td.EmailTo, td.EmailSubject)
	}
	var approve *widget.Button
	for _, o := range test.LaidOutObjects(td.Detail) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Approve" {
			approve = b
		}
	}
	if approve == nil || approve.Disabled() {
		t.Fatal("the email cannot be approved with a mailbox")
	}
	test.Tap(approve) // wakes the sender, which starts below: the test touches no widget while it runs
	s.Outbox.Start()
	waitFor(t, "the background sender", func() bool { return len(srv.Received()) == 1 })
	var sent []app.OutboxItem
	waitFor(t, "the email marked sent", func() bool { sent, _ = svc.Collections.Outbox(app.OutSent); return len(sent) == 1 })
	if sent[0].CustomerID != a.CustomerID {
		t.Fatalf("outbox: %+v", sent)
	}

	// A reply is picked up while the window is open, without waiting for the minute's round.
	reply := "From: " + cust.Email + "\r\nSubject: Re: " + sent[0].Subject + "\r\nIn-Reply-To: <" + sent[0].MessageID + ">\r\n\r\nPaid this morning.\r\n"
	time.Sleep(300 * time.Millisecond) // the inbox is being watched
	srv.Deliver(t, "INBOX", []byte(reply))
	waitFor(t, "the reply", func() bool { rs, _ := svc.Collections.Replies(a.CustomerID); return len(rs) == 1 })
	s.Outbox.Stop()
	s.Customers.Open(a.CustomerID)
	tab := findTab(t, s.Customers.content, "Replies")
	var read *widget.Button
	found := false
	for _, o := range test.LaidOutObjects(tab) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "Paid this morning") {
			found = true
		}
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Mark as read") {
			read = b
		}
	}
	if !found || read == nil {
		t.Fatal("the reply is not on the customer's page")
	}
	test.Tap(read)
	if rs, _ := svc.Collections.Replies(a.CustomerID); len(rs) != 1 || !rs[0].Read {
		t.Fatal("the reply was not marked read")
	}
}

// findTab returns the content of a customer page's tab.
func findTab(t *testing.T, root fyne.CanvasObject, name string) fyne.CanvasObject {
	t.Helper()
	for _, o := range test.LaidOutObjects(root) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for _, it := range tabs.Items {
				if it.Text == name {
					return it.Content
				}
			}
		}
	}
	t.Fatalf("no tab %q", name)
	return nil
}

// A refusal for good shows on Today with the server's words, and in the outbox with Retry.
func TestFailedEmailShowsOnToday(t *testing.T) {
	s, svc, srv := mailShell(t)
	if err := svc.Collections.SetUpMailbox(srv.Settings(), mailtest.Password); err != nil {
		t.Fatal(err)
	}
	q, _ := svc.Collections.Queue(app.Date{})
	for _, a := range q.Actions {
		if c, _ := svc.Ledger.Store.Customer(a.CustomerID); a.Channel == app.ChannelEmail && !a.Blocked() && app.CheckEmailAddress(c.Email) == nil {
			if err := svc.Collections.ApproveAction(app.Date{}, a); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	srv.Set(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "Mailbox does not exist"}, false, false)
	s.Outbox.runOnce(context.Background())
	s.Today.Refresh()
	if note := s.Today.MailNote; note == nil || note.Hidden || !strings.Contains(note.Text, "Mailbox does not exist") {
		t.Fatalf("Today does not show the failure: %+v", note)
	}
	s.Outbox.Refresh()
	s.Outbox.List.Select(0)
	if s.Outbox.Retry.Disabled() || !strings.Contains(outboxLine(s.Outbox.items[0]), "Mailbox does not exist") {
		t.Fatal("the outbox does not offer to retry the failed email")
	}
	srv.Set(nil, false, false)
	test.Tap(s.Outbox.Retry)
	s.Outbox.runOnce(context.Background())
	if len(srv.Received()) != 1 {
		t.Fatal("the retried email was not sent")
	}
}
