package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"golang.org/x/term"

	"duebook/app"
)

func init() {
	commands["mailbox"] = command{"set up or test the mailbox emails are sent from (mailbox set|test)", cmdMailbox}
	commands["send"] = command{"send the approved emails waiting in the outbox", cmdSend}
	commands["fetch"] = command{"pick up customers' replies from the mailbox", cmdFetch}
}

// passwordEnv gives the mailbox password to commands, never a flag.
const passwordEnv = "DUEBOOK_MAIL_PASSWORD"

// cliSecrets is the environment's password first, then the credential store.
type cliSecrets struct{ app.SecretStore }

func (s cliSecrets) Get(user string) (string, error) {
	// The variable is a password: a browser sign-in's permission comes from the store only.
	if pw := os.Getenv(passwordEnv); pw != "" && !strings.HasPrefix(user, app.SignInKey("")) {
		return pw, nil
	}
	return s.SecretStore.Get(user)
}

// askTerminal asks for the password on the terminal without echo.
func askTerminal(stderr io.Writer) func(user string) (string, error) {
	return func(user string) (string, error) {
		if !term.IsTerminal(int(os.Stdin.Fd())) {
			return "", app.Errorf(app.CodeMailbox, "the mailbox password is not known: set %s or run the command on a terminal to be asked", passwordEnv)
		}
		fmt.Fprintf(stderr, "Mailbox password for %s: ", user)
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", app.Wrap(app.CodeMailbox, err, "the password could not be read")
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
}

// askPassword asks the owner for the mailbox password when no credential is stored: on the
// terminal for a command; the window puts its own dialog here.
var askPassword = askTerminal(os.Stderr)

// openMail opens the book with the mailbox wired for a command.
func openMail(db, asOf string, stderr io.Writer) (*app.Collections, func(), error) {
	return openCollections(db, asOf)
}

func cmdMailbox(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "set" && args[0] != "test" && args[0] != "signin") {
		fmt.Fprintln(stderr, "Usage: duebook mailbox set|test|signin --db FILE ... (duebook mailbox set --help)")
		return 2
	}
	switch args[0] {
	case "test":
		return cmdMailboxTest(args[1:], stdout, stderr)
	case "signin":
		return cmdMailboxSignIn(args[1:], stdout, stderr)
	}
	return cmdMailboxSet(args[1:], stdout, stderr)
}

func cmdMailboxSet(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("mailbox set", "mailbox set --db FILE --from ADDRESS [--name NAME] --smtp HOST:PORT --smtp-security tls|starttls|none --imap HOST:PORT --imap-security tls|starttls|none --user NAME [--trust-cert FILE.pem] [--preset NAME] [--per-minute N] [--per-day N] [--attach-pdf] [--oauth google|microsoft --client-id ID]", stderr)
	db := fs.String("db", "", "the database file")
	from := fs.String("from", "", "the address emails come from")
	name := fs.String("name", "", "the name shown beside it (default: none)")
	smtpAddr := fs.String("smtp", "", "the outgoing server as host:port")
	smtpSec := fs.String("smtp-security", "", "tls (implicit, port 465), starttls (port 587) or none (only for this computer)")
	imapAddr := fs.String("imap", "", "the incoming server as host:port")
	imapSec := fs.String("imap-security", "", "tls (implicit, port 993), starttls (port 143) or none (only for this computer)")
	user := fs.String("user", "", "the mailbox's user name (often the address)")
	trust := fs.String("trust-cert", "", "a PEM certificate of your own mail server to trust")
	preset := fs.String("preset", "", "fill the servers of a provider: "+presetNames())
	perMinute := fs.Int("per-minute", 0, "at most this many emails a minute (default 20)")
	perDay := fs.Int("per-day", 0, "at most this many emails a day (default 400)")
	attach := fs.Bool("attach-pdf", false, "attach the letter as a PDF to each email")
	oauth := fs.String("oauth", "", "sign in through the browser instead of a password: google or microsoft")
	clientID := fs.String("client-id", "", "with --oauth: the client id registered for Duebook with the provider")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		s := app.MailSettings{From: *from, Name: *name, User: *user, SMTPSecurity: app.Security(*smtpSec), IMAPSecurity: app.Security(*imapSec),
			PerMinute: *perMinute, PerDay: *perDay, AttachPDF: *attach}
		if *preset != "" {
			p, ok := app.PresetNamed(*preset)
			if !ok {
				return usageErr(stderr, fs, "no preset %q; there are %s", *preset, presetNames())
			}
			s = p.Apply(s)
			fmt.Fprintln(stdout, p.Note)
		}
		if err := serverFlags(&s, *smtpAddr, *imapAddr, *smtpSec, *imapSec, *trust); err != nil {
			return err
		}
		if *oauth != "" {
			s.OAuth = &app.OAuthSettings{Provider: *oauth, ClientID: *clientID}
		}
		if err := s.Validate(); err != nil {
			return err
		}
		col, done, err := openMail(*db, "", stderr)
		if err != nil {
			return err
		}
		defer done()
		if s.OAuth != nil {
			if err := col.SetUpMailbox(s, ""); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Mailbox set up to sign in with %s: run duebook mailbox signin --db %s next.\n", s.OAuth.Provider, *db)
			return nil
		}
		pw := os.Getenv(passwordEnv)
		if pw == "" {
			if pw, err = askTerminal(stderr)(s.User); err != nil {
				return err
			}
		}
		if err := col.SetUpMailbox(s, pw); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Mailbox set up: emails go from %s through %s:%d; replies are read from %s:%d. The password is kept in this computer's credential store, not in the book.\n",
			s.From, s.SMTPHost, s.SMTPPort, s.IMAPHost, s.IMAPPort)
		return nil
	}()
	return finish(err, stderr)
}

// serverFlags puts the servers, their security and a trusted certificate given as flags into
// the settings, over what a preset filled in.
func serverFlags(s *app.MailSettings, smtpAddr, imapAddr, smtpSec, imapSec, trust string) error {
	var err error
	if smtpAddr != "" {
		if s.SMTPHost, s.SMTPPort, err = app.ParseHostPort(smtpAddr); err != nil {
			return err
		}
	}
	if imapAddr != "" {
		if s.IMAPHost, s.IMAPPort, err = app.ParseHostPort(imapAddr); err != nil {
			return err
		}
	}
	if smtpSec != "" {
		s.SMTPSecurity = app.Security(smtpSec)
	}
	if imapSec != "" {
		s.IMAPSecurity = app.Security(imapSec)
	}
	if trust != "" {
		b, err := os.ReadFile(trust)
		if err != nil {
			return app.Wrap(app.CodeInvalid, err, "the certificate file %s cannot be read", trust)
		}
		s.TrustCert = string(b)
	}
	return nil
}

func presetNames() string {
	var n []string
	for _, p := range app.Presets {
		n = append(n, fmt.Sprintf("%q", p.Name))
	}
	return strings.Join(n, ", ")
}

func cmdMailboxTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("mailbox test", "mailbox test --db FILE", stderr)
	db := fs.String("db", "", "the database file")
	err := func() error {
		if _, err := parse(fs, args); err != nil {
			return err
		}
		col, done, err := openMail(*db, "", stderr)
		if err != nil {
			return err
		}
		defer done()
		if err := col.TestMailbox(context.Background()); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Both servers answer, the login works and the Sent folder was found.")
		return nil
	}()
	return finish(err, stderr)
}

func cmdSend(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("send", "send --db FILE [--as-of DATE]", stderr)
	db := fs.String("db", "", "the database file")
	asOf := fs.String("as-of", "", "the day the guards are checked for (default: today)")
	err := func() error {
		if _, err := parse(fs, args); err != nil {
			return err
		}
		col, done, err := openMail(*db, *asOf, stderr)
		if err != nil {
			return err
		}
		defer done()
		// Ctrl-C stops between emails: what is left stays queued.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		rep, err := col.SendQueued(ctx, func(done, total int) { fmt.Fprintf(stderr, "\rsent %d of %d", done, total) })
		fmt.Fprintln(stderr)
		if err != nil {
			return err
		}
		printSendReport(stdout, rep)
		return nil
	}()
	return finish(err, stderr)
}

func printSendReport(w io.Writer, rep app.SendReport) {
	fmt.Fprintf(w, "%d sent, %d to try again later, %d failed", rep.Sent, rep.Retrying, rep.Failed)
	if rep.Recovered > 0 {
		fmt.Fprintf(w, ", %d found in Sent after an interruption", rep.Recovered)
	}
	if rep.Waiting > 0 {
		fmt.Fprintf(w, ", %d wait for the sending limit", rep.Waiting)
	}
	fmt.Fprintf(w, "; %d copies filed in Sent.\n", rep.Filed)
	for _, p := range rep.Problems {
		fmt.Fprintln(w, "  "+p)
	}
}

func cmdFetch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fetch", "fetch --db FILE", stderr)
	db := fs.String("db", "", "the database file")
	err := func() error {
		if _, err := parse(fs, args); err != nil {
			return err
		}
		col, done, err := openMail(*db, "", stderr)
		if err != nil {
			return err
		}
		defer done()
		rep, err := col.FetchReplies(context.Background())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d replies and %d delivery reports picked up; %d other messages left alone.\n", rep.Replies, rep.Bounces, rep.Skipped)
		unread, err := col.MS.UnreadReplies()
		if err != nil {
			return err
		}
		for _, r := range unread {
			fmt.Fprintf(stdout, "  unread: customer %d, %s: %q\n", r.CustomerID, r.From, r.Subject)
		}
		return nil
	}()
	return finish(err, stderr)
}

func cmdMailboxSignIn(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("mailbox signin", "mailbox signin --db FILE", stderr)
	db := fs.String("db", "", "the database file")
	err := func() error {
		if _, err := parse(fs, args); err != nil {
			return err
		}
		col, done, err := openMail(*db, "", stderr)
		if err != nil {
			return err
		}
		defer done()
		err = col.SignInMailbox(context.Background(), func(url string) error {
			fmt.Fprintf(stdout, "Open this address in your browser and sign in:\n%s\n", url)
			return nil
		})
		if err == nil {
			fmt.Fprintln(stdout, "Signed in. The permission is kept in this computer's credential store, not in the book.")
		}
		return err
	}()
	return finish(err, stderr)
}
