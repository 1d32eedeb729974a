package data

import (
	"database/sql"

	"duebook/app"
)

func openItems(q interface {
	Query(string, ...any) (*sql.Rows, error)
}, customerID int64, currency string) ([]app.OpenItem, error) {
	rows, err := q.Query(`SELECT id, number, issue_date, due_date, amount - paid, 0, '', '', amount, net_days, discount_bp, discount_days FROM invoices
WHERE customer_id = ? AND currency = ? AND paid < amount
UNION ALL
SELECT i.id, i.number, i.issue_date, i.due_date, ch.amount - ch.paid, ch.id, ch.kind, ch.created_on, 0, 0, 0, 0 FROM charges ch JOIN invoices i ON i.id = ch.invoice_id
WHERE i.customer_id = ? AND ch.currency = ? AND ch.paid < ch.amount
ORDER BY 4, 3, 2, 6`, customerID, currency, customerID, currency)
	if err != nil {
		return nil, storageErr(err, "cannot read open invoices")
	}
	defer rows.Close()
	var out []app.OpenItem
	for rows.Next() {
		var o app.OpenItem
		var issue, due, kind, charged string
		if err := rows.Scan(&o.InvoiceID, &o.Number, &issue, &due, &o.Open, &o.ChargeID, &kind, &charged,
			&o.Amount, &o.Terms.NetDays, &o.Terms.DiscountBP, &o.Terms.DiscountDays); err != nil {
			return nil, storageErr(err, "cannot read open invoices")
		}
		o.IssueDate, o.DueDate, o.ChargeKind, o.ChargedOn = parseDate(issue), parseDate(due), app.ChargeKind(kind), parseDate(charged)
		out = append(out, o)
	}
	return out, rows.Err()
}

// OpenItems lists what a customer owes in one currency: each open invoice's principal and each
// open charge, oldest due first.
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
		if isForeignKey(err) {
			return app.PaymentResult{}, app.Wrap(app.CodeNotFound, err, "the customer of this payment does not exist")
		}
		return app.PaymentResult{}, storageErr(err, "cannot save the payment")
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return app.PaymentResult{}, err
	}
	out := app.PaymentResult{Payment: *p, Credit: credit}
	type itemKey struct{ inv, ch int64 }
	byID := map[itemKey]app.OpenItem{}
	for _, o := range open {
		byID[itemKey{o.InvoiceID, o.ChargeID}] = o
	}
	for _, a := range allocs {
		if err := applyAllocation(tx, p.ID, dateText(p.ReceivedOn), a); err != nil {
			return app.PaymentResult{}, err
		}
		o := byID[itemKey{a.InvoiceID, a.ChargeID}]
		out.Allocations = append(out.Allocations, app.AllocationLine{InvoiceID: a.InvoiceID, ChargeID: a.ChargeID, Number: o.Label(),
			Amount: a.Amount, OpenAfter: o.Open - a.Amount - a.Discount, Discount: a.Discount})
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
		if err := rows.Scan(&p.ID, &p.CustomerID, &d, currency(&p.Currency), &p.Amount, &m, &p.Reference, &p.Unallocated); err != nil {
			return nil, storageErr(err, "cannot read payments")
		}
		p.ReceivedOn, p.Method = parseDate(d), app.PaymentMethod(m)
		out = append(out, p)
	}
	return out, rows.Err()
}

// ApplyCredit spends a customer's unallocated money in one currency on their open invoices,
// oldest credit first and oldest due invoice first, in one transaction with its event.
func (s *Store) ApplyCredit(customerID int64, currency string, order app.PaymentOrder, ev func(applied int64, lines []app.AllocationLine) app.Event) (int64, error) {
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
			allocs, rest, err := app.AllocateBy(c.left, open, nil, order, parseDate(c.date))
			if err != nil {
				return err
			}
			for _, a := range allocs {
				if err := applyAllocation(tx, c.id, c.date, a); err != nil {
					return err
				}
				for j := range open {
					if open[j].InvoiceID == a.InvoiceID && open[j].ChargeID == a.ChargeID {
						open[j].Open -= a.Amount
						lines = append(lines, app.AllocationLine{InvoiceID: a.InvoiceID, ChargeID: a.ChargeID, Number: open[j].Label(), Amount: a.Amount, OpenAfter: open[j].Open})
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
