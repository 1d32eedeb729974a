package data

import (
	"duebook/app"
)

// TrendInputs reads what the month-by-month DSO and aging trends rest on (see app.ComputeTrends):
// the invoices open now or reduced after the first month end, with those later reductions, and
// what was invoiced per month. Invoices settled before the first month end are never read: at
// 1M invoices the trends cost what the open and recently paid ones cost.
func (s *Store) TrendInputs(asOf app.Date) (app.TrendInputs, error) {
	in := app.TrendInputs{AsOf: asOf}
	first := app.TrendEnds(asOf)[0].String()
	fail := func(err error) (app.TrendInputs, error) {
		return app.TrendInputs{}, storageErr(err, "cannot read the book for the month-by-month trends")
	}
	byID := map[int64]int{}
	add := func(id int64, cur, issue, due string, open int64) int {
		if i, ok := byID[id]; ok {
			return i
		}
		byID[id] = len(in.Invoices)
		in.Invoices = append(in.Invoices, app.TrendInvoice{Currency: cur, Issue: parseDate(issue), Due: parseDate(due), OpenNow: open})
		return len(in.Invoices) - 1
	}
	// Open now (the partial index), then paid in full after the first month end, then what a
	// write-off closed after it (a write-off leaves the last payment day as it was).
	queries := []string{
		`SELECT id, currency, issue_date, due_date, amount - paid FROM invoices WHERE paid < amount AND issue_date <= ?2`,
		`SELECT id, currency, issue_date, due_date, 0 FROM invoices WHERE last_paid_on > ?1 AND paid >= amount AND issue_date <= ?2`,
		`SELECT DISTINCT i.id, i.currency, i.issue_date, i.due_date, 0 FROM adjustments a JOIN invoices i ON i.id = a.invoice_id
WHERE a.on_date > ?1 AND a.charge_id IS NULL AND i.paid >= i.amount AND i.issue_date <= ?2`,
	}
	for _, q := range queries {
		if err := s.eachRow(q, []any{first, asOf.String()}, func(sc func(...any) error) error {
			var id, open int64
			var cur, issue, due string
			if err := sc(&id, currency(&cur), &issue, &due, &open); err != nil {
				return err
			}
			add(id, cur, issue, due, open)
			return nil
		}); err != nil {
			return fail(err)
		}
	}
	// The reductions after the first month end: payments by the day received, adjustments of
	// the principal by their day.
	reductions := []string{
		`SELECT a.invoice_id, p.received_on, a.amount FROM invoices i JOIN allocations a ON a.invoice_id = i.id
JOIN payments p ON p.id = a.payment_id WHERE i.last_paid_on > ?1 AND p.received_on > ?1 AND i.issue_date <= ?2`,
		`SELECT invoice_id, on_date, amount FROM adjustments WHERE on_date > ?1 AND charge_id IS NULL`,
	}
	for _, q := range reductions {
		if err := s.eachRow(q, []any{first, asOf.String()}, func(sc func(...any) error) error {
			var id, amt int64
			var on string
			if err := sc(&id, &on, &amt); err != nil {
				return err
			}
			if i, ok := byID[id]; ok {
				in.Invoices[i].Later = append(in.Invoices[i].Later, app.Reduction{On: parseDate(on), Amount: amt})
			}
			return nil
		}); err != nil {
			return fail(err)
		}
	}
	err := s.eachRow(`SELECT currency, substr(issue_date, 1, 7), sum(amount) FROM invoices
WHERE issue_date >= ?1 AND issue_date <= ?2 GROUP BY currency, substr(issue_date, 1, 7)`,
		[]any{app.SalesFrom(asOf).String(), asOf.String()}, func(sc func(...any) error) error {
			var m app.MonthSales
			if err := sc(currency(&m.Currency), &m.Month, &m.Amount); err != nil {
				return err
			}
			in.Sales = append(in.Sales, m)
			return nil
		})
	if err != nil {
		return fail(err)
	}
	return in, nil
}

// eachRow runs a read query and hands each row's Scan to fn.
func (s *Store) eachRow(q string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := s.r.Query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
