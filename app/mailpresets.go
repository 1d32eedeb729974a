package app

import (
	"strings"
)

// Preset is a provider's servers as the owner would otherwise look them up.
type Preset struct {
	Name         string
	SMTPHost     string
	SMTPPort     int
	SMTPSecurity Security
	IMAPHost     string
	IMAPPort     int
	IMAPSecurity Security
	// Note says what password the provider wants.
	Note string
}

// Presets are the common providers. Their hosts and ports are the providers' published ones.
var Presets = []Preset{
	{"Gmail", "smtp.gmail.com", 465, SecurityTLS, "imap.gmail.com", 993, SecurityTLS,
		"Gmail needs an app password (Google account, Security, 2-Step Verification, App passwords)."},
	{"Outlook / Microsoft 365", "smtp.office365.com", 587, SecurityStartTLS, "outlook.office365.com", 993, SecurityTLS,
		"Microsoft accepts only its own sign-in for many accounts; where an app password is offered (Security, Advanced security options), use that."},
	{"iCloud", "smtp.mail.me.com", 587, SecurityStartTLS, "imap.mail.me.com", 993, SecurityTLS,
		"iCloud needs an app-specific password (appleid.apple.com, Sign-In and Security); the user name is your iCloud address."},
	{"Yahoo", "smtp.mail.yahoo.com", 465, SecurityTLS, "imap.mail.yahoo.com", 993, SecurityTLS,
		"Yahoo needs an app password (Account security, Generate app password)."},
	{"GMX", "mail.gmx.net", 465, SecurityTLS, "imap.gmx.net", 993, SecurityTLS,
		"GMX: turn on POP3/IMAP access in the GMX settings first; your normal password works, or an app password with two-factor sign-in."},
	{"WEB.DE", "smtp.web.de", 587, SecurityStartTLS, "imap.web.de", 993, SecurityTLS,
		"WEB.DE: turn on POP3/IMAP access in the WEB.DE settings first; with two-factor sign-in use an app password."},
	{"IONOS", "smtp.ionos.de", 465, SecurityTLS, "imap.ionos.de", 993, SecurityTLS,
		"IONOS: the user name is the full email address and the password that of the mailbox."},
	{"Strato", "smtp.strato.de", 465, SecurityTLS, "imap.strato.de", 993, SecurityTLS,
		"Strato: the user name is the full email address and the password that of the mailbox."},
	{"T-Online", "securesmtp.t-online.de", 465, SecurityTLS, "secureimap.t-online.de", 993, SecurityTLS,
		"T-Online needs its separate email password (Kundencenter, Passwörter), not the login password."},
}

// PresetNamed finds a preset by its name, ignoring case.
func PresetNamed(name string) (Preset, bool) {
	for _, p := range Presets {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return Preset{}, false
}

// Apply fills settings with the preset's servers.
func (p Preset) Apply(s MailSettings) MailSettings {
	s.SMTPHost, s.SMTPPort, s.SMTPSecurity = p.SMTPHost, p.SMTPPort, p.SMTPSecurity
	s.IMAPHost, s.IMAPPort, s.IMAPSecurity = p.IMAPHost, p.IMAPPort, p.IMAPSecurity
	return s
}
