package data

import (
	"database/sql"
	"errors"
	"strings"

	"duebook/app"
)

const invoiceCols = `i.id, i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount, i.paid, i.last_paid_on, i.description, i.external_ref, i.default_term,
i.net_days, i.discount_bp, i.discount_days, i.written_off`

func scanInvoice(sc interface{ Scan(...any) error }, inv *app.Invoice, extra ...any) error {
	var issue, due, last, off string
	dst := append([]any{&inv.ID, &inv.Number, &inv.CustomerID, &issue, &due, currency(&inv.Currency), &inv.Amount, &inv.Paid, &last, &inv.Description, &inv.ExternalRef, &inv.Term,
		&inv.Terms.NetDays, &inv.Terms.DiscountBP, &inv.Terms.DiscountDays, &off}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return err
	}
	inv.IssueDate, inv.DueDate, inv.LastPaidOn, inv.WrittenOff = parseDate(issue), parseDate(due), parseDate(last), parseDate(off)
	return nil
}

const insertInvoiceSQL = `INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount, paid, last_paid_on, description, external_ref, default_term, created_at,
net_days, discount_bp, discount_days)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func invoiceArgs(inv *app.Invoice) []any {
	return []any{inv.Number, inv.CustomerID, dateText(inv.IssueDate), dateText(inv.DueDate), inv.Currency, inv.Amount, inv.Paid,
		dateText(inv.LastPaidOn), inv.Description, inv.ExternalRef, string(inv.Term), nowText(),
		inv.Terms.NetDays, inv.Terms.DiscountBP, inv.Terms.DiscountDays}
}

func insertInvoice(tx *sql.Tx, inv *app.Invoice) error {
	res, err := tx.Exec(insertInvoiceSQL, invoiceArgs(inv)...)
	if err != nil {
		if isUnique(err) {
			return app.Wrap(app.CodeConflict, err, "there is already an invoice numbered %s", inv.Number)
		}
		if isForeignKey(err) {
			return app.Wrap(app.CodeNotFound, err, "the customer of invoice %s does not exist", inv.Number)
		}
		return storageErr(err, "cannot save invoice "+inv.Number)
	}
	if inv.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return writeLines(tx, inv)
}

func writeLines(tx *sql.Tx, inv *app.Invoice) error {
	if _, err := tx.Exec(`DELETE FROM invoice_lines WHERE invoice_id = ?`, inv.ID); err != nil {
		return storageErr(err, "cannot save the invoice lines")
	}
	for i, l := range inv.Lines {
		if _, err := tx.Exec(`INSERT INTO invoice_lines (invoice_id, pos, description, quantity, unit_price, tax_rate) VALUES (?, ?, ?, ?, ?, ?)`,
			inv.ID, i+1, l.Description, l.Quantity, l.UnitPrice, l.TaxRate); err != nil {
			return storageErr(err, "cannot save the invoice lines")
		}
	}
	return nil
}

// CreateInvoice stores a new invoice and its event.
func (s *Store) CreateInvoice(inv *app.Invoice, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if err := insertInvoice(tx, inv); err != nil {
			return err
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// UpdateInvoice stores changes to an invoice. Its paid amount is not touched: only payments do.
func (s *Store) UpdateInvoice(inv app.Invoice, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE invoices SET number = ?, customer_id = ?, issue_date = ?, due_date = ?, currency = ?, amount = ?, description = ?, external_ref = ?, default_term = ?,
net_days = ?, discount_bp = ?, discount_days = ? WHERE id = ?`, inv.Number, inv.CustomerID, dateText(inv.IssueDate), dateText(inv.DueDate), inv.Currency, inv.Amount,
			inv.Description, inv.ExternalRef, string(inv.Term), inv.Terms.NetDays, inv.Terms.DiscountBP, inv.Terms.DiscountDays, inv.ID)
		if err != nil {
			switch {
			case isUnique(err):
				return app.Wrap(app.CodeConflict, err, "there is already an invoice numbered %s", inv.Number)
			case isCheck(err):
				return app.Wrap(app.CodeConflict, err, "invoice %s has more paid than the new amount", inv.Number)
			}
			return storageErr(err, "cannot save invoice "+inv.Number)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.CodeNotFound, "invoice %d does not exist", inv.ID)
		}
		if err := writeLines(tx, &inv); err != nil {
			return err
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// Invoice returns one invoice with its lines.
func (s *Store) Invoice(id int64) (app.Invoice, error) {
	var inv app.Invoice
	err := scanInvoice(s.r.QueryRow(`SELECT `+invoiceCols+` FROM invoices i WHERE i.id = ?`, id), &inv)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, app.Errorf(app.CodeNotFound, "there is no invoice with id %d", id)
	}
	if err != nil {
		return inv, storageErr(err, "cannot read the invoice")
	}
	rows, err := s.r.Query(`SELECT description, quantity, unit_price, tax_rate FROM invoice_lines WHERE invoice_id = ? ORDER BY pos`, id)
	if err != nil {
		return inv, storageErr(err, "cannot read the invoice lines")
	}
	defer rows.Close()
	for rows.Next() {
		var l app.InvoiceLine
		if err := rows.Scan(&l.Description, &l.Quantity, &l.UnitPrice, &l.TaxRate); err != nil {
			return inv, storageErr(err, "cannot read the invoice lines")
		}
		inv.Lines = append(inv.Lines, l)
	}
	return inv, rows.Err()
}

// invoiceFilter builds the WHERE clause of the invoices list; open-state filters use the partial
// index on open invoices.
func invoiceFilter(f app.InvoiceFilter, today app.Date) (string, []any) {
	var conds []string
	var args []any
	if f.CustomerID != 0 {
		conds = append(conds, "i.customer_id = ?")
		args = append(args, f.CustomerID)
	}
	asOf := f.AsOf
	if asOf.IsZero() {
		asOf = today
	}
	switch f.State {
	case app.FilterOpen:
		conds = append(conds, "i.paid < i.amount")
	case app.FilterOverdue:
		conds = append(conds, "i.paid < i.amount", "i.due_date <= ?")
		args = append(args, asOf.AddDays(-max(1, f.MinDays)).String())
	case app.FilterPaid:
		conds = append(conds, "i.paid >= i.amount", "i.written_off = ''")
	case app.FilterWrittenOff:
		conds = append(conds, "i.written_off <> ''")
	}
	if !f.DueFrom.IsZero() {
		conds = append(conds, "i.due_date >= ?")
		args = append(args, f.DueFrom.String())
	}
	if !f.DueTo.IsZero() {
		conds = append(conds, "i.due_date <= ?")
		args = append(args, f.DueTo.String())
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		conds = append(conds, `(i.number LIKE ? ESCAPE '\' OR i.customer_id IN (SELECT id FROM customers WHERE name_key LIKE ? ESCAPE '\'))`)
		args = append(args, escapeLike(q)+"%", "%"+escapeLike(nameKey(q))+"%")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Invoices returns one page of invoices, oldest due first for open states, newest first otherwise.
func (s *Store) Invoices(f app.InvoiceFilter, offset, limit int) ([]app.InvoiceRow, error) {
	where, args := invoiceFilter(f, s.today())
	order := " ORDER BY i.due_date DESC, i.id DESC"
	if f.State == app.FilterOpen || f.State == app.FilterOverdue {
		order = " ORDER BY i.due_date, i.id"
	}
	rows, err := s.r.Query(`SELECT `+invoiceCols+`, c.name FROM invoices i JOIN customers c ON c.id = i.customer_id`+where+order+` LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, storageErr(err, "cannot list invoices")
	}
	defer rows.Close()
	var out []app.InvoiceRow
	for rows.Next() {
		var r app.InvoiceRow
		if err := scanInvoice(rows, &r.Invoice, &r.CustomerName); err != nil {
			return nil, storageErr(err, "cannot read invoices")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CountInvoices counts the invoices a filter finds.
func (s *Store) CountInvoices(f app.InvoiceFilter) (int, error) {
	where, args := invoiceFilter(f, s.today())
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM invoices i`+where, args...).Scan(&n); err != nil {
		return 0, storageErr(err, "cannot count invoices")
	}
	return n, nil
}
