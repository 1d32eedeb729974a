package data

import (
	"database/sql"
	"errors"
	"time"

	"duebook/app"
)

// RecordCall stores a call and its outcome.
func (s *Store) RecordCall(c *app.Call, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO calls (customer_id, at, outcome, inbound, note, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			c.CustomerID, c.At.UTC().Format(time.RFC3339), string(c.Outcome), c.Inbound, c.Note, nowText())
		if err != nil {
			if isForeignKey(err) {
				return app.Errorf(app.CodeNotFound, "there is no customer number %d", c.CustomerID)
			}
			return storageErr(err, "cannot record the call")
		}
		c.ID, _ = res.LastInsertId()
		ev.CustomerID = c.CustomerID
		_, err = appendEvent(tx, ev)
		return err
	})
}

func insertDocument(tx *sql.Tx, d app.Document) error {
	if _, err := tx.Exec(`INSERT INTO documents (sha256, kind, mime, size, content, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		d.SHA256, d.Kind, d.Mime, len(d.Content), d.Content, nowText()); err != nil {
		return storageErr(err, "cannot store the document")
	}
	return nil
}

// SaveDocument stores a document once by its SHA-256 and records its event.
func (s *Store) SaveDocument(d app.Document, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if err := insertDocument(tx, d); err != nil {
			return err
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// Document returns a stored document's exact bytes.
func (s *Store) Document(sha string) (app.Document, error) {
	d := app.Document{SHA256: sha}
	err := s.r.QueryRow(`SELECT kind, mime, content FROM documents WHERE sha256 = ?`, sha).Scan(&d.Kind, &d.Mime, &d.Content)
	if errors.Is(err, sql.ErrNoRows) {
		return d, app.Errorf(app.CodeNotFound, "there is no stored document %s", sha)
	}
	if err != nil {
		return d, storageErr(err, "cannot read the document")
	}
	// The key is the hash of the bytes as they were stored: anything else is not the original.
	if app.NewDocument(d.Kind, d.Mime, d.Content).SHA256 != sha {
		return app.Document{SHA256: sha}, app.Errorf(app.CodeStorage, "the stored document %s… does not match its SHA-256: it was changed after it was stored, so Duebook will not hand it out as the original (run \"duebook check\")", sha[:min(12, len(sha))])
	}
	return d, nil
}

// CustomerDocuments lists the documents a customer's timeline names, newest first.
func (s *Store) CustomerDocuments(customerID int64) ([]app.DocumentRef, error) {
	rows, err := s.r.Query(`SELECT e.at, e.summary, json_extract(e.data, '$.sha256'), coalesce(d.kind, '') FROM events e
LEFT JOIN documents d ON d.sha256 = json_extract(e.data, '$.sha256')
WHERE e.customer_id = ? AND json_valid(e.data) AND json_extract(e.data, '$.sha256') IS NOT NULL ORDER BY e.id DESC`, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot list the documents")
	}
	defer rows.Close()
	var out []app.DocumentRef
	for rows.Next() {
		var r app.DocumentRef
		var at string
		if err := rows.Scan(&at, &r.Summary, &r.SHA256, &r.Kind); err != nil {
			return nil, storageErr(err, "cannot list the documents")
		}
		r.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Template returns the owner's newest version of a template.
func (s *Store) Template(key app.TemplateKey) (string, int, bool, error) {
	var text string
	var v int
	err := s.r.QueryRow(`SELECT text, version FROM templates WHERE kind = ? AND tone = ? AND lang = ? ORDER BY version DESC LIMIT 1`,
		string(key.Kind), string(key.Tone), key.Lang).Scan(&text, &v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, false, nil
	}
	if err != nil {
		return "", 0, false, storageErr(err, "cannot read the template")
	}
	return text, v, true, nil
}

// SaveTemplate stores a new version of a template.
func (s *Store) SaveTemplate(key app.TemplateKey, text string, ev app.Event) (int, error) {
	var v int
	err := s.tx(bg, func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT coalesce(max(version), 0) + 1 FROM templates WHERE kind = ? AND tone = ? AND lang = ?`,
			string(key.Kind), string(key.Tone), key.Lang).Scan(&v); err != nil {
			return storageErr(err, "cannot save the template")
		}
		if _, err := tx.Exec(`INSERT INTO templates (kind, tone, lang, version, text, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			string(key.Kind), string(key.Tone), key.Lang, v, text, nowText()); err != nil {
			return storageErr(err, "cannot save the template")
		}
		_, err := appendEvent(tx, ev)
		return err
	})
	return v, err
}

// PaymentCustomer tells whose payment a payment number is.
func (s *Store) PaymentCustomer(paymentID int64) (int64, error) {
	var id int64
	err := s.r.QueryRow(`SELECT customer_id FROM payments WHERE id = ?`, paymentID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, app.Errorf(app.CodeNotFound, "there is no payment number %d", paymentID)
	}
	if err != nil {
		return 0, storageErr(err, "cannot read the payment")
	}
	return id, nil
}
