package app

import (
	"time"
)

// OutboxState is where an email stands.
type OutboxState string

const (
	OutQueued    OutboxState = "queued"    // waits for its turn (or for the next try)
	OutSending   OutboxState = "sending"   // handed to the server; after a crash, looked up in Sent first
	OutSent      OutboxState = "sent"      // the server accepted it
	OutFailed    OutboxState = "failed"    // refused for good, or stopped by a guard: the owner decides
	OutCancelled OutboxState = "cancelled" // the owner took it back before it went
)

// ReplyHoldReason is the hold a customer's reply puts on the ladder until the owner read it.
const ReplyHoldReason = "the customer replied by email: read the reply to go on"

// OutboxItem is one email of the outbox. Its exact bytes are a stored document.
type OutboxItem struct {
	ID         int64
	MessageID  string // without brackets
	CustomerID int64
	Customer   string
	Stage      string
	To         string
	Subject    string
	SHA256     string
	References []string // the thread before it
	State      OutboxState
	Attempts   int
	NextAt     time.Time
	Error      string // the server's words, or why it stopped
	Filed      bool   // the copy is in the Sent folder
	QueuedAt   time.Time
	SentAt     time.Time
}

// Reply is a message from a customer (or a bounce) picked up from the inbox.
type Reply struct {
	ID         int64
	UID        uint32
	CustomerID int64
	MessageID  string
	From       string
	Subject    string
	Text       string
	SHA256     string
	Bounce     bool
	ReceivedAt time.Time
	Read       bool
}

// MailStore is what the mailbox use cases need from storage; each write is one transaction
// with its timeline event.
type MailStore interface {
	MailSettings() (MailSettings, bool, error)
	SaveMailSettings(s MailSettings, ev Event) error

	// LastEmail is the newest email sent or queued to a customer, for threading; ok false when none.
	LastEmail(customerID int64) (OutboxItem, bool, error)
	// Outbox lists emails in the given states (all when none), newest first.
	Outbox(states []OutboxState, limit int) ([]OutboxItem, error)
	// DueEmails lists queued emails whose time has come, oldest first.
	DueEmails(now time.Time, limit int) ([]OutboxItem, error)
	// SentSince counts emails handed to the server since t (rate limits).
	SentSince(t time.Time) (int, error)
	// ClaimEmail moves a queued email to sending and counts the attempt; false when it is no
	// longer queued (cancelled meanwhile).
	ClaimEmail(id int64, at time.Time) (bool, error)
	MarkEmailSent(id int64, at time.Time, filed bool, ev Event) error
	MarkEmailFiled(id int64) error
	RequeueEmail(id int64, next time.Time, why string) error
	FailEmail(id int64, why string, ev Event) error
	// SetEmailState is the owner's retry (queued) or cancel (cancelled) of a failed or queued email.
	SetEmailState(id int64, from []OutboxState, to OutboxState, ev Event) error
	Email(id int64) (OutboxItem, error)

	MailUID() (uint32, error)
	// SkipMail advances the last seen UID past a message that is not the shop's business.
	SkipMail(uid uint32) error
	// SaveReply stores the message as received, its event, the reply hold on the customer's
	// ladder and the last seen UID, in one transaction.
	SaveReply(r *Reply, doc Document, ev Event) error
	// MarkAddressFailing records a bounce: the address fails and the email it answers, if
	// known, failed.
	MarkAddressFailing(customerID int64, address string, bounced string, ev Event) error
	EmailByMessageID(ids []string) (OutboxItem, bool, error)
	CustomersByEmail(address string) ([]Customer, error)
	Replies(customerID int64, limit int) ([]Reply, error)
	UnreadReplies() ([]Reply, error)
	// MarkReplyRead lifts the reply hold once no reply of the customer is unread.
	MarkReplyRead(id int64, ev Event) error
	// FailingAddress tells whether a customer's address bounced.
	FailingAddress(customerID int64) (string, bool, error)
}
