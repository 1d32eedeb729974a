package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"duebook/app"
	"duebook/app/mailbox"
	"duebook/app/mailbox/mailtest"
	"duebook/data"
)

// mailBook is a sample shop whose mailbox is the in-process servers, at 14:00 on 2026-11-22.
func mailBook(t *testing.T) (*app.Collections, *data.Store, *mailtest.Servers) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 1500, Seed: 4, Today: app.MustDate("2026-11-22")}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := mailtest.Start(t)
	col := mailServices(st, app.FixedClock(app.MustDate("2026-11-22").Time().Add(14*time.Hour)), &app.MemorySecrets{}, nil).Collections
	if col.CanEmail() {
		t.Fatal("emails can be sent before a mailbox is set up")
	}
	if err := col.SetUpMailbox(srv.Settings(), mailtest.Password); err != nil {
		t.Fatal(err)
	}
	if !col.CanEmail() {
		t.Fatal("the mailbox is set up but emails cannot be sent")
	}
	return col, st, srv
}

// approveEmails approves the first n email actions that no guard stops, for customers with a
// deliverable address, and returns them.
func approveEmails(t *testing.T, col *app.Collections, n int) []app.Action {
	t.Helper()
	q, err := col.Queue(app.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var done []app.Action
	for _, a := range q.Actions {
		if len(done) == n {
			break
		}
		if a.Channel != app.ChannelEmail || a.Blocked() {
			continue
		}
		if c, _ := col.Store.Customer(a.CustomerID); app.CheckEmailAddress(c.Email) != nil {
			continue
		}
		if err := col.ApproveAction(app.Date{}, a); err != nil {
			t.Fatal(err)
		}
		done = append(done, a)
	}
	if len(done) < n {
		t.Fatalf("only %d email actions to approve", len(done))
	}
	return done
}

func TestApprovedEmailIsSentAndFiledByteForByte(t *testing.T) {
	col, _, srv := mailBook(t)
	a := approveEmails(t, col, 1)[0]
	queued, _ := col.Outbox(app.OutQueued)
	if len(queued) != 1 || queued[0].CustomerID != a.CustomerID || !strings.HasSuffix(queued[0].MessageID, "@example.com") {
		t.Fatalf("outbox after approval: %+v", queued)
	}
	doc, err := col.CS.Document(queued[0].SHA256)
	if err != nil {
		t.Fatal("the email's bytes were not stored before sending")
	}
	if len(srv.Received()) != 0 {
		t.Fatal("approving sent at once")
	}
	rep, err := col.SendQueued(context.Background(), nil)
	if err != nil || rep.Sent != 1 || rep.Filed != 1 {
		t.Fatalf("send: %+v %v", rep, err)
	}
	got := srv.Received()
	sent := srv.Folder(t, "Sent")
	if len(got) != 1 || !bytes.Equal(got[0].Data, doc.Content) || len(sent) != 1 || !bytes.Equal(sent[0], doc.Content) {
		t.Fatal("what the server got, what Sent holds and what is stored differ")
	}
	if rep, _ := col.SendQueued(context.Background(), nil); rep.Sent != 0 || len(srv.Received()) != 1 {
		t.Fatal("a second run sent again")
	}
	tl, _ := col.Store.Timeline(a.CustomerID, 5)
	if !strings.Contains(tl[0].Summary, "sent by email") {
		t.Fatalf("timeline: %s", tl[0].Summary)
	}
}

func TestTemporaryRetriesPermanentStops(t *testing.T) {
	col, _, srv := mailBook(t)
	approveEmails(t, col, 2)
	srv.Set(&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Greylisted"}, false, false)
	rep, err := col.SendQueued(context.Background(), nil)
	if err != nil || rep.Retrying != 2 {
		t.Fatalf("451: %+v %v", rep, err)
	}
	q, _ := col.Outbox(app.OutQueued)
	if len(q) != 2 || !strings.Contains(q[0].Error, "Greylisted") || q[0].Attempts != 1 || !q[0].NextAt.After(col.Clock.Now()) {
		t.Fatalf("requeued: %+v", q)
	}
	// Not due yet: nothing is tried again at once.
	if rep, _ := col.SendQueued(context.Background(), nil); rep.Retrying+rep.Sent != 0 {
		t.Fatalf("retried before its time: %+v", rep)
	}
	later := *col
	later.Ledger = &app.Ledger{Store: col.Store, Clock: app.FixedClock(col.Clock.Now().Add(10 * time.Minute))}
	srv.Set(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}, false, false)
	if rep, err := later.SendQueued(context.Background(), nil); err != nil || rep.Failed != 2 {
		t.Fatalf("550: %+v %v", rep, err)
	}
	failed, _ := col.Outbox(app.OutFailed)
	if len(failed) != 2 || !strings.Contains(failed[0].Error, "No such user") {
		t.Fatalf("failed: %+v", failed)
	}
	if len(srv.Received()) != 0 {
		t.Fatal("a refused email counts as received")
	}
	srv.Set(nil, false, false)
	if err := later.RetryEmail(failed[0]); err != nil {
		t.Fatal(err)
	}
	if err := later.CancelEmail(failed[1]); err != nil {
		t.Fatal(err)
	}
	if rep, err := later.SendQueued(context.Background(), nil); err != nil || rep.Sent != 1 || len(srv.Received()) != 1 {
		t.Fatalf("retry after the owner's retry: %+v %v", rep, err)
	}
}

// A crash after the server accepted the email and before it was marked sent: the next run
// finds it in Sent and never sends it twice.
func TestCrashAfterAcceptanceSendsNoSecondCopy(t *testing.T) {
	col, st, srv := mailBook(t)
	approveEmails(t, col, 1)
	q, _ := col.Outbox(app.OutQueued)
	it := q[0]
	doc, _ := col.CS.Document(it.SHA256)
	// What the crashed run did: claimed it, and the server (which files in Sent) accepted it.
	srv.Set(nil, false, true)
	if ok, err := st.ClaimEmail(it.ID, col.Clock.Now()); !ok || err != nil {
		t.Fatal(ok, err)
	}
	b := mailbox.New(srv.Settings(), func() (string, error) { return mailtest.Password, nil })
	if err := b.Send(context.Background(), it.To, []string{it.To}, doc.Content); err != nil {
		t.Fatal(err)
	}
	rep, err := col.SendQueued(context.Background(), nil)
	if err != nil || rep.Recovered != 1 || rep.Sent != 0 || len(srv.Received()) != 1 {
		t.Fatalf("after the crash: %+v %v, received %d", rep, err, len(srv.Received()))
	}
	if sent, _ := col.Outbox(app.OutSent); len(sent) != 1 || !sent[0].Filed {
		t.Fatalf("not marked sent: %+v", sent)
	}
}

// The connection breaks during DATA; the message is not in Sent, so it is queued again and
// goes out on the next try; with the IMAP server down it is not retried blindly.
func TestCutDuringDataAndIMAPDown(t *testing.T) {
	col, _, srv := mailBook(t)
	approveEmails(t, col, 1)
	srv.StopIMAP()
	srv.Set(nil, true, false)
	rep, err := col.SendQueued(context.Background(), nil)
	if err != nil || rep.Sent != 0 || len(rep.Problems) == 0 {
		t.Fatalf("cut with IMAP down: %+v %v", rep, err)
	}
	if s, _ := col.Outbox(app.OutSending); len(s) != 1 {
		t.Fatal("an email of unknown fate left the sending state without a look in Sent")
	}
	// IMAP is back; the first delivery did not reach Sent, so it is tried once more.
	srv.StartIMAP(t)
	srv.Set(nil, false, false)
	rep, err = col.SendQueued(context.Background(), nil)
	if err != nil || rep.Sent != 1 || rep.Filed != 1 {
		t.Fatalf("after IMAP came back: %+v %v", rep, err)
	}
}

// With the IMAP server down the email is sent and its copy filed in Sent on a later run.
func TestSentCopyFiledLaterWhenIMAPIsDown(t *testing.T) {
	col, _, srv := mailBook(t)
	approveEmails(t, col, 1)
	srv.StopIMAP()
	rep, err := col.SendQueued(context.Background(), nil)
	if err != nil || rep.Sent != 1 || rep.Filed != 0 {
		t.Fatalf("IMAP down: %+v %v", rep, err)
	}
	srv.StartIMAP(t)
	rep, err = col.SendQueued(context.Background(), nil)
	if err != nil || rep.Filed != 1 || rep.Sent != 0 {
		t.Fatalf("filing later: %+v %v", rep, err)
	}
	if len(srv.Folder(t, "Sent")) != 1 || !bytes.Equal(srv.Folder(t, "Sent")[0], srv.Received()[0].Data) {
		t.Fatal("the later copy differs")
	}
}

func TestRateLimitLeavesTheRestQueued(t *testing.T) {
	col, _, srv := mailBook(t)
	s, _, _ := col.MailboxSettings()
	s.PerMinute = 1
	if err := col.SetUpMailbox(s, ""); err != nil {
		t.Fatal(err)
	}
	approveEmails(t, col, 2)
	rep, err := col.SendQueued(context.Background(), nil)
	if err != nil || rep.Sent != 1 || rep.Waiting != 1 || len(srv.Received()) != 1 {
		t.Fatalf("limit 1 a minute: %+v %v", rep, err)
	}
}

func TestRepliesAndBouncesReachTheTimeline(t *testing.T) {
	col, st, srv := mailBook(t)
	acts := approveEmails(t, col, 2)
	if _, err := col.SendQueued(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	sent, _ := col.Outbox(app.OutSent)
	byCustomer := map[int64]app.OutboxItem{}
	for _, it := range sent {
		byCustomer[it.CustomerID] = it
	}
	first, second := byCustomer[acts[0].CustomerID], byCustomer[acts[1].CustomerID]
	threaded := "From: someone.else@elsewhere.example\r\nSubject: Re: " + first.Subject + "\r\nMessage-ID: <x1@elsewhere.example>\r\nIn-Reply-To: <" + first.MessageID + ">\r\n\r\nWe pay Friday.\r\n"
	byAddress := "From: <" + strings.ToUpper(second.To) + ">\r\nSubject: question\r\nMessage-ID: <x2@elsewhere.example>\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nWhich invoice?\r\n"
	stranger := "From: spam@elsewhere.example\r\nSubject: offer\r\n\r\nbuy\r\n"
	for _, m := range []string{threaded, byAddress, stranger} {
		srv.Deliver(t, "INBOX", []byte(m))
	}
	rep, err := col.FetchReplies(context.Background())
	if err != nil || rep.Replies != 2 || rep.Skipped != 1 {
		t.Fatalf("fetch: %+v %v", rep, err)
	}
	rs, _ := col.Replies(first.CustomerID)
	if len(rs) != 1 || !strings.Contains(rs[0].Text, "We pay Friday") {
		t.Fatalf("replies of the first customer: %+v", rs)
	}
	if d, err := col.CS.Document(rs[0].SHA256); err != nil || string(d.Content) != threaded {
		t.Fatal("the reply is not stored as received")
	}
	cd, _ := col.CS.CaseData([]int64{first.CustomerID}, nil, col.Today())
	if len(cd) != 1 || cd[0].HoldReason != app.ReplyHoldReason {
		t.Fatalf("the ladder does not wait for the reply: %+v", cd)
	}
	if err := col.MarkReplyRead(rs[0]); err != nil {
		t.Fatal(err)
	}
	if cd, _ := col.CS.CaseData([]int64{first.CustomerID}, nil, col.Today()); cd[0].HoldReason != "" {
		t.Fatal("reading the reply did not lift the hold")
	}
	if again, _ := col.FetchReplies(context.Background()); again.Replies+again.Skipped != 0 {
		t.Fatalf("messages picked up twice: %+v", again)
	}
	bounce := "From: MAILER-DAEMON@example.com\r\nSubject: Undelivered\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n--B\r\n" +
		"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\nFinal-Recipient: rfc822; " + second.To + "\r\nAction: failed\r\n--B--\r\n"
	srv.Deliver(t, "INBOX", []byte(bounce))
	if rep, err := col.FetchReplies(context.Background()); err != nil || rep.Bounces != 1 {
		t.Fatalf("bounce: %+v %v", rep, err)
	}
	if addr, failing, _ := st.FailingAddress(second.CustomerID); !failing || !strings.EqualFold(addr, second.To) {
		t.Fatal("the bounced address is not marked failing")
	}
	tl, _ := col.Store.Timeline(second.CustomerID, 3)
	if !strings.Contains(tl[0].Summary, "could not be delivered") || !strings.Contains(tl[0].Summary, "letters instead") {
		t.Fatalf("timeline after the bounce: %s", tl[0].Summary)
	}
	// The next email to the failing address is refused with a letter proposed instead.
	next := acts[1]
	next.Stage++
	if _, _, err := col.EmailPreview(col.Today(), next); app.CodeOf(err) != app.CodeBlocked || !strings.Contains(app.Sentence(err), "as a letter instead") {
		t.Fatalf("an email to a bounced address: %v", err)
	}
}

// Stopping while sending (the window closing) finishes the email going out and leaves the
// rest queued, none lost and none half-sent.
func TestStoppingLeavesTheRestQueued(t *testing.T) {
	col, _, srv := mailBook(t)
	approveEmails(t, col, 2)
	ctx, cancel := context.WithCancel(context.Background())
	rep, err := col.SendQueued(ctx, func(done, total int) { cancel() })
	if err != nil || rep.Sent != 1 || len(srv.Received()) != 1 {
		t.Fatalf("stopped after the first: %+v %v", rep, err)
	}
	if q, _ := col.Outbox(app.OutQueued); len(q) != 1 {
		t.Fatalf("%d left queued, want 1", len(q))
	}
	if s, _ := col.Outbox(app.OutSending); len(s) != 0 {
		t.Fatal("an email was left half-sent")
	}
}

func TestSendRespectsGuardsAtSendTime(t *testing.T) {
	col, _, srv := mailBook(t)
	a := approveEmails(t, col, 1)[0]
	if err := col.SetFlags(a.CustomerID, []string{app.FlagCease}); err != nil {
		t.Fatal(err)
	}
	rep, err := col.SendQueued(context.Background(), nil)
	if err != nil || rep.Failed != 1 || len(srv.Received()) != 0 {
		t.Fatalf("cease flagged after approval: %+v %v", rep, err)
	}
	f, _ := col.Outbox(app.OutFailed)
	if len(f) != 1 || !strings.Contains(f[0].Error, "cease") {
		t.Fatalf("%+v", f)
	}
}

func TestMailboxCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "1500", "--seed", "4", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	srv := mailtest.Start(t)
	pem := filepath.Join(dir, "server.pem")
	if err := os.WriteFile(pem, []byte(srv.CertPEM), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(passwordEnv, mailtest.Password)
	smtpAddr, imapAddr := fmt.Sprintf("127.0.0.1:%d", srv.SMTPPort), fmt.Sprintf("127.0.0.1:%d", srv.IMAPPort)
	for _, bad := range [][]string{
		{"--from", "not an address", "--smtp", smtpAddr, "--smtp-security", "tls", "--imap", imapAddr, "--imap-security", "tls", "--user", mailtest.User},
		{"--from", mailtest.User, "--smtp", "127.0.0.1:70000", "--smtp-security", "tls", "--imap", imapAddr, "--imap-security", "tls", "--user", mailtest.User},
		{"--from", mailtest.User, "--smtp", "smtp.example.com:25", "--smtp-security", "none", "--imap", imapAddr, "--imap-security", "tls", "--user", mailtest.User},
	} {
		if code, _, errs := runCLI(t, append([]string{"mailbox", "set", "--db", db}, bad...)...); code != 1 || errs == "" {
			t.Fatalf("%v accepted: %d %s", bad, code, errs)
		}
	}
	if code, _, errs := runCLI(t, "mailbox", "test", "--db", db); code != 1 || !strings.Contains(errs, "no mailbox is set up") {
		t.Fatalf("test before set up: %d %s", code, errs)
	}
	args := []string{"mailbox", "set", "--db", db, "--from", mailtest.User, "--name", "Corner Shop", "--smtp", smtpAddr, "--smtp-security", "tls",
		"--imap", imapAddr, "--imap-security", "tls", "--user", mailtest.User}
	if code, _, errs := runCLI(t, args...); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "mailbox", "test", "--db", db); code != 1 || !strings.Contains(errs, "not trusted") {
		t.Fatalf("the test certificate was trusted without --trust-cert: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, append(args, "--trust-cert", pem)...); code != 0 {
		t.Fatal(errs)
	}
	if raw, _ := os.ReadFile(db); bytes.Contains(raw, []byte(mailtest.Password)) {
		t.Fatal("the password is in the book")
	}
	if code, out, errs := runCLI(t, "mailbox", "test", "--db", db); code != 0 || !strings.Contains(out, "Sent folder was found") {
		t.Fatalf("test: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "send", "--db", db, "--as-of", "2026-11-22"); code != 0 || !strings.Contains(out, "0 sent") || len(srv.Received()) != 0 {
		t.Fatalf("send sent what nobody approved: %d %s %s", code, out, errs)
	}
	code, out, errs := runCLI(t, "approve", "--db", db, "--as-of", "2026-11-22", "--channel", "email")
	if code != 0 || !strings.Contains(out, "actions approved") {
		t.Fatalf("approve: %d %s %s", code, out, errs)
	}
	code, out, errs = runCLI(t, "send", "--db", db, "--as-of", "2026-11-22")
	if code != 0 || len(srv.Received()) == 0 || !strings.Contains(out, fmt.Sprintf("%d sent", len(srv.Received()))) {
		t.Fatalf("send: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "fetch", "--db", db); code != 0 || !strings.Contains(out, "0 replies") {
		t.Fatalf("fetch: %d %s %s", code, out, errs)
	}
}

// An email approved by day waits in the outbox while it is night where the customer is, and
// goes out once the hours allow.
func TestSendWaitsForTheCustomersHours(t *testing.T) {
	col, _, srv := mailBook(t)
	a := approveEmails(t, col, 1)[0]
	cust, _ := col.Store.Customer(a.CustomerID)
	cust.TimeZone = "Europe/Berlin"
	if _, err := col.UpdateCustomer(cust); err != nil {
		t.Fatal(err)
	}
	night := *col
	night.Ledger = &app.Ledger{Store: col.Store, Clock: app.FixedClock(time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC))}
	rep, err := night.SendQueued(context.Background(), nil)
	if err != nil || rep.Sent != 0 || rep.Retrying != 1 || len(srv.Received()) != 0 {
		t.Fatalf("at 03:00 in Berlin: %+v %v", rep, err)
	}
	q, _ := col.Outbox(app.OutQueued)
	if len(q) != 1 || !q[0].NextAt.Equal(time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)) || !strings.Contains(q[0].Error, "hours") {
		t.Fatalf("queued: %+v", q)
	}
	morning := *col
	morning.Ledger = &app.Ledger{Store: col.Store, Clock: app.FixedClock(time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC))}
	if rep, err := morning.SendQueued(context.Background(), nil); err != nil || rep.Sent != 1 {
		t.Fatalf("at 08:30 in Berlin: %+v %v", rep, err)
	}
}

// A letter-and-email action prints the letter and queues the email with the letter attached;
// with "attach the letter" set, an email action carries its letter too.
func TestLetterAndEmailAndAttachedLetter(t *testing.T) {
	col, _, _ := mailBook(t)
	ladders, err := col.Ladders()
	if err != nil {
		t.Fatal(err)
	}
	for i := range ladders[0].Stages {
		if ladders[0].Stages[i].Channel == app.ChannelLetter {
			ladders[0].Stages[i].Channel = app.ChannelBoth
		}
	}
	if _, err := col.SaveLadder(ladders[0]); err != nil {
		t.Fatal(err)
	}
	q, err := col.Queue(app.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var both *app.Action
	for i, a := range q.Actions {
		if c, _ := col.Store.Customer(a.CustomerID); a.Channel == app.ChannelBoth && !a.Blocked() && app.CheckEmailAddress(c.Email) == nil {
			both = &q.Actions[i]
			break
		}
	}
	if both == nil {
		t.Fatal("no letter-and-email action in the sample")
	}
	if err := col.ApproveAction(app.Date{}, *both); err != nil {
		t.Fatal(err)
	}
	out, _ := col.Outbox(app.OutQueued)
	if len(out) != 1 || out[0].CustomerID != both.CustomerID {
		t.Fatalf("outbox: %+v", out)
	}
	doc, _ := col.CS.Document(out[0].SHA256)
	if !bytes.Contains(doc.Content, []byte("Content-Type: application/pdf")) {
		t.Fatal("the letter is not attached to its email")
	}
	if p, _ := col.PendingPrints(); len(p) != 1 {
		t.Fatal("the letter is not on the list to print")
	}
	s, _, _ := col.MailboxSettings()
	s.AttachPDF = true
	if err := col.SetUpMailbox(s, ""); err != nil {
		t.Fatal(err)
	}
	approveEmails(t, col, 1)
	out, _ = col.Outbox(app.OutQueued)
	doc, _ = col.CS.Document(out[0].SHA256)
	if len(out) != 2 || !bytes.Contains(doc.Content, []byte("Content-Type: application/pdf")) {
		t.Fatal("an email action does not carry its letter when asked to")
	}
}

// A provider that accepts only its own sign-in: the owner signs in through the browser, the
// permission goes to the credential store, and emails go out over XOAUTH2.
func TestSignInThroughTheBrowserAndSend(t *testing.T) {
	col, st, srv := mailBook(t)
	secrets := &app.MemorySecrets{}
	col = mailServices(st, col.Clock, secrets, nil).Collections
	o := mailtest.StartProvider(t)
	s := srv.Settings()
	s.OAuth = &o
	if err := col.SetUpMailbox(s, ""); err != nil {
		t.Fatal(err)
	}
	if err := col.TestMailbox(context.Background()); err == nil || !strings.Contains(app.Sentence(err), "sign in with google") {
		t.Fatalf("before signing in: %v", err)
	}
	if err := col.SignInMailbox(context.Background(), mailtest.Browser); err != nil {
		t.Fatal(err)
	}
	if tok, _ := secrets.Get(app.SignInKey(mailtest.User)); tok != "refresh-1" {
		t.Fatalf("the credential store holds %q", tok)
	}
	srv.AcceptToken("fresh-access")
	approveEmails(t, col, 1)
	if rep, err := col.SendQueued(context.Background(), nil); err != nil || rep.Sent != 1 || rep.Filed != 1 {
		t.Fatalf("send after signing in: %+v %v", rep, err)
	}
}

func TestPasswordFromTheEnvironmentIsNoSignIn(t *testing.T) {
	t.Setenv(passwordEnv, "from-env")
	s := cliSecrets{&app.MemorySecrets{}}
	if pw, err := s.Get(mailtest.User); err != nil || pw != "from-env" {
		t.Fatalf("password: %q %v", pw, err)
	}
	if _, err := s.Get(app.SignInKey(mailtest.User)); app.CodeOf(err) != app.CodeNotFound {
		t.Fatalf("the environment's password was taken for a sign-in: %v", err)
	}
}
