package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"duebook/app"
)

var _ app.CollectionsStore = (*Store)(nil)

// seedCollections gives a new or upgraded book the default ladder (the rate tables come with
// migration 5). It runs in the migration's transaction.
func seedCollections(tx *sql.Tx) error {
	p := app.DefaultPolicy()
	b, _ := json.Marshal(p.Stages)
	if _, err := tx.Exec(`INSERT INTO policies (id, name, stages, created_at) VALUES (1, ?, ?, ?)`, p.Name, string(b), nowText()); err != nil {
		return err
	}
	return nil
}

// CollectionSettings returns the shop's collection settings, defaults for its country until saved.
func (s *Store) CollectionSettings() (app.CollectionSettings, error) {
	var raw string
	err := s.r.QueryRow(`SELECT value FROM settings WHERE key = 'collections'`).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		shop, _, err := s.Shop()
		if err != nil {
			return app.CollectionSettings{}, err
		}
		return app.DefaultCollectionSettings(shop.Country), nil
	}
	if err != nil {
		return app.CollectionSettings{}, storageErr(err, "cannot read the collection settings")
	}
	var cs app.CollectionSettings
	if err := json.Unmarshal([]byte(raw), &cs); err != nil {
		return cs, app.Wrap(app.CodeStorage, err, "the stored collection settings are damaged")
	}
	return cs, nil
}

// SaveCollectionSettings stores the collection settings.
func (s *Store) SaveCollectionSettings(cs app.CollectionSettings, ev app.Event) error {
	b, _ := json.Marshal(cs)
	return s.tx(bg, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('collections', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, string(b)); err != nil {
			return storageErr(err, "cannot save the collection settings")
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// Policies lists the ladders, the default (id 1) first.
func (s *Store) Policies() ([]app.Policy, error) {
	rows, err := s.r.Query(`SELECT id, name, stages FROM policies ORDER BY id`)
	if err != nil {
		return nil, storageErr(err, "cannot read the ladders")
	}
	defer rows.Close()
	var out []app.Policy
	for rows.Next() {
		var p app.Policy
		var raw string
		if err := rows.Scan(&p.ID, &p.Name, &raw); err != nil {
			return nil, storageErr(err, "cannot read the ladders")
		}
		if err := json.Unmarshal([]byte(raw), &p.Stages); err != nil {
			return nil, app.Wrap(app.CodeStorage, err, "the stored ladder %q is damaged", p.Name)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SavePolicy stores a new ladder (ID 0) or changes one.
func (s *Store) SavePolicy(p *app.Policy, ev app.Event) error {
	b, _ := json.Marshal(p.Stages)
	return s.tx(bg, func(tx *sql.Tx) error {
		var err error
		if p.ID == 0 {
			var res sql.Result
			res, err = tx.Exec(`INSERT INTO policies (name, stages, created_at) VALUES (?, ?, ?)`, p.Name, string(b), nowText())
			if err == nil {
				p.ID, _ = res.LastInsertId()
			}
		} else {
			var res sql.Result
			res, err = tx.Exec(`UPDATE policies SET name = ?, stages = ? WHERE id = ?`, p.Name, string(b), p.ID)
			if n, _ := res.RowsAffected(); err == nil && n == 0 {
				return app.Errorf(app.CodeNotFound, "there is no ladder number %d", p.ID)
			}
		}
		if err != nil {
			if isUnique(err) {
				return app.Errorf(app.CodeConflict, "there is already a ladder called %q", p.Name)
			}
			return storageErr(err, "cannot save the ladder")
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// SetCustomerPolicy gives a customer another ladder (0: the default).
func (s *Store) SetCustomerPolicy(customerID, policyID int64, ev app.Event) error {
	var v any
	if policyID != 0 {
		v = policyID
	}
	return s.customerUpdate(customerID, `UPDATE customers SET policy_id = ? WHERE id = ?`, ev, v, customerID)
}

// customerUpdate runs one UPDATE of a customer with its event.
func (s *Store) customerUpdate(customerID int64, q string, ev app.Event, args ...any) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(q, args...)
		if err != nil {
			if isForeignKey(err) {
				return app.Errorf(app.CodeNotFound, "that ladder does not exist")
			}
			return storageErr(err, "cannot save the customer")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.CodeNotFound, "there is no customer number %d", customerID)
		}
		ev.CustomerID = customerID
		_, err = appendEvent(tx, ev)
		return err
	})
}

const caseCustomerCols = customerCols + `, coalesce(policy_id, 1), tone, hold_until, hold_reason, rush_since, contract_rate`

// CaseData loads the case files of customers with open invoices: open invoices with their
// ladder stage, disputes, plans, the open promise and recent calls. For named customers it loads
// all their open invoices; for nil customers, those that dueBy says may be due (all when nil).
func (s *Store) CaseData(customerIDs []int64, dueBy []app.Date, asOf app.Date) ([]app.CaseData, error) {
	files := map[int64]*app.CaseData{}
	var order []int64
	// Disputes and plans are few: read them once instead of asking per invoice.
	disputed, err := s.idSet(`SELECT invoice_id FROM disputes WHERE resolved_on = ''`)
	if err != nil {
		return nil, err
	}
	planEnds, err := s.planEnds()
	if err != nil {
		return nil, err
	}
	invQ := `SELECT i.id, i.number, i.customer_id, i.due_date, i.currency, i.amount - i.paid, i.stage, i.stage_on, i.handed_off, i.last_paid_on,
i.issue_date, i.amount, i.default_term, i.first_reminder_on
FROM invoices i WHERE i.paid < i.amount`
	scanInv := func(rows *sql.Rows) error {
		defer rows.Close()
		for rows.Next() {
			var inv app.CaseInvoice
			var cust int64
			var due, stageOn, handed, lastPaid, issue, term, reminded string
			if err := rows.Scan(&inv.ID, &inv.Number, &cust, &due, currency(&inv.Currency), &inv.Open, &inv.Stage, &stageOn, &handed, &lastPaid,
				&issue, &inv.Amount, &term, &reminded); err != nil {
				return err
			}
			inv.Due, inv.StageOn, inv.HandedOff, inv.LastPaid = parseDate(due), parseDate(stageOn), handed != "", parseDate(lastPaid)
			inv.Issue, inv.Term, inv.FirstReminder = parseDate(issue), app.DefaultTerm(term), parseDate(reminded)
			inv.PlanUntil, inv.InPlan = planEnds[inv.ID]
			inv.Disputed = disputed[inv.ID]
			f, ok := files[cust]
			if !ok {
				f = &app.CaseData{}
				f.Customer.ID = cust
				files[cust] = f
				order = append(order, cust)
			}
			if inv.LastPaid.After(f.LastPayment) {
				f.LastPayment = inv.LastPaid
			}
			f.Invoices = append(f.Invoices, inv)
		}
		return rows.Err()
	}
	if customerIDs == nil {
		// Only invoices whose next stage may have come: for an invoice at stage k, a due date
		// no later than dueBy[k] (the ladder index answers each with a range scan), plus every
		// open invoice of a customer whose promise or plan broke.
		var conds []string
		var args []any
		for k, d := range dueBy {
			conds = append(conds, "(i.stage = ? AND i.due_date <= ?)")
			args = append(args, k, d.String())
		}
		q := invQ + ` AND i.handed_off = ''`
		if len(conds) > 0 {
			q += ` AND (` + strings.Join(conds, " OR ") + ` OR i.customer_id IN (SELECT id FROM customers WHERE rush_since <> ''))`
		}
		if dueBy == nil {
			q = invQ
		}
		rows, err := s.r.Query(q, args...)
		if err != nil {
			return nil, storageErr(err, "cannot read open invoices")
		}
		if err := scanInv(rows); err != nil {
			return nil, storageErr(err, "cannot read open invoices")
		}
		sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	} else {
		for _, id := range customerIDs {
			// A named customer has a case file even without open invoices (holds, flags, tone).
			if _, ok := files[id]; !ok {
				files[id] = &app.CaseData{Customer: app.Customer{ID: id}}
				order = append(order, id)
			}
			rows, err := s.r.Query(invQ+` AND i.customer_id = ?`, id)
			if err != nil {
				return nil, storageErr(err, "cannot read open invoices")
			}
			if err := scanInv(rows); err != nil {
				return nil, storageErr(err, "cannot read open invoices")
			}
		}
	}
	if len(files) == 0 {
		return nil, nil
	}
	// Customers, in chunks.
	ids := make([]string, 0, len(order))
	for _, id := range order {
		ids = append(ids, fmt.Sprint(id))
	}
	err = inChunks(ids, func(ph string, args []any) error {
		rows, err := s.r.Query(`SELECT `+caseCustomerCols+` FROM customers WHERE id IN (`+ph+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c app.Customer
			var policy, rate int64
			var tone, holdUntil, holdReason, rush string
			var since, flags, kind string
			if err := rows.Scan(&c.ID, &kind, &c.Name, &c.Contact, &c.Address1, &c.Address2, &c.PostalCode, &c.City, &c.Region,
				&c.Country, &c.Email, &c.Phone, &c.Language, &c.TimeZone, &since, &c.Notes, &flags,
				&policy, &tone, &holdUntil, &holdReason, &rush, &rate); err != nil {
				return err
			}
			c.Kind, c.Since = app.CustomerKind(kind), parseDate(since)
			if flags != "" {
				c.Flags = strings.Split(flags, ",")
			}
			f := files[c.ID]
			f.Customer, f.Kind, f.PolicyID, f.ToneChoice = c, c.Kind, policy, app.Tone(tone)
			f.HoldUntil, f.HoldReason, f.RushSince, f.ContractRate = parseDate(holdUntil), holdReason, parseDate(rush), rate
		}
		return rows.Err()
	})
	if err != nil {
		return nil, storageErr(err, "cannot read customers")
	}
	promises, err := s.OpenPromises()
	if err != nil {
		return nil, err
	}
	for i := range promises {
		if f, ok := files[promises[i].CustomerID]; ok {
			f.Promise = &promises[i]
		}
	}
	// The call guards look back seven days from the day acted on: read the calls of the ten days
	// before it (a margin for time zones), never of the days before the wall clock.
	if asOf.IsZero() {
		asOf = app.DateOf(time.Now(), time.Local)
	}
	since := asOf.AddDays(-10).Time().UTC().Format(time.RFC3339)
	until := asOf.AddDays(2).Time().UTC().Format(time.RFC3339)
	rows, err := s.r.Query(`SELECT id, customer_id, at, outcome, inbound, note FROM calls WHERE at >= ? AND at < ? ORDER BY at`, since, until)
	if err != nil {
		return nil, storageErr(err, "cannot read calls")
	}
	for rows.Next() {
		var c app.Call
		var at, outcome string
		if err := rows.Scan(&c.ID, &c.CustomerID, &at, &outcome, &c.Inbound, &c.Note); err != nil {
			rows.Close()
			return nil, storageErr(err, "cannot read calls")
		}
		c.At, _ = time.Parse(time.RFC3339, at)
		c.Outcome = app.CallOutcome(outcome)
		if f, ok := files[c.CustomerID]; ok {
			f.Calls = append(f.Calls, c)
		}
	}
	rows.Close()
	out := make([]app.CaseData, 0, len(order))
	for _, id := range order {
		out = append(out, *files[id])
	}
	return out, nil
}

// planEnds maps each invoice in an active plan to the day of the plan's last installment.
func (s *Store) planEnds() (map[int64]app.Date, error) {
	rows, err := s.r.Query(`SELECT pi.invoice_id, coalesce((SELECT max(due_on) FROM installments WHERE plan_id = p.id), '')
FROM plan_invoices pi JOIN plans p ON p.id = pi.plan_id WHERE p.state = 'active'`)
	if err != nil {
		return nil, storageErr(err, "cannot read payment plans")
	}
	defer rows.Close()
	out := map[int64]app.Date{}
	for rows.Next() {
		var id int64
		var end string
		if err := rows.Scan(&id, &end); err != nil {
			return nil, storageErr(err, "cannot read payment plans")
		}
		out[id] = parseDate(end)
	}
	return out, rows.Err()
}

// idSet reads a column of ids into a set.
func (s *Store) idSet(q string) (map[int64]bool, error) {
	rows, err := s.r.Query(q)
	if err != nil {
		return nil, storageErr(err, "cannot read the collection state")
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, storageErr(err, "cannot read the collection state")
		}
		out[id] = true
	}
	return out, rows.Err()
}

// ToneStats counts, per customer, paid invoices, those paid by their due date, and promises
// broken since the given day.
func (s *Store) ToneStats(customerIDs []int64, since app.Date) (map[int64]app.ToneStats, error) {
	out := map[int64]app.ToneStats{}
	ids := make([]string, len(customerIDs))
	for i, id := range customerIDs {
		ids[i] = fmt.Sprint(id)
	}
	err := inChunks(ids, func(ph string, args []any) error {
		rows, err := s.r.Query(`SELECT c.id, c.since,
  (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.paid >= i.amount),
  (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.paid >= i.amount AND i.last_paid_on <= i.due_date),
  (SELECT count(*) FROM promises p WHERE p.customer_id = c.id AND p.state = 'broken' AND p.settled_on >= ?)
FROM customers c WHERE c.id IN (`+ph+`)`, append([]any{since.String()}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var st app.ToneStats
			var sinceText string
			if err := rows.Scan(&id, &sinceText, &st.PaidInvoices, &st.PaidOnTime, &st.BrokenPromises); err != nil {
				return err
			}
			st.Since = parseDate(sinceText)
			out[id] = st
		}
		return rows.Err()
	})
	if err != nil {
		return nil, storageErr(err, "cannot read payment history")
	}
	return out, nil
}

// Decide records the owner's decision on an action. An approval moves each named invoice to its
// stage (a hand-off marks it handed off), stores the charges and clears a rush; a skip moves the
// invoices past the stage without contact; a snooze only records. A second decision on the same
// action and day is refused, so nothing is done twice.
func (s *Store) Decide(d app.DecidedAction, charges []app.Charge, doc *app.Document, ev app.Event) error {
	a := d.Action
	var nums []string
	for _, inv := range a.Invoices {
		nums = append(nums, inv.Number)
	}
	b, _ := json.Marshal(nums)
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO actions (customer_id, on_date, currency, stage, stage_name, channel, tone, amount, invoices, decision, reason, deadline, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.CustomerID, d.OnDate.String(), a.Currency, a.Stage, a.StageName, string(a.Channel), string(a.Tone),
			a.Amount, string(b), string(d.Decision), d.Reason, a.Deadline.String(), nowText())
		if err != nil {
			if isUnique(err) {
				return app.Errorf(app.CodeConflict, "the %s for %s was already decided today", a.StageName, a.Customer)
			}
			return storageErr(err, "cannot record the decision")
		}
		actionID, _ := res.LastInsertId()
		if d.Decision != app.Snoozed {
			for _, inv := range a.Invoices {
				// Only an invoice still open and still below the stage moves: a stale queue
				// never moves anything backwards.
				q := `UPDATE invoices SET stage = ?, stage_on = ? WHERE id = ? AND stage < ? AND paid < amount`
				args := []any{inv.Stage, d.OnDate.String(), inv.ID, inv.Stage}
				if d.Decision == app.Approved && a.Channel == app.ChannelHandoff {
					q = `UPDATE invoices SET stage = ?, stage_on = ?, handed_off = ? WHERE id = ? AND stage < ? AND paid < amount`
					args = []any{inv.Stage, d.OnDate.String(), d.OnDate.String(), inv.ID, inv.Stage}
				}
				if _, err := tx.Exec(q, args...); err != nil {
					return storageErr(err, "cannot move the invoice on the ladder")
				}
				if d.Decision == app.Approved && a.Reminder {
					if _, err := tx.Exec(`UPDATE invoices SET first_reminder_on = ? WHERE id = ? AND first_reminder_on = ''`, d.OnDate.String(), inv.ID); err != nil {
						return storageErr(err, "cannot record the reminder")
					}
				}
			}
			if _, err := tx.Exec(`UPDATE customers SET rush_since = '' WHERE id = ?`, a.CustomerID); err != nil {
				return storageErr(err, "cannot record the decision")
			}
		}
		if doc != nil {
			if err := insertDocument(tx, *doc); err != nil {
				return err
			}
			if p := d.Print; p != nil {
				if _, err := tx.Exec(`INSERT INTO print_queue (sha256, customer_id, customer, postal_code, stage, pages, on_date, queued_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`, p.SHA256, p.CustomerID, p.Customer, p.PostalCode, p.Stage, p.Pages, p.OnDate.String(), nowText()); err != nil {
					return storageErr(err, "cannot put the letter on the list to print")
				}
			}
		}
		if d.EmailDoc != nil {
			if err := insertDocument(tx, *d.EmailDoc); err != nil {
				return err
			}
		}
		if d.Email != nil {
			if err := queueEmail(tx, d.Email); err != nil {
				return err
			}
		}
		if err := insertCharges(tx, charges, actionID); err != nil {
			return err
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// Decisions lists the decisions of a day.
func (s *Store) Decisions(on app.Date) ([]app.DecidedAction, error) {
	rows, err := s.r.Query(`SELECT a.id, a.customer_id, c.name, a.currency, a.stage, a.stage_name, a.channel, a.tone, a.amount, a.invoices, a.decision, a.reason
FROM actions a JOIN customers c ON c.id = a.customer_id WHERE a.on_date = ? ORDER BY a.id`, on.String())
	if err != nil {
		return nil, storageErr(err, "cannot read the day's decisions")
	}
	defer rows.Close()
	var out []app.DecidedAction
	for rows.Next() {
		var d app.DecidedAction
		var channel, tone, invs, decision string
		if err := rows.Scan(&d.ID, &d.CustomerID, &d.Customer, &d.Action.Currency, &d.Action.Stage, &d.Action.StageName, &channel, &tone,
			&d.Action.Amount, &invs, &decision, &d.Reason); err != nil {
			return nil, storageErr(err, "cannot read the day's decisions")
		}
		d.OnDate, d.Decision = on, app.Decision(decision)
		d.Action.CustomerID, d.Action.Customer, d.Action.Channel, d.Action.Tone = d.CustomerID, d.Customer, app.Channel(channel), app.Tone(tone)
		var nums []string
		json.Unmarshal([]byte(invs), &nums)
		for _, n := range nums {
			d.Action.Invoices = append(d.Action.Invoices, app.ActionInvoice{Number: n})
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SetHold puts a customer on hold until a day (a zero day lifts the hold).
func (s *Store) SetHold(customerID int64, until app.Date, reason string, ev app.Event) error {
	return s.customerUpdate(customerID, `UPDATE customers SET hold_until = ?, hold_reason = ? WHERE id = ?`, ev, until.String(), reason, customerID)
}

// SetTone stores the owner's choice of tone ("" lets the rule decide).
func (s *Store) SetTone(customerID int64, tone app.Tone, ev app.Event) error {
	return s.customerUpdate(customerID, `UPDATE customers SET tone = ? WHERE id = ?`, ev, string(tone), customerID)
}

// SetFlags replaces a customer's flags.
func (s *Store) SetFlags(customerID int64, flags []string, ev app.Event) error {
	return s.customerUpdate(customerID, `UPDATE customers SET flags = ? WHERE id = ?`, ev, strings.Join(flags, ","), customerID)
}

// SetContractRate stores the agreed interest rate in basis points.
func (s *Store) SetContractRate(customerID int64, rate int64, ev app.Event) error {
	return s.customerUpdate(customerID, `UPDATE customers SET contract_rate = ? WHERE id = ?`, ev, rate, customerID)
}

// AddPromise stores a promise to pay.
func (s *Store) AddPromise(p *app.Promise, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		var open int
		tx.QueryRow(`SELECT count(*) FROM promises WHERE customer_id = ? AND state = 'open'`, p.CustomerID).Scan(&open)
		if open > 0 {
			return app.Errorf(app.CodeConflict, "the customer already has an open promise; wait until it is kept or broken")
		}
		res, err := tx.Exec(`INSERT INTO promises (customer_id, amount, currency, made_on, due_on, grace_days, state, note, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
			p.CustomerID, p.Amount, p.Currency, p.MadeOn.String(), p.Due.String(), p.Grace, p.Note, nowText())
		if err != nil {
			if isForeignKey(err) {
				return app.Errorf(app.CodeNotFound, "there is no customer number %d", p.CustomerID)
			}
			return storageErr(err, "cannot save the promise")
		}
		p.ID, _ = res.LastInsertId()
		p.State = app.PromiseOpen
		_, err = appendEvent(tx, ev)
		return err
	})
}

// OpenPromises lists every open promise.
func (s *Store) OpenPromises() ([]app.Promise, error) { return s.promises(`state = 'open'`) }

// Promises lists a customer's promises, newest first.
func (s *Store) Promises(customerID int64) ([]app.Promise, error) {
	return s.promises(`customer_id = ? ORDER BY id DESC`, customerID)
}

func (s *Store) promises(where string, args ...any) ([]app.Promise, error) {
	if !strings.Contains(where, "ORDER BY") {
		where += " ORDER BY id"
	}
	rows, err := s.r.Query(`SELECT id, customer_id, amount, currency, made_on, due_on, grace_days, state, note, settled_on FROM promises WHERE `+where, args...)
	if err != nil {
		return nil, storageErr(err, "cannot read promises")
	}
	defer rows.Close()
	var out []app.Promise
	for rows.Next() {
		var p app.Promise
		var made, due, state, settled string
		if err := rows.Scan(&p.ID, &p.CustomerID, &p.Amount, currency(&p.Currency), &made, &due, &p.Grace, &state, &p.Note, &settled); err != nil {
			return nil, storageErr(err, "cannot read promises")
		}
		p.MadeOn, p.Due, p.State, p.SettledOn = parseDate(made), parseDate(due), app.PromiseState(state), parseDate(settled)
		out = append(out, p)
	}
	return out, rows.Err()
}

// PaidSince sums what a customer paid in a currency from a day on.
func (s *Store) PaidSince(customerID int64, currency string, since app.Date) (int64, error) {
	var v int64
	err := s.r.QueryRow(`SELECT coalesce(sum(amount), 0) FROM payments WHERE customer_id = ? AND currency = ? AND received_on >= ? AND method <> ?`,
		customerID, currency, since.String(), string(app.MethodCreditNote)).Scan(&v)
	if err != nil {
		return 0, storageErr(err, "cannot sum payments")
	}
	return v, nil
}

// SettlePromise marks a promise kept or broken; a broken one rushes the customer's next stage.
func (s *Store) SettlePromise(p app.Promise, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE promises SET state = ?, settled_on = ? WHERE id = ? AND state = 'open'`, string(p.State), p.SettledOn.String(), p.ID)
		if err != nil {
			return storageErr(err, "cannot settle the promise")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // settled already: nothing twice
		}
		if p.State == app.PromiseBroken {
			if _, err := tx.Exec(`UPDATE customers SET rush_since = ? WHERE id = ?`, p.SettledOn.String(), p.CustomerID); err != nil {
				return storageErr(err, "cannot settle the promise")
			}
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// OpenDispute records a dispute of an invoice; it leaves the ladder until resolved.
func (s *Store) OpenDispute(invoiceID int64, on app.Date, reason string, ev app.Event) (int64, error) {
	var id int64
	err := s.tx(bg, func(tx *sql.Tx) error {
		var open int
		tx.QueryRow(`SELECT count(*) FROM disputes WHERE invoice_id = ? AND resolved_on = ''`, invoiceID).Scan(&open)
		if open > 0 {
			return app.Errorf(app.CodeConflict, "the invoice is already disputed")
		}
		res, err := tx.Exec(`INSERT INTO disputes (invoice_id, opened_on, reason, created_at) VALUES (?, ?, ?, ?)`, invoiceID, on.String(), reason, nowText())
		if err != nil {
			if isForeignKey(err) {
				return app.Errorf(app.CodeNotFound, "there is no such invoice")
			}
			return storageErr(err, "cannot record the dispute")
		}
		id, _ = res.LastInsertId()
		_, err = appendEvent(tx, ev)
		return err
	})
	return id, err
}

// ResolveDispute closes a dispute with how it was resolved.
func (s *Store) ResolveDispute(disputeID int64, on app.Date, resolution string, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE disputes SET resolved_on = ?, resolution = ? WHERE id = ? AND resolved_on = ''`, on.String(), resolution, disputeID)
		if err != nil {
			return storageErr(err, "cannot resolve the dispute")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.CodeNotFound, "there is no open dispute number %d", disputeID)
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}

// Disputes lists a customer's disputes, open first.
func (s *Store) Disputes(customerID int64) ([]app.Dispute, error) {
	rows, err := s.r.Query(`SELECT d.id, d.invoice_id, i.number, d.opened_on, d.reason, d.resolved_on, d.resolution
FROM disputes d JOIN invoices i ON i.id = d.invoice_id WHERE i.customer_id = ? ORDER BY d.resolved_on <> '', d.id DESC`, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot read disputes")
	}
	defer rows.Close()
	var out []app.Dispute
	for rows.Next() {
		var d app.Dispute
		var opened, resolved string
		if err := rows.Scan(&d.ID, &d.InvoiceID, &d.Number, &opened, &d.Reason, &resolved, &d.Resolution); err != nil {
			return nil, storageErr(err, "cannot read disputes")
		}
		d.OpenedOn, d.ResolvedOn = parseDate(opened), parseDate(resolved)
		out = append(out, d)
	}
	return out, rows.Err()
}

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

// RecordCall stores a call and its outcome.
func (s *Store) RecordCall(c *app.Call, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO calls (customer_id, at, outcome, inbound, note, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			c.CustomerID, c.At.UTC().Format(time.RFC3339), string(c.Outcome), c.Inbound, c.Note, nowText())
		if err != nil {
			if isForeignKey(err) {
				return app.Errorf(app.CodeNotFound, "there is no customer number %d", c.CustomerID)
			}
			return storageErr(err, "cannot record the call")
		}
		c.ID, _ = res.LastInsertId()
		ev.CustomerID = c.CustomerID
		_, err = appendEvent(tx, ev)
		return err
	})
}

func insertDocument(tx *sql.Tx, d app.Document) error {
	if _, err := tx.Exec(`INSERT INTO documents (sha256, kind, mime, size, content, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		d.SHA256, d.Kind, d.Mime, len(d.Content), d.Content, nowText()); err != nil {
		return storageErr(err, "cannot store the document")
	}
	return nil
}

// SaveDocument stores a document once by its SHA-256 and records its event.
func (s *Store) SaveDocument(d app.Document, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if err := insertDocument(tx, d); err != nil {
			return err
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// Document returns a stored document's exact bytes.
func (s *Store) Document(sha string) (app.Document, error) {
	d := app.Document{SHA256: sha}
	err := s.r.QueryRow(`SELECT kind, mime, content FROM documents WHERE sha256 = ?`, sha).Scan(&d.Kind, &d.Mime, &d.Content)
	if errors.Is(err, sql.ErrNoRows) {
		return d, app.Errorf(app.CodeNotFound, "there is no stored document %s", sha)
	}
	if err != nil {
		return d, storageErr(err, "cannot read the document")
	}
	return d, nil
}

// CustomerDocuments lists the documents a customer's timeline names, newest first.
func (s *Store) CustomerDocuments(customerID int64) ([]app.DocumentRef, error) {
	rows, err := s.r.Query(`SELECT e.at, e.summary, json_extract(e.data, '$.sha256'), coalesce(d.kind, '') FROM events e
LEFT JOIN documents d ON d.sha256 = json_extract(e.data, '$.sha256')
WHERE e.customer_id = ? AND json_valid(e.data) AND json_extract(e.data, '$.sha256') IS NOT NULL ORDER BY e.id DESC`, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot list the documents")
	}
	defer rows.Close()
	var out []app.DocumentRef
	for rows.Next() {
		var r app.DocumentRef
		var at string
		if err := rows.Scan(&at, &r.Summary, &r.SHA256, &r.Kind); err != nil {
			return nil, storageErr(err, "cannot list the documents")
		}
		r.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Template returns the owner's newest version of a template.
func (s *Store) Template(key app.TemplateKey) (string, int, bool, error) {
	var text string
	var v int
	err := s.r.QueryRow(`SELECT text, version FROM templates WHERE kind = ? AND tone = ? AND lang = ? ORDER BY version DESC LIMIT 1`,
		string(key.Kind), string(key.Tone), key.Lang).Scan(&text, &v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, false, nil
	}
	if err != nil {
		return "", 0, false, storageErr(err, "cannot read the template")
	}
	return text, v, true, nil
}

// SaveTemplate stores a new version of a template.
func (s *Store) SaveTemplate(key app.TemplateKey, text string, ev app.Event) (int, error) {
	var v int
	err := s.tx(bg, func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT coalesce(max(version), 0) + 1 FROM templates WHERE kind = ? AND tone = ? AND lang = ?`,
			string(key.Kind), string(key.Tone), key.Lang).Scan(&v); err != nil {
			return storageErr(err, "cannot save the template")
		}
		if _, err := tx.Exec(`INSERT INTO templates (kind, tone, lang, version, text, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			string(key.Kind), string(key.Tone), key.Lang, v, text, nowText()); err != nil {
			return storageErr(err, "cannot save the template")
		}
		_, err := appendEvent(tx, ev)
		return err
	})
	return v, err
}

// PaymentCustomer tells whose payment a payment number is.
func (s *Store) PaymentCustomer(paymentID int64) (int64, error) {
	var id int64
	err := s.r.QueryRow(`SELECT customer_id FROM payments WHERE id = ?`, paymentID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, app.Errorf(app.CodeNotFound, "there is no payment number %d", paymentID)
	}
	if err != nil {
		return 0, storageErr(err, "cannot read the payment")
	}
	return id, nil
}
