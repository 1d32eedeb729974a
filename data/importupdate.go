package data

import (
	"database/sql"
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
