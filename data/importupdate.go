package data

import (
	"database/sql"
	"fmt"
	"time"

	"duebook/app"
)

// updateInvoices writes the changes an import makes to stored invoices, each with timeline entries
// that carry the old and the new values. An invoice moves to another customer only while nothing
// hangs on it under the first: no payment, charge, dispute, plan or ladder stage.
func updateInvoices(tx *sql.Tx, plan *app.ImportPlan, tip *chainTip, evStmt *sql.Stmt, at time.Time, ids map[string]int64,
	step func() error, rowErr func(int, error) error) error {
	for _, pi := range plan.UpdInvoices {
		if pi.CustomerID == 0 {
			pi.CustomerID = ids[pi.CustomerKey] // a customer this import creates
		}
		if pi.Old != nil && pi.Old.CustomerID != pi.CustomerID {
			var held int
			err := tx.QueryRow(`SELECT (SELECT count(*) FROM allocations WHERE invoice_id = ?1) + (SELECT count(*) FROM charges WHERE invoice_id = ?1)
				+ (SELECT count(*) FROM disputes WHERE invoice_id = ?1) + (SELECT count(*) FROM plan_invoices WHERE invoice_id = ?1)
				+ (SELECT stage FROM invoices WHERE id = ?1)`, pi.ID).Scan(&held)
			if err != nil {
				return rowErr(pi.Row, storageErr(err, "cannot check invoice "+pi.Number))
			}
			if held > 0 {
				return rowErr(pi.Row, app.Errorf(app.CodeConflict, "invoice %s has payments, charges or collection history under its customer, so Duebook does not move it to another customer", pi.Number))
			}
		}
		_, err := tx.Exec(`UPDATE invoices SET customer_id = ?, issue_date = ?, due_date = ?, amount = ?, description = ?, external_ref = ? WHERE id = ?`,
			pi.CustomerID, dateText(pi.IssueDate), dateText(pi.DueDate), pi.Amount, pi.Description, pi.ExternalRef, pi.ID)
		if err != nil {
			return rowErr(pi.Row, storageErr(err, "cannot update invoice "+pi.Number))
		}
		for _, ev := range app.ImportChangeEvents(plan.Report.File, pi, at) {
			if _, err := appendAfter(tx, tip, ev, evStmt); err != nil {
				return err
			}
		}
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// importPayments writes the plan's payments and credit notes, oldest first, each allocated as it
// is written and with its timeline entry.
func importPayments(tx *sql.Tx, plan *app.ImportPlan, tip *chainTip, evStmt *sql.Stmt, at time.Time, ids map[string]int64,
	step func() error, rowErr func(int, error) error) error {
	for i := range plan.NewPayments {
		pp := &plan.NewPayments[i]
		pp.CustomerID = ids[pp.CustomerKey]
		var alloc app.Allocator = func(open []app.OpenItem) ([]app.Allocation, int64, error) {
			if pp.Method == app.MethodCreditNote || pp.AsCredit {
				return nil, pp.Amount, nil // a credit note, or a payment a report shows unapplied, becomes customer credit
			}
			var named []string
			if pp.Invoice != "" {
				named = []string{pp.Invoice}
			}
			return app.Allocate(pp.Amount, open, named)
		}
		res, err := insertPayment(tx, &pp.Payment, pp.ImportKey, alloc)
		if err != nil {
			return rowErr(pp.Row, err)
		}
		cur := app.MustCurrency(pp.Currency)
		summary := fmt.Sprintf("Payment of %s %s imported from %s (row %d)", pp.Currency, app.Decimal(pp.Amount, cur), plan.Report.File, pp.Row)
		if pp.Method == app.MethodCreditNote {
			summary = fmt.Sprintf("Credit note %s for %s %s imported from %s", pp.Reference, pp.Currency, app.Decimal(pp.Amount, cur), plan.Report.File)
		} else if res.Credit > 0 {
			summary += fmt.Sprintf("; %s %s kept as credit", pp.Currency, app.Decimal(res.Credit, cur))
		}
		if _, err := appendAfter(tx, tip, app.Event{At: at, CustomerID: pp.CustomerID, Kind: "payment", Summary: summary, Data: "{}"}, evStmt); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
