package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"duebook/app"
)

// replyHoldUntil keeps a reply hold until the owner has read the reply.
const replyHoldUntil = "9999-12-30"

const outboxCols = `o.id, o.message_id, o.customer_id, c.name, o.stage, o.recipient, o.subject, o.sha256, o.refs, o.state, o.attempts, o.next_at, o.error, o.filed, o.queued_at, o.sent_at`

func instant(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseInstant(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

func scanOutbox(sc interface{ Scan(...any) error }) (app.OutboxItem, error) {
	var it app.OutboxItem
	var refs, state, next, queued, sent string
	var filed int
	err := sc.Scan(&it.ID, &it.MessageID, &it.CustomerID, &it.Customer, &it.Stage, &it.To, &it.Subject, &it.SHA256, &refs, &state, &it.Attempts, &next, &it.Error, &filed, &queued, &sent)
	it.References = strings.Fields(refs)
	it.State, it.Filed = app.OutboxState(state), filed == 1
	it.NextAt, it.QueuedAt, it.SentAt = parseInstant(next), parseInstant(queued), parseInstant(sent)
	return it, err
}

func (s *Store) outboxQuery(q string, args ...any) ([]app.OutboxItem, error) {
	rows, err := s.r.Query(`SELECT `+outboxCols+` FROM outbox o JOIN customers c ON c.id = o.customer_id `+q, args...)
	if err != nil {
		return nil, storageErr(err, "cannot read the outbox")
	}
	defer rows.Close()
	var out []app.OutboxItem
	for rows.Next() {
		it, err := scanOutbox(rows)
		if err != nil {
			return nil, storageErr(err, "cannot read the outbox")
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, storageErr(err, "cannot read the outbox")
	}
	return out, nil
}

// queueEmail adds an approved email to the outbox inside the approval's transaction.
func queueEmail(tx *sql.Tx, it *app.OutboxItem) error {
	res, err := tx.Exec(`INSERT INTO outbox (message_id, customer_id, stage, recipient, subject, sha256, refs, state, next_at, queued_at)
VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`, it.MessageID, it.CustomerID, it.Stage, it.To, it.Subject, it.SHA256, strings.Join(it.References, " "),
		instant(it.NextAt), instant(it.QueuedAt))
	if err != nil {
		if isUnique(err) {
			return app.Errorf(app.CodeConflict, "an email with the Message-ID %s is already in the outbox", it.MessageID)
		}
		return storageErr(err, "cannot queue the email")
	}
	it.ID, _ = res.LastInsertId()
	return nil
}

// MailSettings returns the mailbox settings; ok is false until a mailbox is set up.
func (s *Store) MailSettings() (app.MailSettings, bool, error) {
	var raw string
	err := s.r.QueryRow(`SELECT value FROM settings WHERE key = 'mailbox'`).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return app.MailSettings{}, false, nil
	}
	if err != nil {
		return app.MailSettings{}, false, storageErr(err, "cannot read the mailbox settings")
	}
	var m app.MailSettings
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return m, false, app.Wrap(app.CodeDamaged, err, "the stored mailbox settings are damaged")
	}
	return m, true, nil
}

// SaveMailSettings stores the mailbox settings (never a password) with their event.
func (s *Store) SaveMailSettings(m app.MailSettings, ev app.Event) error {
	b, err := json.Marshal(m)
	if err != nil {
		return app.Wrap(app.CodeInternal, err, "cannot save the mailbox settings")
	}
	return s.tx(bg, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('mailbox', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, string(b)); err != nil {
			return storageErr(err, "cannot save the mailbox settings")
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// LastEmail is the newest email to a customer that was not cancelled.
func (s *Store) LastEmail(customerID int64) (app.OutboxItem, bool, error) {
	out, err := s.outboxQuery(`WHERE o.customer_id = ? AND o.state != 'cancelled' ORDER BY o.id DESC LIMIT 1`, customerID)
	if err != nil || len(out) == 0 {
		return app.OutboxItem{}, false, err
	}
	return out[0], true, nil
}

// Outbox lists emails in the states given (all when none), newest first.
func (s *Store) Outbox(states []app.OutboxState, limit int) ([]app.OutboxItem, error) {
	if len(states) == 0 {
		return s.outboxQuery(`ORDER BY o.id DESC LIMIT ?`, limit)
	}
	b, _ := json.Marshal(states)
	return s.outboxQuery(`WHERE o.state IN (SELECT value FROM json_each(?)) ORDER BY o.id DESC LIMIT ?`, string(b), limit)
}

// DueEmails lists queued emails whose time has come, oldest first.
func (s *Store) DueEmails(now time.Time, limit int) ([]app.OutboxItem, error) {
	return s.outboxQuery(`WHERE o.state = 'queued' AND o.next_at <= ? ORDER BY o.next_at, o.id LIMIT ?`, instant(now), limit)
}

// Email returns one email of the outbox.
func (s *Store) Email(id int64) (app.OutboxItem, error) {
	out, err := s.outboxQuery(`WHERE o.id = ?`, id)
	if err != nil {
		return app.OutboxItem{}, err
	}
	if len(out) == 0 {
		return app.OutboxItem{}, app.Errorf(app.CodeNotFound, "there is no email number %d in the outbox", id)
	}
	return out[0], nil
}

// SentSince counts the emails handed to the server since t.
func (s *Store) SentSince(t time.Time) (int, error) {
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM outbox WHERE sent_at != '' AND sent_at >= ?`, instant(t)).Scan(&n); err != nil {
		return 0, storageErr(err, "cannot count the emails sent")
	}
	return n, nil
}

// ClaimEmail moves a queued email to sending; sent_at marks the attempt for the rate limits.
func (s *Store) ClaimEmail(id int64, at time.Time) (bool, error) {
	var claimed bool
	err := s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE outbox SET state = 'sending', attempts = attempts + 1, sent_at = ? WHERE id = ? AND state = 'queued'`, instant(at), id)
		if err != nil {
			return storageErr(err, "cannot mark the email as sending")
		}
		n, _ := res.RowsAffected()
		claimed = n == 1
		return nil
	})
	return claimed, err
}

// MarkEmailSent records that the server accepted the email.
func (s *Store) MarkEmailSent(id int64, at time.Time, filed bool, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE outbox SET state = 'sent', sent_at = ?, error = '', filed = max(filed, ?) WHERE id = ? AND state IN ('sending', 'queued')`, instant(at), boolInt(filed), id)
		if err != nil {
			return storageErr(err, "cannot mark the email as sent")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.CodeConflict, "email %d is no longer waiting to be sent", id)
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// MarkEmailFiled records that the copy is in the Sent folder.
func (s *Store) MarkEmailFiled(id int64) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE outbox SET filed = 1 WHERE id = ?`, id)
		return maybeStorageErr(err, "cannot record the copy in Sent")
	})
}

// RequeueEmail puts an email back in the queue until next, with why it waits.
func (s *Store) RequeueEmail(id int64, next time.Time, why string) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE outbox SET state = 'queued', next_at = ?, error = ?, sent_at = '' WHERE id = ? AND state IN ('sending', 'queued')`, instant(next), why, id)
		return maybeStorageErr(err, "cannot queue the email again")
	})
}

// FailEmail stops an email with the server's words, and its event.
func (s *Store) FailEmail(id int64, why string, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`UPDATE outbox SET state = 'failed', error = ?, sent_at = '' WHERE id = ? AND state IN ('sending', 'queued')`, why, id); err != nil {
			return storageErr(err, "cannot mark the email as failed")
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// SetEmailState is the owner's retry or cancel.
func (s *Store) SetEmailState(id int64, from []app.OutboxState, to app.OutboxState, ev app.Event) error {
	b, _ := json.Marshal(from)
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE outbox SET state = ?, next_at = ?, attempts = CASE WHEN ? = 'queued' THEN 0 ELSE attempts END
WHERE id = ? AND state IN (SELECT value FROM json_each(?))`, string(to), instant(s.clock.Now()), string(to), id, string(b))
		if err != nil {
			return storageErr(err, "cannot change the email")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.CodeConflict, "that email has moved on meanwhile (sent, or already changed): look at the outbox again")
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maybeStorageErr is storageErr for an error that may be nil.
func maybeStorageErr(err error, msg string) error {
	if err == nil {
		return nil
	}
	return storageErr(err, msg)
}
