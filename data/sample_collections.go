package data

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"duebook/app"
)

// phoneFirst is the sample's second ladder: emails and a call before the letters.
func phoneFirst() app.Policy {
	return app.Policy{Name: "Phone first", Stages: []app.Stage{
		{Name: "courtesy email", Days: -3, Channel: app.ChannelEmail, Template: "courtesy"},
		{Name: "reminder email", Days: 7, Channel: app.ChannelEmail, Template: "reminder1"},
		{Name: "phone call", Days: 14, Channel: app.ChannelCall},
		{Name: "reminder letter", Days: 21, Channel: app.ChannelLetter, Template: "reminder2"},
		{Name: "final demand", Days: 35, Channel: app.ChannelBoth, Template: "final", Deadline: 14},
		{Name: "hand-off proposal", Days: 56, Channel: app.ChannelHandoff, Template: "handoff"},
	}}
}

// sampleCollections gives the sample shop a collection history, so that Today shows every kind
// of action and guard: ladder stages already reached, a second ladder with emails and calls,
// promises (kept, open, broken), payment plans (running, completed, broken), disputes, holds,
// cease, attorney and bankruptcy flags and call histories.
func (s *Store) sampleCollections(opts SampleOptions) error {
	r := rand.New(rand.NewPCG(opts.Seed^0x5eed, opts.Seed+17))
	today := opts.Today
	at := today.Time().Add(9 * time.Hour).UTC()
	return s.tx(bg, func(tx *sql.Tx) error {
		pf := phoneFirst()
		b, _ := json.Marshal(pf.Stages)
		if _, err := tx.Exec(`INSERT INTO policies (id, name, stages, created_at) VALUES (2, ?, ?, ?)`, pf.Name, string(b), nowText()); err != nil {
			return err
		}
		settings, _ := json.Marshal(app.CollectionSettings{Profile: app.ProfileDE, LimitationYears: 3, PromiseGrace: 3, PlanGrace: 7})
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('collections', ?)`, string(settings)); err != nil {
			return err
		}
		// One customer in five climbs the phone-first ladder.
		if _, err := tx.Exec(`UPDATE customers SET policy_id = 2 WHERE id % 5 = 2`); err != nil {
			return err
		}
		// Open invoices have reached the stage the ladder put them at, with a day or three of lag,
		// so some stages fall due today.
		rows, err := tx.Query(`SELECT i.id, i.customer_id, i.due_date, coalesce(c.policy_id, 1) FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.paid < i.amount ORDER BY i.id`)
		if err != nil {
			return err
		}
		type upd struct {
			id, stage     int64
			on, handedOff string
		}
		var ups []upd
		byCustomer := map[int64][]int64{}
		maxOverdue := map[int64]int{}
		var customers []int64
		for rows.Next() {
			var id, cust, pol int64
			var due string
			if err := rows.Scan(&id, &cust, &due, &pol); err != nil {
				rows.Close()
				return err
			}
			ladder := app.DefaultPolicy()
			if pol == 2 {
				ladder = pf
			}
			d := parseDate(due)
			overdue := today.DaysSince(d) - r.IntN(4)
			u := upd{id: id}
			for n, st := range ladder.Stages {
				if st.Days <= overdue {
					u.stage, u.on = int64(n+1), d.AddDays(st.Days).String()
					if st.Channel == app.ChannelHandoff {
						u.handedOff = u.on
					}
				}
			}
			if u.stage > 0 {
				ups = append(ups, u)
			}
			if _, seen := byCustomer[cust]; !seen {
				customers = append(customers, cust)
			}
			maxOverdue[cust] = max(maxOverdue[cust], today.DaysSince(d))
			byCustomer[cust] = append(byCustomer[cust], id)
		}
		rows.Close()
		for _, u := range ups {
			if _, err := tx.Exec(`UPDATE invoices SET stage = ?, stage_on = ?, handed_off = ? WHERE id = ?`, u.stage, u.on, u.handedOff, u.id); err != nil {
				return err
			}
		}
		special := map[int64]bool{}
		if len(customers) < 30 {
			return sampleLettersDue(tx, opts.LettersDue, today, special) // too small for the special cases
		}
		tip, err := readTip(tx)
		if err != nil {
			return err
		}
		event := func(cust int64, kind, summary string) error {
			_, err := appendAfter(tx, &tip, app.Event{At: at, CustomerID: cust, Kind: kind, Summary: summary, Data: "{}"}, nil)
			return err
		}
		exec := func(q string, args ...any) error { _, err := tx.Exec(q, args...); return err }
		// pick takes a customer whose oldest open invoice is from lo to hi days overdue, and steps
		// their overdue invoices one stage back, so that a stage falls due today and the case shows
		// in Today (held, guarded or rushed).
		pick := func(lo, hi int, policy int64) int64 {
			for tries := 0; tries < 4*len(customers); tries++ {
				i := r.IntN(len(customers))
				c := customers[i]
				if o := maxOverdue[c]; o < lo || o > hi || (policy != 0 && (c%5 == 2) != (policy == 2)) {
					continue
				}
				customers = append(customers[:i], customers[i+1:]...)
				special[c] = true
				exec(`UPDATE invoices SET stage = max(stage - 1, 0), stage_on = '', handed_off = '' WHERE customer_id = ? AND paid < amount AND due_date < ?`, c, today.AddDays(-10).String())
				return c
			}
			c := customers[0]
			customers = customers[1:]
			special[c] = true
			return c
		}
		// Promises: two kept, two open, two broken.
		for i, state := range []string{"kept", "kept", "open", "open", "broken", "broken"} {
			c := pick(20, 300, 1)
			made, due := today.AddDays(-20), today.AddDays(-10)
			settled := today.AddDays(-8).String()
			if state == "open" {
				made, due, settled = today.AddDays(-2), today.AddDays(5+i), ""
			}
			if err := exec(`INSERT INTO promises (customer_id, amount, currency, made_on, due_on, grace_days, state, settled_on, note, created_at) VALUES (?, ?, 'EUR', ?, ?, 3, ?, ?, 'promised on the phone', ?)`,
				c, int64(5000+r.IntN(20000)), made.String(), due.String(), state, settled, nowText()); err != nil {
				return err
			}
			if state == "broken" {
				if err := exec(`UPDATE customers SET rush_since = ? WHERE id = ?`, settled, c); err != nil {
					return err
				}
			}
			if err := event(c, "promise", fmt.Sprintf("Promise to pay by %s: %s", due, state)); err != nil {
				return err
			}
		}
		// Payment plans: one running, one broken (its invoices back at the final demand), one
		// completed.
		for _, state := range []string{"active", "broken", "completed"} {
			c := pick(20, 300, 1)
			invs := byCustomer[c]
			var total int64
			for _, id := range invs {
				var open int64
				tx.QueryRow(`SELECT amount - paid FROM invoices WHERE id = ?`, id).Scan(&open)
				total += open
			}
			created := today.AddDays(-3)
			first := today.AddDays(10)
			settled := ""
			if state != "active" {
				created, first, settled = today.AddDays(-70), today.AddDays(-60), today.AddDays(-5).String()
			}
			terms := app.PlanTerms{Total: total, Installments: 3, Frequency: app.Monthly, FirstDue: first}
			sched, err := terms.Schedule()
			if err != nil {
				continue
			}
			res, err := tx.Exec(`INSERT INTO plans (customer_id, currency, total, down_payment, installments, frequency, first_due, grace_days, resume_stage, state, created_on, settled_on, created_at)
VALUES (?, 'EUR', ?, 0, 3, 'monthly', ?, 7, 0, ?, ?, ?, ?)`, c, total, first.String(), state, created.String(), settled, nowText())
			if err != nil {
				return err
			}
			planID, _ := res.LastInsertId()
			for _, id := range invs {
				if err := exec(`INSERT INTO plan_invoices (plan_id, invoice_id) VALUES (?, ?)`, planID, id); err != nil {
					return err
				}
				if state == "broken" {
					if err := exec(`UPDATE invoices SET stage = 3, stage_on = ?, handed_off = '' WHERE id = ?`, settled, id); err != nil {
						return err
					}
				}
			}
			for _, in := range sched {
				if err := exec(`INSERT INTO installments (plan_id, number, due_on, amount) VALUES (?, ?, ?, ?)`, planID, in.Number, in.Due.String(), in.Amount); err != nil {
					return err
				}
			}
			if state == "broken" {
				if err := exec(`UPDATE customers SET rush_since = ? WHERE id = ?`, settled, c); err != nil {
					return err
				}
			}
			if err := event(c, "plan", fmt.Sprintf("Payment plan %d (%s)", planID, state)); err != nil {
				return err
			}
		}
		// Disputes: two open, one resolved.
		for i := 0; i < 3; i++ {
			c := pick(20, 300, 1)
			resolved, resolution := "", ""
			if i == 2 {
				resolved, resolution = today.AddDays(-4).String(), "credit for the scratch agreed"
			}
			if err := exec(`INSERT INTO disputes (invoice_id, opened_on, reason, resolved_on, resolution, created_at) VALUES (?, ?, 'the work was not finished', ?, ?, ?)`,
				byCustomer[c][0], today.AddDays(-12).String(), resolved, resolution, nowText()); err != nil {
				return err
			}
			if err := event(c, "dispute", "Invoice disputed: the work was not finished"); err != nil {
				return err
			}
		}
		// Holds and flags.
		for _, f := range []struct{ flag, hold string }{{"", "on holiday until next week"}, {"", "waiting for the insurer"}, {app.FlagCease, ""}, {app.FlagAttorney, ""}, {app.FlagBankruptcy, ""}} {
			c := pick(20, 300, 1)
			if f.hold != "" {
				if err := exec(`UPDATE customers SET hold_until = ?, hold_reason = ? WHERE id = ?`, today.AddDays(7+r.IntN(7)).String(), f.hold, c); err != nil {
					return err
				}
			} else if err := exec(`UPDATE customers SET flags = ? WHERE id = ?`, f.flag, c); err != nil {
				return err
			}
			if err := event(c, "flags", "Sample: "+f.flag+f.hold); err != nil {
				return err
			}
		}
		// Calls: customers of the phone-first ladder with recent calls, one called seven times
		// this week, one spoken to two days ago.
		// A debt past the limitation period, with its final demand due: no legal threats.
		{
			c := pick(20, 300, 1)
			var id int64
			tx.QueryRow(`SELECT max(id) + 1 FROM invoices`).Scan(&id)
			issue := today.AddDays(-4*365 - 40)
			if err := exec(`INSERT INTO invoices (id, number, customer_id, issue_date, due_date, currency, amount, paid, description, created_at, stage, stage_on)
VALUES (?, ?, ?, ?, ?, 'EUR', 31250, 0, 'Old workshop repair', ?, 3, '')`, id, fmt.Sprintf("INV-%07d", id), c, issue.String(), issue.AddDays(30).String(), nowText()); err != nil {
				return err
			}
		}
		// Phone-first customers whose call falls due today.
		var phoners []int64
		for i := 0; i < 4; i++ {
			c := pick(20, 300, 2)
			exec(`UPDATE invoices SET stage = min(stage, 2), stage_on = '', handed_off = '' WHERE customer_id = ? AND paid < amount AND due_date < ?`, c, today.AddDays(-14).String())
			phoners = append(phoners, c)
		}
		for i, c := range phoners {
			n := 1 + r.IntN(3)
			outcome := app.CallNoAnswer
			switch i {
			case 0:
				n = 7
			case 1:
				n, outcome = 1, app.CallPromise
			}
			for k := 0; k < n; k++ {
				when := at.Add(-time.Duration(20+k*20) * time.Hour)
				o := outcome
				if k > 0 {
					o = app.CallLeftMessage
				}
				if err := exec(`INSERT INTO calls (customer_id, at, outcome, inbound, note, created_at) VALUES (?, ?, ?, 0, '', ?)`, c, when.Format(time.RFC3339), string(o), nowText()); err != nil {
					return err
				}
			}
			if err := event(c, "call", fmt.Sprintf("Called the customer %d times", n)); err != nil {
				return err
			}
		}
		if err := sampleBills(exec, opts); err != nil {
			return err
		}
		return sampleLettersDue(tx, opts.LettersDue, today, special)
	})
}

// sampleBills gives the sample shop its own bills, scaled to its size: rent on the 1st, wages on
// the 25th, a supplier every other Friday and the quarter's tax, the past ones paid, so the
// forecast has something to set receipts against (and a tight week or two).
func sampleBills(exec func(string, ...any) error, opts SampleOptions) error {
	scale := func(v int64) int64 { return max(v*int64(max(opts.Invoices, 1))/3000, 100) }
	const q = `INSERT INTO payables (supplier, amount, currency, due_date, paid_on, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
	add := func(supplier string, amount int64, due app.Date, note string) error {
		paid := ""
		if due.Before(opts.Today) {
			paid = due.String()
		}
		return exec(q, supplier, scale(amount), opts.Currency, due.String(), paid, note, nowText())
	}
	first, _ := app.NewDate(opts.Today.Year(), opts.Today.Month(), 1)
	for m := -2; m <= 4; m++ {
		month := first.Time().AddDate(0, m, 0)
		d, _ := app.NewDate(month.Year(), month.Month(), 1)
		if err := add("Harbour Street Properties", 250000, d, "rent"); err != nil {
			return err
		}
		if err := add("Wages", 1080000, d.AddDays(24), "two part-time staff"); err != nil {
			return err
		}
		if int(month.Month())%3 == 1 {
			if err := add("Tax office", 1800000, d.AddDays(9), "VAT for the quarter"); err != nil {
				return err
			}
		}
	}
	for k := -6; k <= 14; k++ {
		if err := add("Timber & Tools Wholesale", 180000+int64((k+6)%4)*45000, opts.Today.AddDays(14*k+3), "stock"); err != nil {
			return err
		}
	}
	return nil
}
