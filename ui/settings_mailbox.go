package ui

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// mailboxSetup is what the mailbox settings need.
type mailboxSetup interface {
	MailboxSettings() (app.MailSettings, bool, error)
	SetUpMailbox(s app.MailSettings, password string) error
	TestMailbox(ctx context.Context) error
	SignInMailbox(ctx context.Context, open func(url string) error) error
}

// MailboxSettings is the Settings card of the owner's mailbox, with Test.
type MailboxSettings struct {
	win fyne.Window
	svc mailboxSetup

	Preset             *widget.Select
	PresetNote         *widget.Label
	From, Name, User   *widget.Entry
	SMTPHost, SMTPPort *widget.Entry
	IMAPHost, IMAPPort *widget.Entry
	SMTPSec, IMAPSec   *widget.Select
	Password           *widget.Entry
	TrustCert          *widget.Entry
	AttachPDF          *widget.Check
	SignInWith         *widget.Select
	ClientID           *widget.Entry
	SignInBtn          *widget.Button
	SaveBtn, TestBtn   *widget.Button
	Result             *widget.Label
	OnSaved            func() // set by the window: Today and the outbox learn of the mailbox
	testing            bool
	card               *widget.Card
}

// NewMailboxSettings builds the card.
func NewMailboxSettings(win fyne.Window, svc mailboxSetup) *MailboxSettings {
	m := &MailboxSettings{win: win, svc: svc, Result: widget.NewLabel(""), PresetNote: widget.NewLabel("")}
	m.Result.Wrapping, m.PresetNote.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	var names []string
	for _, p := range app.Presets {
		names = append(names, p.Name)
	}
	m.Preset = widget.NewSelect(names, func(name string) { m.applyPreset(name) })
	m.Preset.PlaceHolder = "Choose your provider (fills in the servers)"
	m.From, m.Name, m.User = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	m.SMTPHost, m.SMTPPort, m.IMAPHost, m.IMAPPort = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	secs := []string{string(app.SecurityTLS), string(app.SecurityStartTLS), string(app.SecurityNone)}
	m.SMTPSec, m.IMAPSec = widget.NewSelect(secs, nil), widget.NewSelect(secs, nil)
	m.Password = widget.NewPasswordEntry()
	m.Password.PlaceHolder = "kept in this computer's credential store, never in the book"
	m.TrustCert = widget.NewMultiLineEntry()
	m.TrustCert.PlaceHolder = "only for your own mail server: paste its certificate (PEM) to trust it"
	m.TrustCert.SetMinRowsVisible(2)
	m.AttachPDF = widget.NewCheck("Attach the letter as a PDF to each email", nil)
	m.SignInWith = widget.NewSelect([]string{"password", "google", "microsoft"}, nil)
	m.SignInWith.SetSelected("password")
	m.ClientID = widget.NewEntry()
	m.ClientID.PlaceHolder = "client id registered for Duebook (only to sign in with google or microsoft)"
	m.SignInBtn = widget.NewButton("Sign in with the browser", m.signIn)
	m.SaveBtn = widget.NewButton("Save mailbox", m.save)
	m.SaveBtn.Importance = widget.HighImportance
	m.TestBtn = widget.NewButton("Test", m.test)
	form := widget.NewForm(
		widget.NewFormItem("Provider", m.Preset),
		widget.NewFormItem("", m.PresetNote),
		widget.NewFormItem("From address", m.From),
		widget.NewFormItem("Display name", m.Name),
		widget.NewFormItem("Outgoing (SMTP)", container.NewGridWithColumns(3, m.SMTPHost, m.SMTPPort, m.SMTPSec)),
		widget.NewFormItem("Incoming (IMAP)", container.NewGridWithColumns(3, m.IMAPHost, m.IMAPPort, m.IMAPSec)),
		widget.NewFormItem("User name", m.User),
		widget.NewFormItem("Password", m.Password),
		widget.NewFormItem("Trusted certificate", m.TrustCert),
		widget.NewFormItem("Log in with", container.NewBorder(nil, nil, m.SignInWith, nil, m.ClientID)),
		widget.NewFormItem("", m.AttachPDF),
	)
	m.card = widget.NewCard("Mailbox", "reminders go from your own address and are filed in your Sent folder; replies come back to the customer's timeline",
		container.NewVBox(form, container.NewHBox(m.SaveBtn, m.SignInBtn, m.TestBtn), m.Result))
	m.Refresh()
	return m
}

// Content is the card.
func (m *MailboxSettings) Content() fyne.CanvasObject { return m.card }

// Refresh shows the stored settings.
func (m *MailboxSettings) Refresh() {
	s, ok, err := m.svc.MailboxSettings()
	if err != nil {
		m.Result.SetText(app.Sentence(err))
		return
	}
	if !ok {
		m.SMTPSec.SetSelected(string(app.SecurityTLS))
		m.IMAPSec.SetSelected(string(app.SecurityTLS))
		m.Result.SetText("No mailbox is set up: emails are printed as letters or copied by hand.")
		return
	}
	m.From.SetText(s.From)
	m.Name.SetText(s.Name)
	m.User.SetText(s.User)
	m.SMTPHost.SetText(s.SMTPHost)
	m.SMTPPort.SetText(strconv.Itoa(s.SMTPPort))
	m.IMAPHost.SetText(s.IMAPHost)
	m.IMAPPort.SetText(strconv.Itoa(s.IMAPPort))
	m.SMTPSec.SetSelected(string(s.SMTPSecurity))
	m.IMAPSec.SetSelected(string(s.IMAPSecurity))
	m.TrustCert.SetText(s.TrustCert)
	m.AttachPDF.SetChecked(s.AttachPDF)
	if s.OAuth != nil {
		m.SignInWith.SetSelected(s.OAuth.Provider)
		m.ClientID.SetText(s.OAuth.ClientID)
	}
	m.Result.SetText(fmt.Sprintf("Emails go from %s.", s.From))
}

func (m *MailboxSettings) applyPreset(name string) {
	p, ok := app.PresetNamed(name)
	if !ok {
		return
	}
	m.SMTPHost.SetText(p.SMTPHost)
	m.SMTPPort.SetText(strconv.Itoa(p.SMTPPort))
	m.SMTPSec.SetSelected(string(p.SMTPSecurity))
	m.IMAPHost.SetText(p.IMAPHost)
	m.IMAPPort.SetText(strconv.Itoa(p.IMAPPort))
	m.IMAPSec.SetSelected(string(p.IMAPSecurity))
	m.PresetNote.SetText(p.Note)
}

// settings reads the form; a port that is no number is named.
func (m *MailboxSettings) settings() (app.MailSettings, error) {
	port := func(what, s string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 65535 {
			return 0, app.Errorf(app.CodeInvalid, "the %s port %q is out of range: it must be from 1 to 65535", what, s)
		}
		return n, nil
	}
	s := app.MailSettings{From: m.From.Text, Name: m.Name.Text, User: m.User.Text, SMTPHost: m.SMTPHost.Text, IMAPHost: m.IMAPHost.Text,
		SMTPSecurity: app.Security(m.SMTPSec.Selected), IMAPSecurity: app.Security(m.IMAPSec.Selected), TrustCert: m.TrustCert.Text,
		AttachPDF: m.AttachPDF.Checked}
	if p := m.SignInWith.Selected; p != "" && p != "password" {
		s.OAuth = &app.OAuthSettings{Provider: p, ClientID: m.ClientID.Text}
	}
	var err error
	if s.SMTPPort, err = port("outgoing (SMTP)", m.SMTPPort.Text); err != nil {
		return s, err
	}
	if s.IMAPPort, err = port("incoming (IMAP)", m.IMAPPort.Text); err != nil {
		return s, err
	}
	if old, ok, _ := m.svc.MailboxSettings(); ok {
		s.PerMinute, s.PerDay = old.PerMinute, old.PerDay
	}
	return s, s.Validate()
}

func (m *MailboxSettings) save() {
	s, err := m.settings()
	if err == nil {
		err = m.svc.SetUpMailbox(s, m.Password.Text)
	}
	if err != nil {
		m.Result.SetText(app.Sentence(err))
		showError(err, m.win)
		return
	}
	m.Password.SetText("")
	m.Result.SetText("Mailbox saved. Press Test to check both servers.")
	if m.OnSaved != nil {
		m.OnSaved()
	}
}

// test reaches both servers off the window's goroutine and names the exact problem.
func (m *MailboxSettings) test() {
	if m.testing {
		return
	}
	m.testing = true
	m.TestBtn.Disable()
	m.Result.SetText("Testing the servers…")
	inBackground(func() {
		err := m.svc.TestMailbox(context.Background())
		fyne.Do(func() {
			m.testing = false
			m.TestBtn.Enable()
			if err != nil {
				m.Result.SetText("Test failed: " + app.Sentence(err))
				return
			}
			m.Result.SetText("Both servers answer, the login works and the Sent folder was found.")
		})
	})
}

// mailboxCard is the mailbox card of Settings, where the services offer a mailbox.
func (s *Settings) mailboxCard() fyne.CanvasObject {
	ms, ok := s.svc.(mailboxSetup)
	if !ok {
		return widget.NewLabel("")
	}
	s.Mailbox = NewMailboxSettings(s.win, ms)
	return s.Mailbox.Content()
}

// signIn saves the settings, then opens the provider's sign-in page in the browser and waits
// for it off the window's goroutine.
func (m *MailboxSettings) signIn() {
	m.save()
	if s, ok, _ := m.svc.MailboxSettings(); !ok || s.OAuth == nil {
		m.Result.SetText("Choose google or microsoft under \"Log in with\" to sign in through the browser.")
		return
	}
	m.SignInBtn.Disable()
	m.Result.SetText("Sign in in the browser window that opens…")
	inBackground(func() {
		err := m.svc.SignInMailbox(context.Background(), func(raw string) error {
			u, err := url.Parse(raw)
			if err != nil {
				return err
			}
			var openErr error
			fyne.DoAndWait(func() { openErr = fyne.CurrentApp().OpenURL(u) })
			return openErr
		})
		fyne.Do(func() {
			m.SignInBtn.Enable()
			if err != nil {
				m.Result.SetText("Signing in failed: " + app.Sentence(err))
				return
			}
			m.Result.SetText("Signed in. Press Test to check both servers.")
		})
	})
}
