package mailbox_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"testing"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"

	"duebook/app/mailbox/mailtest"
)

// reminder is a typical reminder email of about 6 KB.
func reminder(i int) []byte {
	body := ""
	for len(body) < 6000 {
		body += "Please pay the open invoices listed below by the day named in this reminder.\r\n"
	}
	return []byte(fmt.Sprintf("From: shop@example.com\r\nTo: c%d@customer.example\r\nSubject: Reminder\r\nMessage-ID: <b%d@example.com>\r\n\r\n%s", i, i, body))
}

// BenchmarkSendThroughMailbox sends one email per operation the way Duebook does (a new TLS
// connection, login, MAIL, RCPT, DATA) against the in-process server.
func BenchmarkSendThroughMailbox(b *testing.B) {
	srv := mailtest.Start(b)
	box := mailboxFor(srv)
	i := 0
	for b.Loop() {
		if err := box.Send(context.Background(), mailtest.User, []string{"c@customer.example"}, reminder(i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSendBareClient is the same conversation with the server's own client library and
// nothing of Duebook: the floor that the server and TLS set.
func BenchmarkSendBareClient(b *testing.B) {
	srv := mailtest.Start(b)
	addr := fmt.Sprintf("127.0.0.1:%d", srv.SMTPPort)
	i := 0
	for b.Loop() {
		c, err := gosmtp.DialTLS(addr, &tls.Config{InsecureSkipVerify: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Auth(sasl.NewPlainClient("", mailtest.User, mailtest.Password)); err != nil {
			b.Fatal(err)
		}
		msg := reminder(i)
		if err := c.SendMail(mailtest.User, []string{"c@customer.example"}, bytesReader(msg)); err != nil {
			b.Fatal(err)
		}
		c.Quit()
		i++
	}
}

func mailboxFor(srv *mailtest.Servers) interface {
	Send(ctx context.Context, from string, to []string, raw []byte) error
} {
	return box(srv.Settings(), mailtest.Password)
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
