package insight

import (
	"slices"
	"sort"

	"duebook/app"
)

// Windows are the days after a contact within which a payment counts as a quick answer to it.
var Windows = [3]int{7, 14, 30}

// Control ages: days past due for which uncontacted invoices are counted (a courtesy note comes
// before the due date, a hand-off at two months or so; older debts make no fair comparison).
const (
	minAge = -30
	maxAge = 365
)

// Filter narrows the effectiveness report: contacts made from From to To (zero: open-ended) to
// customers of one Kind ("" for all).
type Filter struct {
	From, To app.Date
	Kind     app.CustomerKind
}

// Window is one "paid within N days" figure of a row.
type Window struct {
	Days     int
	Observed int     // contacts whose N days have passed by the report's day
	Paid     int     // of those, contacts whose invoices were all paid in full within N days
	Share    float64 // Paid / Observed, 0 when nothing was observed
	// Control is the share of invoices not yet contacted at the same age (days past due) that
	// were paid in full within N days, averaged over the row's contacts; Matched counts the
	// contacts for which such invoices existed. No control when Matched is 0.
	Control float64
	Matched int
}

// Row is one stage, template, tone or channel.
type Row struct {
	Key        string
	Actions    int // contacts taken
	Windows    [3]Window
	PaidAll    int     // contacts whose invoices are all paid by now
	MedianDays float64 // median days from the contact to full payment over PaidAll; 0 when none
	Recovered  []app.Money
}

// Dimension is one way of grouping the contacts.
type Dimension struct {
	Name string // "stage", "template", "tone", "channel"
	Rows []Row
}

// Effectiveness is the report: each step's record, and what came in with no contact before it.
type Effectiveness struct {
	AsOf       app.Date
	Filter     Filter
	Total      Row
	Dimensions []Dimension
	// Unprompted is what was paid with no contact on the invoice on or before the payment's day
	// (payments made within the period and for the kind of the filter).
	Unprompted []app.Money
}

type acc struct {
	row     Row
	days    []int32
	ages    [3][maxAge - minAge + 1]int32 // observed contacts by age, per window
	recover map[string]int64
}

// EffectAcc accumulates the report customer by customer.
type EffectAcc struct {
	asOf       Day
	from, to   Day
	f          Filter
	total      *acc
	dims       [4]map[string]*acc
	unprompted map[string]int64
	// Uncontacted invoices by age: eligible (open, not yet contacted, window passed) and paid
	// within the window; as difference arrays over the ages.
	elig, paid [3][maxAge - minAge + 2]int64
	// scratch reused between customers
	byInv [][]int
	rec   []map[string]int64
	// drill, when set, collects the customers behind one row (dimension 0 is all contacts,
	// 1 to 4 stage, template, tone and channel).
	drill  *drillRow
	behind map[int64]*behindAcc
}

type drillRow struct {
	dim int
	key string
}

// Behind is a customer behind a row of the report: the row's contacts made to them, how many of
// those saw their invoices paid in full, and what the row recovered from them.
type Behind struct {
	CustomerID int64
	Name       string
	Kind       app.CustomerKind
	Actions    int
	PaidAll    int
	Recovered  []app.Money
}

type behindAcc struct {
	b   Behind
	rec map[string]int64
}

// Dimensions names the groupings in the order of the report (after "all").
var Dimensions = []string{"stage", "template", "tone", "channel"}

// Drill makes the accumulator collect the customers behind the row key of dimension ("all" for
// the total row).
func (e *EffectAcc) Drill(dimension, key string) error {
	for i, d := range append([]string{"all"}, Dimensions...) {
		if d == dimension {
			e.drill, e.behind = &drillRow{dim: i, key: key}, map[int64]*behindAcc{}
			return nil
		}
	}
	return app.Errorf(app.CodeInvalid, "%q is no grouping of the report; use all, stage, template, tone or channel", dimension)
}

// Behind lists the customers behind the drilled row, most contacted first.
func (e *EffectAcc) Behind() []Behind {
	out := []Behind{}
	for _, b := range e.behind {
		b.b.Recovered = moneyList(b.rec)
		out = append(out, b.b)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Actions != out[j].Actions {
			return out[i].Actions > out[j].Actions
		}
		return out[i].CustomerID < out[j].CustomerID
	})
	return out
}

// behindContact records a contact of the drilled row.
func (e *EffectAcc) behindContact(h *History, ci int, row *acc, paid bool) {
	if e.drill == nil || (e.drill.dim > 0 && row.row.Key != e.drill.key) {
		return
	}
	b := e.behind[h.CustomerID]
	if b == nil {
		b = &behindAcc{b: Behind{CustomerID: h.CustomerID, Name: h.Name, Kind: h.Kind}, rec: map[string]int64{}}
		e.behind[h.CustomerID] = b
	}
	b.b.Actions++
	if paid {
		b.b.PaidAll++
	}
	for cur, v := range e.rec[ci] {
		b.rec[cur] += v
	}
}

// NewEffectiveness starts a report as of a day.
func NewEffectiveness(asOf app.Date, f Filter) *EffectAcc {
	e := &EffectAcc{asOf: DayOf(asOf), from: -Never, to: Never, f: f, total: newAcc("all"), unprompted: map[string]int64{}}
	if !f.From.IsZero() {
		e.from = DayOf(f.From)
	}
	if !f.To.IsZero() {
		e.to = DayOf(f.To)
	}
	for i := range e.dims {
		e.dims[i] = map[string]*acc{}
	}
	return e
}

func newAcc(key string) *acc { return &acc{row: Row{Key: key}, recover: map[string]int64{}} }

// Add takes one customer's history (contacts and payments needed).
func (e *EffectAcc) Add(h *History) {
	if e.f.Kind != "" && h.Kind != e.f.Kind {
		return
	}
	e.index(h)
	e.attribute(h)
	for ci := range h.Contacts {
		e.contact(h, ci)
	}
	e.control(h)
}

// index lists, per invoice, the contacts that named it in the order they happened.
func (e *EffectAcc) index(h *History) {
	for len(e.byInv) < len(h.Invoices) {
		e.byInv = append(e.byInv, nil)
	}
	for i := range h.Invoices {
		e.byInv[i] = e.byInv[i][:0]
	}
	for ci, c := range h.Contacts {
		for _, ii := range c.Invoices {
			e.byInv[ii] = append(e.byInv[ii], ci)
		}
	}
	for i := range h.Invoices {
		l := e.byInv[i]
		sort.SliceStable(l, func(a, b int) bool { return h.Contacts[l[a]].On < h.Contacts[l[b]].On })
	}
	for len(e.rec) < len(h.Contacts) {
		e.rec = append(e.rec, map[string]int64{})
	}
	for ci := range h.Contacts {
		clear(e.rec[ci])
	}
}

// attribute credits each payment to the last contact that named its invoice on or before the
// payment's day; once the invoice was handed off, to the hand-off, whatever the shop sent after.
func (e *EffectAcc) attribute(h *History) {
	for _, p := range h.Payments {
		if p.On > e.asOf {
			continue // after the report's day: not known yet
		}
		inv := h.Invoices[p.Invoice]
		who := -1
		for _, ci := range e.byInv[p.Invoice] {
			c := h.Contacts[ci]
			if c.On > p.On {
				break
			}
			who = ci
			if c.Handoff() {
				break
			}
		}
		if who < 0 {
			if p.On >= e.from && p.On <= e.to {
				e.unprompted[inv.Currency] += p.Amount
			}
			continue
		}
		e.rec[who][inv.Currency] += p.Amount
	}
}

// contact adds one contact's outcome to its rows.
func (e *EffectAcc) contact(h *History, ci int) {
	c := h.Contacts[ci]
	if c.On < e.from || c.On > e.to || c.On > e.asOf {
		return
	}
	rows := [5]*acc{e.total, e.row(0, c.Stage), e.row(1, c.Template), e.row(2, c.Tone), e.row(3, c.Channel)}
	// The invoices still open on the contact's day decide its outcome: paid when the last of
	// them is paid in full; its age is the oldest one's days past due.
	open, settled, oldest := 0, Day(0), Never
	for _, ii := range c.Invoices {
		inv := h.Invoices[ii]
		if inv.Settled < c.On {
			continue
		}
		open++
		settled = max(settled, inv.Settled)
		oldest = min(oldest, inv.Due)
	}
	for _, a := range rows {
		a.row.Actions++
		for cur, v := range e.rec[ci] {
			a.recover[cur] += v
		}
	}
	if e.drill != nil {
		e.behindContact(h, ci, rows[e.drill.dim], open > 0 && settled <= e.asOf)
	}
	if open == 0 {
		return // nothing was open any more: no outcome to measure
	}
	days := int64(settled) - int64(c.On)
	age := int64(c.On) - int64(oldest)
	for _, a := range rows {
		if settled <= e.asOf {
			a.row.PaidAll++
			a.days = append(a.days, int32(days))
		}
		for w, n := range Windows {
			if int64(c.On)+int64(n) > int64(e.asOf) {
				continue // the window has not passed yet
			}
			a.row.Windows[w].Observed++
			if days <= int64(n) {
				a.row.Windows[w].Paid++
			}
			if age >= minAge && age <= maxAge {
				a.ages[w][age-minAge]++
			}
		}
	}
}

func (e *EffectAcc) row(dim int, key string) *acc {
	if key == "" {
		key = "(none)"
	}
	a := e.dims[dim][key]
	if a == nil {
		a = newAcc(key)
		e.dims[dim][key] = a
	}
	return a
}

// control counts, for every age, the invoices open and not yet contacted at that age, and those
// of them paid in full within each window: an invoice counts at age A (days past due) when it
// was issued by then, was not paid in full before that day, no contact named it on or before
// that day, the day lies in the filter's period and the window after it has passed.
func (e *EffectAcc) control(h *History) {
	for i, inv := range h.Invoices {
		first := Never
		if l := e.byInv[i]; len(l) > 0 {
			first = h.Contacts[l[0]].On
		}
		due := int64(inv.Due)
		lo := max(int64(minAge), int64(inv.Issue)-due, int64(e.from)-due)
		hi := min(int64(maxAge), int64(inv.Settled)-due, int64(first)-1-due, int64(e.to)-due)
		for w, n := range Windows {
			top := min(hi, int64(e.asOf)-int64(n)-due)
			if top < lo {
				continue
			}
			e.elig[w][lo-minAge]++
			e.elig[w][top-minAge+1]--
			if inv.Settled == Never {
				continue
			}
			plo := max(lo, int64(inv.Settled)-due-int64(n))
			if plo <= top {
				e.paid[w][plo-minAge]++
				e.paid[w][top-minAge+1]--
			}
		}
	}
}

// Merge adds what another accumulator (of the same day and filter) gathered from other customers.
func (e *EffectAcc) Merge(o *EffectAcc) {
	e.total.merge(o.total)
	for i := range e.dims {
		for key, a := range o.dims[i] {
			if mine := e.dims[i][key]; mine != nil {
				mine.merge(a)
			} else {
				e.dims[i][key] = a
			}
		}
	}
	for cur, v := range o.unprompted {
		e.unprompted[cur] += v
	}
	for id, b := range o.behind {
		e.behind[id] = b // the parts hold different customers
	}
	for w := range Windows {
		for a := range e.elig[w] {
			e.elig[w][a] += o.elig[w][a]
			e.paid[w][a] += o.paid[w][a]
		}
	}
}

func (a *acc) merge(o *acc) {
	a.row.Actions += o.row.Actions
	a.row.PaidAll += o.row.PaidAll
	for w := range Windows {
		a.row.Windows[w].Observed += o.row.Windows[w].Observed
		a.row.Windows[w].Paid += o.row.Windows[w].Paid
		for age := range a.ages[w] {
			a.ages[w][age] += o.ages[w][age]
		}
	}
	a.days = append(a.days, o.days...)
	for cur, v := range o.recover {
		a.recover[cur] += v
	}
}

// Report finishes the accumulation.
func (e *EffectAcc) Report() Effectiveness {
	var elig, paid [3][maxAge - minAge + 1]int64
	for w := range Windows {
		var ce, cp int64
		for a := range elig[w] {
			ce += e.elig[w][a]
			cp += e.paid[w][a]
			elig[w][a], paid[w][a] = ce, cp
		}
	}
	finish := func(a *acc) Row {
		r := a.row
		for w, n := range Windows {
			win := &r.Windows[w]
			win.Days = n
			if win.Observed > 0 {
				win.Share = float64(win.Paid) / float64(win.Observed)
			}
			var sum float64
			for age, cnt := range a.ages[w] {
				if cnt > 0 && elig[w][age] > 0 {
					sum += float64(cnt) * float64(paid[w][age]) / float64(elig[w][age])
					win.Matched += int(cnt)
				}
			}
			if win.Matched > 0 {
				win.Control = sum / float64(win.Matched)
			}
		}
		r.MedianDays = median(a.days)
		r.Recovered = moneyList(a.recover)
		return r
	}
	out := Effectiveness{AsOf: e.asOf.Date(), Filter: e.f, Total: finish(e.total), Unprompted: moneyList(e.unprompted)}
	for i, name := range Dimensions {
		d := Dimension{Name: name}
		for _, a := range e.dims[i] {
			d.Rows = append(d.Rows, finish(a))
		}
		sort.Slice(d.Rows, func(x, y int) bool { return d.Rows[x].Key < d.Rows[y].Key })
		out.Dimensions = append(out.Dimensions, d)
	}
	return out
}

// median of whole days; the mean of the two middle values for an even count.
func median(xs []int32) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return float64(xs[n/2])
	}
	return float64(int64(xs[n/2-1])+int64(xs[n/2])) / 2
}

func moneyList(m map[string]int64) []app.Money {
	out := []app.Money{}
	for cur, v := range m {
		if v != 0 {
			out = append(out, app.Money{Amount: v, Currency: cur})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}
