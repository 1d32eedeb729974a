package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// maxAttempts is how often a temporary refusal is tried before the owner is asked.
const maxAttempts = 8

// composeEmail makes the email of a priced action, threaded after the customer's last one;
// attach, when given, makes the letter PDF to attach.
func (c *Collections) composeEmail(asOf Date, a Action, attach func(LetterInput) ([]byte, error)) (ComposedEmail, *OutboxItem, error) {
	s, ok, err := c.MS.MailSettings()
	if err != nil {
		return ComposedEmail{}, nil, err
	}
	if !ok {
		return ComposedEmail{}, nil, Errorf(CodeMailbox, "no mailbox is set up")
	}
	in, err := c.letterFor(asOf, a)
	if err != nil {
		return ComposedEmail{}, nil, err
	}
	to := strings.TrimSpace(in.Customer.Email)
	if to == "" {
		return ComposedEmail{}, nil, Errorf(CodeInvalid, "%s has no email address: print the %s as a letter instead", in.Customer.Name, a.StageName)
	}
	if bad, failing, err := c.MS.FailingAddress(a.CustomerID); err != nil {
		return ComposedEmail{}, nil, err
	} else if failing && strings.EqualFold(bad, to) {
		return ComposedEmail{}, nil, Errorf(CodeBlocked, "emails to %s (%s) bounced: print the %s as a letter instead, or correct the address", in.Customer.Name, to, a.StageName)
	}
	prev, threaded, err := c.MS.LastEmail(a.CustomerID)
	if err != nil {
		return ComposedEmail{}, nil, err
	}
	var pdf []byte
	if attach != nil {
		if pdf, err = attach(in); err != nil {
			return ComposedEmail{}, nil, err
		}
	}
	seq := c.Clock.Now().UnixNano()
	ein := EmailInput{Letter: in, From: s.From, Name: s.Name, To: to, MessageID: NewMessageID(s.Domain(), a.CustomerID, asOf, a.Stage, seq),
		Date: c.Clock.Now(), PDF: pdf, PDFName: fmt.Sprintf("%s %s.pdf", capital(a.StageName), asOf)}
	if threaded {
		ein.InReplyTo, ein.References = prev.MessageID, prev.References
	}
	m, err := c.Render.Email(ein)
	if err != nil {
		return ComposedEmail{}, nil, err
	}
	refs := ein.References
	if ein.InReplyTo != "" {
		refs = append(append([]string(nil), refs...), ein.InReplyTo)
	}
	item := &OutboxItem{MessageID: m.MessageID, CustomerID: a.CustomerID, Customer: in.Customer.Name, Stage: a.StageName, To: to,
		Subject: m.Subject, References: refs, State: OutQueued, NextAt: c.Clock.Now().UTC(), QueuedAt: c.Clock.Now().UTC()}
	return m, item, nil
}

// EmailPreview is what Today shows before the owner approves an email: recipient and subject.
func (c *Collections) EmailPreview(asOf Date, a Action) (to, subject string, err error) {
	a, err = c.priceAction(asOf, a)
	if err != nil {
		return "", "", err
	}
	m, _, err := c.composeEmail(asOf, a, nil)
	return m.To, m.Subject, err
}

// approveEmail approves an email action by queueing it: the exact bytes are stored as a
// document with the decision, in one transaction, before any attempt to send.
func (c *Collections) approveEmail(asOf Date, a Action) error {
	a, err := c.priceAction(asOf, a)
	if err != nil {
		return err
	}
	var attach func(LetterInput) ([]byte, error)
	if s, _, err := c.MS.MailSettings(); err == nil && s.AttachPDF {
		attach = c.Render.Letter
	}
	m, item, err := c.composeEmail(asOf, a, attach)
	if err != nil {
		return err
	}
	doc := NewDocument("email", "message/rfc822", m.Raw)
	item.SHA256 = doc.SHA256
	cur := MustCurrency(a.Currency)
	summary := fmt.Sprintf("%s approved as an email to %s (subject %q) for %s: %s %s; queued to send", capital(a.StageName), m.To, m.Subject,
		invoiceNumbers(a), a.Currency, Decimal(a.Amount, cur))
	if a.Thanks != nil {
		summary = fmt.Sprintf("%s approved as an email to %s (subject %q) for %s: nothing asked, nothing charged; queued to send", capital(a.StageName), m.To, m.Subject, invoiceNumbers(a))
	}
	ev := c.event(a.CustomerID, "email", summary, map[string]any{"sha256": doc.SHA256, "message_id": m.MessageID, "action": a, "charges": a.Charges})
	return c.CS.Decide(DecidedAction{CustomerID: a.CustomerID, OnDate: asOf, Action: a, Decision: Approved, Email: item}, a.Charges, &doc, ev)
}

// SendReport says what a send run did.
type SendReport struct {
	Sent, Retrying, Failed, Recovered, Filed, Waiting int
	Problems                                          []string
}

// SendQueued sends what is due in the outbox: first it settles emails a crash left in
// "sending" by looking for them in Sent, then sends within the rate limits, files the copies
// that could not be filed before, and reports progress. Cancelling ctx stops between emails:
// what is left stays queued.
func (c *Collections) SendQueued(ctx context.Context, progress func(done, total int)) (SendReport, error) {
	var rep SendReport
	if c.MS == nil || c.Mail == nil || !c.Mail.Ready() {
		return rep, Errorf(CodeMailbox, "no mailbox is set up")
	}
	s, _, err := c.MS.MailSettings()
	if err != nil {
		return rep, err
	}
	if err := c.recoverSending(ctx, &rep); err != nil {
		return rep, err
	}
	now := c.Clock.Now().UTC()
	perMinute, perDay := s.Limits()
	due, err := c.MS.DueEmails(now, perDay)
	if err != nil {
		return rep, err
	}
	for i, item := range due {
		if ctx.Err() != nil {
			break
		}
		room, err := c.roomToSend(perMinute, perDay)
		if err != nil {
			return rep, err
		}
		if !room {
			rep.Waiting = len(due) - i
			break
		}
		if err := c.sendOne(ctx, s, item, &rep); err != nil {
			return rep, err
		}
		if progress != nil {
			progress(i+1, len(due))
		}
	}
	c.fileUnfiled(ctx, &rep)
	return rep, nil
}

// roomToSend keeps within the per-minute and per-day limits.
func (c *Collections) roomToSend(perMinute, perDay int) (bool, error) {
	now := c.Clock.Now().UTC()
	n, err := c.MS.SentSince(now.Add(-time.Minute))
	if err != nil || n >= perMinute {
		return false, err
	}
	n, err = c.MS.SentSince(now.Add(-24 * time.Hour))
	return n < perDay, err
}

// recoverSending settles emails left in "sending": one found in Sent was sent; one not found
// is queued again. When Sent cannot be searched it stays put, never sent blindly.
func (c *Collections) recoverSending(ctx context.Context, rep *SendReport) error {
	stuck, err := c.MS.Outbox([]OutboxState{OutSending}, 1000)
	if err != nil {
		return err
	}
	for _, it := range stuck {
		found, err := c.Mail.InSent(ctx, it.MessageID)
		if err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("the email to %s may have gone out before Duebook stopped; it is not sent again until the Sent folder can be searched: %s", it.To, Sentence(err)))
			continue
		}
		if found {
			rep.Recovered++
			if err := c.MS.MarkEmailSent(it.ID, c.Clock.Now().UTC(), true, c.sentEvent(it, "found in the Sent folder after an interruption")); err != nil {
				return err
			}
			continue
		}
		if err := c.MS.RequeueEmail(it.ID, c.Clock.Now().UTC(), "interrupted before the server accepted it"); err != nil {
			return err
		}
	}
	return nil
}

func (c *Collections) sentEvent(it OutboxItem, how string) Event {
	return c.event(it.CustomerID, "email", fmt.Sprintf("%s sent by email to %s (subject %q); %s", capital(it.Stage), it.To, it.Subject, how),
		map[string]any{"sha256": it.SHA256, "message_id": it.MessageID})
}

// sendOne sends one email after checking the guards as they stand now.
func (c *Collections) sendOne(ctx context.Context, s MailSettings, it OutboxItem, rep *SendReport) error {
	why, later, err := c.sendBlocked(it)
	if err != nil {
		return err
	}
	if !later.IsZero() {
		rep.Retrying++ // outside the hours the customer may be contacted: it waits for them
		return c.MS.RequeueEmail(it.ID, later, why)
	}
	if why != "" {
		rep.Failed++
		return c.MS.FailEmail(it.ID, "not sent: "+why, c.event(it.CustomerID, "email", fmt.Sprintf("%s to %s not sent: %s", capital(it.Stage), it.To, why), map[string]any{"message_id": it.MessageID}))
	}
	ok, err := c.MS.ClaimEmail(it.ID, c.Clock.Now().UTC())
	if err != nil || !ok {
		return err
	}
	doc, err := c.CS.Document(it.SHA256)
	if err != nil {
		return err
	}
	serr := c.Mail.Send(ctx, s.From, []string{it.To}, doc.Content)
	if serr == nil {
		rep.Sent++
		if err := c.MS.MarkEmailSent(it.ID, c.Clock.Now().UTC(), false, c.sentEvent(it, "accepted by the server")); err != nil {
			return err
		}
		if err := c.Mail.FileSent(ctx, doc.Content); err == nil {
			rep.Filed++
			return c.MS.MarkEmailFiled(it.ID)
		}
		return nil // filed later, when the IMAP server answers
	}
	return c.sendFailed(ctx, it, serr, rep)
}

// sendFailed decides what a refusal means: try later, stop, or look in Sent first.
func (c *Collections) sendFailed(ctx context.Context, it OutboxItem, serr error, rep *SendReport) error {
	se, ok := serr.(*SendError)
	if !ok {
		se = &SendError{Fate: FateTemporary, Words: serr.Error(), Err: serr}
	}
	if se.Fate == FateUnknown {
		found, err := c.Mail.InSent(ctx, it.MessageID)
		if err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("the connection broke while the email to %s went out; it stays unsent until the Sent folder can be searched", it.To))
			return nil // stays "sending": settled by the next run
		}
		if found {
			rep.Sent++
			return c.MS.MarkEmailSent(it.ID, c.Clock.Now().UTC(), true, c.sentEvent(it, "found in the Sent folder after the connection broke"))
		}
	}
	attempts := it.Attempts + 1
	if se.Fate == FatePermanent || attempts >= maxAttempts {
		rep.Failed++
		return c.MS.FailEmail(it.ID, se.Words, c.event(it.CustomerID, "email", fmt.Sprintf("%s to %s failed: %s", capital(it.Stage), it.To, se.Words), map[string]any{"message_id": it.MessageID}))
	}
	rep.Retrying++
	return c.MS.RequeueEmail(it.ID, c.Clock.Now().UTC().Add(Backoff(attempts)), se.Words)
}

// Backoff is the wait before the next try: 1, 2, 4 ... minutes, at most six hours.
func Backoff(attempts int) time.Duration {
	d := time.Minute << min(attempts-1, 9)
	return min(d, 6*time.Hour)
}

// sendBlocked re-checks the contact guards at the moment of sending: a flag, a hold (a reply
// waiting is one), a promise, or nothing left to ask for stop the email (why); outside the hours
// the customer may be contacted it waits until later.
func (c *Collections) sendBlocked(it OutboxItem) (why string, later time.Time, err error) {
	asOf := c.Today()
	data, err := c.CS.CaseData([]int64{it.CustomerID}, nil, asOf)
	if err != nil {
		return "", later, err
	}
	if len(data) == 0 {
		return "nothing is open any more", later, nil
	}
	f := data[0]
	for _, fl := range []string{FlagBankruptcy, FlagDeceased, FlagAttorney, FlagCease} {
		if f.Customer.HasFlag(fl) {
			return "the customer is marked " + fl, later, nil
		}
	}
	if !f.HoldUntil.IsZero() && !f.HoldUntil.Before(asOf) {
		return "the customer is on hold: " + f.HoldReason, later, nil
	}
	thanks := thanksMessage(it) // a thank-you asks for nothing: a promise or a paid book does not stop it
	if p := f.Promise; !thanks && p != nil && p.State == PromiseOpen && !p.Until().Before(asOf) {
		return "the customer promised to pay by " + p.Due.String(), later, nil
	}
	open := false
	for _, inv := range f.Invoices {
		if inv.Open > 0 {
			open = true
		}
	}
	if !open && !thanks {
		return "everything is paid", later, nil
	}
	zones, _ := contactZones(f.Customer, QueueOptions{ShopZone: time.Local})
	if ok, next, _ := ContactAllowed(c.Clock.Now(), zones, 8, 21); !ok {
		if next.IsZero() {
			return "no hour is allowed in all of the customer's time zones: set the customer's time zone", later, nil
		}
		return fmt.Sprintf("waits for the hours the customer may be contacted (from %s)", next.Format("2006-01-02 15:04 MST")), next, nil
	}
	return "", later, nil
}

// fileUnfiled appends to Sent the copies that could not be filed when they were sent.
func (c *Collections) fileUnfiled(ctx context.Context, rep *SendReport) {
	sent, err := c.MS.Outbox([]OutboxState{OutSent}, 200)
	if err != nil {
		rep.Problems = append(rep.Problems, Sentence(err))
		return
	}
	for _, it := range sent {
		if it.Filed || ctx.Err() != nil {
			continue
		}
		doc, err := c.CS.Document(it.SHA256)
		if err == nil {
			err = c.Mail.FileSent(ctx, doc.Content)
		}
		if err != nil {
			rep.Problems = append(rep.Problems, "the copy in Sent waits: "+Sentence(err))
			return
		}
		if err := c.MS.MarkEmailFiled(it.ID); err != nil {
			rep.Problems = append(rep.Problems, Sentence(err))
			return
		}
		rep.Filed++
	}
}

// bothEmail queues the email of a letter-and-email action beside its printed letter, the letter
// attached; the reason it cannot is said on the timeline instead.
func (c *Collections) bothEmail(asOf Date, a Action, pdf []byte, d *DecidedAction) (note string) {
	if !c.CanEmail() || c.MS == nil {
		return "the email was not sent: no mailbox is set up"
	}
	m, item, err := c.composeEmail(asOf, a, func(LetterInput) ([]byte, error) { return pdf, nil })
	if err != nil {
		return "the email was not sent: " + Sentence(err)
	}
	doc := NewDocument("email", "message/rfc822", m.Raw)
	item.SHA256 = doc.SHA256
	d.Email, d.EmailDoc = item, &doc
	return fmt.Sprintf("the email to %s (subject %q) is queued with the letter attached", m.To, m.Subject)
}
