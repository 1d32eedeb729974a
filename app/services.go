package app

// Services are the use cases a window or a command works with, over one open book.
type Services struct {
	Ledger      *Ledger
	Collections *Collections
	// DailyBackup, where the window makes one when the book opens, reports once how it went:
	// nil, or why no copy could be made (shown to the owner, never swallowed).
	DailyBackup <-chan error
}

// Adapters are the outside parts the use cases run on.
type Adapters struct {
	Store interface {
		Store
		CollectionsStore
		MailStore
	}
	Clock  Clock       // the system clock, or a fixed day (--as-of, tests)
	Tables TableReader // reads CSV and XLSX files for imports; nil where nothing is imported
	Render Renderer    // prints letters; nil where nothing is printed
	Mail   Mailer      // sends emails; nil until a mailbox is set up
	Bundle Bundler     // writes hand-off bundles; nil where none are made
	// MailWiring, when Mail is nil, builds the mailbox from the stored settings.
	MailWiring *MailWiring
}

// NewServices wires the use cases onto their adapters: the one place the window, the command
// line and the tests build them, so all three run the same thing.
func NewServices(a Adapters) *Services {
	if a.Clock == nil {
		a.Clock = SystemClock{}
	}
	if s, ok := a.Store.(interface{ SetClock(Clock) }); ok {
		s.SetClock(a.Clock) // the store stamps its own records with the same day
	}
	l := NewLedger(a.Store, a.Clock, a.Tables)
	c := NewCollections(l, a.Store)
	c.Render, c.Mail, c.MS, c.Bundle = a.Render, a.Mail, a.Store, a.Bundle
	if hs, ok := a.Store.(HandoffStore); ok {
		c.HS = hs
	}
	if w := a.MailWiring; w != nil {
		c.Secrets, c.signIn = w.Secrets, w.SignIn
		if c.Mail == nil && w.Connect != nil {
			c.Mail = lazyMailer{ms: a.Store, w: *w}
		}
	}
	return &Services{Ledger: l, Collections: c}
}
