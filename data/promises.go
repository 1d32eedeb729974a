package data

import (
	"database/sql"
	"strings"

	"duebook/app"
)

// AddPromise stores a promise to pay.
func (s *Store) AddPromise(p *app.Promise, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		var open int
		tx.QueryRow(`SELECT count(*) FROM promises WHERE customer_id = ? AND state = 'open'`, p.CustomerID).Scan(&open)
		if open > 0 {
			return app.Errorf(app.CodeConflict, "the customer already has an open promise; wait until it is kept or broken")
		}
		res, err := tx.Exec(`INSERT INTO promises (customer_id, amount, currency, made_on, due_on, grace_days, state, note, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
			p.CustomerID, p.Amount, p.Currency, p.MadeOn.String(), p.Due.String(), p.Grace, p.Note, nowText())
		if err != nil {
			if isForeignKey(err) {
				return app.Errorf(app.CodeNotFound, "there is no customer number %d", p.CustomerID)
			}
			return storageErr(err, "cannot save the promise")
		}
		p.ID, _ = res.LastInsertId()
		p.State = app.PromiseOpen
		_, err = appendEvent(tx, ev)
		return err
	})
}

// OpenPromises lists every open promise.
func (s *Store) OpenPromises() ([]app.Promise, error) { return s.promises(`state = 'open'`) }

// Promises lists a customer's promises, newest first.
func (s *Store) Promises(customerID int64) ([]app.Promise, error) {
	return s.promises(`customer_id = ? ORDER BY id DESC`, customerID)
}

func (s *Store) promises(where string, args ...any) ([]app.Promise, error) {
	if !strings.Contains(where, "ORDER BY") {
		where += " ORDER BY id"
	}
	rows, err := s.r.Query(`SELECT id, customer_id, amount, currency, made_on, due_on, grace_days, state, note, settled_on FROM promises WHERE `+where, args...)
	if err != nil {
		return nil, storageErr(err, "cannot read promises")
	}
	defer rows.Close()
	var out []app.Promise
	for rows.Next() {
		var p app.Promise
		var made, due, state, settled string
		if err := rows.Scan(&p.ID, &p.CustomerID, &p.Amount, currency(&p.Currency), &made, &due, &p.Grace, &state, &p.Note, &settled); err != nil {
			return nil, storageErr(err, "cannot read promises")
		}
		p.MadeOn, p.Due, p.State, p.SettledOn = parseDate(made), parseDate(due), app.PromiseState(state), parseDate(settled)
		out = append(out, p)
	}
	return out, rows.Err()
}

// PaidSince sums what a customer paid in a currency from a day on.
func (s *Store) PaidSince(customerID int64, currency string, since app.Date) (int64, error) {
	var v int64
	err := s.r.QueryRow(`SELECT coalesce(sum(amount), 0) FROM payments WHERE customer_id = ? AND currency = ? AND received_on >= ? AND method <> ?`,
		customerID, currency, since.String(), string(app.MethodCreditNote)).Scan(&v)
	if err != nil {
		return 0, storageErr(err, "cannot sum payments")
	}
	return v, nil
}

// SettlePromise marks a promise kept or broken; a broken one rushes the customer's next stage.
func (s *Store) SettlePromise(p app.Promise, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE promises SET state = ?, settled_on = ? WHERE id = ? AND state = 'open'`, string(p.State), p.SettledOn.String(), p.ID)
		if err != nil {
			return storageErr(err, "cannot settle the promise")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // settled already: nothing twice
		}
		if p.State == app.PromiseBroken {
			if _, err := tx.Exec(`UPDATE customers SET rush_since = ? WHERE id = ?`, p.SettledOn.String(), p.CustomerID); err != nil {
				return storageErr(err, "cannot settle the promise")
			}
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// OpenDispute records a dispute of an invoice; it leaves the ladder until resolved.
func (s *Store) OpenDispute(invoiceID int64, on app.Date, reason string, ev app.Event) (int64, error) {
	var id int64
	err := s.tx(bg, func(tx *sql.Tx) error {
		var open int
		tx.QueryRow(`SELECT count(*) FROM disputes WHERE invoice_id = ? AND resolved_on = ''`, invoiceID).Scan(&open)
		if open > 0 {
			return app.Errorf(app.CodeConflict, "the invoice is already disputed")
		}
		res, err := tx.Exec(`INSERT INTO disputes (invoice_id, opened_on, reason, created_at) VALUES (?, ?, ?, ?)`, invoiceID, on.String(), reason, nowText())
		if err != nil {
			if isForeignKey(err) {
				return app.Errorf(app.CodeNotFound, "there is no such invoice")
			}
			return storageErr(err, "cannot record the dispute")
		}
		id, _ = res.LastInsertId()
		_, err = appendEvent(tx, ev)
		return err
	})
	return id, err
}

// ResolveDispute closes a dispute with how it was resolved.
func (s *Store) ResolveDispute(disputeID int64, on app.Date, resolution string, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE disputes SET resolved_on = ?, resolution = ? WHERE id = ? AND resolved_on = ''`, on.String(), resolution, disputeID)
		if err != nil {
			return storageErr(err, "cannot resolve the dispute")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.CodeNotFound, "there is no open dispute number %d", disputeID)
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// Disputes lists a customer's disputes, open first.
func (s *Store) Disputes(customerID int64) ([]app.Dispute, error) {
	rows, err := s.r.Query(`SELECT d.id, d.invoice_id, i.number, d.opened_on, d.reason, d.resolved_on, d.resolution
FROM disputes d JOIN invoices i ON i.id = d.invoice_id WHERE i.customer_id = ? ORDER BY d.resolved_on <> '', d.id DESC`, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot read disputes")
	}
	defer rows.Close()
	var out []app.Dispute
	for rows.Next() {
		var d app.Dispute
		var opened, resolved string
		if err := rows.Scan(&d.ID, &d.InvoiceID, &d.Number, &opened, &d.Reason, &resolved, &d.Resolution); err != nil {
			return nil, storageErr(err, "cannot read disputes")
		}
		d.OpenedOn, d.ResolvedOn = parseDate(opened), parseDate(resolved)
		out = append(out, d)
	}
	return out, rows.Err()
}
