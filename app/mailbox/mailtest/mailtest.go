// Package mailtest runs real SMTP and IMAP servers in-process on 127.0.0.1 with TLS from a
// certificate it makes, for the tests of the mailbox and of sending.
package mailtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"duebook/app"
)

const (
	User     = "shop@example.com"
	Password = "s3cret app password"
)

// Cert makes a self-signed certificate for 127.0.0.1 and localhost, and its PEM.
func Cert(t testing.TB) (tls.Certificate, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "Test mail server"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// Received is a message the SMTP server accepted.
type Received struct {
	From string
	To   []string
	Data []byte
}

// Servers are one SMTP and one IMAP server sharing a certificate.
type Servers struct {
	CertPEM  string
	SMTPPort int
	IMAPPort int

	mu       sync.Mutex
	received []Received
	// Reject, when set, answers the DATA of the next messages with this error (4xx or 5xx).
	Reject *smtp.SMTPError
	// CutData closes the connection after reading a message, before answering.
	CutData bool
	// FileInSent puts each accepted message into the Sent folder, as some providers do.
	FileInSent bool

	token    string // the access token XOAUTH2 accepts
	sentUse  string // a folder the server marks \Sent (the memory server marks none)
	imapUser *imapmemserver.User
	imapSrv  *imapserver.Server
	imapLn   net.Listener
	imapAddr string
	tlsConf  *tls.Config
}

// Start runs both servers with implicit TLS until the test ends.
func Start(t testing.TB) *Servers {
	t.Helper()
	cert, pemText := Cert(t)
	s := &Servers{CertPEM: pemText, tlsConf: &tls.Config{Certificates: []tls.Certificate{cert}}}
	s.startSMTP(t)
	mem := imapmemserver.New()
	s.imapUser = imapmemserver.NewUser(User, Password)
	for _, box := range []string{"INBOX", "Sent"} {
		if err := s.imapUser.Create(box, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(s.imapUser)
	s.imapSrv = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &wrapped{SessionIMAP4rev2: mem.NewSession().(imapserver.SessionIMAP4rev2), s: s}, nil, nil
		},
		Caps:   imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		Logger: quiet{},
	})
	s.StartIMAP(t)
	t.Cleanup(func() { s.StopIMAP() })
	return s
}

type quiet struct{}

func (quiet) Printf(string, ...any) {}
func (quiet) Println(...any)        {}

// StartIMAP starts (again) the IMAP server, on the same port when it ran before.
func (s *Servers) StartIMAP(t testing.TB) {
	t.Helper()
	addr := "127.0.0.1:0"
	if s.imapAddr != "" {
		addr = s.imapAddr
	}
	ln, err := tls.Listen("tcp", addr, s.tlsConf)
	if err != nil {
		t.Fatal(err)
	}
	s.imapLn, s.imapAddr = ln, ln.Addr().String()
	s.IMAPPort = ln.Addr().(*net.TCPAddr).Port
	go s.imapSrv.Serve(ln)
}

// StopIMAP stops accepting IMAP connections (the server is down).
func (s *Servers) StopIMAP() {
	if s.imapLn != nil {
		s.imapLn.Close()
		s.imapLn = nil
	}
}

func (s *Servers) startSMTP(t testing.TB) {
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, conn: c}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 64 << 20
	srv.TLSConfig = s.tlsConf
	srv.ErrorLog = quiet{}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", s.tlsConf)
	if err != nil {
		t.Fatal(err)
	}
	s.SMTPPort = ln.Addr().(*net.TCPAddr).Port
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// Settings reach both servers with implicit TLS, trusting the test certificate.
func (s *Servers) Settings() app.MailSettings {
	return app.MailSettings{From: User, Name: "Corner Shop", SMTPHost: "127.0.0.1", SMTPPort: s.SMTPPort, SMTPSecurity: app.SecurityTLS,
		IMAPHost: "127.0.0.1", IMAPPort: s.IMAPPort, IMAPSecurity: app.SecurityTLS, User: User, TrustCert: s.CertPEM}
}

// Received lists what the SMTP server accepted.
func (s *Servers) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Deliver puts a message into a folder, as if it had arrived.
func (s *Servers) Deliver(t testing.TB, box string, raw []byte) {
	t.Helper()
	if _, err := s.imapUser.Append(box, literal{bytes.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
}

// Folder returns the messages of a folder, exactly as stored.
func (s *Servers) Folder(t testing.TB, box string) [][]byte {
	t.Helper()
	c, err := imapclient.DialTLS("127.0.0.1:"+strconv.Itoa(s.IMAPPort), &imapclient.Options{TLSConfig: &tls.Config{InsecureSkipVerify: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(User, Password).Wait(); err != nil {
		t.Fatal(err)
	}
	sel, err := c.Select(box, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	body := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(imap.SeqSetNum(seq(sel.NumMessages)...), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{body}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, m := range msgs {
		out = append(out, m.FindBodySection(body))
	}
	return out
}

func seq(n uint32) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i + 1)
	}
	return out
}

type literal struct {
	*bytes.Reader
	n int64
}

func (l literal) Size() int64 { return l.n }

type session struct {
	s    *Servers
	conn *smtp.Conn
	cur  Received
	auth bool
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain, "XOAUTH2"} }

func (ss *session) Auth(mech string) (sasl.Server, error) {
	if mech == "XOAUTH2" {
		return xoauth2Server{check: func(user, token string) error {
			if !ss.s.tokenOK(user, token) {
				return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Invalid token"}
			}
			ss.auth = true
			return nil
		}}, nil
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != User || password != Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication credentials invalid"}
		}
		ss.auth = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if !ss.auth {
		return smtp.ErrAuthRequired
	}
	ss.cur = Received{From: from}
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.cur.To = append(ss.cur.To, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	reject, cut, file := ss.s.Reject, ss.s.CutData, ss.s.FileInSent
	ss.s.mu.Unlock()
	if reject != nil {
		return reject
	}
	ss.cur.Data = b
	ss.s.mu.Lock()
	ss.s.received = append(ss.s.received, ss.cur)
	ss.s.mu.Unlock()
	if file {
		if _, err := ss.s.imapUser.Append("Sent", literal{bytes.NewReader(b), int64(len(b))}, &imap.AppendOptions{}); err != nil {
			return err
		}
	}
	if cut {
		ss.conn.Conn().Close()
		return errors.New("cut")
	}
	return nil
}

func (ss *session) Reset()        { ss.cur = Received{} }
func (ss *session) Logout() error { return nil }

// Set changes how the SMTP server answers, safely while it runs.
func (s *Servers) Set(reject *smtp.SMTPError, cut, fileInSent bool) {
	s.mu.Lock()
	s.Reject, s.CutData, s.FileInSent = reject, cut, fileInSent
	s.mu.Unlock()
}

// MarkSent creates a folder and has the server mark it as the Sent folder (SPECIAL-USE), as
// providers do for names like "Gesendete Elemente".
func (s *Servers) MarkSent(t testing.TB, name string) {
	t.Helper()
	if err := s.imapUser.Create(name, nil); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.sentUse = name
	s.mu.Unlock()
}

// wrapped adds to the memory server what it lacks: a folder marked \Sent, and XOAUTH2.
type wrapped struct {
	imapserver.SessionIMAP4rev2
	s *Servers
}

func (u *wrapped) List(w *imapserver.ListWriter, ref string, patterns []string, options *imap.ListOptions) error {
	if err := u.SessionIMAP4rev2.List(w, ref, patterns, options); err != nil {
		return err
	}
	u.s.mu.Lock()
	sent := u.s.sentUse
	u.s.mu.Unlock()
	if sent == "" {
		return nil
	}
	return w.WriteList(&imap.ListData{Mailbox: sent, Delim: '/', Attrs: []imap.MailboxAttr{imap.MailboxAttrSent}})
}

func (u *wrapped) AuthenticateMechanisms() []string { return []string{sasl.Plain, "XOAUTH2"} }

func (u *wrapped) Authenticate(mech string) (sasl.Server, error) {
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pass string) error { return u.Login(user, pass) }), nil
	case "XOAUTH2":
		return xoauth2Server{check: func(user, token string) error {
			if !u.s.tokenOK(user, token) {
				return imapserver.ErrAuthFailed
			}
			return u.Login(User, Password)
		}}, nil
	}
	return nil, imapserver.ErrAuthFailed
}

// xoauth2Server reads "user=U^Aauth=Bearer T^A^A".
type xoauth2Server struct {
	check func(user, token string) error
}

func (x xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	var user, token string
	for _, f := range strings.Split(string(resp), "\x01") {
		if v, ok := strings.CutPrefix(f, "user="); ok {
			user = v
		}
		if v, ok := strings.CutPrefix(f, "auth=Bearer "); ok {
			token = v
		}
	}
	return nil, true, x.check(user, token)
}

// AcceptToken makes both servers accept XOAUTH2 with this access token.
func (s *Servers) AcceptToken(token string) {
	s.mu.Lock()
	s.token = token
	s.mu.Unlock()
}

func (s *Servers) tokenOK(user, token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return user == User && s.token != "" && token == s.token
}

// DeleteFolder removes a folder, as a mailbox without one would be.
func (s *Servers) DeleteFolder(t testing.TB, name string) {
	t.Helper()
	if err := s.imapUser.Delete(name); err != nil {
		t.Fatal(err)
	}
}
