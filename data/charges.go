package data

import (
	"database/sql"
	"errors"
	"fmt"

	"duebook/app"
)

const chargeCols = `ch.id, ch.invoice_id, i.number, i.customer_id, ch.kind, ch.period_from, ch.period_to, ch.start_on, ch.rate, ch.ref_rate, ch.margin,
coalesce(ch.rate_id, 0), ch.rule, ch.stage_name, ch.basis, ch.principal, ch.amount, ch.set_off, ch.paid, ch.currency, ch.created_on`

func scanCharge(rows *sql.Rows) (app.Charge, int64, error) {
	var c app.Charge
	var customer int64
	var kind, from, to, start, created string
	err := rows.Scan(&c.ID, &c.InvoiceID, &c.Number, &customer, &kind, &from, &to, &start, &c.Rate, &c.RefRate, &c.Margin, &c.RateID, &c.Rule,
		&c.Stage, &c.Basis, &c.Principal, &c.Amount, &c.SetOff, &c.Paid, currency(&c.Currency), &created)
	c.Kind, c.From, c.To, c.Start, c.CreatedOn = app.ChargeKind(kind), parseDate(from), parseDate(to), parseDate(start), parseDate(created)
	return c, customer, err
}

// Charges lists a customer's charges, oldest first.
func (s *Store) Charges(customerID int64) ([]app.Charge, error) {
	m, err := s.ChargesOf([]int64{customerID})
	return m[customerID], err
}

// ChargesOf lists every charge of the customers, paid or not, by customer, oldest first.
func (s *Store) ChargesOf(customerIDs []int64) (map[int64][]app.Charge, error) {
	out := map[int64][]app.Charge{}
	ids := make([]string, len(customerIDs))
	for i, id := range customerIDs {
		ids[i] = fmt.Sprint(id)
	}
	err := inChunks(ids, func(ph string, args []any) error {
		rows, err := s.r.Query(`SELECT `+chargeCols+` FROM charges ch JOIN invoices i ON i.id = ch.invoice_id
WHERE i.customer_id IN (`+ph+`) ORDER BY ch.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, customer, err := scanCharge(rows)
			if err != nil {
				return err
			}
			out[customer] = append(out[customer], c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, storageErr(err, "cannot read charges")
	}
	return out, nil
}

// PrincipalPayments lists, per invoice, the money applied to its principal by the day it was
// received: interest runs on the balance of each day.
func (s *Store) PrincipalPayments(invoiceIDs []int64) (map[int64][]app.DatedAmount, error) {
	out := map[int64][]app.DatedAmount{}
	ids := make([]string, len(invoiceIDs))
	for i, id := range invoiceIDs {
		ids[i] = fmt.Sprint(id)
	}
	err := inChunks(ids, func(ph string, args []any) error {
		rows, err := s.r.Query(`SELECT a.invoice_id, p.received_on, a.amount FROM allocations a JOIN payments p ON p.id = a.payment_id
WHERE a.invoice_id IN (`+ph+`) ORDER BY p.received_on, p.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var on string
			var d app.DatedAmount
			if err := rows.Scan(&id, &on, &d.Amount); err != nil {
				return err
			}
			d.On = parseDate(on)
			out[id] = append(out[id], d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, storageErr(err, "cannot read payments")
	}
	return out, nil
}

// InvoiceByNumber finds an invoice by its exact number, however many share its beginning.
func (s *Store) InvoiceByNumber(number string) (app.Invoice, error) {
	var inv app.Invoice
	err := scanInvoice(s.r.QueryRow(`SELECT `+invoiceCols+` FROM invoices i WHERE i.number = ?`, number), &inv)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, app.Errorf(app.CodeNotFound, "there is no invoice numbered %q", number)
	}
	if err != nil {
		return inv, storageErr(err, "cannot read invoice "+number)
	}
	return inv, nil
}

// insertCharges records the charges an approval adds.
func insertCharges(tx *sql.Tx, charges []app.Charge, actionID int64) error {
	for _, c := range charges {
		if c.Amount <= 0 && c.SetOff <= 0 {
			continue
		}
		var rateID any
		if c.RateID != 0 {
			rateID = c.RateID
		}
		if _, err := tx.Exec(`INSERT INTO charges (invoice_id, kind, period_from, period_to, start_on, rate, ref_rate, margin, rate_id, rule, stage_name,
basis, principal, amount, set_off, currency, created_on, action_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.InvoiceID, string(c.Kind), dateText(c.From), dateText(c.To), dateText(c.Start), c.Rate, c.RefRate, c.Margin, rateID, c.Rule, c.Stage,
			c.Basis, c.Principal, c.Amount, c.SetOff, c.Currency, dateText(c.CreatedOn), actionID, nowText()); err != nil {
			return storageErr(err, "cannot record the charges")
		}
	}
	return nil
}

// CreditToApply lists the customers and currencies where credit could pay something open.
func (s *Store) CreditToApply() ([]app.CustomerCurrency, error) {
	rows, err := s.r.Query(`SELECT DISTINCT p.customer_id, p.currency FROM payments p WHERE p.unallocated > 0 AND (
  EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = p.customer_id AND i.currency = p.currency AND i.paid < i.amount)
  OR EXISTS (SELECT 1 FROM charges ch JOIN invoices i ON i.id = ch.invoice_id WHERE i.customer_id = p.customer_id AND ch.currency = p.currency AND ch.paid < ch.amount))
ORDER BY p.customer_id, p.currency`)
	if err != nil {
		return nil, storageErr(err, "cannot read credit")
	}
	defer rows.Close()
	var out []app.CustomerCurrency
	for rows.Next() {
		var cc app.CustomerCurrency
		if err := rows.Scan(&cc.CustomerID, currency(&cc.Currency)); err != nil {
			return nil, storageErr(err, "cannot read credit")
		}
		out = append(out, cc)
	}
	return out, rows.Err()
}

// applyAllocation writes one allocation of a payment: to an invoice's principal or to a charge.
func applyAllocation(tx *sql.Tx, paymentID int64, receivedOn string, a app.Allocation) error {
	if a.ChargeID != 0 {
		if _, err := tx.Exec(`INSERT INTO charge_allocations (payment_id, charge_id, amount) VALUES (?, ?, ?)
ON CONFLICT (payment_id, charge_id) DO UPDATE SET amount = amount + excluded.amount`, paymentID, a.ChargeID, a.Amount); err != nil {
			return storageErr(err, "cannot save the allocation")
		}
		res, err := tx.Exec(`UPDATE charges SET paid = paid + ? WHERE id = ? AND paid + ? <= amount`, a.Amount, a.ChargeID, a.Amount)
		if err != nil {
			return storageErr(err, "cannot update the charge")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return app.Errorf(app.CodeConflict, "a charge was paid meanwhile; please try again")
		}
		return nil
	}
	if _, err := tx.Exec(`INSERT INTO allocations (payment_id, invoice_id, amount) VALUES (?, ?, ?)
ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount = amount + excluded.amount`, paymentID, a.InvoiceID, a.Amount); err != nil {
		return storageErr(err, "cannot save the allocation")
	}
	if _, err := tx.Exec(`UPDATE invoices SET paid = paid + ?, last_paid_on = max(last_paid_on, ?) WHERE id = ?`, a.Amount+a.Discount, receivedOn, a.InvoiceID); err != nil {
		if isCheck(err) {
			return app.Wrap(app.CodeConflict, err, "the invoice was paid meanwhile; please try again")
		}
		return storageErr(err, "cannot update the invoice")
	}
	if a.Discount > 0 {
		// The discount settles the rest without money: an adjustment, so the payment stays what was received.
		if _, err := tx.Exec(`INSERT INTO adjustments (invoice_id, kind, amount, on_date, payment_id, created_at) VALUES (?, 'discount', ?, ?, ?, ?)`,
			a.InvoiceID, a.Discount, receivedOn, paymentID, nowText()); err != nil {
			return storageErr(err, "cannot record the early-payment discount")
		}
	}
	return nil
}
