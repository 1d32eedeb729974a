package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"

	"duebook/app"
	"duebook/app/insight"
)

// chunkCustomers is how many customers one round of reads covers: small enough that a round's
// text stays a few megabytes, large enough that the queries' own cost does not count.
var chunkCustomers = 2048

// Each read walks an index that holds every column it takes (migration 21) and returns one
// text per round of customers instead of a row per invoice, contact or payment: handing a row to Go costs the driver far more than SQLite's building of the text
// (at 1M invoices the rows took three times as long). Numbers and days end with ','; free
// text is written as its length in bytes, ':' and the bytes, so no character in a name or an
// invoice number can break the framing.
const (
	packedCustomers = `SELECT count(*), coalesce(max(id), 0), coalesce(group_concat(
  id || ',' || coalesce(policy_id, 1) || ',' || octet_length(kind) || ':' || kind || octet_length(name) || ':' || name, ''), '')
FROM (SELECT id, policy_id, kind, name FROM customers WHERE id >= ? AND id < ? ORDER BY id LIMIT ?)`
	packedInvoices = `SELECT coalesce(group_concat(
  customer_id || ',' || id || ',' || amount || ',' || issue_date || ',' || due_date || ',' || handed_off || ',' ||
  CASE WHEN paid >= amount THEN last_paid_on ELSE '' END || ',' ||
  octet_length(currency) || ':' || currency || octet_length(number) || ':' || number, ''), '')
FROM invoices WHERE customer_id >= ? AND customer_id <= ? AND (paid < amount OR last_paid_on >= ?)`
	packedContacts = `SELECT coalesce(group_concat(
  customer_id || ',' || id || ',' || stage || ',' || on_date || ',' ||
  octet_length(channel) || ':' || channel || octet_length(tone) || ':' || tone ||
  octet_length(stage_name) || ':' || stage_name || octet_length(invoices) || ':' || invoices, ''), '')
FROM actions WHERE customer_id >= ? AND customer_id <= ? AND decision = 'approved' AND stage > 0`
	// Credit notes settle invoices but bring no money in: they are nobody's recovery. Without
	// statistics SQLite would take the allocations' primary key (unique) over the index that
	// also holds the amount, and look up every allocation's row.
	packedPayments = `SELECT coalesce(group_concat(p.customer_id || ',' || a.invoice_id || ',' || a.amount || ',' || p.received_on || ',', ''), '')
FROM payments p JOIN allocations a INDEXED BY allocations_history ON a.payment_id = p.id
WHERE p.customer_id >= ? AND p.customer_id <= ? AND p.received_on >= ? AND p.method <> 'credit note'`
)

// packed reads one packed text field by field; the first malformed field marks it bad.
type packed struct {
	s   string
	bad bool
}

func (p *packed) more() bool { return !p.bad && p.s != "" }

// field returns the text up to the next ','.
func (p *packed) field() string {
	i := strings.IndexByte(p.s, ',')
	if i < 0 {
		p.bad = true
		return ""
	}
	f := p.s[:i]
	p.s = p.s[i+1:]
	return f
}

func (p *packed) int() int64 {
	f := p.field()
	neg := strings.HasPrefix(f, "-")
	if neg {
		f = f[1:]
	}
	if f == "" || len(f) > 18 {
		p.bad = true
		return 0
	}
	var v int64
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c < '0' || c > '9' {
			p.bad = true
			return 0
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v
}

func (p *packed) day() insight.Day {
	d, ok := insight.ParseDay(p.field())
	if !ok {
		p.bad = true
	}
	return d
}

// text returns a length-prefixed text.
func (p *packed) text() string {
	i := strings.IndexByte(p.s, ':')
	n := 0
	for k := 0; k < i; k++ {
		c := p.s[k]
		if c < '0' || c > '9' {
			i = -1
			break
		}
		n = n*10 + int(c-'0')
	}
	if i <= 0 || len(p.s) < i+1+n {
		p.bad = true
		return ""
	}
	t := p.s[i+1 : i+1+n]
	p.s = p.s[i+1+n:]
	return t
}

type custRec struct {
	id, policy int64
	kind, name string
}

type invRec struct {
	cust int64
	v    insight.Invoice
}

type conRec struct {
	cust     int64
	stage    int
	v        insight.Contact // without its invoices
	invoices string          // the JSON list of invoice numbers
}

type payRec struct {
	cust, invoice, amount int64
	on                    insight.Day
}

// round is one round of customers with their rows, each list in customer order.
type round struct {
	custs []custRec
	invs  []invRec
	cons  []conRec
	pays  []payRec
}

// historyStmts are a part's prepared reads.
type historyStmts struct {
	custs, invs, cons, pays *sql.Stmt
}

func prepareHistory(ctx context.Context, tx *sql.Tx, need insight.Need) (*historyStmts, error) {
	st := &historyStmts{}
	var err error
	prep := func(dst **sql.Stmt, q string) {
		if err == nil {
			*dst, err = tx.PrepareContext(ctx, q)
		}
	}
	prep(&st.custs, packedCustomers)
	prep(&st.invs, packedInvoices)
	if need.Contacts {
		prep(&st.cons, packedContacts)
	}
	if need.Payments {
		prep(&st.pays, packedPayments)
	}
	return st, err
}

func (st *historyStmts) close() {
	for _, s := range []*sql.Stmt{st.custs, st.invs, st.cons, st.pays} {
		if s != nil {
			s.Close()
		}
	}
}

// read fills r with the next round: the customers from id lo (below hi) and their rows. It
// returns the id after the round's last customer; r.custs is empty when none are left.
func (st *historyStmts) read(ctx context.Context, need insight.Need, r *round, strs map[string]string, lo, hi int64) (int64, error) {
	r.custs, r.invs, r.cons, r.pays = r.custs[:0], r.invs[:0], r.cons[:0], r.pays[:0]
	var n, last int64
	var text string
	if err := st.custs.QueryRowContext(ctx, lo, hi, chunkCustomers).Scan(&n, &last, &text); err != nil || n == 0 {
		return hi, err
	}
	p := packed{s: text}
	for p.more() {
		// Names outlive the round (the risk report keeps them): copied off the round's text.
		c := custRec{id: p.int(), policy: p.int(), kind: intern(strs, p.text())}
		c.name = strings.Clone(p.text())
		r.custs = append(r.custs, c)
	}
	if p.bad || int64(len(r.custs)) != n {
		return hi, app.Errorf(app.CodeDamaged, "the customers from number %d are damaged", lo)
	}
	slices.SortStableFunc(r.custs, func(a, b custRec) int { return cmp64(a.id, b.id) })
	return last + 1, st.readRows(ctx, need, r, strs, r.custs[0].id, last)
}

// readRows reads the invoices, contacts and payments of the customers first to last.
func (st *historyStmts) readRows(ctx context.Context, need insight.Need, r *round, strs map[string]string, first, last int64) error {
	get := func(s *sql.Stmt, args ...any) (packed, error) {
		var text string
		err := s.QueryRowContext(ctx, args...).Scan(&text)
		return packed{s: text}, err
	}
	p, err := get(st.invs, first, last, need.InvoicesFrom.String())
	if err != nil {
		return err
	}
	for p.more() {
		v := invRec{cust: p.int()}
		v.v.ID, v.v.Amount = p.int(), p.int()
		v.v.Issue, v.v.Due, v.v.HandedOff, v.v.Settled = p.day(), p.day(), p.day(), p.day()
		v.v.Currency, v.v.Number = intern(strs, p.text()), p.text()
		r.invs = append(r.invs, v)
	}
	if p.bad {
		return app.Errorf(app.CodeDamaged, "the invoices of customers %d to %d are damaged", first, last)
	}
	// The order of each customer's invoices is the one the reports have always seen: by due
	// day, then as entered.
	slices.SortStableFunc(r.invs, func(a, b invRec) int {
		if a.cust != b.cust {
			return cmp64(a.cust, b.cust)
		}
		if a.v.Due != b.v.Due {
			return cmp64(int64(a.v.Due), int64(b.v.Due))
		}
		return cmp64(a.v.ID, b.v.ID)
	})
	if st.cons != nil {
		if p, err = get(st.cons, first, last); err != nil {
			return err
		}
		for p.more() {
			c := conRec{cust: p.int()}
			c.v.ID, c.stage, c.v.On = p.int(), int(p.int()), p.day()
			c.v.Channel, c.v.Tone, c.v.Stage = intern(strs, p.text()), intern(strs, p.text()), intern(strs, p.text())
			c.invoices = p.text()
			r.cons = append(r.cons, c)
		}
		if p.bad {
			return app.Errorf(app.CodeDamaged, "the decisions on Today for customers %d to %d are damaged", first, last)
		}
		slices.SortStableFunc(r.cons, func(a, b conRec) int { return cmp64(a.cust, b.cust) })
	}
	if st.pays != nil {
		if p, err = get(st.pays, first, last, need.PaymentsFrom.String()); err != nil {
			return err
		}
		for p.more() {
			r.pays = append(r.pays, payRec{cust: p.int(), invoice: p.int(), amount: p.int(), on: p.day()})
		}
		if p.bad {
			return app.Errorf(app.CodeDamaged, "the payments of customers %d to %d are damaged", first, last)
		}
		slices.SortStableFunc(r.pays, func(a, b payRec) int { return cmp64(a.cust, b.cust) })
	}
	return nil
}

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// intern keeps one copy of each currency, stage name, channel, tone and kind: the report's rows
// keep them, and a copy lets the round's text go.
func intern(strs map[string]string, s string) string {
	if v, ok := strs[s]; ok {
		return v
	}
	v := strings.Clone(s)
	strs[v] = v
	return v
}

// filler builds each customer's history from a round.
type filler struct {
	templates     map[int64][]string // per ladder, each stage's template
	byID          map[int64]int
	byNum         map[string]int
	numBuf        []string
	inv, con, pay int // the next row of each list
}

// fill reads the customer's rows of each list into h.
func (f *filler) fill(h *insight.History, r *round, policy int64) {
	h.Invoices, h.Contacts, h.Payments = h.Invoices[:0], h.Contacts[:0], h.Payments[:0]
	for f.inv < len(r.invs) && r.invs[f.inv].cust < h.CustomerID {
		f.inv++
	}
	for ; f.inv < len(r.invs) && r.invs[f.inv].cust == h.CustomerID; f.inv++ {
		h.Invoices = append(h.Invoices, r.invs[f.inv].v)
	}
	// A customer with many invoices gets maps; a few are searched in place.
	big := len(h.Invoices) > 16
	if big {
		f.byID, f.byNum = make(map[int64]int, len(h.Invoices)), make(map[string]int, len(h.Invoices))
		for k, inv := range h.Invoices {
			f.byID[inv.ID], f.byNum[inv.Number] = k, k
		}
	}
	for f.con < len(r.cons) && r.cons[f.con].cust < h.CustomerID {
		f.con++
	}
	for ; f.con < len(r.cons) && r.cons[f.con].cust == h.CustomerID; f.con++ {
		f.addContact(h, &r.cons[f.con], policy, big)
	}
	slices.SortStableFunc(h.Contacts, func(x, y insight.Contact) int {
		if x.On != y.On {
			return cmp64(int64(x.On), int64(y.On))
		}
		return cmp64(x.ID, y.ID)
	})
	for f.pay < len(r.pays) && r.pays[f.pay].cust < h.CustomerID {
		f.pay++
	}
	for ; f.pay < len(r.pays) && r.pays[f.pay].cust == h.CustomerID; f.pay++ {
		p := r.pays[f.pay]
		if k := f.invoiceByID(h, p.invoice, big); k >= 0 {
			h.Payments = append(h.Payments, insight.Payment{Invoice: k, On: p.on, Amount: p.amount})
		}
	}
}

func (f *filler) invoiceByID(h *insight.History, id int64, big bool) int {
	if big {
		if k, ok := f.byID[id]; ok {
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

func (f *filler) addContact(h *insight.History, rec *conRec, policy int64, big bool) {
	c := rec.v
	if t := f.templates[policy]; rec.stage >= 1 && rec.stage <= len(t) {
		c.Template = t[rec.stage-1]
	}
	// Reuse the slice the previous customer's contact left at this place.
	c.Invoices = nil
	if n := len(h.Contacts); n < cap(h.Contacts) {
		c.Invoices = h.Contacts[:n+1][n].Invoices[:0]
	}
	f.numBuf = invoiceNumbers(rec.invoices, f.numBuf[:0])
	for _, num := range f.numBuf {
		if big {
			if k, ok := f.byNum[num]; ok {
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
}

// invoiceNumbers appends the JSON list of invoice numbers an action names to out; the plain
// form ["A","B"] (no escapes, no comma inside a number) is split without a JSON decoder.
func invoiceNumbers(s string, out []string) []string {
	if strings.ContainsRune(s, '\\') || len(s) < 2 || strings.Count(s, ",") != strings.Count(s, `","`) {
		var list []string
		json.Unmarshal([]byte(s), &list)
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

func day(b []byte) (insight.Day, error) {
	d, ok := insight.ParseDay(b)
	if !ok {
		return 0, app.Errorf(app.CodeDamaged, "a stored day %q is not a date", b)
	}
	return d, nil
}
