package data

import (
	"sort"

	"duebook/app"
	"duebook/app/monthly"
)

// CollectedBetween sums the payments received from..to (inclusive) per currency and method.
func (s *Store) CollectedBetween(from, to app.Date) ([]monthly.Collected, error) {
	rows, err := s.r.Query(`SELECT currency, method, count(*), sum(amount) FROM payments
WHERE received_on BETWEEN ? AND ? GROUP BY currency, method ORDER BY currency, method`, from.String(), to.String())
	if err != nil {
		return nil, storageErr(err, "cannot sum the payments of the month")
	}
	defer rows.Close()
	var out []monthly.Collected
	for rows.Next() {
		var c monthly.Collected
		var method string
		if err := rows.Scan(currency(&c.Currency), &method, &c.Payments, &c.Amount); err != nil {
			return nil, storageErr(err, "cannot read the payments of the month")
		}
		c.Method = app.PaymentMethod(method)
		out = append(out, c)
	}
	return out, rows.Err()
}

var _ monthly.Book = (*Store)(nil)

// agingAcc sums the aging of several days at once, per day and currency.
type agingAcc struct {
	byDay []map[string]*app.Aging
}

func (a *agingAcc) add(k int, cur string, bucket int, count, amount int64) error {
	ag, ok := a.byDay[k][cur]
	if !ok {
		n := app.NewAging(cur)
		ag = &n
		a.byDay[k][cur] = ag
	}
	ag.Buckets[bucket].Count += count
	var err error
	if ag.Buckets[bucket].Amount, err = app.AddAmounts(ag.Buckets[bucket].Amount, amount); err != nil {
		return err
	}
	ag.Total, err = app.AddAmounts(ag.Total, amount)
	return err
}

// AgingAt is Aging on each of days (in ascending order) in two reads instead of one per day: the
// invoices open now, and the allocations received after the first day, which reopen for each
// earlier day what they paid. The month ends of the monthly report use it.
func (s *Store) AgingAt(days []app.Date) ([][]app.Aging, error) {
	if len(days) == 0 {
		return nil, nil
	}
	if len(days) > 64 {
		return nil, app.Errorf(app.CodeInvalid, "the aging is computed on at most 64 days at once, not %d", len(days))
	}
	for i := 1; i < len(days); i++ {
		if days[i].Before(days[i-1]) {
			return nil, app.Errorf(app.CodeInternal, "the days of the aging are not in order (%s before %s)", days[i-1], days[i])
		}
	}
	acc := &agingAcc{byDay: make([]map[string]*app.Aging, len(days))}
	for k := range days {
		acc.byDay[k] = map[string]*app.Aging{}
	}
	if err := s.agingOpenAt(days, acc); err != nil {
		return nil, err
	}
	if err := s.agingReopenedAt(days, acc); err != nil {
		return nil, err
	}
	out := make([][]app.Aging, len(days))
	for k, m := range acc.byDay {
		out[k] = make([]app.Aging, 0, len(m))
		for _, a := range m {
			out[k] = append(out[k], *a)
		}
		sort.Slice(out[k], func(i, j int) bool { return out[k][i].Currency < out[k][j].Currency })
	}
	return out, nil
}

// agingOpenAt adds what is open now to every day the invoice was issued by.
func (s *Store) agingOpenAt(days []app.Date, acc *agingAcc) error {
	rows, err := s.r.Query(`SELECT currency, due_date, issue_date, amount - paid FROM invoices WHERE paid < amount AND issue_date <= ?`,
		days[len(days)-1].String())
	if err != nil {
		return storageErr(err, "cannot compute the aging of the month ends")
	}
	defer rows.Close()
	for rows.Next() {
		var cur, due, issue string
		var open int64
		if err := rows.Scan(currency(&cur), &due, &issue, &open); err != nil {
			return storageErr(err, "cannot read the aging of the month ends")
		}
		dueOn, issued := parseDate(due), parseDate(issue)
		for k, d := range days {
			if issued.After(d) {
				continue
			}
			if err := acc.add(k, cur, app.BucketOf(d.DaysSince(dueOn)), 1, open); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// agingReopenedAt adds back, for each day, what was received after it on invoices issued by it;
// an invoice paid in full by now counts once on each day it was still open.
func (s *Store) agingReopenedAt(days []app.Date, acc *agingAcc) error {
	first := days[0].String()
	rows, err := s.r.Query(`SELECT i.id, i.currency, i.due_date, i.issue_date, i.paid < i.amount, p.received_on, a.amount
FROM invoices i JOIN allocations a ON a.invoice_id = i.id JOIN payments p ON p.id = a.payment_id
WHERE i.last_paid_on > ?1 AND i.issue_date <= ?2 AND p.received_on > ?1`, first, days[len(days)-1].String())
	if err != nil {
		return storageErr(err, "cannot compute the aging of the month ends")
	}
	defer rows.Close()
	counted := map[int64]uint64{} // the days on which a paid invoice was already counted, as bits
	for rows.Next() {
		var id, amt int64
		var cur, due, issue, received string
		var stillOpen bool
		if err := rows.Scan(&id, currency(&cur), &due, &issue, &stillOpen, &received, &amt); err != nil {
			return storageErr(err, "cannot read the aging of the month ends")
		}
		dueOn, issued, on := parseDate(due), parseDate(issue), parseDate(received)
		for k, d := range days {
			if issued.After(d) || !on.After(d) {
				continue
			}
			var n int64
			if bit := uint64(1) << k; !stillOpen && counted[id]&bit == 0 {
				counted[id] |= bit
				n = 1
			}
			if err := acc.add(k, cur, app.BucketOf(d.DaysSince(dueOn)), n, amt); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}
