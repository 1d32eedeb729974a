package data

import (
	"sync"

	"duebook/app"
)

// trendRow is one row of the trend reads: an invoice, and maybe one of its later reductions.
type trendRow struct {
	id         int64
	cur        string
	issue, due app.Date
	open       int64
	on         app.Date // the reduction's day; zero for none
	amount     int64
}

// TrendInputs reads what the month-by-month DSO and aging trends rest on (see app.ComputeTrends):
// the invoices open now or reduced after the first month end, with those later reductions, and
// what was invoiced per month. Invoices settled before the first month end are never read. The
// four reads run side by side on the read pool: at 1M invoices they are most of the cost.
func (s *Store) TrendInputs(asOf app.Date) (app.TrendInputs, error) {
	first, day := app.TrendEnds(asOf)[0].String(), asOf.String()
	queries := []string{
		// Open now, from the partial index.
		`SELECT id, currency, issue_date, due_date, amount - paid, '', 0 FROM invoices WHERE paid < amount AND issue_date <= ?2`,
		// Paid after the first month end, with each payment since (the last one is always there).
		`SELECT i.id, i.currency, i.issue_date, i.due_date, i.amount - i.paid, p.received_on, a.amount
FROM invoices i JOIN allocations a ON a.invoice_id = i.id JOIN payments p ON p.id = a.payment_id
WHERE i.last_paid_on > ?1 AND p.received_on > ?1 AND i.issue_date <= ?2`,
		// Discounts and write-offs of the principal since (a write-off leaves the last payment
		// day as it was, so this also finds invoices closed by one).
		`SELECT i.id, i.currency, i.issue_date, i.due_date, i.amount - i.paid, a.on_date, a.amount
FROM adjustments a JOIN invoices i ON i.id = a.invoice_id WHERE a.on_date > ?1 AND a.charge_id IS NULL AND i.issue_date <= ?2`,
	}
	parts := make([][]trendRow, len(queries))
	errs := make([]error, len(queries)+1)
	var sales []app.MonthSales
	var wg sync.WaitGroup
	for i, q := range queries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i], errs[i] = s.trendRows(q, first, day)
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		sales, errs[len(queries)] = s.monthSales(app.SalesFrom(asOf), asOf)
	}()
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return app.TrendInputs{}, storageErr(err, "cannot read the book for the month-by-month trends")
		}
	}
	return mergeTrendRows(asOf, parts, sales), nil
}

// mergeTrendRows gathers the rows by invoice: one TrendInvoice each, with its later reductions.
func mergeTrendRows(asOf app.Date, parts [][]trendRow, sales []app.MonthSales) app.TrendInputs {
	in := app.TrendInputs{AsOf: asOf, Sales: sales}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	byID := make(map[int64]int, n)
	in.Invoices = make([]app.TrendInvoice, 0, n)
	for _, p := range parts {
		for _, r := range p {
			i, ok := byID[r.id]
			if !ok {
				i = len(in.Invoices)
				byID[r.id] = i
				in.Invoices = append(in.Invoices, app.TrendInvoice{Currency: r.cur, Issue: r.issue, Due: r.due, OpenNow: r.open})
			}
			if !r.on.IsZero() {
				in.Invoices[i].Later = append(in.Invoices[i].Later, app.Reduction{On: r.on, Amount: r.amount})
			}
		}
	}
	return in
}

// trendRows runs one of the trend reads.
func (s *Store) trendRows(q, first, day string) ([]trendRow, error) {
	rows, err := s.r.Query(q, first, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []trendRow
	for rows.Next() {
		var r trendRow
		var issue, due, on string
		if err := rows.Scan(&r.id, currency(&r.cur), &issue, &due, &r.open, &on, &r.amount); err != nil {
			return nil, err
		}
		r.issue, r.due, r.on = parseDate(issue), parseDate(due), parseDate(on)
		out = append(out, r)
	}
	return out, rows.Err()
}

// monthSales sums what was invoiced per currency and calendar month, issue dates from..to.
func (s *Store) monthSales(from, to app.Date) ([]app.MonthSales, error) {
	rows, err := s.r.Query(`SELECT currency, substr(issue_date, 1, 7), sum(amount) FROM invoices
WHERE issue_date >= ? AND issue_date <= ? GROUP BY currency, substr(issue_date, 1, 7)`, from.String(), to.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.MonthSales
	for rows.Next() {
		var m app.MonthSales
		if err := rows.Scan(currency(&m.Currency), &m.Month, &m.Amount); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
