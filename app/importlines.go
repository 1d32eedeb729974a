package app

import "fmt"

// Xero, Zoho and others export one row per line of an invoice: the invoice number, customer,
// dates and totals repeat on every row, the description, quantity and price are the line's.
// Rows with the same number are one invoice. Their invoice fields must agree; where they do not,
// the row says which field and what the first row said.

// invoiceSeen is what the planner remembers of an invoice number it has read.
type invoiceSeen struct {
	row    int32
	idx    int32  // the planned new invoice (or credit note when credit), -1 when none
	sig    uint32 // a digest of the invoice fields of the first row
	credit bool
	bad    bool // the first row was rejected
}

// lineColumns tells whether the file gives amounts per line.
func (p *planner) lineColumns() bool {
	_, a := p.m[FieldLineAmount]
	_, b := p.m[FieldUnitPrice]
	return a || b
}

// totalFromLines tells a file whose invoice totals are the sums of their lines.
func (p *planner) totalFromLines() bool {
	_, total := p.m[FieldAmount]
	return p.lineColumns() && !total
}

// rowAmount reads a row's invoice total and its line's amount. The total is the total column;
// without one, the line's amount (a line amount, or quantity times unit price); without those,
// the open balance (an "Open Invoices" report gives nothing else).
func (p *planner) rowAmount(r *rowReader, cur Currency) (total, line int64, ok bool) {
	if p.lineColumns() {
		if line, ok = p.lineAmount(r, cur); !ok {
			return 0, 0, false
		}
	}
	switch {
	case r.has(FieldAmount):
		total, ok = p.amount(r, FieldAmount, cur)
	case p.lineColumns():
		total, ok = line, true
	default:
		total, ok = p.amount(r, FieldBalance, cur)
	}
	return total, line, ok
}

// lineAmount is the amount of a row's line: its line amount, else quantity times unit price.
func (p *planner) lineAmount(r *rowReader, cur Currency) (int64, bool) {
	if r.has(FieldLineAmount) && r.get(FieldLineAmount) != "" {
		return p.amount(r, FieldLineAmount, cur)
	}
	unit, ok := p.amount(r, FieldUnitPrice, cur)
	if !ok {
		return 0, false
	}
	qty, ok := p.quantity(r)
	if !ok {
		r.fail(FieldQuantity, Errorf(CodeInvalid, "%q is not a quantity", r.get(FieldQuantity)))
		return 0, false
	}
	a, err := MulDivRound(qty, unit, 1000)
	if err != nil {
		r.fail(FieldUnitPrice, err)
		return 0, false
	}
	return a, true
}

// lineSig digests the cells every row of one invoice repeats, as written (FNV-1a, without
// allocating: it runs for every row of a file).
func (p *planner) lineSig(r *rowReader) uint32 {
	h := uint32(2166136261)
	add := func(s string) {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint32(s[i])) * 16777619
		}
		h = (h ^ 0x1f) * 16777619
	}
	for _, f := range []Field{FieldCustomer, FieldCurrency, FieldIssueDate, FieldDueDate, FieldType, FieldBalance, FieldPaid} {
		add(r.get(f))
	}
	if !p.lineColumns() || r.has(FieldAmount) {
		add(r.get(FieldAmount))
	}
	return h
}

// moreLine adds a further row of an invoice already read: its line's amount joins the invoice
// when the total comes from the lines. A row whose invoice fields differ is refused.
func (p *planner) moreLine(r *rowReader, run *invoiceRun, first invoiceSeen, number string, cur Currency, issue, due Date, total, line int64) bool {
	if first.bad {
		r.fail(FieldNumber, Errorf(CodeInvalid, "this is a line of invoice %s, which is refused on row %d", number, first.row))
		return false
	}
	what := p.differs(r, first, cur, issue, due, total)
	if what == "" && p.lineSig(r) != first.sig {
		what = "customer, date, currency, type or amount"
	}
	if what != "" {
		r.fail(FieldNumber, Errorf(CodeConflict, "invoice %s is on row %d too, with another %s; the rows of one invoice must give the same customer, dates, currency and totals",
			number, first.row, what))
		return false
	}
	run.lines++
	if first.idx >= 0 && !first.credit {
		p.keepLine(r, first.idx, cur, line)
	}
	if !p.lineColumns() || r.has(FieldAmount) || first.idx < 0 {
		return true // the total is given on every row, or the invoice is stored already
	}
	if first.credit {
		pay := &p.plan.NewPayments[first.idx]
		pay.Amount += abs64(line)
		return true
	}
	rec := p.plan.newInvoices.record(int(first.idx))
	rec.amount += line
	if bal := r.get(FieldBalance); bal != "" {
		b, _ := p.amount(r, FieldBalance, cur)
		rec.paid = rec.amount - b // checked once every line is in (settleLines)
	}
	return true
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// differs names what a further row says otherwise than the invoice planned from the first row.
// It is "" when they agree, or when the first row planned no new invoice (the digest decides).
func (p *planner) differs(r *rowReader, first invoiceSeen, cur Currency, issue, due Date, total int64) string {
	if first.idx < 0 || first.credit {
		return ""
	}
	pi := p.plan.NewInvoice(int(first.idx))
	name, _ := p.customerName(r)
	if issue.IsZero() {
		issue = due
	}
	if due.IsZero() {
		due = issue
	}
	switch {
	case CustomerKey(name) != pi.CustomerKey:
		return fmt.Sprintf("customer (%q)", name)
	case cur.Code != pi.Currency:
		return fmt.Sprintf("currency (%s, not %s)", cur.Code, pi.Currency)
	case issue != pi.IssueDate:
		return fmt.Sprintf("invoice date (%s, not %s)", issue, pi.IssueDate)
	case due != pi.DueDate:
		return fmt.Sprintf("due date (%s, not %s)", due, pi.DueDate)
	case (!p.lineColumns() || r.has(FieldAmount)) && total != pi.Amount:
		return fmt.Sprintf("total (%s, not %s)", Decimal(total, cur), Decimal(pi.Amount, cur))
	}
	return ""
}

// record is the i-th planned new invoice, to add a line to it.
func (s *invoiceRecords) record(i int) *invoiceRecord {
	return &s.blocks[i/recordBlock][i%recordBlock]
}

// noteLines says how rows were grouped into invoices.
func (p *planner) noteLines(run *invoiceRun) {
	if run.lines == 0 {
		return
	}
	p.note("%d rows are further lines of invoices on rows above them; each invoice is imported once, with the lines' total", run.lines)
}
