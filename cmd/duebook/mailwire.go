package main

import (
	"duebook/app"
	"duebook/app/handoff"
	"duebook/app/mailbox"
	"duebook/data"
	"duebook/data/sheets"
	"duebook/letters"
)

// mailServices wires the use cases with the mailbox of the stored settings, its password kept by
// secrets and asked for through ask when none is kept.
func mailServices(st *data.Store, clock app.Clock, secrets app.SecretStore, ask func(user string) (string, error)) *app.Services {
	return app.NewServices(app.Adapters{Store: st, Clock: clock, Tables: sheets.Reader{}, Render: letters.Renderer{}, Bundle: handoff.Writer{},
		MailWiring: &app.MailWiring{
			Connect: func(s app.MailSettings, password func() (string, error)) app.Mailer { return mailbox.New(s, password) },
			Secrets: secrets, Ask: ask, SignIn: mailbox.SignIn,
		}})
}
