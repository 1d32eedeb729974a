package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Reports such as QuickBooks' "Open Invoices" and "A/R Aging Detail" are tables dressed for
// print: title lines above the column names, a customer's name alone on a row above its
// invoices, "Total for …" rows below them, a grand TOTAL and a footer with the time it was run.
// reportLayout finds the real column names and hands the planner only the invoice rows; what it
// set aside is counted for the report, and subtotals are checked against the rows above them.

// headerSearchRows is how far down a file its column names are looked for.
const headerSearchRows = 30

type reportLayout struct {
	TableSource
	kind   ImportKind
	header []string
	skip   int   // rows read before the data: title lines and the column names themselves
	group  bool  // the last column is added: the customer named by the group heading above
	report bool  // laid out as a report: group headings and footers are looked for
	number int   // the invoice number's column, -1 when none
	dates  []int // the date columns: a total row has none filled
	sums   []int
	nf     NumberFormat
	check  bool // subtotals are checked (once the number format is known)
	last   layoutCounts
}

// layoutCounts are what one pass over the file set aside.
type layoutCounts struct {
	titles, groups, subtotals, totals, footers int
	mismatches                                 []RowProblem
}

var errFound = errors.New("found")

// newReportLayout looks for the column names among the first rows of src: the row whose cells
// name the most fields. A file whose first row is its header is read as it is.
func newReportLayout(kind ImportKind, src TableSource, explicit map[string]Field) (*reportLayout, error) {
	l := &reportLayout{TableSource: src, kind: kind, header: src.Info().Header, number: -1}
	lookup := nameLookup(synonymsFor(kind))
	best := headerScore(l.header, lookup, explicit)
	n := 0
	err := src.EachRow(func(cells []string, _ int) error {
		if n++; n > headerSearchRows {
			return errFound
		}
		if s := headerScore(cells, lookup, explicit); s > best && s >= 2 {
			best, l.skip, l.header = s, n, trimmedCopy(cells)
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return nil, err
	}
	// QuickBooks leaves the first column name blank: it holds the group headings.
	l.report = l.skip > 0 || len(l.header) > 2 && l.header[0] == ""
	m, _, _ := BuildMapping(kind, l.header, explicit)
	if _, ok := m[FieldCustomer]; !ok && l.report && kind != ImportCustomers {
		// A report grouped by customer names the customer above its rows, not in a column.
		l.header = append(l.header, groupColumn(l.header))
		l.group = true
	}
	return l, nil
}

// groupColumn is the name of the column the group headings fill.
func groupColumn(header []string) string {
	for _, h := range header {
		if headerKey(h) == "customer" {
			return "Customer (from the headings)"
		}
	}
	return "Customer"
}

func headerScore(cells []string, lookup map[string]nameRank, explicit map[string]Field) int {
	fields := map[Field]bool{}
	for _, c := range cells {
		if looksLikeValue(c) {
			return 0 // a row with a date or an amount is data, whatever words it has too
		}
		if n, ok := lookup[headerKey(c)]; ok {
			fields[n.field] = true
		}
		for col := range explicit {
			if headerKey(col) == headerKey(c) && c != "" {
				fields[FieldIgnore] = true
			}
		}
	}
	return len(fields)
}

// looksLikeValue tells a cell that holds a number, a date or an amount rather than a name:
// more digits than letters ("15/11/2026", "£1,200.00"; not "POAddressLine1").
func looksLikeValue(c string) bool {
	digits, letters := 0, 0
	for _, r := range c {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return digits > 0 && digits >= letters
}

func trimmedCopy(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

// Info is the table as found: its real column names.
func (l *reportLayout) Info() TableInfo {
	info := l.TableSource.Info()
	info.Header = l.header
	return info
}

// use tells the layout which columns hold the invoice number and the amounts a subtotal adds up.
func (l *reportLayout) use(m Mapping) {
	if i, ok := m[FieldNumber]; ok {
		l.number = i
	}
	l.dates = l.dates[:0]
	for _, f := range []Field{FieldIssueDate, FieldDueDate, FieldDate} {
		if i, ok := m[f]; ok {
			l.dates = append(l.dates, i)
		}
	}
	l.sums = l.sums[:0]
	for _, f := range []Field{FieldAmount, FieldBalance, FieldPaid, FieldLineAmount} {
		if i, ok := m[f]; ok {
			l.sums = append(l.sums, i)
		}
	}
}

// layoutPass is the state of one reading of the file.
type layoutPass struct {
	l        *reportLayout
	counts   layoutCounts
	pending  string // a row with one cell: a group heading if rows follow, else a footer
	heading  string // the group heading the rows belong to
	group    []int64
	grand    []int64
	grandEnd bool
	row      []string
}

// EachRow hands fn the invoice rows only.
func (l *reportLayout) EachRow(fn func(cells []string, line int) error) error {
	if l.kind == ImportCustomers {
		return l.customerRows(fn)
	}
	ps := &layoutPass{l: l, group: make([]int64, len(l.sums)), grand: make([]int64, len(l.sums))}
	ps.counts.titles = l.skip
	n := 0
	err := l.TableSource.EachRow(func(cells []string, line int) error {
		if n++; n <= l.skip {
			return nil
		}
		return ps.row1(cells, line, fn)
	})
	if ps.pending != "" {
		ps.counts.footers++
	}
	l.last = ps.counts
	return err
}

func (ps *layoutPass) row1(cells []string, line int, fn func([]string, int) error) error {
	l := ps.l
	ps.row = append(ps.row[:0], cells...)
	for len(ps.row) < len(l.header) {
		ps.row = append(ps.row, "")
	}
	first, filled := "", 0
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			if filled == 0 {
				first = c
			}
			filled++
		}
	}
	// A total or a heading has no invoice number and no date: "Total Fitness Ltd" with a date is
	// a customer.
	noNumber := l.number < 0 || strings.TrimSpace(ps.row[l.number]) == ""
	for _, i := range l.dates {
		noNumber = noNumber && strings.TrimSpace(ps.row[i]) == ""
	}
	if noNumber && isTotalLabel(first) {
		ps.heldHeading()
		ps.total(first, line)
		return nil
	}
	if noNumber && filled == 1 && l.report {
		if ps.grandEnd {
			ps.counts.footers++
			return nil
		}
		ps.heldHeading()
		ps.pending = first
		return nil
	}
	ps.heldHeading()
	if l.group {
		ps.row[len(l.header)-1] = ps.heading
	}
	ps.add(ps.row)
	return fn(ps.row, line)
}

// customerRows hands fn the rows of a customer list below its column names. A customer list
// has no groups or totals; a line whose text is only in a column without a name (the footer of
// a QuickBooks report) is not a customer.
func (l *reportLayout) customerRows(fn func(cells []string, line int) error) error {
	if l.skip == 0 && !l.report {
		return l.TableSource.EachRow(fn)
	}
	counts := layoutCounts{titles: l.skip}
	var row []string
	n := 0
	err := l.TableSource.EachRow(func(cells []string, line int) error {
		if n++; n <= l.skip {
			return nil
		}
		row = append(row[:0], cells...)
		for len(row) < len(l.header) {
			row = append(row, "")
		}
		named := false
		for i, c := range row {
			named = named || strings.TrimSpace(c) != "" && i < len(l.header) && l.header[i] != ""
		}
		if !named {
			counts.footers++
			return nil
		}
		return fn(row, line)
	})
	l.last = counts
	return err
}

// heldHeading settles a one-cell row held back: rows follow it, so it heads a group.
func (ps *layoutPass) heldHeading() {
	if ps.pending == "" {
		return
	}
	ps.counts.groups++
	ps.heading, ps.pending = ps.pending, ""
	clear(ps.group)
}

func isTotalLabel(s string) bool {
	k := headerKey(s)
	for _, w := range []string{"total", "totals", "grand total", "gesamt", "summe", "gesamtsumme", "total général"} {
		if k == w || strings.HasPrefix(k, w+" ") {
			return true
		}
	}
	return false
}

func isGrandTotal(s string) bool {
	switch headerKey(s) {
	case "total", "totals", "grand total", "gesamt", "summe", "gesamtsumme", "total général", "total ar", "total accounts receivable":
		return true
	}
	return false
}

func (ps *layoutPass) amount(v string) (int64, bool) {
	if strings.TrimSpace(v) == "" {
		return 0, false
	}
	a, err := ParseAmount(v, Currency{Code: "XXX", Exponent: 4}, ps.l.nf)
	return a, err == nil
}

func (ps *layoutPass) add(row []string) {
	if !ps.l.check {
		return
	}
	for i, col := range ps.l.sums {
		if a, ok := ps.amount(row[col]); ok {
			ps.group[i] += a
			ps.grand[i] += a
		}
	}
}

// total sets a total row aside and, once the number format is known, checks it against the rows
// it adds up: a subtotal against its group, the grand total against every row.
func (ps *layoutPass) total(label string, line int) {
	grand := isGrandTotal(label)
	sums := ps.group
	if grand {
		ps.counts.totals++
		ps.grandEnd = true
		sums = ps.grand
	} else {
		ps.counts.subtotals++
	}
	if ps.l.check {
		for i, col := range ps.l.sums {
			want, ok := ps.amount(ps.row[col])
			if ok && want != sums[i] {
				ps.counts.mismatches = append(ps.counts.mismatches, RowProblem{Row: line, Column: ps.l.header[col],
					Message: fmt.Sprintf("%q says %s, but the rows above it add up to %s; a row may be missing or changed", label, strings.TrimSpace(ps.row[col]), layoutDecimal(sums[i]))})
			}
		}
	}
	clear(ps.group)
}

// layoutDecimal writes a sum kept in ten-thousandths with two decimals (or more when needed).
func layoutDecimal(v int64) string {
	s := Decimal(v, Currency{Code: "XXX", Exponent: 4})
	if strings.HasSuffix(s, "00") && strings.Contains(s, ".") {
		s = s[:len(s)-2]
	}
	return s
}

// note tells the owner what the last pass set aside, and why.
func (l *reportLayout) notes() []string {
	c := l.last
	var out []string
	say := func(n int, one, many string) {
		switch {
		case n == 1:
			out = append(out, one)
		case n > 1:
			out = append(out, fmt.Sprintf(many, n))
		}
	}
	say(c.titles, "1 title line above the column names was skipped", "%d title lines above the column names were skipped")
	if l.group {
		say(c.groups, "1 group heading (a customer's name alone on a row) was skipped; it names the customer of the rows below it",
			"%d group headings (a customer's name alone on a row) were skipped; each names the customer of the rows below it")
	} else {
		say(c.groups, "1 group heading (a name alone on a row) was skipped", "%d group headings (a name alone on a row) were skipped")
	}
	say(c.subtotals, "1 subtotal row (\"Total for …\") was skipped after checking it against its rows",
		"%d subtotal rows (\"Total for …\") were skipped after checking them against their rows")
	say(c.totals, "1 grand total row was skipped after checking it against the rows", "%d grand total rows were skipped after checking them against the rows")
	say(c.footers, "1 footer line below the report was skipped", "%d footer lines below the report were skipped")
	return out
}

// noteLayout puts what the layout set aside in the report; a subtotal that its rows do not add
// up to is a problem: the file is not whole, or was changed after it was made.
func (p *planner) noteLayout() {
	r := &p.plan.Report
	r.Notes = slices.Insert(r.Notes, min(p.layoutAt, len(r.Notes)), p.layout.notes()...)
	for _, pr := range p.layout.last.mismatches {
		row := &rowReader{line: pr.Row}
		row.probs = append(row.probs, pr)
		p.rep.reject(row)
	}
}

// sharedSign refuses, for the whole file, amounts written with a sign several currencies share
// when neither a currency column nor the shop's currency says which.
func (p *planner) sharedSign(r *rowReader) error {
	if r.has(FieldCurrency) {
		return nil
	}
	for _, f := range amountFields {
		if _, sign, _ := amountCurrency(r.get(f)); sign != "" {
			if _, err := p.signCurrency(sign); err != nil {
				return err
			}
		}
	}
	return nil
}
