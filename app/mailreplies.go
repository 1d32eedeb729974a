package app

import (
	"context"
	"fmt"
	"strings"
)

// FetchReport says what picking up replies did.
type FetchReport struct {
	Replies, Bounces, Skipped int
}

// FetchReplies picks up the inbox's new messages: a reply to one of the shop's emails (by
// In-Reply-To/References), or else from a customer's address, is stored as received with an
// event on the customer's timeline, and the customer's ladder waits until the owner read it.
// A bounce marks the address as failing. Other mail is left alone.
func (c *Collections) FetchReplies(ctx context.Context) (FetchReport, error) {
	var rep FetchReport
	if c.MS == nil || c.Mail == nil || !c.Mail.Ready() {
		return rep, Errorf(CodeMailbox, "no mailbox is set up")
	}
	uid, err := c.MS.MailUID()
	if err != nil {
		return rep, err
	}
	msgs, err := c.Mail.Fetch(ctx, uid)
	if err != nil {
		return rep, err
	}
	for _, m := range msgs {
		if err := c.takeMessage(m, &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func (c *Collections) takeMessage(m IncomingMail, rep *FetchReport) error {
	ids := append(append([]string(nil), m.InReplyTo...), m.References...)
	ours, threaded, err := c.MS.EmailByMessageID(ids)
	if err != nil {
		return err
	}
	if m.Bounce {
		return c.takeBounce(m, ours, threaded, rep)
	}
	customerID := ours.CustomerID
	how := "in reply to the email " + ours.Subject
	if !threaded {
		cs, err := c.MS.CustomersByEmail(m.From)
		if err != nil {
			return err
		}
		if len(cs) != 1 || m.From == "" {
			rep.Skipped++
			return c.MS.SkipMail(m.UID) // not the shop's business, or not one customer's
		}
		customerID, how = cs[0].ID, "from the customer's address"
	}
	doc := NewDocument("email-reply", "message/rfc822", m.Raw)
	r := &Reply{UID: m.UID, CustomerID: customerID, MessageID: m.MessageID, From: m.From, Subject: m.Subject, Text: m.Text, SHA256: doc.SHA256,
		ReceivedAt: c.Clock.Now().UTC()}
	rep.Replies++
	return c.MS.SaveReply(r, doc, c.event(customerID, "reply", fmt.Sprintf("Customer replied by email (%s): %q; the ladder waits until you read it", how, oneLine(m.Subject, 120)),
		map[string]any{"sha256": doc.SHA256, "message_id": m.MessageID, "from": m.From}))
}

// takeBounce marks the failed address of a customer and proposes a letter instead.
func (c *Collections) takeBounce(m IncomingMail, ours OutboxItem, threaded bool, rep *FetchReport) error {
	var customers []Customer
	for _, addr := range m.Failed {
		cs, err := c.MS.CustomersByEmail(addr)
		if err != nil {
			return err
		}
		customers = append(customers, cs...)
	}
	if len(customers) == 0 && threaded {
		cust, err := c.Store.Customer(ours.CustomerID)
		if err != nil {
			return err
		}
		customers = append(customers, cust)
	}
	if len(customers) == 0 {
		rep.Skipped++
		return c.MS.SkipMail(m.UID)
	}
	doc := NewDocument("email-bounce", "message/rfc822", m.Raw)
	r := &Reply{UID: m.UID, CustomerID: customers[0].ID, MessageID: m.MessageID, From: m.From, Subject: m.Subject, Text: m.Text, SHA256: doc.SHA256,
		Bounce: true, ReceivedAt: c.Clock.Now().UTC(), Read: true}
	if err := c.MS.SaveReply(r, doc, c.event(r.CustomerID, "document", "Delivery report received and stored", map[string]any{"sha256": doc.SHA256})); err != nil {
		return err
	}
	for _, cust := range customers {
		bounced := ""
		if threaded && ours.CustomerID == cust.ID {
			bounced = ours.MessageID
		}
		ev := c.event(cust.ID, "bounce", fmt.Sprintf("Email to %s could not be delivered (%q): the address is marked failing; send letters instead or correct the address",
			cust.Email, oneLine(m.Subject, 120)), map[string]any{"sha256": doc.SHA256, "address": cust.Email})
		if err := c.MS.MarkAddressFailing(cust.ID, cust.Email, bounced, ev); err != nil {
			return err
		}
	}
	rep.Bounces++
	return nil
}

// MarkReplyRead records that the owner read a reply; the ladder goes on once none is unread.
func (c *Collections) MarkReplyRead(r Reply) error {
	return c.MS.MarkReplyRead(r.ID, c.event(r.CustomerID, "reply", fmt.Sprintf("Reply %q read by the owner", oneLine(r.Subject, 120)), map[string]any{"reply": r.ID}))
}

// Replies lists a customer's replies, newest first.
func (c *Collections) Replies(customerID int64) ([]Reply, error) {
	return c.MS.Replies(customerID, 200)
}

// Outbox lists the emails in the given states, newest first.
func (c *Collections) Outbox(states ...OutboxState) ([]OutboxItem, error) {
	return c.MS.Outbox(states, 500)
}

// RetryEmail queues a failed email again; CancelEmail takes back one not yet sent.
func (c *Collections) RetryEmail(it OutboxItem) error {
	return c.MS.SetEmailState(it.ID, []OutboxState{OutFailed}, OutQueued,
		c.event(it.CustomerID, "email", fmt.Sprintf("%s to %s queued again by the owner", capital(it.Stage), it.To), map[string]any{"message_id": it.MessageID}))
}

// CancelEmail takes back a queued or failed email; it is never sent.
func (c *Collections) CancelEmail(it OutboxItem) error {
	return c.MS.SetEmailState(it.ID, []OutboxState{OutQueued, OutFailed}, OutCancelled,
		c.event(it.CustomerID, "email", fmt.Sprintf("%s to %s cancelled by the owner before it was sent", capital(it.Stage), it.To), map[string]any{"message_id": it.MessageID}))
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
