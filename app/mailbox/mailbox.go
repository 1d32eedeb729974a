// Package mailbox reaches the owner's own mailbox: it sends the shop's emails over SMTP
// (go-mail), files them in the Sent folder and reads replies over IMAP (go-imap v2).
package mailbox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"
	"syscall"

	"duebook/app"
)

// Box is the owner's mailbox as app.Mailer.
type Box struct {
	S app.MailSettings
	// Password gives the secret when a connection needs it: from the credential store, the
	// environment, or the owner's answer; it is never kept in the settings.
	Password func() (string, error)
}

var _ app.Mailer = (*Box)(nil)

// New is the mailbox for settings; nil settings mean none is set up.
func New(s app.MailSettings, password func() (string, error)) *Box {
	return &Box{S: s, Password: password}
}

// Ready tells whether the mailbox is set up.
func (b *Box) Ready() bool { return b != nil && b.S.Validate() == nil && b.Password != nil }

// tlsConfig trusts what the system trusts, plus the one certificate the owner chose to pin.
func (b *Box) tlsConfig(host string) (*tls.Config, error) {
	tc := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if b.S.TrustCert == "" {
		return tc, nil
	}
	pinned, err := app.ParseTrustCert([]byte(b.S.TrustCert))
	if err != nil {
		return nil, err
	}
	// The pinned certificate is accepted as it is (a shop's own server often has no
	// authority); any other goes through the usual verification.
	tc.InsecureSkipVerify = true
	tc.VerifyConnection = func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errors.New("the server sent no certificate")
		}
		if cs.PeerCertificates[0].Equal(pinned) {
			return nil
		}
		opts := x509.VerifyOptions{DNSName: host, Intermediates: x509.NewCertPool()}
		for _, c := range cs.PeerCertificates[1:] {
			opts.Intermediates.AddCert(c)
		}
		_, err := cs.PeerCertificates[0].Verify(opts)
		return err
	}
	return tc, nil
}

func (b *Box) password() (string, error) {
	if b.Password == nil {
		return "", app.Errorf(app.CodeMailbox, "the mailbox password is not known: set up the mailbox again")
	}
	return b.Password()
}

// Problem names what went wrong reaching a server, in the owner's words.
func Problem(what, host string, port int, err error) error {
	if err == nil {
		return nil
	}
	var ae *app.Error
	if errors.As(err, &ae) {
		return err
	}
	var dns *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var tp *textproto.Error
	switch {
	case errors.As(err, &dns):
		return app.Wrap(app.CodeMailbox, err, "the %s server %s was not found: check the host name", what, host)
	case errors.Is(err, syscall.ECONNREFUSED):
		return app.Wrap(app.CodeMailbox, err, "the %s server %s refused the connection on port %d: check the port and the security", what, host, port)
	case errors.As(err, &unknownCA), errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &invalid):
		return app.Wrap(app.CodeMailbox, err, "the certificate of the %s server %s is not trusted: Duebook does not accept it silently; if this is your own server, choose to trust its certificate", what, host)
	case errors.As(err, &tp) && (tp.Code == 535 || tp.Code == 534 || tp.Code == 530):
		return app.Wrap(app.CodeMailbox, err, "the %s server %s refused the user name or password (authentication failed); many providers want an app password", what, host)
	case isAuthFailure(err):
		return app.Wrap(app.CodeMailbox, err, "the %s server %s refused the user name or password (authentication failed); many providers want an app password", what, host)
	case isTimeout(err):
		return app.Wrap(app.CodeMailbox, err, "the %s server %s did not answer in time", what, host)
	}
	return app.Wrap(app.CodeMailbox, err, "the %s server %s could not be used", what, host)
}

func isAuthFailure(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "authenticationfailed") || strings.Contains(s, "authentication failed") ||
		strings.Contains(s, "invalid credentials") || strings.Contains(s, "535")
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded)
}

// Test reaches both servers, logs in, and finds the Sent folder.
func (b *Box) Test(ctx context.Context) error {
	if err := b.S.Validate(); err != nil {
		return err
	}
	c, err := b.dialSMTP(ctx)
	if err != nil {
		return err
	}
	c.Close()
	ic, err := b.dialIMAP()
	if err != nil {
		return err
	}
	defer ic.Close()
	if _, err := sentFolder(ic); err != nil {
		return err
	}
	return nil
}

func fmtAddr(host string, port int) string { return net.JoinHostPort(host, fmt.Sprint(port)) }
