package app

import "fmt"

// EmailText is the email an action would send, as subject and body, for the owner to read or to
// copy into their own mail program.
func (c *Collections) EmailText(asOf Date, a Action) (subject, body string, err error) {
	if c.Render == nil {
		return "", "", Errorf(CodeInternal, "printing is not set up")
	}
	in, err := c.ActionLetter(asOf, a)
	if err != nil {
		return "", "", err
	}
	subject, body = c.Render.PlainText(in)
	return subject, body, nil
}

// ApproveAsLetter approves an email action by printing it as a letter instead (no mailbox, or
// no email address); the timeline says it went by post, not by email.
func (c *Collections) ApproveAsLetter(asOf Date, a Action) (PrintedLetter, error) {
	if a.Channel != ChannelEmail && a.Channel != ChannelBoth {
		return PrintedLetter{}, Errorf(CodeInvalid, "the %s for %s is not an email", a.StageName, a.Customer)
	}
	a.Channel = ChannelLetter
	a.StageName = fmt.Sprintf("%s (by letter instead of email)", a.StageName)
	return c.ApproveLetter(asOf, a)
}

// RecordSentByHand approves an email action the owner sent from their own mail program with
// the text Duebook gave them; the timeline says exactly that.
func (c *Collections) RecordSentByHand(asOf Date, a Action) error {
	if a.Blocked() || a.Stage == 0 {
		return Errorf(CodeBlocked, "the %s for %s cannot be approved: %s", a.StageName, a.Customer, blockReason(a))
	}
	if a.Channel != ChannelEmail && a.Channel != ChannelBoth {
		return Errorf(CodeInvalid, "the %s for %s is not an email", a.StageName, a.Customer)
	}
	a, err := c.priceAction(asOf, a)
	if err != nil {
		return err
	}
	subject, _, err := c.EmailText(asOf, a)
	if err != nil {
		return err
	}
	cur := MustCurrency(a.Currency)
	summary := fmt.Sprintf("%s sent by the owner from their own mail program (text copied from Duebook, subject %q) for %s: %s %s",
		capital(a.StageName), subject, invoiceNumbers(a), a.Currency, Decimal(a.Amount, cur))
	return c.CS.Decide(DecidedAction{CustomerID: a.CustomerID, OnDate: asOf, Action: a, Decision: Approved}, a.Charges, nil,
		c.event(a.CustomerID, "action", summary, map[string]any{"action": a, "charges": a.Charges, "sent": "by hand"}))
}
