package mailbox_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"duebook/app"
	"duebook/app/mailbox"
	"duebook/app/mailbox/mailtest"
)

func box(s app.MailSettings, pw string) *mailbox.Box {
	return mailbox.New(s, func() (string, error) { return pw, nil })
}

const msg = "From: shop@example.com\r\nTo: anna@customer.example\r\nSubject: Reminder\r\nMessage-ID: <r1.abc@example.com>\r\n\r\nPlease pay.\r\n"

func sendErr(t *testing.T, err error) *app.SendError {
	t.Helper()
	var se *app.SendError
	if !errors.As(err, &se) {
		t.Fatalf("want a SendError, got %v", err)
	}
	return se
}

func TestSendFilesByteIdenticalCopy(t *testing.T) {
	srv := mailtest.Start(t)
	b := box(srv.Settings(), mailtest.Password)
	if err := b.Test(context.Background()); err != nil {
		t.Fatalf("test: %v", err)
	}
	raw := []byte(msg)
	if err := b.Send(context.Background(), mailtest.User, []string{"anna@customer.example"}, raw); err != nil {
		t.Fatal(err)
	}
	got := srv.Received()
	if len(got) != 1 || !bytes.Equal(got[0].Data, raw) || got[0].To[0] != "anna@customer.example" {
		t.Fatalf("server got %+v", got)
	}
	if err := b.FileSent(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
	sent := srv.Folder(t, "Sent")
	if len(sent) != 1 || !bytes.Equal(sent[0], raw) {
		t.Fatalf("Sent holds %q", sent)
	}
	for id, want := range map[string]bool{"r1.abc@example.com": true, "<r1.abc@example.com>": true, "r1.ab": false, "other@example.com": false} {
		if in, err := b.InSent(context.Background(), id); err != nil || in != want {
			t.Errorf("InSent(%q) = %v, %v; want %v", id, in, err, want)
		}
	}
}

func TestAuthenticationFailureIsNamed(t *testing.T) {
	srv := mailtest.Start(t)
	b := box(srv.Settings(), "wrong")
	err := b.Test(context.Background())
	if err == nil || !strings.Contains(app.Sentence(err), "authentication failed") {
		t.Fatalf("test with a wrong password: %v", err)
	}
	se := sendErr(t, b.Send(context.Background(), mailtest.User, []string{"a@b.example"}, []byte(msg)))
	if se.Fate != app.FatePermanent || len(srv.Received()) != 0 {
		t.Fatalf("fate %s, received %d", se.Fate, len(srv.Received()))
	}
	if _, err := box(srv.Settings(), "wrong").Fetch(context.Background(), 0); err == nil || !strings.Contains(app.Sentence(err), "authentication failed") {
		t.Fatalf("IMAP with a wrong password: %v", err)
	}
}

func TestUntrustedCertificateIsRefused(t *testing.T) {
	srv := mailtest.Start(t)
	s := srv.Settings()
	s.TrustCert = "" // the test certificate is signed by nobody the system trusts
	err := box(s, mailtest.Password).Test(context.Background())
	if err == nil || !strings.Contains(app.Sentence(err), "certificate") || !strings.Contains(app.Sentence(err), "not trusted") {
		t.Fatalf("want the certificate named, got %v", err)
	}
	_, other := mailtest.Cert(t)
	s.TrustCert = other // pinning another certificate does not trust this one
	if err := box(s, mailtest.Password).Test(context.Background()); err == nil || !strings.Contains(app.Sentence(err), "not trusted") {
		t.Fatalf("a different pinned certificate was accepted: %v", err)
	}
	if len(srv.Received()) != 0 {
		t.Fatal("something was sent")
	}
}

func TestHostNotFoundAndRefused(t *testing.T) {
	srv := mailtest.Start(t)
	s := srv.Settings()
	s.SMTPHost = "no-such-host.invalid"
	if err := box(s, mailtest.Password).Test(context.Background()); err == nil || !strings.Contains(app.Sentence(err), "not found") {
		t.Fatalf("unknown host: %v", err)
	}
	s = srv.Settings()
	srv.StopIMAP()
	if err := box(s, mailtest.Password).Test(context.Background()); err == nil || !strings.Contains(app.Sentence(err), "refused the connection") {
		t.Fatalf("closed port: %v", err)
	}
}

func TestTemporaryPermanentAndCutFailures(t *testing.T) {
	srv := mailtest.Start(t)
	b := box(srv.Settings(), mailtest.Password)
	srv.Set(&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}, false, false)
	se := sendErr(t, b.Send(context.Background(), mailtest.User, []string{"a@b.example"}, []byte(msg)))
	if se.Fate != app.FateTemporary || !strings.Contains(se.Words, "Try again later") {
		t.Fatalf("451: %+v", se)
	}
	srv.Set(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "Mailbox unavailable"}, false, false)
	se = sendErr(t, b.Send(context.Background(), mailtest.User, []string{"a@b.example"}, []byte(msg)))
	if se.Fate != app.FatePermanent || !strings.Contains(se.Words, "Mailbox unavailable") {
		t.Fatalf("550: %+v", se)
	}
	srv.Set(nil, true, false)
	se = sendErr(t, b.Send(context.Background(), mailtest.User, []string{"a@b.example"}, []byte(msg)))
	if se.Fate != app.FateUnknown {
		t.Fatalf("cut during DATA: %+v", se)
	}
}

func TestFetchRepliesAndBounce(t *testing.T) {
	srv := mailtest.Start(t)
	b := box(srv.Settings(), mailtest.Password)
	reply := "From: Anna <Anna@Customer.example>\r\nTo: shop@example.com\r\nSubject: =?utf-8?q?Re:_Erinnerung_=C3=BCber?=\r\nMessage-ID: <x1@customer.example>\r\n" +
		"In-Reply-To: <r1.abc@example.com>\r\nReferences: <r0@example.com> <r1.abc@example.com>\r\nContent-Type: text/plain; charset=iso-8859-1\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n\r\nIch zahle n=E4chste Woche.\r\n"
	bounce := "From: MAILER-DAEMON@example.com\r\nTo: shop@example.com\r\nSubject: Undelivered\r\nMessage-ID: <b1@example.com>\r\n" +
		"Content-Type: multipart/report; report-type=delivery-status; boundary=\"BB\"\r\n\r\n--BB\r\nContent-Type: text/plain\r\n\r\nCould not deliver.\r\n" +
		"--BB\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\nFinal-Recipient: rfc822; gone@customer.example\r\nAction: failed\r\nStatus: 5.1.1\r\n" +
		"--BB\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <r2.abc@example.com>\r\nSubject: Reminder\r\n--BB--\r\n"
	broken := "From: bob@customer.example\r\nSubject: =?x-unknown?q?=FF?=\r\nContent-Type: multipart/mixed; boundary=\"nope\"\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nhello \xff there\r\n"
	for _, m := range []string{reply, bounce, broken} {
		srv.Deliver(t, "INBOX", []byte(m))
	}
	got, err := b.Fetch(context.Background(), 0)
	if err != nil || len(got) != 3 {
		t.Fatalf("fetch: %d, %v", len(got), err)
	}
	r := got[0]
	if string(r.Raw) != reply || r.From != "anna@customer.example" || r.InReplyTo[0] != "r1.abc@example.com" || len(r.References) != 2 ||
		r.Subject != "Re: Erinnerung über" || !strings.Contains(r.Text, "nächste Woche") {
		t.Fatalf("reply read as %+v", r)
	}
	if bo := got[1]; !bo.Bounce || len(bo.Failed) != 1 || bo.Failed[0] != "gone@customer.example" || !contains(bo.References, "r2.abc@example.com") {
		t.Fatalf("bounce read as %+v", bo)
	}
	if br := got[2]; string(br.Raw) != broken || br.From != "bob@customer.example" {
		t.Fatalf("broken message read as %+v", br)
	}
	again, err := b.Fetch(context.Background(), got[2].UID)
	if err != nil || len(again) != 0 {
		t.Fatalf("nothing newer than the last UID, got %d, %v", len(again), err)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestWaitForMailReturnsWhenAMessageArrives(t *testing.T) {
	srv := mailtest.Start(t)
	b := box(srv.Settings(), mailtest.Password)
	done := make(chan error, 1)
	go func() { done <- b.WaitForMail(context.Background()) }()
	time.Sleep(200 * time.Millisecond) // the IDLE is running
	select {
	case err := <-done:
		t.Fatalf("returned before any mail: %v", err)
	default:
	}
	srv.Deliver(t, "INBOX", []byte(msg))
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("IDLE did not hear the new message")
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- b.WaitForMail(ctx) }()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("waiting did not stop when asked")
	}
}

// The folder the server marks \Sent wins over a folder merely named Sent.
func TestSentFolderBySpecialUse(t *testing.T) {
	srv := mailtest.Start(t)
	srv.MarkSent(t, "Gesendete Elemente")
	b := box(srv.Settings(), mailtest.Password)
	if err := b.FileSent(context.Background(), []byte(msg)); err != nil {
		t.Fatal(err)
	}
	if got := srv.Folder(t, "Gesendete Elemente"); len(got) != 1 || string(got[0]) != msg {
		t.Fatalf("the marked folder holds %q", got)
	}
	if len(srv.Folder(t, "Sent")) != 0 {
		t.Fatal("the copy went to the folder named Sent")
	}
	if in, err := b.InSent(context.Background(), "r1.abc@example.com"); err != nil || !in {
		t.Fatalf("not found in the marked folder: %v %v", in, err)
	}
}

func TestNoSentFolderIsNamed(t *testing.T) {
	srv := mailtest.Start(t)
	srv.DeleteFolder(t, "Sent")
	b := box(srv.Settings(), mailtest.Password)
	if err := b.Test(context.Background()); err == nil || !strings.Contains(app.Sentence(err), "no Sent folder") {
		t.Fatalf("test without a Sent folder: %v", err)
	}
	if err := b.FileSent(context.Background(), []byte(msg)); err == nil {
		t.Fatal("filed into a folder that does not exist")
	}
}
