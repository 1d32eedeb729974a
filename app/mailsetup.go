package app

import (
	"context"
	"fmt"
	"sync"
)

// MailWiring builds the mailbox from the stored settings each time it is used, so that new
// settings take effect at once and the password is asked for only when a server needs it.
type MailWiring struct {
	// Connect makes the adapter for settings and a password source (app/mailbox.New).
	Connect func(s MailSettings, password func() (string, error)) Mailer
	// Secrets keeps the password: the credential store, or this session's memory.
	Secrets SecretStore
	// Ask asks the owner for the password when none is stored (a dialog, the terminal, or
	// the environment for the command line); nil where nobody can be asked.
	Ask func(user string) (string, error)
	// SignIn runs the browser sign-in of a provider that accepts only its own (XOAUTH2) and
	// returns the refresh token; open shows the sign-in page.
	SignIn func(ctx context.Context, o OAuthSettings, user string, open func(url string) error) (string, error)
}

// lazyMailer is the Mailer of the stored settings.
type lazyMailer struct {
	ms MailStore
	w  MailWiring
}

func (l lazyMailer) current() (Mailer, error) {
	s, ok, err := l.ms.MailSettings()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, Errorf(CodeMailbox, "no mailbox is set up: set it up in Settings or with duebook mailbox set")
	}
	if s.OAuth != nil {
		return l.w.Connect(s, func() (string, error) { return l.signedIn(s) }), nil
	}
	return l.w.Connect(s, func() (string, error) { return l.password(s.User) }), nil
}

// signedIn is the refresh token of a browser sign-in; nobody is asked for it.
func (l lazyMailer) signedIn(s MailSettings) (string, error) {
	if l.w.Secrets != nil {
		if tok, err := l.w.Secrets.Get(SignInKey(s.User)); err == nil {
			return tok, nil
		}
	}
	return "", Errorf(CodeMailbox, "sign in with %s through the browser first (mailbox settings, or duebook mailbox signin)", s.OAuth.Provider)
}

func (l lazyMailer) password(user string) (string, error) {
	if l.w.Secrets != nil {
		pw, err := l.w.Secrets.Get(user)
		if err == nil {
			return pw, nil
		}
		if CodeOf(err) != CodeNotFound {
			return "", err
		}
	}
	if l.w.Ask == nil {
		return "", Errorf(CodeMailbox, "the mailbox password is not known: enter it in the mailbox settings")
	}
	pw, err := l.w.Ask(user)
	if err != nil {
		return "", err
	}
	if pw == "" {
		return "", Errorf(CodeMailbox, "no mailbox password was given")
	}
	if l.w.Secrets != nil {
		_ = l.w.Secrets.Set(user, pw) // kept in the credential store, or for this session
	}
	return pw, nil
}

func (l lazyMailer) Ready() bool {
	s, ok, err := l.ms.MailSettings()
	return err == nil && ok && s.Validate() == nil
}

func (l lazyMailer) Send(ctx context.Context, from string, to []string, raw []byte) error {
	m, err := l.current()
	if err != nil {
		return &SendError{Fate: FateTemporary, Words: Sentence(err), Err: err}
	}
	return m.Send(ctx, from, to, raw)
}

func (l lazyMailer) FileSent(ctx context.Context, raw []byte) error {
	m, err := l.current()
	if err != nil {
		return err
	}
	return m.FileSent(ctx, raw)
}

func (l lazyMailer) InSent(ctx context.Context, id string) (bool, error) {
	m, err := l.current()
	if err != nil {
		return false, err
	}
	return m.InSent(ctx, id)
}

func (l lazyMailer) Fetch(ctx context.Context, after uint32) ([]IncomingMail, error) {
	m, err := l.current()
	if err != nil {
		return nil, err
	}
	return m.Fetch(ctx, after)
}

func (l lazyMailer) Test(ctx context.Context) error {
	m, err := l.current()
	if err != nil {
		return err
	}
	return m.Test(ctx)
}

func (l lazyMailer) WaitForMail(ctx context.Context) error {
	m, err := l.current()
	if err != nil {
		return err
	}
	return m.WaitForMail(ctx)
}

// WaitForReplies returns when the inbox gets a message, so that replies are picked up at once
// while the window is open.
func (c *Collections) WaitForReplies(ctx context.Context) error {
	if c.Mail == nil || !c.Mail.Ready() {
		return Errorf(CodeMailbox, "no mailbox is set up")
	}
	return c.Mail.WaitForMail(ctx)
}

// MailboxSettings returns the stored mailbox settings; ok is false until one is set up.
func (c *Collections) MailboxSettings() (MailSettings, bool, error) {
	if c.MS == nil {
		return MailSettings{}, false, nil
	}
	return c.MS.MailSettings()
}

// SetUpMailbox checks and stores the settings; a password given goes to the credential store,
// never into the book.
func (c *Collections) SetUpMailbox(s MailSettings, password string) error {
	if c.MS == nil {
		return Errorf(CodeInternal, "the mailbox is not wired")
	}
	if err := s.Validate(); err != nil {
		return err
	}
	if password != "" {
		if c.Secrets == nil {
			return Errorf(CodeInternal, "there is no place to keep the password")
		}
		if err := c.Secrets.Set(s.User, password); err != nil {
			return err
		}
	}
	return c.MS.SaveMailSettings(s, c.event(0, "mailbox", fmt.Sprintf("Mailbox set up: emails go from %s through %s:%d", s.From, s.SMTPHost, s.SMTPPort),
		map[string]any{"from": s.From, "smtp": fmt.Sprintf("%s:%d", s.SMTPHost, s.SMTPPort), "imap": fmt.Sprintf("%s:%d", s.IMAPHost, s.IMAPPort)}))
}

// SignInKey names a browser sign-in's lasting permission in the credential store, apart from a
// password of the same user.
func SignInKey(user string) string { return "sign-in:" + user }

// SignInMailbox lets the owner sign in through the browser where the provider wants that; the
// lasting permission is kept in the credential store, like a password.
func (c *Collections) SignInMailbox(ctx context.Context, open func(url string) error) error {
	s, ok, err := c.MailboxSettings()
	if err != nil {
		return err
	}
	if !ok || s.OAuth == nil {
		return Errorf(CodeInvalid, "the mailbox is not set up to sign in through the browser: choose the sign-in (google or microsoft) first")
	}
	if c.signIn == nil || c.Secrets == nil {
		return Errorf(CodeInternal, "signing in is not wired")
	}
	token, err := c.signIn(ctx, *s.OAuth, s.User, open)
	if err != nil {
		return err
	}
	if err := c.Secrets.Set(SignInKey(s.User), token); err != nil {
		return err
	}
	return c.MS.SaveMailSettings(s, c.event(0, "mailbox", fmt.Sprintf("Signed in with %s for %s through the browser", s.OAuth.Provider, s.From), map[string]any{"from": s.From}))
}

// TestMailbox reaches both servers and names the exact problem.
func (c *Collections) TestMailbox(ctx context.Context) error {
	if c.Mail == nil {
		return Errorf(CodeMailbox, "no mailbox is set up")
	}
	return c.Mail.Test(ctx)
}

// MemorySecrets keeps passwords for this session only (tests, and where nothing else can).
type MemorySecrets struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *MemorySecrets) Get(user string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.m[user]; ok {
		return v, nil
	}
	return "", Errorf(CodeNotFound, "no mailbox password is known for %s", user)
}

func (s *MemorySecrets) Set(user, secret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[user] = secret
	return nil
}

func (s *MemorySecrets) Delete(user string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, user)
	return nil
}
