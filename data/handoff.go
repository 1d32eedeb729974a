package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"time"

	"duebook/app"
)

// LinkedTimeline returns every event of a customer, oldest first, each with the chain value of
// the event before it (another customer's, often): with it, a reader outside the shop can
// recompute each link without seeing the rest of the book.
func (s *Store) LinkedTimeline(customerID int64) ([]app.LinkedEvent, error) {
	rows, err := s.r.Query(`SELECT e.id, e.at, coalesce(e.customer_id, 0), e.kind, e.summary, e.data, e.hash, e.chain, coalesce(p.chain, ?)
FROM events e LEFT JOIN events p ON p.id = e.id - 1 WHERE e.customer_id = ? ORDER BY e.id`, genesis, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot read the timeline")
	}
	defer rows.Close()
	var out []app.LinkedEvent
	for rows.Next() {
		var le app.LinkedEvent
		var at string
		if err := rows.Scan(&le.ID, &at, &le.CustomerID, &le.Kind, &le.Summary, &le.Data, &le.Hash, &le.Chain, &le.Prev); err != nil {
			return nil, storageErr(err, "cannot read the timeline")
		}
		le.At, err = time.Parse(time.RFC3339Nano, at)
		if err != nil {
			le.At = time.Time{} // a damaged date: the hash no longer matches, and the export says so
		}
		out = append(out, le)
	}
	return out, rows.Err()
}

// Handoffs are the customer's hand-off events, newest first.
func (s *Store) Handoffs(customerID int64) ([]app.Event, error) {
	rows, err := s.r.Query(`SELECT id, at, kind, summary, data FROM events WHERE customer_id = ? AND kind = 'handoff' ORDER BY id DESC`, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot read the hand-offs")
	}
	defer rows.Close()
	var out []app.Event
	for rows.Next() {
		ev := app.Event{CustomerID: customerID}
		var at string
		if err := rows.Scan(&ev.ID, &at, &ev.Kind, &ev.Summary, &ev.Data); err != nil {
			return nil, storageErr(err, "cannot read the hand-offs")
		}
		if ev.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, app.Errorf(app.CodeDamaged, "the hand-off of customer %d carries an unreadable date %q", customerID, at)
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// InvoiceSources tells, for each of a customer's invoices an import created from a kept file,
// which file and row it came from.
func (s *Store) InvoiceSources(customerID int64) ([]app.InvoiceSource, error) {
	rows, err := s.r.Query(`SELECT i.id, i.number, i.source_row, f.name, f.sha256, f.encoding, f.imported_at
FROM invoices i JOIN import_files f ON f.id = i.source_file WHERE i.customer_id = ? ORDER BY f.id, i.source_row`, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot read where the invoices were imported from")
	}
	defer rows.Close()
	var out []app.InvoiceSource
	for rows.Next() {
		var src app.InvoiceSource
		var at string
		if err := rows.Scan(&src.InvoiceID, &src.Number, &src.Row, &src.File.Name, &src.File.Doc.SHA256, &src.File.Encoding, &at); err != nil {
			return nil, storageErr(err, "cannot read where the invoices were imported from")
		}
		src.ImportedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, src)
	}
	return out, rows.Err()
}

// receiversKey keeps the names of the agencies and attorneys the shop handed debts to.
const receiversKey = "handoff-receivers"

// RecordHandoff keeps the bundle as a document, marks the customers' open invoices handed off
// (the ladder stops for them), adds the receiver to the shop's address book and writes each
// customer's hand-off event, in one transaction.
func (s *Store) RecordHandoff(customerIDs []int64, on app.Date, to app.Receiver, bundle app.Document, evs []app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if err := insertDocument(tx, bundle); err != nil {
			return err
		}
		if err := addReceiver(tx, to.Name); err != nil {
			return err
		}
		if err := keepReceiverAddress(tx, to); err != nil {
			return err
		}
		for _, id := range customerIDs {
			if _, err := tx.Exec(`UPDATE invoices SET handed_off = ? WHERE customer_id = ? AND paid < amount AND handed_off = ''`, on.String(), id); err != nil {
				return storageErr(err, "cannot mark the invoices handed off")
			}
		}
		for _, ev := range evs {
			if _, err := appendEvent(tx, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// UnsentEmails names the customer's stored emails that the outbox holds but never sent (queued,
// sending, failed or cancelled), by SHA-256, with their state.
func (s *Store) UnsentEmails(customerID int64) (map[string]app.OutboxState, error) {
	rows, err := s.r.Query(`SELECT sha256, state FROM outbox WHERE customer_id = ? AND state <> 'sent'
AND sha256 NOT IN (SELECT sha256 FROM outbox WHERE customer_id = ? AND state = 'sent')`, customerID, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot read the outbox")
	}
	defer rows.Close()
	out := map[string]app.OutboxState{}
	for rows.Next() {
		var sha, state string
		if err := rows.Scan(&sha, &state); err != nil {
			return nil, storageErr(err, "cannot read the outbox")
		}
		out[sha] = app.OutboxState(state)
	}
	return out, rows.Err()
}

func readReceivers(q queryer) ([]string, error) {
	var raw string
	err := q.QueryRow(`SELECT value FROM settings WHERE key = ?`, receiversKey).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	_ = json.Unmarshal([]byte(raw), &names) // a damaged list starts again empty
	return names, nil
}

func addReceiver(tx *sql.Tx, name string) error {
	names, err := readReceivers(tx)
	if err != nil {
		return storageErr(err, "cannot read the address book")
	}
	if slices.Contains(names, name) {
		return nil
	}
	names = append(names, name)
	sort.Strings(names)
	b, _ := json.Marshal(names)
	if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, receiversKey, string(b)); err != nil {
		return storageErr(err, "cannot keep the address book")
	}
	return nil
}

// HandoffReceivers are the agencies and attorneys the shop handed debts to, by name.
func (s *Store) HandoffReceivers() ([]string, error) {
	names, err := readReceivers(s.r)
	if err != nil {
		return nil, storageErr(err, "cannot read the address book")
	}
	return names, nil
}

// addressesKey keeps the postal address of each agency and attorney, by name.
const addressesKey = "handoff-receiver-addresses"

func readAddresses(q queryer) (map[string][]string, error) {
	var raw string
	err := q.QueryRow(`SELECT value FROM settings WHERE key = ?`, addressesKey).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return map[string][]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	_ = json.Unmarshal([]byte(raw), &out) // a damaged book starts again empty
	return out, nil
}

// keepReceiverAddress remembers the address given for a receiver; none given keeps the old one.
func keepReceiverAddress(tx *sql.Tx, r app.Receiver) error {
	if len(r.Address) == 0 {
		return nil
	}
	all, err := readAddresses(tx)
	if err != nil {
		return storageErr(err, "cannot read the address book")
	}
	all[r.Name] = r.Address
	b, _ := json.Marshal(all)
	if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, addressesKey, string(b)); err != nil {
		return storageErr(err, "cannot keep the address book")
	}
	return nil
}

// HandoffReceiver is an agency or attorney of the address book with its postal address.
func (s *Store) HandoffReceiver(name string) (app.Receiver, bool, error) {
	names, err := readReceivers(s.r)
	if err != nil {
		return app.Receiver{}, false, storageErr(err, "cannot read the address book")
	}
	if !slices.Contains(names, name) {
		return app.Receiver{Name: name}, false, nil
	}
	all, err := readAddresses(s.r)
	if err != nil {
		return app.Receiver{}, false, storageErr(err, "cannot read the address book")
	}
	return app.Receiver{Name: name, Address: all[name]}, true, nil
}
