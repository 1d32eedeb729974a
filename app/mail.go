package app

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// Security is how a connection to a mail server is protected.
type Security string

const (
	SecurityTLS      Security = "tls"      // implicit TLS from the first byte (ports 465, 993)
	SecurityStartTLS Security = "starttls" // plain greeting, then STARTTLS before anything else
	SecurityNone     Security = "none"     // no encryption: only for a server on this computer
)

// MailSettings say how Duebook reaches the owner's mailbox. The password is never here: it
// lives in the operating system's credential store (or is asked for each session).
type MailSettings struct {
	From         string   `json:"from"`
	Name         string   `json:"name,omitempty"`
	SMTPHost     string   `json:"smtp_host"`
	SMTPPort     int      `json:"smtp_port"`
	SMTPSecurity Security `json:"smtp_security"`
	IMAPHost     string   `json:"imap_host"`
	IMAPPort     int      `json:"imap_port"`
	IMAPSecurity Security `json:"imap_security"`
	User         string   `json:"user"`
	// TrustCert is a server certificate (PEM) the owner chose to trust, as a shop with its own
	// mail server needs; any other certificate that no authority vouches for is refused.
	TrustCert string `json:"trust_cert,omitempty"`
	// PerMinute and PerDay cap sending so that the provider does not block the shop; 0 takes
	// the defaults.
	PerMinute int `json:"per_minute,omitempty"`
	PerDay    int `json:"per_day,omitempty"`
	// AttachPDF attaches the letter, as it would print, to each email.
	AttachPDF bool `json:"attach_pdf,omitempty"`
	// OAuth, for a provider that accepts only its own sign-in (XOAUTH2), replaces the password:
	// the owner signs in through the browser and the refresh token is kept where the password
	// would be, in the credential store.
	OAuth *OAuthSettings `json:"oauth,omitempty"`
}

// OAuthSettings say where the owner signs in; the endpoints default to the provider's.
type OAuthSettings struct {
	Provider string   `json:"provider"` // "google" or "microsoft"
	ClientID string   `json:"client_id"`
	AuthURL  string   `json:"auth_url,omitempty"`
	TokenURL string   `json:"token_url,omitempty"`
	Scopes   []string `json:"scopes,omitempty"`
}

// OAuthProviders are the sign-ins Duebook knows, with their endpoints and the scopes mail needs.
var OAuthProviders = map[string]OAuthSettings{
	"google": {Provider: "google", AuthURL: "https://accounts.google.com/o/oauth2/v2/auth", TokenURL: "https://oauth2.googleapis.com/token",
		Scopes: []string{"https://mail.google.com/"}},
	"microsoft": {Provider: "microsoft", AuthURL: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
		TokenURL: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
		Scopes:   []string{"https://outlook.office.com/SMTP.Send", "https://outlook.office.com/IMAP.AccessAsUser.All", "offline_access"}},
}

// Resolved fills the provider's endpoints and scopes where the settings leave them empty.
func (o OAuthSettings) Resolved() (OAuthSettings, error) {
	p, ok := OAuthProviders[o.Provider]
	if !ok && (o.AuthURL == "" || o.TokenURL == "") {
		return o, Errorf(CodeInvalid, "the sign-in %q is not known: use google or microsoft", o.Provider)
	}
	if o.AuthURL == "" {
		o.AuthURL = p.AuthURL
	}
	if o.TokenURL == "" {
		o.TokenURL = p.TokenURL
	}
	if len(o.Scopes) == 0 {
		o.Scopes = p.Scopes
	}
	if strings.TrimSpace(o.ClientID) == "" {
		return o, Errorf(CodeInvalid, "signing in with %s needs a client id (registered for Duebook with the provider)", o.Provider)
	}
	return o, nil
}

// Limits are the sending caps in force.
func (s MailSettings) Limits() (perMinute, perDay int) {
	perMinute, perDay = s.PerMinute, s.PerDay
	if perMinute <= 0 {
		perMinute = 20
	}
	if perDay <= 0 {
		perDay = 400
	}
	return perMinute, perDay
}

// Domain is the part of the from address after the @: the shop's Message-IDs end in it.
func (s MailSettings) Domain() string {
	if i := strings.LastIndexByte(s.From, '@'); i >= 0 {
		return strings.ToLower(s.From[i+1:])
	}
	return "localhost"
}

// Validate refuses settings that cannot work, naming the field in the owner's words.
func (s MailSettings) Validate() error {
	if err := CheckEmailAddress(s.From); err != nil {
		return Errorf(CodeInvalid, "the from address %q is not an email address", s.From)
	}
	if strings.ContainsAny(s.Name, "\r\n") {
		return Errorf(CodeInvalid, "the display name must be one line")
	}
	for _, srv := range []struct {
		what, host string
		port       int
		sec        Security
	}{{"outgoing (SMTP)", s.SMTPHost, s.SMTPPort, s.SMTPSecurity}, {"incoming (IMAP)", s.IMAPHost, s.IMAPPort, s.IMAPSecurity}} {
		if err := checkServer(srv.what, srv.host, srv.port, srv.sec); err != nil {
			return err
		}
	}
	if strings.TrimSpace(s.User) == "" {
		return Errorf(CodeInvalid, "the user name of the mailbox is missing")
	}
	if s.TrustCert != "" {
		if _, err := ParseTrustCert([]byte(s.TrustCert)); err != nil {
			return err
		}
	}
	if s.OAuth != nil {
		if _, err := s.OAuth.Resolved(); err != nil {
			return err
		}
	}
	if s.PerMinute < 0 || s.PerDay < 0 || s.PerMinute > 1000 || s.PerDay > 100000 {
		return Errorf(CodeInvalid, "the sending limits must be from 0 (default) to 1,000 a minute and 100,000 a day")
	}
	return nil
}

func checkServer(what, host string, port int, sec Security) error {
	if host == "" || strings.ContainsAny(host, " /\\:@") {
		return Errorf(CodeInvalid, "the %s server %q is not a host name", what, host)
	}
	if port < 1 || port > 65535 {
		return Errorf(CodeInvalid, "the %s port %d is out of range: it must be from 1 to 65535", what, port)
	}
	switch sec {
	case SecurityTLS, SecurityStartTLS:
	case SecurityNone:
		if !IsLoopbackHost(host) {
			return Errorf(CodeInvalid, "the %s server %s would be reached without encryption: that is allowed only for 127.0.0.1 and localhost; choose tls or starttls", what, host)
		}
	default:
		return Errorf(CodeInvalid, "the %s security %q is not one of tls, starttls or none", what, sec)
	}
	return nil
}

// IsLoopbackHost tells whether host names this computer.
func IsLoopbackHost(host string) bool {
	return host == "127.0.0.1" || strings.EqualFold(host, "localhost") || host == "::1"
}

// ParseHostPort reads "host:port" as the owner types it.
func ParseHostPort(s string) (string, int, error) {
	host, p, err := net.SplitHostPort(strings.TrimSpace(s))
	if err != nil {
		return "", 0, Errorf(CodeInvalid, "%q is not a server as host:port (for example smtp.example.com:465)", s)
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 1 || port > 65535 {
		return "", 0, Errorf(CodeInvalid, "the port in %q is out of range: it must be from 1 to 65535", s)
	}
	return host, port, nil
}

// ParseTrustCert reads the certificate the owner chose to trust.
func ParseTrustCert(b []byte) (*x509.Certificate, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "CERTIFICATE" {
		return nil, Errorf(CodeInvalid, "the certificate file is not a PEM certificate")
	}
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		return nil, Wrap(CodeInvalid, err, "the certificate file cannot be read")
	}
	return c, nil
}

// CheckEmailAddress accepts one plain address with a dotted domain: "a@b" or an address with
// spaces would only bounce.
func CheckEmailAddress(addr string) error {
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || a.Name != "" {
		return Errorf(CodeInvalid, "%q is not an email address", addr)
	}
	at := strings.LastIndexByte(addr, '@')
	dom := addr[at+1:]
	if at < 1 || !strings.Contains(dom, ".") || strings.HasPrefix(dom, ".") || strings.HasSuffix(dom, ".") || strings.ContainsAny(addr, " \t") {
		return Errorf(CodeInvalid, "%q is not an email address that mail can reach", addr)
	}
	return nil
}

// SendFate is what became of a message handed to the server.
type SendFate string

const (
	FateTemporary SendFate = "temporary" // refused for now (4xx, server unreachable): try again later
	FatePermanent SendFate = "permanent" // refused for good (5xx): the owner must act
	FateUnknown   SendFate = "unknown"   // the connection broke after the message went out: look in Sent before retrying
)

// SendError is a message the SMTP server did not accept, with the server's own words.
type SendError struct {
	Fate  SendFate
	Words string
	Err   error
}

func (e *SendError) Error() string { return fmt.Sprintf("%s failure: %s", e.Fate, e.Words) }
func (e *SendError) Unwrap() error { return e.Err }

// IncomingMail is a message found in the inbox, as received.
type IncomingMail struct {
	UID        uint32
	Raw        []byte
	MessageID  string   // without angle brackets
	InReplyTo  []string // without angle brackets
	References []string // without angle brackets
	From       string   // the sender's address, lower case
	Subject    string   // decoded as well as possible
	Text       string   // the plain text as well as it can be read
	Date       time.Time
	// Bounce is a delivery status notification; Failed are the addresses it reports as failed.
	Bounce bool
	Failed []string
}

// Mailer sends the shop's emails through the owner's mailbox and reads its replies.
type Mailer interface {
	Ready() bool
	// Send hands the exact bytes to the SMTP server; a refusal is a *SendError.
	Send(ctx context.Context, from string, to []string, raw []byte) error
	// FileSent appends the exact bytes to the Sent folder.
	FileSent(ctx context.Context, raw []byte) error
	// InSent tells whether the Sent folder holds a message with this Message-ID.
	InSent(ctx context.Context, messageID string) (bool, error)
	// Fetch returns the inbox's messages with a UID above afterUID, oldest first.
	Fetch(ctx context.Context, afterUID uint32) ([]IncomingMail, error)
	// Test reaches both servers and logs in, naming the exact problem.
	Test(ctx context.Context) error
	// WaitForMail returns when the inbox gets a message (IMAP IDLE), ctx ends, or after a while.
	WaitForMail(ctx context.Context) error
}

// SecretStore keeps the mailbox password outside the book: the operating system's credential
// store, or memory for one session where there is none.
type SecretStore interface {
	Get(user string) (string, error) // a missing secret is CodeNotFound
	Set(user, secret string) error
	Delete(user string) error
}

// MaxAttachment is the largest letter PDF an email carries: providers refuse messages of about
// 20 MB and more once encoded.
const MaxAttachment = 10 << 20

// EmailInput is what an email is composed from: the letter's input under the same rules as the
// printed letter, and the envelope.
type EmailInput struct {
	Letter     LetterInput
	From, Name string // the owner's mailbox
	To         string
	ReplyTo    string // where replies go; the from address when empty
	MessageID  string // without angle brackets, on the shop's domain
	Date       time.Time
	InReplyTo  string   // the previous email of the same thread, when this one follows it
	References []string // the thread, oldest first
	PDF        []byte   // the letter as printed, when the owner wants it attached
	PDFName    string
}

// ComposedEmail is a message ready to queue: its exact bytes are what is sent and filed.
type ComposedEmail struct {
	MessageID string
	To        string
	Subject   string
	Text      string
	Raw       []byte
}

// NewMessageID makes a stable, unique Message-ID on the shop's domain from what identifies the
// email (customer, day, stage), so composing it again gives the same id.
func NewMessageID(domain string, customerID int64, on Date, stage int, seq int64) string {
	return fmt.Sprintf("duebook.%d.%s.%d.%d@%s", customerID, strings.ReplaceAll(on.String(), "-", ""), stage, seq, domain)
}
