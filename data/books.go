package data

import (
	"database/sql"
	"errors"
	"fmt"

	"duebook/app"
)

// WriteOff settles what is open on an invoice and its charges as written off, in one
// transaction with its event: adjustments of kind 'writeoff' say how much and why, the invoice's
// paid amount counts them (so it leaves the balance and the ladder) and it is marked written off.
func (s *Store) WriteOff(invoiceID int64, day app.Date, reason string, ev func(app.WriteOffResult) app.Event) (app.WriteOffResult, error) {
	var r app.WriteOffResult
	err := s.tx(bg, func(tx *sql.Tx) error {
		var amount, paid int64
		err := tx.QueryRow(`SELECT number, currency, amount, paid FROM invoices WHERE id = ?`, invoiceID).Scan(&r.Number, currency(&r.Currency), &amount, &paid)
		if errors.Is(err, sql.ErrNoRows) {
			return app.Errorf(app.CodeNotFound, "there is no invoice with id %d", invoiceID)
		}
		if err != nil {
			return storageErr(err, "cannot read the invoice to write off")
		}
		r.InvoiceID, r.Principal = invoiceID, amount-paid
		var inPlan int
		if err := tx.QueryRow(`SELECT count(*) FROM plan_invoices pi JOIN plans p ON p.id = pi.plan_id WHERE pi.invoice_id = ? AND p.state = 'active'`, invoiceID).Scan(&inPlan); err != nil {
			return storageErr(err, "cannot read the invoice's payment plan")
		}
		if inPlan > 0 {
			return app.Errorf(app.CodeConflict, "invoice %s is in a payment plan that is still running; it can be written off once the plan is completed or broken", r.Number)
		}
		type open struct{ id, left int64 }
		var charges []open
		rows, err := tx.Query(`SELECT id, amount - paid FROM charges WHERE invoice_id = ? AND paid < amount ORDER BY id`, invoiceID)
		if err != nil {
			return storageErr(err, "cannot read the invoice's charges")
		}
		for rows.Next() {
			var o open
			if err := rows.Scan(&o.id, &o.left); err != nil {
				rows.Close()
				return storageErr(err, "cannot read the invoice's charges")
			}
			charges, r.Charges = append(charges, o), r.Charges+o.left
		}
		rows.Close()
		if r.Total() == 0 {
			return app.Errorf(app.CodeConflict, "invoice %s has nothing left to write off", r.Number)
		}
		const adj = `INSERT INTO adjustments (invoice_id, charge_id, kind, amount, on_date, reason, created_at) VALUES (?, ?, 'writeoff', ?, ?, ?, ?)`
		if r.Principal > 0 {
			if _, err := tx.Exec(adj, invoiceID, nil, r.Principal, dateText(day), reason, nowText()); err != nil {
				return storageErr(err, "cannot write off the invoice")
			}
		}
		for _, c := range charges {
			if _, err := tx.Exec(adj, invoiceID, c.id, c.left, dateText(day), reason, nowText()); err != nil {
				return storageErr(err, "cannot write off the invoice's charges")
			}
			if _, err := tx.Exec(`UPDATE charges SET paid = amount WHERE id = ?`, c.id); err != nil {
				return storageErr(err, "cannot write off the invoice's charges")
			}
		}
		if _, err := tx.Exec(`UPDATE invoices SET paid = amount, written_off = ? WHERE id = ?`, dateText(day), invoiceID); err != nil {
			return storageErr(err, "cannot write off the invoice")
		}
		_, err = appendEvent(tx, ev(r))
		return err
	})
	return r, err
}

const payableCols = `id, supplier, amount, currency, due_date, paid_on, note`

func scanPayable(sc interface{ Scan(...any) error }, p *app.Payable) error {
	var due, paid string
	if err := sc.Scan(&p.ID, &p.Supplier, &p.Amount, currency(&p.Currency), &due, &paid, &p.Note); err != nil {
		return err
	}
	p.Due, p.PaidOn = parseDate(due), parseDate(paid)
	return nil
}

// SavePayable adds a bill (ID 0) or changes one, with its event.
func (s *Store) SavePayable(p *app.Payable, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if p.ID == 0 {
			res, err := tx.Exec(`INSERT INTO payables (supplier, amount, currency, due_date, paid_on, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				p.Supplier, p.Amount, p.Currency, dateText(p.Due), dateText(p.PaidOn), p.Note, nowText())
			if err != nil {
				return storageErr(err, "cannot save the bill from "+p.Supplier)
			}
			if p.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		} else {
			res, err := tx.Exec(`UPDATE payables SET supplier = ?, amount = ?, currency = ?, due_date = ?, paid_on = ?, note = ? WHERE id = ?`,
				p.Supplier, p.Amount, p.Currency, dateText(p.Due), dateText(p.PaidOn), p.Note, p.ID)
			if err != nil {
				return storageErr(err, "cannot save the bill from "+p.Supplier)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return app.Errorf(app.CodeNotFound, "there is no bill number %d", p.ID)
			}
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// Payable returns one bill.
func (s *Store) Payable(id int64) (app.Payable, error) {
	var p app.Payable
	err := scanPayable(s.r.QueryRow(`SELECT `+payableCols+` FROM payables WHERE id = ?`, id), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, app.Errorf(app.CodeNotFound, "there is no bill number %d", id)
	}
	if err != nil {
		return p, storageErr(err, "cannot read the bill")
	}
	return p, nil
}

// Payables lists bills: unpaid first, soonest due first; then paid ones, newest paid first.
func (s *Store) Payables(offset, limit int) ([]app.Payable, error) {
	rows, err := s.r.Query(`SELECT `+payableCols+` FROM payables ORDER BY paid_on <> '', CASE WHEN paid_on = '' THEN due_date END, paid_on DESC, id LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, storageErr(err, "cannot read the bills")
	}
	defer rows.Close()
	var out []app.Payable
	for rows.Next() {
		var p app.Payable
		if err := scanPayable(rows, &p); err != nil {
			return nil, storageErr(err, "cannot read the bills")
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CountPayables is how many bills are kept.
func (s *Store) CountPayables() (int, error) {
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM payables`).Scan(&n); err != nil {
		return 0, storageErr(err, "cannot count the bills")
	}
	return n, nil
}

func cashKey(currency string) string { return "cash-opening:" + currency }

// CashOpening is the cash at hand the owner gave for currency (0 until given).
func (s *Store) CashOpening(cur string) (int64, error) {
	var raw string
	err := s.r.QueryRow(`SELECT value FROM settings WHERE key = ?`, cashKey(cur)).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, storageErr(err, "cannot read the cash at hand")
	}
	var v int64
	if _, err := fmt.Sscan(raw, &v); err != nil {
		return 0, app.Wrap(app.CodeDamaged, err, "the cash at hand kept in the book is not a number")
	}
	return v, nil
}

// SetCashOpening keeps the cash at hand with its event.
func (s *Store) SetCashOpening(m app.Money, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			cashKey(m.Currency), fmt.Sprint(m.Amount)); err != nil {
			return storageErr(err, "cannot keep the cash at hand")
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

var _ app.BooksStore = (*Store)(nil)
