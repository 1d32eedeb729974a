package data

import (
	"sync"

	"duebook/app"
)

// TrendInputs reads what the month-by-month DSO and aging trends rest on (see app.ComputeTrends):
// the invoices open now or reduced after the first month end, with those later reductions, and
// what was invoiced per month. Invoices settled before the first month end are never read. The
// rows are placed as they are read, each invoice once with its reductions, so the reads never
// hold their rows twice (at 1M invoices they are about 400,000 invoices and 700,000 rows); the
// sales per month are read beside them on the other read connection.
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
	var sales []app.MonthSales
	var salesErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sales, salesErr = s.monthSales(app.SalesFrom(asOf), asOf)
	}()
	in := app.TrendInputs{AsOf: asOf}
	byID := map[int64]int32{}
	var err error
	for _, q := range queries {
		if err = s.placeTrendRows(q, first, day, &in, byID); err != nil {
			break
		}
	}
	wg.Wait()
	if err == nil {
		err = salesErr
	}
	if err != nil {
		return app.TrendInputs{}, storageErr(err, "cannot read the book for the month-by-month trends")
	}
	in.Sales = sales
	return in, nil
}

// placeTrendRows runs one of the trend reads and places each row: a new invoice once, and a
// reduction with the invoice it lowered.
func (s *Store) placeTrendRows(q, first, day string, in *app.TrendInputs, byID map[int64]int32) error {
	rows, err := s.r.Query(q, first, day)
	if err != nil {
		return err
	}
	defer rows.Close()
	var id, open, amount int64
	var cur, issue, due, on string
	for rows.Next() {
		if err := rows.Scan(&id, currency(&cur), &issue, &due, &open, &on, &amount); err != nil {
			return err
		}
		i, ok := byID[id]
		if !ok {
			i = int32(len(in.Invoices))
			byID[id] = i
			in.Invoices = append(in.Invoices, app.TrendInvoice{Currency: cur, Issue: parseDate(issue), Due: parseDate(due), OpenNow: open})
		}
		if d := parseDate(on); !d.IsZero() {
			in.Invoices[i].Later = append(in.Invoices[i].Later, app.Reduction{On: d, Amount: amount})
		}
	}
	return rows.Err()
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
