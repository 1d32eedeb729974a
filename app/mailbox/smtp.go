package mailbox

import (
	"context"
	"errors"
	"net/textproto"
	"time"

	mail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"duebook/app"
)

// dialSMTP connects, secures and logs in.
func (b *Box) dialSMTP(ctx context.Context) (*smtp.Client, error) {
	s := b.S
	pw, err := b.secret(ctx)
	if err != nil {
		return nil, err
	}
	tc, err := b.tlsConfig(s.SMTPHost)
	if err != nil {
		return nil, err
	}
	opts := []mail.Option{mail.WithPort(s.SMTPPort), mail.WithTLSConfig(tc), mail.WithUsername(s.User), mail.WithPassword(pw),
		mail.WithTimeout(30 * time.Second), mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithHELO(s.Domain())}
	switch s.SMTPSecurity {
	case app.SecurityTLS:
		opts = append(opts, mail.WithSSL())
	case app.SecurityStartTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	default: // none: validated to be this computer
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS), mail.WithSMTPAuth(mail.SMTPAuthPlainNoEnc))
	}
	if s.OAuth != nil {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthXOAUTH2))
	}
	mc, err := mail.NewClient(s.SMTPHost, opts...)
	if err != nil {
		return nil, app.Wrap(app.CodeMailbox, err, "the outgoing (SMTP) settings cannot be used")
	}
	c, err := mc.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return nil, Problem("outgoing (SMTP)", s.SMTPHost, s.SMTPPort, err)
	}
	return c, nil
}

// Send hands the exact bytes to the SMTP server. A refusal before DATA ends is temporary (4xx,
// or the server could not be reached) or permanent (5xx); a connection lost while the message
// was going out is unknown: the caller looks in Sent before trying again.
func (b *Box) Send(ctx context.Context, from string, to []string, raw []byte) error {
	c, err := b.dialSMTP(ctx)
	if err != nil {
		var ae *app.Error
		if errors.As(err, &ae) && isAuthFailure(err) {
			return &app.SendError{Fate: app.FatePermanent, Words: app.Sentence(err), Err: err}
		}
		return &app.SendError{Fate: app.FateTemporary, Words: app.Sentence(err), Err: err}
	}
	defer c.Close()
	if err := c.Mail(from); err != nil {
		return refusal(err, app.FateTemporary)
	}
	for _, r := range to {
		if err := c.Rcpt(r); err != nil {
			return refusal(err, app.FateTemporary)
		}
	}
	w, err := c.Data()
	if err != nil {
		return refusal(err, app.FateTemporary)
	}
	if _, err := w.Write(raw); err != nil {
		w.Close()
		return refusal(err, app.FateUnknown)
	}
	if err := w.Close(); err != nil {
		return refusal(err, app.FateUnknown)
	}
	_ = c.Quit() // accepted: a failing QUIT changes nothing
	return nil
}

// refusal classifies a server reply; anything that is not a reply takes the fate given.
func refusal(err error, otherwise app.SendFate) error {
	var tp *textproto.Error
	if errors.As(err, &tp) {
		fate := app.FatePermanent
		if tp.Code >= 400 && tp.Code < 500 {
			fate = app.FateTemporary
		}
		return &app.SendError{Fate: fate, Words: tp.Error(), Err: err}
	}
	return &app.SendError{Fate: otherwise, Words: "the connection broke: " + err.Error(), Err: err}
}
