package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"

	"duebook/app"
	"duebook/app/insight"
)

// Parts is how many ranges of customers Histories reads in parallel: one per connection of
// the read pool.
func (s *Store) Parts() int { return max(1, s.readers) }

// Histories streams every customer's history for the insight reports. The customers are split
// into Parts() ranges of ids, each read on its own connection in one read transaction: each
// table once, in customer order, merged customer by customer, so a million invoices cost one
// pass spread over the cores.
func (s *Store) Histories(ctx context.Context, need insight.Need, fn func(int, *insight.History) error) error {
	err := func() error {
		templates, extra, bounds, err := s.historyCommon(ctx, need)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		errs := make(chan error, len(bounds)-1)
		for part := 0; part+1 < len(bounds); part++ {
			go func() {
				err := s.historyPart(ctx, need, templates, extra, bounds[part], bounds[part+1], func(h *insight.History) error { return fn(part, h) })
				if err != nil {
					cancel() // the other parts stop too
				}
				errs <- err
			}()
		}
		var first error
		for range len(bounds) - 1 {
			if err := <-errs; err != nil && (first == nil || app.CodeOf(first) == app.CodeCancelled) {
				first = err
			}
		}
		return first
	}()
	switch {
	case err != nil && ctx.Err() != nil:
		return app.Wrap(app.CodeCancelled, ctx.Err(), "the report was cancelled")
	case err != nil && app.CodeOf(err) == app.CodeInternal:
		return storageErr(err, "cannot read the history")
	}
	return err
}

// partMin is the fewest customers worth splitting into parts.
var partMin int64 = 1000

// historyCommon reads what every part shares: the ladders' templates, the promises, plans and
// disputes (small tables), and the customer ids where the parts begin (the last bound is past
// the last customer).
func (s *Store) historyCommon(ctx context.Context, need insight.Need) (map[int64][]string, map[int64]*insight.History, []int64, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, nil, err
	}
	defer tx.Rollback()
	templates, err := stageTemplates(tx)
	if err != nil {
		return nil, nil, nil, err
	}
	var extra map[int64]*insight.History
	if need.Promises {
		if extra, err = commitments(tx); err != nil {
			return nil, nil, nil, err
		}
	}
	var n, last int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), 0) FROM customers`).Scan(&n, &last); err != nil {
		return nil, nil, nil, err
	}
	bounds := []int64{math.MinInt64}
	for p := int64(1); p < int64(s.Parts()); p++ {
		id := last + 1 // a small book: the later parts are empty
		if n > partMin {
			if err := tx.QueryRowContext(ctx, `SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET ?`, n*p/int64(s.Parts())).Scan(&id); err != nil {
				return nil, nil, nil, err
			}
		}
		bounds = append(bounds, id)
	}
	return templates, extra, append(bounds, math.MaxInt64), nil
}

// historyPart reads the customers with ids from lo to below hi, a round of customers at a
// time.
func (s *Store) historyPart(ctx context.Context, need insight.Need, templates map[int64][]string, extra map[int64]*insight.History, lo, hi int64, fn func(*insight.History) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := prepareHistory(ctx, tx, need)
	if err != nil {
		return err
	}
	defer st.close()
	strs := map[string]string{}
	f := &filler{templates: templates}
	h := &insight.History{}
	r := &round{}
	for lo < hi {
		if err := ctx.Err(); err != nil {
			return app.Wrap(app.CodeCancelled, err, "the report was cancelled")
		}
		if lo, err = st.read(ctx, need, r, strs, lo, hi); err != nil {
			return err
		}
		f.inv, f.con, f.pay = 0, 0, 0
		for _, c := range r.custs {
			h.CustomerID, h.Name, h.Kind = c.id, c.name, app.CustomerKind(c.kind)
			f.fill(h, r, c.policy)
			h.Promises, h.Plans, h.Disputes = nil, nil, nil
			if e := extra[h.CustomerID]; e != nil {
				h.Promises, h.Plans, h.Disputes = e.Promises, e.Plans, e.Disputes
			}
			if err := fn(h); err != nil {
				return err
			}
		}
	}
	return nil
}

// stageTemplates reads each ladder's stage templates by stage number.
func stageTemplates(tx *sql.Tx) (map[int64][]string, error) {
	rows, err := tx.Query(`SELECT id, stages FROM policies`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var raw string
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		var stages []app.Stage
		if err := json.Unmarshal([]byte(raw), &stages); err != nil {
			return nil, app.Wrap(app.CodeStorage, err, "a stored ladder is damaged")
		}
		for _, st := range stages {
			out[id] = append(out[id], st.Template)
		}
	}
	return out, rows.Err()
}

// commitments reads every customer's promises, plans and disputes (small tables) at once.
func commitments(tx *sql.Tx) (map[int64]*insight.History, error) {
	out := map[int64]*insight.History{}
	get := func(id int64) *insight.History {
		if out[id] == nil {
			out[id] = &insight.History{}
		}
		return out[id]
	}
	scan := func(q string, each func(cust int64, a, b, c, state string) error) error {
		rows, err := tx.Query(q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var cust int64
			var a, b, c, state string
			if err := rows.Scan(&cust, &a, &b, &c, &state); err != nil {
				return err
			}
			if err := each(cust, a, b, c, state); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	days := func(ss ...string) ([]insight.Day, error) {
		out := make([]insight.Day, len(ss))
		for i, s := range ss {
			d, err := day([]byte(s))
			if err != nil {
				return nil, err
			}
			out[i] = d
		}
		return out, nil
	}
	err := scan(`SELECT customer_id, made_on, due_on, settled_on, state FROM promises ORDER BY id`, func(cust int64, made, due, settled, state string) error {
		d, err := days(made, due, settled)
		if err == nil {
			h := get(cust)
			h.Promises = append(h.Promises, insight.Promise{MadeOn: d[0], Due: d[1], Settled: d[2], State: state})
		}
		return err
	})
	if err == nil {
		err = scan(`SELECT customer_id, created_on, settled_on, '', state FROM plans ORDER BY id`, func(cust int64, created, settled, _, state string) error {
			d, err := days(created, settled)
			if err == nil {
				h := get(cust)
				h.Plans = append(h.Plans, insight.Plan{CreatedOn: d[0], Settled: d[1], State: state})
			}
			return err
		})
	}
	if err == nil {
		err = scan(`SELECT i.customer_id, i.number, d.opened_on, d.resolved_on, '' FROM disputes d JOIN invoices i ON i.id = d.invoice_id ORDER BY d.id`, func(cust int64, num, opened, resolved, _ string) error {
			d, err := days(opened, resolved)
			if err == nil {
				h := get(cust)
				h.Disputes = append(h.Disputes, insight.Dispute{Invoice: num, Opened: d[0], Resolved: d[1]})
			}
			return err
		})
	}
	return out, err
}
