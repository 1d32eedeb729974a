package data

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"duebook/app"
)

// ThanksCases loads what the thank-you rule needs: customers with an invoice paid in full from
// since to asOf that may have been long overdue (30 days late, or at a stage that may be a second
// reminder), or with a plan completed in those days; and of them, what is still overdue or
// unpaid, what is handed off, their hold, and their last thank-you. The window of days keeps it
// to an index range, however large the book.
func (s *Store) ThanksCases(since, asOf app.Date) ([]app.ThanksCase, error) {
	cases := map[int64]*app.ThanksCase{}
	get := func(id int64) *app.ThanksCase {
		tc, ok := cases[id]
		if !ok {
			tc = &app.ThanksCase{Overdue: map[string]bool{}, OpenCharges: map[string]bool{}, LastThanks: map[string]app.Date{}}
			tc.Customer.ID = id
			cases[id] = tc
		}
		return tc
	}
	rows, err := s.r.Query(`SELECT id, customer_id, number, currency, due_date, last_paid_on, stage, handed_off FROM invoices
WHERE last_paid_on <> '' AND last_paid_on >= ? AND last_paid_on <= ? AND paid >= amount AND written_off = ''
  AND (julianday(last_paid_on) - julianday(due_date) >= ? OR stage >= 2)
ORDER BY due_date, number`, since.String(), asOf.String(), app.ThanksLateDays)
	if err != nil {
		return nil, storageErr(err, "cannot read the invoices paid lately")
	}
	err = scanSettled(rows, func(cust int64, inv app.SettledInvoice) { tc := get(cust); tc.Settled = append(tc.Settled, inv) })
	if err != nil {
		return nil, err
	}
	if err := s.completedPlans(since, asOf, get); err != nil {
		return nil, err
	}
	if len(cases) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, len(cases))
	for id := range cases {
		ids = append(ids, fmt.Sprint(id))
	}
	err = inChunks(ids, func(ph string, args []any) error { return s.thanksStanding(ph, args, asOf, cases) })
	if err != nil {
		return nil, storageErr(err, "cannot read the customers' standing")
	}
	out := make([]app.ThanksCase, 0, len(cases))
	for _, tc := range cases {
		out = append(out, *tc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Customer.ID < out[j].Customer.ID })
	return out, nil
}

// scanSettled reads rows of (id, customer, number, currency, due, last paid, stage, handed off).
func scanSettled(rows *sql.Rows, add func(cust int64, inv app.SettledInvoice)) error {
	defer rows.Close()
	for rows.Next() {
		var inv app.SettledInvoice
		var cust int64
		var due, paid, handed string
		if err := rows.Scan(&inv.ID, &cust, &inv.Number, currency(&inv.Currency), &due, &paid, &inv.Stage, &handed); err != nil {
			return storageErr(err, "cannot read the invoices paid lately")
		}
		inv.Due, inv.PaidOn, inv.HandedOff = parseDate(due), parseDate(paid), handed != ""
		add(cust, inv)
	}
	if err := rows.Err(); err != nil {
		return storageErr(err, "cannot read the invoices paid lately")
	}
	return nil
}

// completedPlans adds the plans completed from since to asOf, each with its invoices.
func (s *Store) completedPlans(since, asOf app.Date, get func(int64) *app.ThanksCase) error {
	rows, err := s.r.Query(`SELECT id, customer_id, currency, settled_on FROM plans
WHERE state = 'completed' AND settled_on >= ? AND settled_on <= ? ORDER BY id`, since.String(), asOf.String())
	if err != nil {
		return storageErr(err, "cannot read the plans completed lately")
	}
	type planOf struct {
		cust int64
		p    app.CompletedPlan
	}
	var plans []planOf
	for rows.Next() {
		var po planOf
		var on string
		if err := rows.Scan(&po.p.ID, &po.cust, currency(&po.p.Currency), &on); err != nil {
			rows.Close()
			return storageErr(err, "cannot read the plans completed lately")
		}
		po.p.CompletedOn = parseDate(on)
		plans = append(plans, po)
	}
	rows.Close()
	for _, po := range plans {
		rows, err := s.r.Query(`SELECT i.id, i.customer_id, i.number, i.currency, i.due_date, i.last_paid_on, i.stage, i.handed_off
FROM plan_invoices pi JOIN invoices i ON i.id = pi.invoice_id WHERE pi.plan_id = ? ORDER BY i.due_date, i.number`, po.p.ID)
		if err != nil {
			return storageErr(err, "cannot read the plans completed lately")
		}
		p := po.p
		if err := scanSettled(rows, func(_ int64, inv app.SettledInvoice) { p.Invoices = append(p.Invoices, inv) }); err != nil {
			return err
		}
		tc := get(po.cust)
		tc.Plans = append(tc.Plans, p)
	}
	return nil
}

// thanksStanding fills, for a chunk of customers, who they are and what still stands against a
// thank-you: overdue invoices, unpaid charges, debts handed off, the last thank-you.
func (s *Store) thanksStanding(ph string, args []any, asOf app.Date, cases map[int64]*app.ThanksCase) error {
	rows, err := s.r.Query(`SELECT id, name, email, country, region, time_zone, language, flags, coalesce(policy_id, 1), hold_until, hold_reason, email_failing
FROM customers WHERE id IN (`+ph+`)`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c app.Customer
		var flags, hold, reason, failing string
		var policy int64
		if err := rows.Scan(&c.ID, &c.Name, &c.Email, &c.Country, &c.Region, &c.TimeZone, &c.Language, &flags, &policy, &hold, &reason, &failing); err != nil {
			rows.Close()
			return err
		}
		if flags != "" {
			c.Flags = strings.Split(flags, ",")
		}
		tc := cases[c.ID]
		tc.Customer, tc.Policy.ID, tc.HoldUntil, tc.HoldReason = c, policy, parseDate(hold), reason
		tc.MailFailing = failing != "" && strings.EqualFold(failing, c.Email)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	pairs := func(q string, qargs []any, mark func(tc *app.ThanksCase, cur, value string)) error {
		rows, err := s.r.Query(q, qargs...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var cur, value string
			if err := rows.Scan(&id, &cur, &value); err != nil {
				return err
			}
			if tc, ok := cases[id]; ok {
				mark(tc, cur, value)
			}
		}
		return rows.Err()
	}
	if err := pairs(`SELECT customer_id, currency, '' FROM invoices WHERE customer_id IN (`+ph+`) AND paid < amount AND due_date < ?
GROUP BY customer_id, currency`, append(append([]any{}, args...), asOf.String()), func(tc *app.ThanksCase, cur, _ string) { tc.Overdue[cur] = true }); err != nil {
		return err
	}
	if err := pairs(`SELECT customer_id, currency, '' FROM invoices WHERE customer_id IN (`+ph+`) AND paid < amount AND handed_off <> ''`, args,
		func(tc *app.ThanksCase, _, _ string) { tc.HandedOff = true }); err != nil {
		return err
	}
	if err := pairs(`SELECT DISTINCT i.customer_id, ch.currency, '' FROM charges ch JOIN invoices i ON i.id = ch.invoice_id
WHERE i.customer_id IN (`+ph+`) AND ch.paid < ch.amount`, args, func(tc *app.ThanksCase, cur, _ string) { tc.OpenCharges[cur] = true }); err != nil {
		return err
	}
	return pairs(`SELECT customer_id, currency, max(on_date) FROM actions WHERE customer_id IN (`+ph+`) AND stage = ? AND decision IN ('approved', 'skipped')
GROUP BY customer_id, currency`, append(append([]any{}, args...), app.StageThanks), func(tc *app.ThanksCase, cur, day string) { tc.LastThanks[cur] = parseDate(day) })
}
