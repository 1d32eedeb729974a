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
		// A thank-you note moves no invoice on the ladder and leaves a rush as it is.
		if d.Decision != app.Snoozed && a.Thanks == nil {
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
