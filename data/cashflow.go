package data

import (
	"database/sql"
	"slices"

	"duebook/app"
	"duebook/app/cashflow"
)

// dayNumber turns an ISO date "2026-11-22" into a count of days, without parsing into a time:
// the forecast reads the dates of every paid invoice. ok is false for anything else.
func dayNumber(s []byte) (int, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	n := func(a, b int) int {
		v := 0
		for i := a; i < b; i++ {
			v = v*10 + int(s[i]-'0')
		}
		return v
	}
	y, m, d := n(0, 4), n(5, 7), n(8, 10)
	// Days from civil (Howard Hinnant's algorithm, proleptic Gregorian).
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe, true
}

// ForecastInputs reads what the cash-flow forecast of currency rests on: open invoices outside
// active plans, installments still to pay, open promises, each customer's days late on their
// invoices paid in full in the last cashflow.HistoryDays (written-off ones aside), unpaid bills
// and the cash at hand.
func (s *Store) ForecastInputs(asOf app.Date, cur string) (cashflow.Inputs, error) {
	in := cashflow.Inputs{AsOf: asOf, Currency: cur}
	var err error
	if in.Opening, err = s.CashOpening(cur); err != nil {
		return in, err
	}
	fail := func(err error) (cashflow.Inputs, error) {
		return in, storageErr(err, "cannot read what the forecast rests on")
	}
	rows, err := s.r.Query(`SELECT customer_id, due_date, amount - paid FROM invoices
WHERE paid < amount AND currency = ? AND id NOT IN (SELECT pi.invoice_id FROM plan_invoices pi JOIN plans p ON p.id = pi.plan_id WHERE p.state = 'active')`, cur)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var r cashflow.Receivable
		var due string
		if err := rows.Scan(&r.CustomerID, &due, &r.Open); err != nil {
			rows.Close()
			return fail(err)
		}
		r.Due = parseDate(due)
		in.Invoices = append(in.Invoices, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if in.DaysLate, err = s.daysLate(asOf, cur); err != nil {
		return fail(err)
	}
	if err := s.scheduled(&in, cur); err != nil {
		return in, err
	}
	rows, err = s.r.Query(`SELECT supplier, due_date, amount FROM payables WHERE paid_on = '' AND currency = ?`, cur)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var b cashflow.Bill
		var due string
		if err := rows.Scan(&b.Supplier, &due, &b.Amount); err != nil {
			return fail(err)
		}
		b.Due = parseDate(due)
		in.Bills = append(in.Bills, b)
	}
	return in, rows.Err()
}

// daysLate reads, per customer, the days late of the invoices paid in full in the last
// cashflow.HistoryDays (written-off ones aside): the last payment's day against the due date.
func (s *Store) daysLate(asOf app.Date, cur string) (map[int64][]int, error) {
	rows, err := s.r.Query(`SELECT customer_id, due_date, last_paid_on FROM invoices WHERE paid = amount AND written_off = '' AND last_paid_on >= ? AND currency = ?`,
		asOf.AddDays(-cashflow.HistoryDays).String(), cur)
	if err != nil {
		return nil, err
	}
	type late struct{ cust, days int }
	var lates []late
	for rows.Next() {
		var c int64
		var due, paid sql.RawBytes // read in place: a year of paid invoices may be many
		if err := rows.Scan(&c, &due, &paid); err != nil {
			rows.Close()
			return nil, err
		}
		a, ok1 := dayNumber(due)
		b, ok2 := dayNumber(paid)
		if ok1 && ok2 {
			lates = append(lates, late{int(c), b - a})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Grouped by customer, each customer's days are a slice of one array: no growing per customer.
	slices.SortFunc(lates, func(x, y late) int { return x.cust - y.cust })
	days := make([]int, len(lates))
	for i, l := range lates {
		days[i] = l.days
	}
	out := make(map[int64][]int, len(lates)/3+1)
	for i := 0; i < len(lates); {
		j := i
		for j < len(lates) && lates[j].cust == lates[i].cust {
			j++
		}
		out[int64(lates[i].cust)] = days[i:j:j]
		i = j
	}
	return out, nil
}

// scheduled adds the installments of active plans not yet paid (what was paid since a plan began
// covers its installments in order) and the open promises.
func (s *Store) scheduled(in *cashflow.Inputs, cur string) error {
	plans, err := s.ActivePlans()
	if err != nil {
		return err
	}
	for _, p := range plans {
		if p.Currency != cur {
			continue
		}
		paid, err := s.PlanPaid(p)
		if err != nil {
			return err
		}
		for _, inst := range p.Schedule {
			covered := min(paid, inst.Amount)
			paid -= covered
			if left := inst.Amount - covered; left > 0 {
				in.Installments = append(in.Installments, cashflow.Expected{CustomerID: p.CustomerID, On: inst.Due, Amount: left})
			}
		}
	}
	promises, err := s.OpenPromises()
	if err != nil {
		return err
	}
	for _, p := range promises {
		if p.Currency == cur {
			in.Promises = append(in.Promises, cashflow.Expected{CustomerID: p.CustomerID, On: p.Due, Amount: p.Amount})
		}
	}
	return nil
}

// ReserveHistoryYears is how far back finished invoices count for the reserve (by due date).
const ReserveHistoryYears = 3

// LostAfterDays: an invoice open this long past due counts in the reserve's history as lost.
const LostAfterDays = 365

// ReserveInputs reads what is open now by bucket and the history of finished invoices in
// currency due in the last ReserveHistoryYears: what settled each (payments and discounts, by
// day) and what was written off.
func (s *Store) ReserveInputs(asOf app.Date, cur string) (cashflow.ReserveInputs, error) {
	in := cashflow.ReserveInputs{AsOf: asOf, Currency: cur, Aging: app.NewAging(cur)}
	ag, err := s.Aging(asOf)
	if err != nil {
		return in, err
	}
	for _, a := range ag {
		if a.Currency == cur {
			in.Aging = a
		}
	}
	fail := func(err error) (cashflow.ReserveInputs, error) {
		return in, storageErr(err, "cannot read the history of collected invoices")
	}
	from := asOf.Time().AddDate(-ReserveHistoryYears, 0, 0).Format("2006-01-02")
	const finished = `SELECT id FROM invoices WHERE (paid = amount AND currency = ? AND due_date >= ? AND due_date <= ?)
OR (paid < amount AND currency = ? AND due_date >= ? AND due_date < ?)`
	args := []any{cur, from, asOf.String(), cur, from, asOf.AddDays(-LostAfterDays).String()}
	// An invoice still open more than a year past due counts as lost for what is open: waiting
	// for it to be written off would make the history look better than it is.
	rows, err := s.r.Query(`SELECT id, issue_date, due_date, amount, amount - paid FROM invoices WHERE id IN (`+finished+`) ORDER BY id`, args...)
	if err != nil {
		return fail(err)
	}
	index := map[int64]int{}
	for rows.Next() {
		var id, open int64
		var f cashflow.Finished
		var issue, due string
		if err := rows.Scan(&id, &issue, &due, &f.Amount, &open); err != nil {
			rows.Close()
			return fail(err)
		}
		f.Issue, f.Due = parseDate(issue), parseDate(due)
		if open > 0 {
			f.WrittenOff = cashflow.Dated{On: asOf, Amount: open}
		}
		index[id] = len(in.History)
		in.History = append(in.History, f)
	}
	rows.Close()
	// Payments and adjustments are read whole and kept for the invoices of the history: one pass
	// over each table is cheaper than asking which invoice each belongs to.
	add := func(q string, fn func(f *cashflow.Finished, kind, on string, amount int64), args ...any) error {
		rows, err := s.r.Query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, amount int64
			var kind, on string
			if err := rows.Scan(&id, &kind, &on, &amount); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				fn(&in.History[i], kind, on, amount)
			}
		}
		return rows.Err()
	}
	err = add(`SELECT a.invoice_id, 'payment', p.received_on, a.amount FROM allocations a JOIN payments p ON p.id = a.payment_id WHERE p.currency = ?`,
		func(f *cashflow.Finished, _, on string, amount int64) {
			f.Settled = append(f.Settled, cashflow.Dated{On: parseDate(on), Amount: amount})
		}, cur)
	if err == nil {
		err = add(`SELECT invoice_id, kind, on_date, amount FROM adjustments WHERE charge_id IS NULL`,
			func(f *cashflow.Finished, kind, on string, amount int64) {
				if kind == "writeoff" {
					f.WrittenOff = cashflow.Dated{On: parseDate(on), Amount: f.WrittenOff.Amount + amount}
				} else {
					f.Settled = append(f.Settled, cashflow.Dated{On: parseDate(on), Amount: amount})
				}
			})
	}
	if err != nil && err != sql.ErrNoRows {
		return fail(err)
	}
	return in, nil
}

var _ cashflow.Source = (*Store)(nil)
