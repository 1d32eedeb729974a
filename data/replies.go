package data

import (
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"duebook/app"
)

// MailUID is the last inbox UID looked at.
func (s *Store) MailUID() (uint32, error) {
	var raw string
	err := s.r.QueryRow(`SELECT value FROM settings WHERE key = 'mailbox_uid'`).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, storageErr(err, "cannot read where the inbox was read to")
	}
	n, _ := strconv.ParseUint(raw, 10, 32)
	return uint32(n), nil
}

func setUID(tx *sql.Tx, uid uint32) error {
	_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('mailbox_uid', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
WHERE CAST(excluded.value AS INTEGER) > CAST(settings.value AS INTEGER)`, strconv.FormatUint(uint64(uid), 10))
	return maybeStorageErr(err, "cannot record where the inbox was read to")
}

// SkipMail moves past a message that is not the shop's business.
func (s *Store) SkipMail(uid uint32) error {
	return s.tx(bg, func(tx *sql.Tx) error { return setUID(tx, uid) })
}

// SaveReply stores a message as received with its event, holds the customer's ladder until the
// owner read it (a bounce comes read), and moves the last seen UID, in one transaction.
func (s *Store) SaveReply(r *app.Reply, doc app.Document, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if err := insertDocument(tx, doc); err != nil {
			return err
		}
		read := ""
		if r.Read {
			read = instant(r.ReceivedAt)
		}
		res, err := tx.Exec(`INSERT INTO mail_replies (uid, customer_id, message_id, sender, subject, body, sha256, bounce, received_at, read_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.UID, r.CustomerID, r.MessageID, r.From, r.Subject, r.Text, r.SHA256, boolInt(r.Bounce), instant(r.ReceivedAt), read)
		if err != nil {
			return storageErr(err, "cannot store the reply")
		}
		r.ID, _ = res.LastInsertId()
		if !r.Read {
			// A hold the owner set that still runs is left alone; otherwise the ladder waits.
			if _, err := tx.Exec(`UPDATE customers SET hold_until = ?, hold_reason = ? WHERE id = ? AND (hold_until = '' OR hold_until < ? OR hold_reason = ?)`,
				replyHoldUntil, app.ReplyHoldReason, r.CustomerID, dateText(app.DateOf(r.ReceivedAt, time.Local)), app.ReplyHoldReason); err != nil {
				return storageErr(err, "cannot hold the customer's ladder")
			}
		}
		if err := setUID(tx, r.UID); err != nil {
			return err
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// MarkAddressFailing records that mail to a customer's address bounced, and fails the email
// the bounce answers.
func (s *Store) MarkAddressFailing(customerID int64, address, bounced string, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`UPDATE customers SET email_failing = ? WHERE id = ?`, strings.ToLower(address), customerID); err != nil {
			return storageErr(err, "cannot mark the address as failing")
		}
		if bounced != "" {
			if _, err := tx.Exec(`UPDATE outbox SET state = 'failed', error = 'bounced: the address cannot be delivered to' WHERE message_id = ?`, bounced); err != nil {
				return storageErr(err, "cannot mark the email as bounced")
			}
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// FailingAddress is the customer's address that bounced, if any.
func (s *Store) FailingAddress(customerID int64) (string, bool, error) {
	var addr string
	if err := s.r.QueryRow(`SELECT email_failing FROM customers WHERE id = ?`, customerID).Scan(&addr); err != nil {
		return "", false, storageErr(err, "cannot read the customer")
	}
	return addr, addr != "", nil
}

// EmailByMessageID finds the shop's email a message answers, the newest id first.
func (s *Store) EmailByMessageID(ids []string) (app.OutboxItem, bool, error) {
	for i := len(ids) - 1; i >= 0; i-- {
		out, err := s.outboxQuery(`WHERE o.message_id = ?`, ids[i])
		if err != nil {
			return app.OutboxItem{}, false, err
		}
		if len(out) == 1 {
			return out[0], true, nil
		}
	}
	return app.OutboxItem{}, false, nil
}

// CustomersByEmail finds the customers with an address, ignoring case.
func (s *Store) CustomersByEmail(address string) ([]app.Customer, error) {
	if address == "" {
		return nil, nil
	}
	rows, err := s.r.Query(`SELECT `+customerCols+` FROM customers WHERE lower(email) = lower(?) ORDER BY id`, address)
	if err != nil {
		return nil, storageErr(err, "cannot look up the sender")
	}
	defer rows.Close()
	var out []app.Customer
	for rows.Next() {
		var c app.Customer
		if err := scanCustomer(rows, &c); err != nil {
			return nil, storageErr(err, "cannot look up the sender")
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) replyQuery(q string, args ...any) ([]app.Reply, error) {
	rows, err := s.r.Query(`SELECT id, uid, customer_id, message_id, sender, subject, body, sha256, bounce, received_at, read_at FROM mail_replies `+q, args...)
	if err != nil {
		return nil, storageErr(err, "cannot read the replies")
	}
	defer rows.Close()
	var out []app.Reply
	for rows.Next() {
		var r app.Reply
		var bounce int
		var at, read string
		if err := rows.Scan(&r.ID, &r.UID, &r.CustomerID, &r.MessageID, &r.From, &r.Subject, &r.Text, &r.SHA256, &bounce, &at, &read); err != nil {
			return nil, storageErr(err, "cannot read the replies")
		}
		r.Bounce, r.ReceivedAt, r.Read = bounce == 1, parseInstant(at), read != ""
		out = append(out, r)
	}
	return out, rows.Err()
}

// Replies lists a customer's replies, newest first.
func (s *Store) Replies(customerID int64, limit int) ([]app.Reply, error) {
	return s.replyQuery(`WHERE customer_id = ? ORDER BY id DESC LIMIT ?`, customerID, limit)
}

// UnreadReplies lists the replies the owner has not read, oldest first.
func (s *Store) UnreadReplies() ([]app.Reply, error) {
	return s.replyQuery(`WHERE read_at = '' AND bounce = 0 ORDER BY id`)
}

// MarkReplyRead records that the owner read a reply; once none of the customer's is unread the
// reply hold is lifted.
func (s *Store) MarkReplyRead(id int64, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		var cid int64
		if err := tx.QueryRow(`SELECT customer_id FROM mail_replies WHERE id = ?`, id).Scan(&cid); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return app.Errorf(app.CodeNotFound, "there is no reply number %d", id)
			}
			return storageErr(err, "cannot read the reply")
		}
		if _, err := tx.Exec(`UPDATE mail_replies SET read_at = ? WHERE id = ? AND read_at = ''`, instant(s.clock.Now()), id); err != nil {
			return storageErr(err, "cannot mark the reply as read")
		}
		if _, err := tx.Exec(`UPDATE customers SET hold_until = '', hold_reason = '' WHERE id = ? AND hold_reason = ?
AND NOT EXISTS (SELECT 1 FROM mail_replies WHERE customer_id = ? AND read_at = '' AND bounce = 0)`, cid, app.ReplyHoldReason, cid); err != nil {
			return storageErr(err, "cannot lift the reply hold")
		}
		ev.CustomerID = cid
		_, err := appendEvent(tx, ev)
		return err
	})
}
