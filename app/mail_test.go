package app

import (
	"strings"
	"testing"
)

func goodMailSettings() MailSettings {
	return MailSettings{From: "shop@example.com", SMTPHost: "smtp.example.com", SMTPPort: 465, SMTPSecurity: SecurityTLS,
		IMAPHost: "imap.example.com", IMAPPort: 993, IMAPSecurity: SecurityTLS, User: "shop@example.com"}
}

func TestMailSettingsValidate(t *testing.T) {
	if err := goodMailSettings().Validate(); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		change func(*MailSettings)
		want   string
	}{
		"from not an address":  {func(s *MailSettings) { s.From = "shop at example" }, "not an email address"},
		"from without domain":  {func(s *MailSettings) { s.From = "shop@example" }, "not an email address"},
		"port zero":            {func(s *MailSettings) { s.SMTPPort = 0 }, "out of range"},
		"port too big":         {func(s *MailSettings) { s.IMAPPort = 70000 }, "out of range"},
		"none for remote host": {func(s *MailSettings) { s.SMTPSecurity = SecurityNone }, "only for 127.0.0.1 and localhost"},
		"unknown security":     {func(s *MailSettings) { s.IMAPSecurity = "ssl3" }, "not one of"},
		"no user":              {func(s *MailSettings) { s.User = " " }, "user name"},
		"bad certificate":      {func(s *MailSettings) { s.TrustCert = "not a pem" }, "PEM"},
		"name of two lines":    {func(s *MailSettings) { s.Name = "A\r\nBcc: x@y.z" }, "one line"},
	} {
		s := goodMailSettings()
		tc.change(&s)
		err := s.Validate()
		if err == nil || CodeOf(err) != CodeInvalid || !strings.Contains(Sentence(err), tc.want) {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
	}
	s := goodMailSettings()
	s.SMTPHost, s.SMTPSecurity, s.IMAPHost, s.IMAPSecurity = "localhost", SecurityNone, "127.0.0.1", SecurityNone
	if err := s.Validate(); err != nil {
		t.Fatalf("none on this computer: %v", err)
	}
}

func TestCheckEmailAddress(t *testing.T) {
	for _, bad := range []string{"a@b", "anna @example.com", "anna@exa mple.com", "Anna <anna@example.com>", "", "@example.com", "anna@.com", "anna@example."} {
		if CheckEmailAddress(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, good := range []string{"anna@example.com", "a.b+c@sub.example.de"} {
		if err := CheckEmailAddress(good); err != nil {
			t.Errorf("%q refused: %v", good, err)
		}
	}
}

func TestParseHostPort(t *testing.T) {
	if h, p, err := ParseHostPort("smtp.example.com:587"); err != nil || h != "smtp.example.com" || p != 587 {
		t.Fatalf("%s %d %v", h, p, err)
	}
	for _, bad := range []string{"smtp.example.com", "smtp.example.com:0", "smtp.example.com:65536", "h:x"} {
		if _, _, err := ParseHostPort(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
