package data

import (
	"database/sql"

	"duebook/app"
)

// CreatePlan stores a payment plan with its invoices and schedule.
func (s *Store) CreatePlan(p *app.Plan, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		for _, id := range p.InvoiceIDs {
			var n int
			tx.QueryRow(`SELECT count(*) FROM plan_invoices pi JOIN plans p ON p.id = pi.plan_id WHERE pi.invoice_id = ? AND p.state = 'active'`, id).Scan(&n)
			if n > 0 {
				return app.Errorf(app.CodeConflict, "an invoice of the plan is already in an active plan")
			}
		}
		res, err := tx.Exec(`INSERT INTO plans (customer_id, currency, total, down_payment, installments, frequency, first_due, grace_days, resume_stage, state, created_on, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`, p.CustomerID, p.Currency, p.Total, p.DownPayment, p.Installments, string(p.Frequency), p.FirstDue.String(),
			p.Grace, p.ResumeStage, p.CreatedOn.String(), nowText())
		if err != nil {
			return storageErr(err, "cannot save the plan")
		}
		p.ID, _ = res.LastInsertId()
		p.State = app.PlanActive
		for _, id := range p.InvoiceIDs {
			if _, err := tx.Exec(`INSERT INTO plan_invoices (plan_id, invoice_id) VALUES (?, ?)`, p.ID, id); err != nil {
				return storageErr(err, "cannot save the plan")
			}
		}
		for _, in := range p.Schedule {
			if _, err := tx.Exec(`INSERT INTO installments (plan_id, number, due_on, amount) VALUES (?, ?, ?, ?)`, p.ID, in.Number, in.Due.String(), in.Amount); err != nil {
				return storageErr(err, "cannot save the plan")
			}
		}
		ev.CustomerID = p.CustomerID
		_, err = appendEvent(tx, ev)
		return err
	})
}

func (s *Store) plans(where string, args ...any) ([]app.Plan, error) {
	rows, err := s.r.Query(`SELECT id, customer_id, currency, total, down_payment, installments, frequency, first_due, grace_days, resume_stage, state, created_on, settled_on
FROM plans WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, storageErr(err, "cannot read plans")
	}
	var out []app.Plan
	for rows.Next() {
		var p app.Plan
		var freq, first, state, created, settled string
		if err := rows.Scan(&p.ID, &p.CustomerID, currency(&p.Currency), &p.Total, &p.DownPayment, &p.Installments, &freq, &first, &p.Grace, &p.ResumeStage,
			&state, &created, &settled); err != nil {
			rows.Close()
			return nil, storageErr(err, "cannot read plans")
		}
		p.Frequency, p.FirstDue, p.State, p.CreatedOn, p.SettledOn = app.Frequency(freq), parseDate(first), app.PlanState(state), parseDate(created), parseDate(settled)
		out = append(out, p)
	}
	rows.Close()
	for i := range out {
		p := &out[i]
		r, err := s.r.Query(`SELECT pi.invoice_id, i.number FROM plan_invoices pi JOIN invoices i ON i.id = pi.invoice_id WHERE pi.plan_id = ? ORDER BY i.due_date`, p.ID)
		if err != nil {
			return nil, storageErr(err, "cannot read plans")
		}
		for r.Next() {
			var id int64
			var num string
			r.Scan(&id, &num)
			p.InvoiceIDs, p.Numbers = append(p.InvoiceIDs, id), append(p.Numbers, num)
		}
		r.Close()
		r, err = s.r.Query(`SELECT number, due_on, amount FROM installments WHERE plan_id = ? ORDER BY number`, p.ID)
		if err != nil {
			return nil, storageErr(err, "cannot read plans")
		}
		for r.Next() {
			var in app.Installment
			var due string
			r.Scan(&in.Number, &due, &in.Amount)
			in.Due = parseDate(due)
			p.Schedule = append(p.Schedule, in)
		}
		r.Close()
	}
	return out, nil
}

// Plans lists a customer's payment plans.
func (s *Store) Plans(customerID int64) ([]app.Plan, error) {
	return s.plans(`customer_id = ?`, customerID)
}

// ActivePlans lists every active plan.
func (s *Store) ActivePlans() ([]app.Plan, error) { return s.plans(`state = 'active'`) }

// PlanPaid sums what was allocated to the plan's invoices from payments received since it began.
func (s *Store) PlanPaid(p app.Plan) (int64, error) {
	var v int64
	err := s.r.QueryRow(`SELECT coalesce(sum(a.amount), 0) FROM allocations a JOIN payments pm ON pm.id = a.payment_id
WHERE a.invoice_id IN (SELECT invoice_id FROM plan_invoices WHERE plan_id = ?) AND pm.received_on >= ?`, p.ID, p.CreatedOn.String()).Scan(&v)
	if err != nil {
		return 0, storageErr(err, "cannot sum the plan's payments")
	}
	return v, nil
}

// SettlePlan marks a plan completed or broken. A broken plan puts its open invoices back on the
// ladder just below the resume stage, with a rush, so that stage comes at once.
func (s *Store) SettlePlan(p app.Plan, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE plans SET state = ?, settled_on = ? WHERE id = ? AND state = 'active'`, string(p.State), p.SettledOn.String(), p.ID)
		if err != nil {
			return storageErr(err, "cannot settle the plan")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if p.State == app.PlanBroken {
			if _, err := tx.Exec(`UPDATE invoices SET stage = ?, stage_on = ? WHERE id IN (SELECT invoice_id FROM plan_invoices WHERE plan_id = ?) AND paid < amount`,
				max(0, p.ResumeStage-1), p.SettledOn.String(), p.ID); err != nil {
				return storageErr(err, "cannot settle the plan")
			}
			if _, err := tx.Exec(`UPDATE customers SET rush_since = ? WHERE id = ?`, p.SettledOn.String(), p.CustomerID); err != nil {
				return storageErr(err, "cannot settle the plan")
			}
		}
		ev.CustomerID = p.CustomerID
		_, err = appendEvent(tx, ev)
		return err
	})
}
