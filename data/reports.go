package data

import (
	"sort"

	"duebook/app"
)

// Aging sums what was open on asOf per currency into the five buckets. Open invoices come from the
// partial index and are bucketed inside SQLite; for a past asOf, invoices paid after it are added
// back from their allocations, so the report shows the book as it stood that day.
func (s *Store) Aging(asOf app.Date) ([]app.Aging, error) {
	bounds := make([]any, 0, len(app.AgingBuckets))
	for i := 0; i < len(app.AgingBuckets)-1; i++ {
		from, _ := app.BucketDueRange(i, asOf)
		bounds = append(bounds, from.String())
	}
	asOfText := asOf.String()
	rows, err := s.r.Query(`SELECT currency,
  CASE WHEN due_date >= ?1 THEN 0 WHEN due_date >= ?2 THEN 1 WHEN due_date >= ?3 THEN 2 WHEN due_date >= ?4 THEN 3 ELSE 4 END AS bucket,
  count(*), sum(amount - paid)
FROM invoices WHERE paid < amount AND issue_date <= ?5 GROUP BY currency, bucket`, append(bounds, asOfText)...)
	if err != nil {
		return nil, storageErr(err, "cannot compute the aging report")
	}
	byCur := map[string]*app.Aging{}
	get := func(cur string) *app.Aging {
		a, ok := byCur[cur]
		if !ok {
			n := app.NewAging(cur)
			a = &n
			byCur[cur] = a
		}
		return a
	}
	for rows.Next() {
		var cur string
		var b int
		var n, amt int64
		if err := rows.Scan(currency(&cur), &b, &n, &amt); err != nil {
			rows.Close()
			return nil, storageErr(err, "cannot read the aging report")
		}
		a := get(cur)
		a.Buckets[b].Count += n
		a.Buckets[b].Amount += amt
		if a.Total, err = app.AddAmounts(a.Total, amt); err != nil {
			rows.Close()
			return nil, err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, storageErr(err, "cannot read the aging report")
	}
	// Payments received after asOf reopen, for the report, what they paid.
	later, err := s.r.Query(`SELECT i.currency, i.due_date, i.paid < i.amount, sum(a.amount)
FROM invoices i JOIN allocations a ON a.invoice_id = i.id JOIN payments p ON p.id = a.payment_id
WHERE i.last_paid_on > ?1 AND i.issue_date <= ?1 AND p.received_on > ?1 GROUP BY i.id`, asOfText)
	if err != nil {
		return nil, storageErr(err, "cannot compute the aging report")
	}
	defer later.Close()
	for later.Next() {
		var cur, due string
		var stillOpen bool
		var amt int64
		if err := later.Scan(currency(&cur), &due, &stillOpen, &amt); err != nil {
			return nil, storageErr(err, "cannot read the aging report")
		}
		a := get(cur)
		b := app.BucketOf(asOf.DaysSince(parseDate(due)))
		if !stillOpen {
			a.Buckets[b].Count++
		}
		a.Buckets[b].Amount += amt
		if a.Total, err = app.AddAmounts(a.Total, amt); err != nil {
			return nil, err
		}
	}
	if err := later.Err(); err != nil {
		return nil, storageErr(err, "cannot read the aging report")
	}
	out := make([]app.Aging, 0, len(byCur))
	for _, a := range byCur {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out, nil
}

// TopDebtors lists the customers who owe the most, per currency, with what of it is overdue.
func (s *Store) TopDebtors(asOf app.Date, limit int) ([]app.Debtor, error) {
	rows, err := s.r.Query(`SELECT o.customer_id, c.name, o.currency, o.owed, o.overdue FROM (
  SELECT customer_id, currency, sum(amount - paid) AS owed, sum(CASE WHEN due_date < ?1 THEN amount - paid ELSE 0 END) AS overdue
  FROM invoices WHERE paid < amount GROUP BY customer_id, currency ORDER BY owed DESC LIMIT ?2
) o JOIN customers c ON c.id = o.customer_id ORDER BY o.owed DESC, c.name_key`, asOf.String(), limit)
	if err != nil {
		return nil, storageErr(err, "cannot list the top debtors")
	}
	defer rows.Close()
	var out []app.Debtor
	for rows.Next() {
		var d app.Debtor
		if err := rows.Scan(&d.CustomerID, &d.Name, currency(&d.Currency), &d.Amount, &d.Overdue); err != nil {
			return nil, storageErr(err, "cannot read the top debtors")
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// InvoicedBetween sums what was invoiced with issue dates from..to (inclusive), per currency.
func (s *Store) InvoicedBetween(from, to app.Date) ([]app.Money, error) {
	rows, err := s.r.Query(`SELECT currency, sum(amount) FROM invoices WHERE issue_date BETWEEN ? AND ? GROUP BY currency ORDER BY currency`, from.String(), to.String())
	if err != nil {
		return nil, storageErr(err, "cannot sum the invoices")
	}
	defer rows.Close()
	var out []app.Money
	for rows.Next() {
		var m app.Money
		if err := rows.Scan(currency(&m.Currency), &m.Amount); err != nil {
			return nil, storageErr(err, "cannot sum the invoices")
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
