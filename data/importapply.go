package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"duebook/app"
)

// ImportCustomers returns every stored customer, for the import planner to match names.
func (s *Store) ImportCustomers() ([]app.Customer, error) {
	rows, err := s.r.Query(`SELECT ` + customerCols + ` FROM customers`)
	if err != nil {
		return nil, storageErr(err, "cannot read customers")
	}
	defer rows.Close()
	var out []app.Customer
	for rows.Next() {
		var c app.Customer
		if err := scanCustomer(rows, &c); err != nil {
			return nil, storageErr(err, "cannot read customers")
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, storageErr(err, "cannot read customers")
	}
	return out, nil
}

// ImportSnapshot tells the import planner which of the given invoice numbers are stored already,
// and which payment keys were imported before. The planner asks for part of a file at a time.
func (s *Store) ImportSnapshot(numbers, paymentKeys []string) (app.ImportSnapshot, error) {
	snap := app.ImportSnapshot{Invoices: map[string]app.Invoice{}, PaymentKeys: map[string]bool{}}
	err := inChunks(numbers, func(ph string, args []any) error {
		rows, err := s.r.Query(`SELECT `+invoiceCols+` FROM invoices i WHERE i.number IN (`+ph+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var inv app.Invoice
			if err := scanInvoice(rows, &inv); err != nil {
				return err
			}
			snap.Invoices[inv.Number] = inv
		}
		return rows.Err()
	})
	if err != nil {
		return snap, storageErr(err, "cannot read invoices")
	}
	err = inChunks(paymentKeys, func(ph string, args []any) error {
		rows, err := s.r.Query(`SELECT import_key FROM payments WHERE import_key IN (`+ph+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				return err
			}
			snap.PaymentKeys[k] = true
		}
		return rows.Err()
	})
	if err != nil {
		return snap, storageErr(err, "cannot read payments")
	}
	return snap, nil
}

// inChunks calls fn with placeholders for up to 500 values at a time.
func inChunks(values []string, fn func(placeholders string, args []any) error) error {
	const size = 500
	for start := 0; start < len(values); start += size {
		chunk := values[start:min(start+size, len(values))]
		args := make([]any, len(chunk))
		for i, v := range chunk {
			args[i] = v
		}
		if err := fn(strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ","), args); err != nil {
			return err
		}
	}
	return nil
}

// ApplyImport writes a whole import plan in one transaction: it lands whole or not at all. A
// cancelled ctx rolls everything back.
func (s *Store) ApplyImport(ctx context.Context, plan *app.ImportPlan, ev app.Event, progress func(done, total int)) error {
	total := plan.Writes()
	done := 0
	step := func() error {
		done++
		if done%1000 == 0 || done == total {
			if err := ctx.Err(); err != nil {
				return app.Wrap(app.CodeCancelled, err, "the import was cancelled; nothing was imported")
			}
			if progress != nil {
				progress(done, total)
			}
		}
		return nil
	}
	rowErr := func(row int, err error) error {
		return app.Wrap(app.CodeOf(err), err, "row %d could not be imported, so nothing was imported: %s", row, app.Sentence(err))
	}
	// The transaction must not be torn down by database/sql mid-statement when the owner cancels:
	// cancellation is checked between rows, and rolls back cleanly.
	return s.tx(context.WithoutCancel(ctx), func(tx *sql.Tx) error {
		restore, err := smallCache(tx)
		if err != nil {
			return err
		}
		defer restore()
		tip, err := readTip(tx)
		if err != nil {
			return storageErr(err, "cannot read the timeline")
		}
		evStmt, err := tx.Prepare(`INSERT INTO events (id, at, customer_id, kind, summary, data, hash, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return storageErr(err, "cannot prepare the import")
		}
		defer evStmt.Close()
		ids := map[string]int64{}
		for k, id := range plan.CustomerIDs {
			ids[k] = id
		}
		if err := importCustomers(tx, plan, &tip, evStmt, ev.At, ids, step, rowErr); err != nil {
			return err
		}
		// A large import into a smaller book is faster with the invoice indexes built once at
		// the end than kept up to date row by row; DDL is transactional, so a failure or a
		// cancel restores them with everything else.
		rebuild, err := bulkInvoiceIndexes(tx, plan.NewInvoiceCount())
		if err != nil {
			return err
		}
		source, err := keepImportFile(tx, plan, ev.At)
		if err != nil {
			return err
		}
		if err := insertNewInvoices(tx, plan, ids, source, step, rowErr); err != nil {
			return err
		}
		for _, def := range rebuild {
			if _, err := tx.Exec(def); err != nil {
				return storageErr(err, "cannot index the imported invoices")
			}
		}
		if err := updateInvoices(tx, plan, &tip, evStmt, ev.At, ids, step, rowErr); err != nil {
			return err
		}
		if err := importPayments(tx, plan, &tip, evStmt, ev.At, ids, step, rowErr); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return app.Wrap(app.CodeCancelled, err, "the import was cancelled; nothing was imported")
		}
		_, err = appendAfter(tx, &tip, ev, evStmt)
		return err
	})
}

// importCacheKiB is the page cache an import writes with. A million-row import touches far more
// pages than any cache holds; a small cache lets SQLite write the surplus to the WAL as it goes
// (measured: no slower than a 128 MB cache at a million rows) and keeps the import's memory
// bounded, next to the plan it holds.
const importCacheKiB = 16384

// smallCache sets the import's page cache on the writing connection and returns what puts the
// connection's own size back.
func smallCache(tx *sql.Tx) (func(), error) {
	var was int64
	if err := tx.QueryRow(`PRAGMA cache_size`).Scan(&was); err != nil {
		return nil, storageErr(err, "cannot prepare the import")
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA cache_size = -%d`, importCacheKiB)); err != nil {
		return nil, storageErr(err, "cannot prepare the import")
	}
	return func() { tx.Exec(fmt.Sprintf(`PRAGMA cache_size = %d`, was)) }, nil
}

// importCustomers writes the plan's new and changed customers, each with its timeline entry.
func importCustomers(tx *sql.Tx, plan *app.ImportPlan, tip *chainTip, evStmt *sql.Stmt, at time.Time, ids map[string]int64, step func() error, rowErr func(int, error) error) error {
	custStmt, err := tx.Prepare(insertCustomerSQL)
	if err != nil {
		return storageErr(err, "cannot prepare the import")
	}
	defer custStmt.Close()
	for i := range plan.NewCustomers {
		pc := &plan.NewCustomers[i]
		res, err := custStmt.Exec(append(customerArgs(pc.Customer), nowText())...)
		if err != nil {
			return rowErr(pc.Row, storageErr(err, "cannot save customer "+pc.Name))
		}
		pc.ID, _ = res.LastInsertId()
		ids[pc.Key] = pc.ID
		cev := app.Event{At: at, CustomerID: pc.ID, Kind: "customer",
			Summary: fmt.Sprintf("Customer created by importing %s (row %d) as a %s%s", plan.Report.File, pc.Row, pc.Kind, byDefault(pc.KindByDefault)), Data: "{}"}
		if _, err := appendAfter(tx, tip, cev, evStmt); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	for _, c := range plan.UpdCustomers {
		if err := updateCustomer(tx, c); err != nil {
			return err
		}
		summary := "Customer details updated by importing " + plan.Report.File
		if was, ok := plan.KindChanges[c.ID]; ok {
			summary += fmt.Sprintf("; customer type changed from %s to %s", was, c.Kind)
		}
		cev := app.Event{At: at, CustomerID: c.ID, Kind: "customer", Summary: summary, Data: "{}"}
		if _, err := appendAfter(tx, tip, cev, evStmt); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// insertNewInvoices writes the plan's new invoices in multi-row batches. What the file says was
// paid before the import becomes one opening payment per customer and currency, allocated to
// those invoices, so that an invoice's paid amount always equals the sum of its allocations.
// keepImportFile stores the imported file once, for the invoices it creates to name as their
// source; it returns the file's number (NULL when the file is not kept).
func keepImportFile(tx *sql.Tx, plan *app.ImportPlan, at time.Time) (sql.NullInt64, error) {
	if plan.Source == nil || plan.NewInvoiceCount() == 0 {
		return sql.NullInt64{}, nil
	}
	src := plan.Source
	if err := insertDocument(tx, src.Doc); err != nil {
		return sql.NullInt64{}, err
	}
	res, err := tx.Exec(`INSERT INTO import_files (name, sha256, encoding, imported_at) VALUES (?, ?, ?, ?)`,
		src.Name, src.Doc.SHA256, src.Encoding, at.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return sql.NullInt64{}, storageErr(err, "cannot keep the imported file")
	}
	id, _ := res.LastInsertId()
	return sql.NullInt64{Int64: id, Valid: true}, nil
}

func insertNewInvoices(tx *sql.Tx, plan *app.ImportPlan, ids map[string]int64, source sql.NullInt64, step func() error, rowErr func(int, error) error) error {
	var firstInv, nextPay int64
	if err := tx.QueryRow(`SELECT coalesce(max(id), 0) + 1 FROM invoices`).Scan(&firstInv); err != nil {
		return storageErr(err, "cannot prepare the import")
	}
	if err := tx.QueryRow(`SELECT coalesce(max(id), 0) + 1 FROM payments`).Scan(&nextPay); err != nil {
		return storageErr(err, "cannot prepare the import")
	}
	openings, order, allocs, err := openingPayments(plan, ids, firstInv, nextPay, rowErr)
	if err != nil {
		return err
	}
	now := nowText()
	pays, err := newBatchInsert(tx, "payments", strings.Fields("id customer_id received_on currency amount method reference unallocated created_at"), 50)
	if err != nil {
		return storageErr(err, "cannot prepare the import")
	}
	for _, k := range order {
		o := openings[k]
		if err := pays.add(o.id, k.customer, dateText(o.date), k.currency, o.amount, string(app.MethodOther),
			"paid before import of "+plan.Report.File, 0, now); err != nil {
			return storageErr(err, "cannot save what was paid before the import")
		}
	}
	if err := pays.close(); err != nil {
		return storageErr(err, "cannot save what was paid before the import")
	}
	invs, err := newBatchInsert(tx, "invoices", strings.Fields("id number customer_id issue_date due_date currency amount paid last_paid_on description external_ref created_at source_file source_row"), 50)
	if err != nil {
		return storageErr(err, "cannot prepare the import")
	}
	var last app.PlannedInvoice
	for i := 0; i < plan.NewInvoiceCount(); i++ {
		pi := plan.NewInvoice(i)
		customer := ids[pi.CustomerKey]
		var lastPaid app.Date
		if pi.PaidBefore > 0 {
			lastPaid = openings[account{customer, pi.Currency}].date
		}
		if err := invs.add(firstInv+int64(i), pi.Number, customer, dateText(pi.IssueDate), dateText(pi.DueDate), pi.Currency, pi.Amount, pi.PaidBefore,
			dateText(lastPaid), pi.Description, pi.ExternalRef, now, source, pi.Row); err != nil {
			return invoiceBatchErr(err, &pi, rowErr)
		}
		if err := step(); err != nil {
			return err
		}
		last = pi
	}
	if err := invs.close(); err != nil {
		return invoiceBatchErr(err, &last, rowErr)
	}
	if err := insertNewLines(tx, plan, firstInv); err != nil {
		return err
	}
	// New invoices carry their customer's payment terms, as one typed in does.
	if _, err := tx.Exec(`UPDATE invoices SET net_days = c.net_days, discount_bp = c.discount_bp, discount_days = c.discount_days
FROM customers c WHERE invoices.id >= ? AND c.id = invoices.customer_id AND (c.net_days > 0 OR c.discount_bp > 0)`, firstInv); err != nil {
		return storageErr(err, "cannot give the imported invoices their customers' terms")
	}
	as, err := newBatchInsert(tx, "allocations", []string{"payment_id", "invoice_id", "amount"}, 100)
	if err != nil {
		return storageErr(err, "cannot prepare the import")
	}
	for _, a := range allocs {
		if err := as.add(a.payment, a.invoice, a.amount); err != nil {
			return storageErr(err, "cannot save what was paid before the import")
		}
	}
	if err := as.close(); err != nil {
		return storageErr(err, "cannot save what was paid before the import")
	}
	return nil
}

// insertNewLines writes the lines kept with the new invoices of a file that gives them.
func insertNewLines(tx *sql.Tx, plan *app.ImportPlan, firstInv int64) error {
	ls, err := newBatchInsert(tx, "invoice_lines", strings.Fields("invoice_id pos description quantity unit_price tax_rate"), 100)
	if err != nil {
		return storageErr(err, "cannot prepare the import")
	}
	for i := 0; i < plan.NewInvoiceCount(); i++ {
		for pos, l := range plan.NewInvoiceLines(i) {
			if err := ls.add(firstInv+int64(i), pos+1, l.Description, l.Quantity, l.UnitPrice, l.TaxRate); err != nil {
				return storageErr(err, "cannot save the lines of the invoices")
			}
		}
	}
	if err := ls.close(); err != nil {
		return storageErr(err, "cannot save the lines of the invoices")
	}
	return nil
}

// account is a customer's money in one currency.
type account struct {
	customer int64
	currency string
}

// opening is the payment that stands for what was paid on an account before the import.
type opening struct {
	id     int64
	amount int64
	date   app.Date
}

type openingAlloc struct{ payment, invoice, amount int64 }

// openingPayments sums what the file says was paid before the import per customer and currency
// (new invoices get the ids from firstInv on, in the plan's order; the payments from nextPay on).
func openingPayments(plan *app.ImportPlan, ids map[string]int64, firstInv, nextPay int64, rowErr func(int, error) error) (map[account]*opening, []account, []openingAlloc, error) {
	openings := map[account]*opening{}
	var order []account
	var allocs []openingAlloc
	for i := 0; i < plan.NewInvoiceCount(); i++ {
		pi := plan.NewInvoice(i)
		if pi.PaidBefore == 0 {
			continue
		}
		k := account{ids[pi.CustomerKey], pi.Currency}
		o := openings[k]
		if o == nil {
			o = &opening{id: nextPay}
			nextPay++
			openings[k] = o
			order = append(order, k)
		}
		sum, err := app.AddAmounts(o.amount, pi.PaidBefore)
		if err != nil {
			return nil, nil, nil, rowErr(pi.Row, err)
		}
		o.amount = sum
		if pi.IssueDate.After(o.date) {
			o.date = pi.IssueDate
		}
		allocs = append(allocs, openingAlloc{o.id, firstInv + int64(i), pi.PaidBefore})
	}
	return openings, order, allocs, nil
}

// invoiceBatchErr explains a failed batch; the planner has already refused duplicates, so a
// conflict here means the book changed while the import was being planned.
func invoiceBatchErr(err error, pi *app.PlannedInvoice, rowErr func(int, error) error) error {
	if isUnique(err) {
		return rowErr(pi.Row, app.Wrap(app.CodeConflict, err, "an invoice number of the file was stored by someone else meanwhile; check the file again"))
	}
	return rowErr(pi.Row, storageErr(err, "cannot save the invoices"))
}

// bulkInvoiceIndexes drops the invoice table's secondary indexes when n new invoices are many and
// more than the book already holds, returning the statements that rebuild them.
func bulkInvoiceIndexes(tx *sql.Tx, n int) ([]string, error) {
	if n < 20000 {
		return nil, nil
	}
	var existing int
	if err := tx.QueryRow(`SELECT count(*) FROM invoices`).Scan(&existing); err != nil {
		return nil, storageErr(err, "cannot prepare the import")
	}
	if existing > n {
		return nil, nil
	}
	rows, err := tx.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'invoices' AND sql IS NOT NULL`)
	if err != nil {
		return nil, storageErr(err, "cannot prepare the import")
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, storageErr(err, "cannot prepare the import")
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	for _, name := range names {
		if _, err := tx.Exec(`DROP INDEX ` + name); err != nil {
			return nil, storageErr(err, "cannot prepare the import")
		}
	}
	return defs, nil
}

// byDefault is the words a created customer's timeline entry adds when the file did not say its type.
func byDefault(yes bool) string {
	if yes {
		return " (the shop's default: the file did not say)"
	}
	return ""
}
