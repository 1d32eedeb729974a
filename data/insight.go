package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"

	"duebook/app"
	"duebook/app/insight"
)

// Histories streams every customer's history for the insight reports, in customer order, from
// one read transaction (one consistent state of the book). Each table is read once, in
// customer order, and the streams are merged, so a million invoices cost one pass.
func (s *Store) Histories(ctx context.Context, need insight.Need, fn func(*insight.History) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return storageErr(err, "cannot read the history")
	}
	defer tx.Rollback()
	if err := s.histories(ctx, tx, need, fn); err != nil {
		if app.CodeOf(err) != app.CodeInternal {
			return err
		}
		return storageErr(err, "cannot read the history")
	}
	return nil
}

// stream is one table's rows in customer order with the next row's customer looked ahead.
type stream struct {
	rows *sql.Rows
	cust int64 // customer of the row waiting; -1 when done
	err  error
}

func (st *stream) advance(dest ...any) {
	if !st.rows.Next() {
		st.cust, st.err = -1, st.rows.Err()
		return
	}
	st.err = st.rows.Scan(append([]any{&st.cust}, dest...)...)
	if st.err != nil {
		st.cust = -1
	}
}

func openStream(ctx context.Context, tx *sql.Tx, q string) (*stream, error) {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &stream{rows: rows}, nil
}

type custInfo struct {
	name   string
	kind   app.CustomerKind
	policy int64
}

func (s *Store) histories(ctx context.Context, tx *sql.Tx, need insight.Need, fn func(*insight.History) error) error {
	templates, err := stageTemplates(tx)
	if err != nil {
		return err
	}
	var extra map[int64]*insight.History
	if need.Promises {
		if extra, err = commitments(tx); err != nil {
			return err
		}
	}
	custs, err := tx.QueryContext(ctx, `SELECT id, name, kind, coalesce(policy_id, 1) FROM customers ORDER BY id`)
	if err != nil {
		return err
	}
	defer custs.Close()
	inv, err := openStream(ctx, tx, `SELECT customer_id, id, number, currency, amount, paid, issue_date, due_date, last_paid_on, handed_off
FROM invoices ORDER BY customer_id, due_date`)
	if err != nil {
		return err
	}
	defer inv.rows.Close()
	var con, pay *stream
	if need.Contacts {
		if con, err = openStream(ctx, tx, `SELECT customer_id, id, on_date, stage, stage_name, channel, tone, invoices
FROM actions WHERE decision = 'approved' ORDER BY customer_id`); err != nil {
			return err
		}
		defer con.rows.Close()
	}
	if need.Payments {
		// Credit notes settle invoices but bring no money in: they are nobody's recovery.
		if pay, err = openStream(ctx, tx, `SELECT p.customer_id, a.invoice_id, p.received_on, a.amount
FROM payments p JOIN allocations a ON a.payment_id = p.id WHERE p.method <> 'credit note' ORDER BY p.customer_id`); err != nil {
			return err
		}
		defer pay.rows.Close()
	}
	r := &historyReader{inv: inv, con: con, pay: pay, templates: templates, currencies: map[string]string{}}
	r.first()
	h := &insight.History{}
	for n := 0; custs.Next(); n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return app.Wrap(app.CodeCancelled, err, "the report was cancelled")
			}
		}
		var c custInfo
		var kind string
		if err := custs.Scan(&h.CustomerID, &c.name, &kind, &c.policy); err != nil {
			return err
		}
		h.Name, h.Kind = c.name, app.CustomerKind(kind)
		if err := r.fill(h, c.policy); err != nil {
			return err
		}
		h.Promises, h.Plans, h.Disputes = nil, nil, nil
		if e := extra[h.CustomerID]; e != nil {
			h.Promises, h.Plans, h.Disputes = e.Promises, e.Plans, e.Disputes
		}
		if err := fn(h); err != nil {
			return err
		}
	}
	return custs.Err()
}

// historyReader merges the invoice, contact and payment streams customer by customer.
type historyReader struct {
	inv, con, pay *stream
	templates     map[int64][]string // per ladder, each stage's template
	currencies    map[string]string  // interned currency codes
	// the row waiting in each stream
	i struct {
		id, amount, paid                     int64
		number                               string
		cur, issue, due, lastPaid, handedOff sql.RawBytes
	}
	c struct {
		id                  int64
		stage               int
		on                  sql.RawBytes
		name, channel, tone string
		invoices            sql.RawBytes
	}
	p struct {
		invoice, amount int64
		on              sql.RawBytes
	}
	byID map[int64]int
}

func (r *historyReader) nextInv() {
	r.inv.advance(&r.i.id, &r.i.number, &r.i.cur, &r.i.amount, &r.i.paid, &r.i.issue, &r.i.due, &r.i.lastPaid, &r.i.handedOff)
}

func (r *historyReader) nextCon() {
	r.con.advance(&r.c.id, &r.c.on, &r.c.stage, &r.c.name, &r.c.channel, &r.c.tone, &r.c.invoices)
}

func (r *historyReader) nextPay() { r.pay.advance(&r.p.invoice, &r.p.on, &r.p.amount) }

func (r *historyReader) first() {
	r.nextInv()
	if r.con != nil {
		r.nextCon()
	}
	if r.pay != nil {
		r.nextPay()
	}
}

func day(b []byte) (insight.Day, error) {
	d, ok := insight.ParseDay(b)
	if !ok {
		return 0, app.Errorf(app.CodeDamaged, "a stored day %q is not a date", b)
	}
	return d, nil
}

// fill reads the customer's rows of each stream into h.
func (r *historyReader) fill(h *insight.History, policy int64) error {
	h.Invoices, h.Contacts, h.Payments = h.Invoices[:0], h.Contacts[:0], h.Payments[:0]
	for r.inv.cust == h.CustomerID {
		if err := r.addInvoice(h); err != nil {
			return err
		}
		r.nextInv()
	}
	if err := r.skipTo(r.inv, h.CustomerID, r.nextInv); err != nil {
		return err
	}
	clear(r.byID)
	if r.byID == nil {
		r.byID = map[int64]int{}
	}
	for k, inv := range h.Invoices {
		r.byID[inv.ID] = k
	}
	if r.con != nil {
		if err := r.skipTo(r.con, h.CustomerID, r.nextCon); err != nil {
			return err
		}
		for r.con.cust == h.CustomerID {
			if err := r.addContact(h, policy); err != nil {
				return err
			}
			r.nextCon()
		}
		sort.SliceStable(h.Contacts, func(a, b int) bool {
			x, y := h.Contacts[a], h.Contacts[b]
			return x.On < y.On || (x.On == y.On && x.ID < y.ID)
		})
	}
	if r.pay != nil {
		if err := r.skipTo(r.pay, h.CustomerID, r.nextPay); err != nil {
			return err
		}
		for r.pay.cust == h.CustomerID {
			k, ok := r.byID[r.p.invoice]
			d, err := day(r.p.on)
			if err != nil {
				return err
			}
			if ok {
				h.Payments = append(h.Payments, insight.Payment{Invoice: k, On: d, Amount: r.p.amount})
			}
			r.nextPay()
		}
	}
	return nil
}

// skipTo passes rows of customers that no longer exist in the customer list (none should) and
// reports a stream's error.
func (r *historyReader) skipTo(st *stream, cust int64, next func()) error {
	for st.cust != -1 && st.cust < cust {
		next()
	}
	return st.err
}

func (r *historyReader) addInvoice(h *insight.History) error {
	cur, ok := r.currencies[string(r.i.cur)]
	if !ok {
		cur = string(r.i.cur)
		r.currencies[cur] = cur
	}
	v := insight.Invoice{ID: r.i.id, Number: r.i.number, Currency: cur, Amount: r.i.amount, Settled: insight.Never}
	var err error
	if v.Issue, err = day(r.i.issue); err != nil {
		return err
	}
	if v.Due, err = day(r.i.due); err != nil {
		return err
	}
	if v.HandedOff, err = day(r.i.handedOff); err != nil {
		return err
	}
	if r.i.paid >= r.i.amount {
		if v.Settled, err = day(r.i.lastPaid); err != nil {
			return err
		}
	}
	h.Invoices = append(h.Invoices, v)
	return nil
}

func (r *historyReader) addContact(h *insight.History, policy int64) error {
	on, err := day(r.c.on)
	if err != nil {
		return err
	}
	c := insight.Contact{ID: r.c.id, On: on, Stage: r.c.name, Tone: r.c.tone, Channel: r.c.channel}
	if t := r.templates[policy]; r.c.stage >= 1 && r.c.stage <= len(t) {
		c.Template = t[r.c.stage-1]
	}
	// Reuse the slice the previous customer's contact left at this place.
	if n := len(h.Contacts); n < cap(h.Contacts) {
		c.Invoices = h.Contacts[:n+1][n].Invoices[:0]
	}
	for _, num := range invoiceNumbers(r.c.invoices) {
		for k := range h.Invoices {
			if h.Invoices[k].Number == num {
				c.Invoices = append(c.Invoices, k)
				break
			}
		}
	}
	h.Contacts = append(h.Contacts, c)
	return nil
}

// invoiceNumbers reads the JSON list of invoice numbers an action names; the plain form
// ["A","B"] is split without a JSON decoder.
func invoiceNumbers(b []byte) []string {
	s := string(b)
	if strings.ContainsRune(s, '\\') || len(s) < 2 {
		var out []string
		json.Unmarshal(b, &out)
		return out
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.Trim(p, `"`)
	}
	return parts
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
