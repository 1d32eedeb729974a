package data

import (
	"database/sql"
	"strings"

	"duebook/app"
)

func openItems(q interface {
	Query(string, ...any) (*sql.Rows, error)
}, customerID int64, currency string) ([]app.OpenItem, error) {
	rows, err := q.Query(`SELECT id, number, issue_date, due_date, amount - paid FROM invoices
WHERE customer_id = ? AND currency = ? AND paid < amount ORDER BY due_date, issue_date, number`, customerID, currency)
	if err != nil {
		return nil, storageErr(err, "cannot read open invoices")
	}
	defer rows.Close()
	var out []app.OpenItem
	for rows.Next() {
		var o app.OpenItem
		var issue, due string
		if err := rows.Scan(&o.InvoiceID, &o.Number, &issue, &due, &o.Open); err != nil {
			return nil, storageErr(err, "cannot read open invoices")
		}
		o.IssueDate, o.DueDate = parseDate(issue), parseDate(due)
		out = append(out, o)
	}
	return out, rows.Err()
}

// OpenItems lists a customer's open invoices in one currency, oldest due first.
func (s *Store) OpenItems(customerID int64, currency string) ([]app.OpenItem, error) {
	return openItems(s.r, customerID, currency)
}

// insertPayment writes a payment, its allocations and the invoices' new paid amounts inside tx.
// The allocator sees the open invoices as they are inside the transaction, so two payments can
// never allocate the same open amount.
func insertPayment(tx *sql.Tx, p *app.Payment, importKey string, alloc app.Allocator) (app.PaymentResult, error) {
	open, err := openItems(tx, p.CustomerID, p.Currency)
	if err != nil {
		return app.PaymentResult{}, err
	}
	allocs, credit, err := alloc(open)
	if err != nil {
		return app.PaymentResult{}, err
	}
	p.Unallocated = credit
	var key any
	if importKey != "" {
		key = importKey
	}
	res, err := tx.Exec(`INSERT INTO payments (customer_id, received_on, currency, amount, method, reference, unallocated, import_key, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.CustomerID, dateText(p.ReceivedOn), p.Currency, p.Amount, string(p.Method), p.Reference, p.Unallocated, key, nowText())
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return app.PaymentResult{}, app.Wrap(app.CodeNotFound, err, "the customer of this payment does not exist")
		}
		return app.PaymentResult{}, storageErr(err, "cannot save the payment")
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return app.PaymentResult{}, err
	}
	out := app.PaymentResult{Payment: *p, Credit: credit}
	byID := map[int64]app.OpenItem{}
	for _, o := range open {
		byID[o.InvoiceID] = o
	}
	for _, a := range allocs {
		if _, err := tx.Exec(`INSERT INTO allocations (payment_id, invoice_id, amount) VALUES (?, ?, ?)`, p.ID, a.InvoiceID, a.Amount); err != nil {
			return app.PaymentResult{}, storageErr(err, "cannot save the allocation")
		}
		if _, err := tx.Exec(`UPDATE invoices SET paid = paid + ?, last_paid_on = max(last_paid_on, ?) WHERE id = ?`, a.Amount, dateText(p.ReceivedOn), a.InvoiceID); err != nil {
			return app.PaymentResult{}, storageErr(err, "cannot update the invoice")
		}
		o := byID[a.InvoiceID]
		out.Allocations = append(out.Allocations, app.AllocationLine{InvoiceID: a.InvoiceID, Number: o.Number, Amount: a.Amount, OpenAfter: o.Open - a.Amount})
	}
	return out, nil
}

// RecordPayment stores a payment, its allocations, the invoices' paid amounts and its event in
// one transaction.
func (s *Store) RecordPayment(p *app.Payment, alloc app.Allocator, ev func(app.PaymentResult) app.Event) (app.PaymentResult, error) {
	var out app.PaymentResult
	err := s.tx(bg, func(tx *sql.Tx) error {
		var err error
		if out, err = insertPayment(tx, p, "", alloc); err != nil {
			return err
		}
		_, err = appendEvent(tx, ev(out))
		return err
	})
	return out, err
}

// Payments lists a customer's payments, newest first.
func (s *Store) Payments(customerID int64) ([]app.Payment, error) {
	rows, err := s.r.Query(`SELECT id, customer_id, received_on, currency, amount, method, reference, unallocated FROM payments
WHERE customer_id = ? ORDER BY received_on DESC, id DESC`, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot read payments")
	}
	defer rows.Close()
	var out []app.Payment
	for rows.Next() {
		var p app.Payment
		var d, m string
		if err := rows.Scan(&p.ID, &p.CustomerID, &d, &p.Currency, &p.Amount, &m, &p.Reference, &p.Unallocated); err != nil {
			return nil, storageErr(err, "cannot read payments")
		}
		p.ReceivedOn, p.Method = parseDate(d), app.PaymentMethod(m)
		out = append(out, p)
	}
	return out, rows.Err()
}

// ApplyCredit spends a customer's unallocated money in one currency on their open invoices,
// oldest credit first and oldest due invoice first, in one transaction with its event.
func (s *Store) ApplyCredit(customerID int64, currency string, ev func(applied int64, lines []app.AllocationLine) app.Event) (int64, error) {
	var applied int64
	err := s.tx(bg, func(tx *sql.Tx) error {
		open, err := openItems(tx, customerID, currency)
		if err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT id, unallocated, received_on FROM payments WHERE customer_id = ? AND currency = ? AND unallocated > 0 ORDER BY received_on, id`, customerID, currency)
		if err != nil {
			return storageErr(err, "cannot read the customer's credit")
		}
		type credit struct {
			id, left int64
			date     string
		}
		var credits []credit
		for rows.Next() {
			var c credit
			if err := rows.Scan(&c.id, &c.left, &c.date); err != nil {
				rows.Close()
				return storageErr(err, "cannot read the customer's credit")
			}
			credits = append(credits, c)
		}
		rows.Close()
		var lines []app.AllocationLine
		for i := range credits {
			c := &credits[i]
			allocs, rest, err := app.Allocate(c.left, open, nil)
			if err != nil {
				return err
			}
			for _, a := range allocs {
				if _, err := tx.Exec(`INSERT INTO allocations (payment_id, invoice_id, amount) VALUES (?, ?, ?)
ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount = amount + excluded.amount`, c.id, a.InvoiceID, a.Amount); err != nil {
					return storageErr(err, "cannot apply the credit")
				}
				if _, err := tx.Exec(`UPDATE invoices SET paid = paid + ?, last_paid_on = max(last_paid_on, ?) WHERE id = ?`, a.Amount, c.date, a.InvoiceID); err != nil {
					return storageErr(err, "cannot apply the credit")
				}
				for j := range open {
					if open[j].InvoiceID == a.InvoiceID {
						open[j].Open -= a.Amount
						lines = append(lines, app.AllocationLine{InvoiceID: a.InvoiceID, Number: open[j].Number, Amount: a.Amount, OpenAfter: open[j].Open})
					}
				}
				applied += a.Amount
			}
			if _, err := tx.Exec(`UPDATE payments SET unallocated = ? WHERE id = ?`, rest, c.id); err != nil {
				return storageErr(err, "cannot apply the credit")
			}
		}
		if applied == 0 {
			return nil
		}
		_, err = appendEvent(tx, ev(applied, lines))
		return err
	})
	return applied, err
}
