package mailbox

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"duebook/app"
)

// sentNames are the Sent folder's usual names, for servers that do not mark it \Sent.
var sentNames = []string{"Sent", "Sent Items", "Sent Messages", "Sent Mail", "INBOX.Sent", "INBOX/Sent", "[Gmail]/Sent Mail", "Gesendet", "Gesendete Objekte", "Gesendete Elemente"}

// dialIMAP connects, secures and logs in; h, when given, hears what the server says unasked.
func (b *Box) dialIMAP(h ...*imapclient.UnilateralDataHandler) (*imapclient.Client, error) {
	s := b.S
	pw, err := b.secret(context.Background())
	if err != nil {
		return nil, err
	}
	tc, err := b.tlsConfig(s.IMAPHost)
	if err != nil {
		return nil, err
	}
	opts := &imapclient.Options{TLSConfig: tc}
	if len(h) > 0 {
		opts.UnilateralDataHandler = h[0]
	}
	addr := fmtAddr(s.IMAPHost, s.IMAPPort)
	var c *imapclient.Client
	switch s.IMAPSecurity {
	case app.SecurityTLS:
		c, err = imapclient.DialTLS(addr, opts)
	case app.SecurityStartTLS:
		c, err = imapclient.DialStartTLS(addr, opts)
	default:
		c, err = imapclient.DialInsecure(addr, opts)
	}
	if err == nil {
		err = c.WaitGreeting()
	}
	if err != nil {
		if c != nil {
			c.Close()
		}
		return nil, Problem("incoming (IMAP)", s.IMAPHost, s.IMAPPort, err)
	}
	var lerr error
	if s.OAuth != nil {
		lerr = c.Authenticate(xoauth2{user: s.User, token: pw})
	} else {
		lerr = c.Login(s.User, pw).Wait()
	}
	if err := lerr; err != nil {
		c.Close()
		var ie *imap.Error
		if errors.As(err, &ie) && (ie.Code == imap.ResponseCodeAuthenticationFailed || ie.Type == imap.StatusResponseTypeNo) {
			return nil, app.Wrap(app.CodeMailbox, err, "the incoming (IMAP) server %s refused the user name or password (authentication failed); many providers want an app password", s.IMAPHost)
		}
		return nil, Problem("incoming (IMAP)", s.IMAPHost, s.IMAPPort, err)
	}
	return c, nil
}

// sentFolder finds the Sent folder: by its special-use mark, then by its usual names.
func sentFolder(c *imapclient.Client) (string, error) {
	boxes, err := c.List("", "*", nil).Collect()
	if err != nil {
		return "", app.Wrap(app.CodeMailbox, err, "the folders of the mailbox cannot be listed")
	}
	for _, mb := range boxes {
		for _, a := range mb.Attrs {
			if a == imap.MailboxAttrSent {
				return mb.Mailbox, nil
			}
		}
	}
	for _, name := range sentNames {
		for _, mb := range boxes {
			if strings.EqualFold(mb.Mailbox, name) {
				return mb.Mailbox, nil
			}
		}
	}
	return "", app.Errorf(app.CodeMailbox, "no Sent folder was found in the mailbox: create a folder named Sent in your mail program")
}

// FileSent appends the exact bytes to the Sent folder, marked as read.
func (b *Box) FileSent(ctx context.Context, raw []byte) error {
	c, err := b.dialIMAP()
	if err != nil {
		return err
	}
	defer c.Close()
	box, err := sentFolder(c)
	if err != nil {
		return err
	}
	cmd := c.Append(box, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: time.Now()})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return app.Wrap(app.CodeMailbox, err, "the message could not be filed in %s", box)
	}
	if err := cmd.Close(); err != nil {
		return app.Wrap(app.CodeMailbox, err, "the message could not be filed in %s", box)
	}
	if _, err := cmd.Wait(); err != nil {
		return app.Wrap(app.CodeMailbox, err, "the message could not be filed in %s", box)
	}
	_ = c.Logout().Wait()
	return nil
}

// InSent tells whether the Sent folder holds the message: the server's search may match
// loosely, so the header found is compared exactly.
func (b *Box) InSent(ctx context.Context, messageID string) (bool, error) {
	c, err := b.dialIMAP()
	if err != nil {
		return false, err
	}
	defer c.Close()
	box, err := sentFolder(c)
	if err != nil {
		return false, err
	}
	if _, err := c.Select(box, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return false, app.Wrap(app.CodeMailbox, err, "the folder %s cannot be opened", box)
	}
	want := strings.Trim(messageID, "<>")
	data, err := c.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: want}}}, nil).Wait()
	if err != nil {
		return false, app.Wrap(app.CodeMailbox, err, "the folder %s cannot be searched", box)
	}
	uids := data.AllUIDs()
	if len(uids) == 0 {
		return false, nil
	}
	hdr := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"Message-ID"}, Peek: true}
	msgs, err := c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{hdr}}).Collect()
	if err != nil {
		return false, app.Wrap(app.CodeMailbox, err, "the folder %s cannot be read", box)
	}
	for _, m := range msgs {
		h := parseHeader(m.FindBodySection(hdr))
		if ids := msgIDs(h.Get("Message-ID")); len(ids) == 1 && ids[0] == want {
			return true, nil
		}
	}
	return false, nil
}

// Fetch returns the inbox's messages above afterUID, exactly as received, oldest first.
func (b *Box) Fetch(ctx context.Context, afterUID uint32) ([]app.IncomingMail, error) {
	c, err := b.dialIMAP()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return nil, app.Wrap(app.CodeMailbox, err, "the inbox cannot be opened")
	}
	var set imap.UIDSet
	set.AddRange(imap.UID(afterUID+1), 0) // 0 is "*"
	body := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{body}}).Collect()
	if err != nil {
		return nil, app.Wrap(app.CodeMailbox, err, "the inbox cannot be read")
	}
	var out []app.IncomingMail
	for _, m := range msgs {
		if uint32(m.UID) <= afterUID {
			continue // "n:*" names the last message even when nothing is newer
		}
		raw := bytes.Clone(m.FindBodySection(body))
		in := Parse(raw)
		in.UID = uint32(m.UID)
		out = append(out, in)
	}
	_ = c.Logout().Wait()
	return out, nil
}

// idleLimit ends an IDLE before servers drop it (they may after 30 minutes).
const idleLimit = 25 * time.Minute

// WaitForMail waits in the inbox (IMAP IDLE) until a message arrives, ctx ends or the limit
// passes; the caller then fetches. A server without IDLE returns at once with an error.
func (b *Box) WaitForMail(ctx context.Context) error {
	arrived := make(chan struct{}, 1)
	h := &imapclient.UnilateralDataHandler{Mailbox: func(d *imapclient.UnilateralDataMailbox) {
		if d.NumMessages != nil {
			select {
			case arrived <- struct{}{}:
			default:
			}
		}
	}}
	c, err := b.dialIMAP(h)
	if err != nil {
		return err
	}
	defer c.Close()
	if !c.Caps().Has(imap.CapIdle) && !c.Caps().Has(imap.CapIMAP4rev2) {
		return app.Errorf(app.CodeMailbox, "the incoming server cannot tell when mail arrives (no IDLE): replies are looked for every minute")
	}
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return app.Wrap(app.CodeMailbox, err, "the inbox cannot be opened")
	}
	idle, err := c.Idle()
	if err != nil {
		return app.Wrap(app.CodeMailbox, err, "the inbox cannot be watched")
	}
	timer := time.NewTimer(idleLimit)
	defer timer.Stop()
	select {
	case <-arrived:
	case <-ctx.Done():
	case <-timer.C:
	case <-c.Closed():
		return app.Errorf(app.CodeMailbox, "the incoming server closed the connection")
	}
	if err := idle.Close(); err != nil {
		return nil // the connection is going anyway; the caller fetches
	}
	_ = idle.Wait()
	return nil
}
