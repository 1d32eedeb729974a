package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"sort"
	"strings"

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

// stream is one table's rows in customer order with the next row's customer looked ahead.
type stream struct {
	rows *sql.Rows
	cust int64 // customer of the row waiting; -1 when done
	err  error
	dest []any
}

func (st *stream) advance() {
	if !st.rows.Next() {
		st.cust, st.err = -1, st.rows.Err()
		return
	}
	st.err = st.rows.Scan(st.dest...)
	if st.err != nil {
		st.cust = -1
	}
}

func openStream(ctx context.Context, tx *sql.Tx, q string, args []any, dest ...any) (*stream, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	st := &stream{rows: rows}
	st.dest = append([]any{&st.cust}, dest...)
	return st, nil
}

// The columns are packed into few: each column read costs more than the SQL that joins them.
const (
	historyInvoices = `SELECT customer_id, id, amount, number,
  issue_date || due_date || currency || handed_off || '|' || CASE WHEN paid >= amount THEN last_paid_on ELSE '' END
FROM invoices WHERE customer_id >= ? AND customer_id < ? AND (paid < amount OR last_paid_on >= ?) ORDER BY customer_id`
	historyContacts = `SELECT customer_id, id, stage, on_date || channel || '|' || tone || '|' || stage_name, invoices
FROM actions WHERE customer_id >= ? AND customer_id < ? AND decision = 'approved' AND stage > 0 ORDER BY customer_id`
	// Credit notes settle invoices but bring no money in: they are nobody's recovery.
	historyPayments = `SELECT p.customer_id, a.invoice_id, a.amount, p.received_on
FROM payments p JOIN allocations a ON a.payment_id = p.id
WHERE p.customer_id >= ? AND p.customer_id < ? AND p.received_on >= ? AND p.method <> 'credit note' ORDER BY p.customer_id`
)

// historyPart reads the customers with ids from lo to below hi.
func (s *Store) historyPart(ctx context.Context, need insight.Need, templates map[int64][]string, extra map[int64]*insight.History, lo, hi int64, fn func(*insight.History) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	custs, err := tx.QueryContext(ctx, `SELECT id, name, kind, coalesce(policy_id, 1) FROM customers WHERE id >= ? AND id < ? ORDER BY id`, lo, hi)
	if err != nil {
		return err
	}
	defer custs.Close()
	r := &historyReader{templates: templates, strs: map[string]string{}}
	if r.inv, err = openStream(ctx, tx, historyInvoices, []any{lo, hi, need.InvoicesFrom.String()}, &r.i.id, &r.i.amount, &r.i.number, &r.i.packed); err != nil {
		return err
	}
	defer r.inv.rows.Close()
	if need.Contacts {
		if r.con, err = openStream(ctx, tx, historyContacts, []any{lo, hi}, &r.c.id, &r.c.stage, &r.c.packed, &r.c.invoices); err != nil {
			return err
		}
		defer r.con.rows.Close()
	}
	if need.Payments {
		if r.pay, err = openStream(ctx, tx, historyPayments, []any{lo, hi, need.PaymentsFrom.String()}, &r.p.invoice, &r.p.amount, &r.p.on); err != nil {
			return err
		}
		defer r.pay.rows.Close()
	}
	r.first()
	h := &insight.History{}
	for n := 0; custs.Next(); n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return app.Wrap(app.CodeCancelled, err, "the report was cancelled")
			}
		}
		var kind string
		var policy int64
		if err := custs.Scan(&h.CustomerID, &h.Name, &kind, &policy); err != nil {
			return err
		}
		h.Kind = app.CustomerKind(kind)
		if err := r.fill(h, policy); err != nil {
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
	strs          map[string]string  // interned currencies, stage names, channels and tones
	// the row waiting in each stream
	i struct {
		id, amount int64
		number     string
		packed     sql.RawBytes // issue, due, currency, handed off | settled
	}
	c struct {
		id       int64
		stage    int
		packed   sql.RawBytes // day, channel | tone | stage name
		invoices sql.RawBytes
	}
	p struct {
		invoice, amount int64
		on              sql.RawBytes
	}
	byID   map[int64]int
	byNum  map[string]int
	numBuf []string
}

func (r *historyReader) intern(b []byte) string {
	if v, ok := r.strs[string(b)]; ok {
		return v
	}
	v := string(b)
	r.strs[v] = v
	return v
}

func (r *historyReader) first() {
	for _, st := range []*stream{r.inv, r.con, r.pay} {
		if st != nil {
			st.advance()
		}
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
	if err := r.skipTo(r.inv, h.CustomerID); err != nil {
		return err
	}
	for r.inv.cust == h.CustomerID {
		if err := r.addInvoice(h); err != nil {
			return err
		}
		r.inv.advance()
	}
	// A customer with many invoices gets maps; a few are searched in place.
	big := len(h.Invoices) > 16
	if big {
		r.byID, r.byNum = make(map[int64]int, len(h.Invoices)), make(map[string]int, len(h.Invoices))
		for k, inv := range h.Invoices {
			r.byID[inv.ID], r.byNum[inv.Number] = k, k
		}
	}
	if r.con != nil {
		if err := r.skipTo(r.con, h.CustomerID); err != nil {
			return err
		}
		for r.con.cust == h.CustomerID {
			if err := r.addContact(h, policy, big); err != nil {
				return err
			}
			r.con.advance()
		}
		sort.SliceStable(h.Contacts, func(a, b int) bool {
			x, y := h.Contacts[a], h.Contacts[b]
			return x.On < y.On || (x.On == y.On && x.ID < y.ID)
		})
	}
	if r.pay != nil {
		if err := r.skipTo(r.pay, h.CustomerID); err != nil {
			return err
		}
		for r.pay.cust == h.CustomerID {
			d, err := day(r.p.on)
			if err != nil {
				return err
			}
			if k := r.invoiceByID(h, r.p.invoice, big); k >= 0 {
				h.Payments = append(h.Payments, insight.Payment{Invoice: k, On: d, Amount: r.p.amount})
			}
			r.pay.advance()
		}
	}
	return nil
}

func (r *historyReader) invoiceByID(h *insight.History, id int64, big bool) int {
	if big {
		if k, ok := r.byID[id]; ok {
			return k
		}
		return -1
	}
	for k := range h.Invoices {
		if h.Invoices[k].ID == id {
			return k
		}
	}
	return -1
}

// skipTo passes rows of customers outside the customer list (none should be) and reports a
// stream's error.
func (r *historyReader) skipTo(st *stream, cust int64) error {
	for st.cust != -1 && st.cust < cust {
		st.advance()
	}
	return st.err
}

func (r *historyReader) addInvoice(h *insight.History) error {
	b := r.i.packed
	bar := bytes.IndexByte(b, '|')
	if len(b) < 23 || bar < 23 {
		return app.Errorf(app.CodeDamaged, "invoice %s has damaged dates", r.i.number)
	}
	v := insight.Invoice{ID: r.i.id, Number: r.i.number, Currency: r.intern(b[20:23]), Amount: r.i.amount}
	var err error
	for _, f := range []struct {
		dst *insight.Day
		src []byte
	}{{&v.Issue, b[0:10]}, {&v.Due, b[10:20]}, {&v.HandedOff, b[23:bar]}, {&v.Settled, b[bar+1:]}} {
		if *f.dst, err = day(f.src); err != nil {
			return err
		}
	}
	h.Invoices = append(h.Invoices, v)
	return nil
}

func (r *historyReader) addContact(h *insight.History, policy int64, big bool) error {
	b := r.c.packed
	bar1 := bytes.IndexByte(b, '|')
	bar2 := bar1 + 1 + bytes.IndexByte(b[bar1+1:], '|')
	if len(b) < 10 || bar1 < 10 || bar2 <= bar1 {
		return app.Errorf(app.CodeDamaged, "a decision on Today is damaged (number %d)", r.c.id)
	}
	on, err := day(b[:10])
	if err != nil {
		return err
	}
	c := insight.Contact{ID: r.c.id, On: on, Channel: r.intern(b[10:bar1]), Tone: r.intern(b[bar1+1 : bar2]), Stage: r.intern(b[bar2+1:])}
	if t := r.templates[policy]; r.c.stage >= 1 && r.c.stage <= len(t) {
		c.Template = t[r.c.stage-1]
	}
	// Reuse the slice the previous customer's contact left at this place.
	if n := len(h.Contacts); n < cap(h.Contacts) {
		c.Invoices = h.Contacts[:n+1][n].Invoices[:0]
	}
	r.numBuf = invoiceNumbers(r.c.invoices, r.numBuf[:0])
	for _, num := range r.numBuf {
		if big {
			if k, ok := r.byNum[num]; ok {
				c.Invoices = append(c.Invoices, k)
			}
			continue
		}
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

// invoiceNumbers appends the JSON list of invoice numbers an action names to out; the plain
// form ["A","B"] (no escapes, no comma inside a number) is split without a JSON decoder.
func invoiceNumbers(b []byte, out []string) []string {
	s := string(b)
	if strings.ContainsRune(s, '\\') || len(s) < 2 || strings.Count(s, ",") != strings.Count(s, `","`) {
		var list []string
		json.Unmarshal(b, &list)
		return append(out, list...)
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	for s != "" {
		var part string
		part, s, _ = strings.Cut(s, ",")
		out = append(out, strings.Trim(part, `"`))
	}
	return out
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
