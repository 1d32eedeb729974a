package app

import "strings"

// The lines of an imported invoice are kept with it when they add up to its total: with one tax
// rate for the invoice, worked out from its total and the lines' net sum (an export gives the
// tax as amounts, not rates). Lines that do not add up are left out and the report says so; the
// invoice keeps its total either way.

// lineOf reads a row's line: its description, quantity and unit price (a line amount alone is
// one unit at that price; so is a line whose quantity times price is not its amount, as after a
// discount).
func (p *planner) lineOf(r *rowReader, cur Currency, amount int64) InvoiceLine {
	l := InvoiceLine{Description: truncateRunes(r.get(FieldDescription), 200), Quantity: 1000, UnitPrice: amount}
	if !r.has(FieldUnitPrice) {
		return l
	}
	unit, ok := p.amount(r, FieldUnitPrice, cur)
	if !ok {
		return l
	}
	qty, ok := p.quantity(r)
	if !ok {
		return l
	}
	if net, err := MulDivRound(qty, unit, 1000); err == nil && net == amount && qty > 0 && unit >= 0 {
		l.Quantity, l.UnitPrice = qty, unit
	}
	return l
}

// keepLine adds a row's line to the planned new invoice idx.
func (p *planner) keepLine(r *rowReader, idx int32, cur Currency, amount int64) {
	if !p.lineColumns() {
		return
	}
	if p.plan.lines == nil {
		p.plan.lines = map[int32][]InvoiceLine{}
	}
	p.plan.lines[idx] = append(p.plan.lines[idx], p.lineOf(r, cur, amount))
}

// settleLines keeps the lines of each new invoice that add up to its total with one tax rate.
func (p *planner) settleLines() {
	dropped := 0
	for idx, lines := range p.plan.lines {
		rec := p.plan.newInvoices.record(int(idx))
		if rec.paid < 0 || rec.paid > rec.amount {
			// The open balance is more than the lines add up to: the invoice is refused, and
			// kept fully open should the owner import the good rows.
			row := &rowReader{line: int(rec.row)}
			row.probs = append(row.probs, RowProblem{Row: int(rec.row), Message: "the open balance is more than the invoice's lines add up to; a line may be missing"})
			p.rep.reject(row)
			rec.paid = 0
		}
		total := rec.amount
		if !withTaxRate(lines, total) {
			delete(p.plan.lines, idx)
			dropped++
		}
	}
	if n := len(p.plan.lines); n > 0 {
		p.note("the lines of %s are kept with them (description, quantity, price and tax rate)", counted(n, "invoice", "invoices"))
	}
	if dropped > 0 {
		p.note("the lines of %s are not kept: with their tax they do not add up to the invoice's total (the total is imported)", counted(dropped, "invoice", "invoices"))
	}
}

// withTaxRate sets one tax rate on lines so that they add up to total, if one does.
func withTaxRate(lines []InvoiceLine, total int64) bool {
	var net int64
	for i := range lines {
		lines[i].TaxRate = 0
		n, err := MulDivRound(lines[i].Quantity, lines[i].UnitPrice, 1000)
		if err != nil || lines[i].Quantity <= 0 || lines[i].UnitPrice < 0 {
			return false
		}
		net += n
	}
	if net <= 0 || total < net {
		return false
	}
	rate, err := MulDivRound(total-net, 10000, net)
	if err != nil || rate > 10000 {
		return false
	}
	for i := range lines {
		lines[i].TaxRate = rate
	}
	got, err := LinesTotal(lines)
	return err == nil && got == total
}

// NewInvoiceLines are the lines kept with the i-th new invoice, or none.
func (p *ImportPlan) NewInvoiceLines(i int) []InvoiceLine { return p.lines[int32(i)] }

// quantity reads a line's quantity in thousandths ("2.0000" as Xero writes it is 2000); an
// empty cell is one.
func (p *planner) quantity(r *rowReader) (int64, bool) {
	v := plainAmount(r.get(FieldQuantity))
	if v == "" {
		return 1000, true
	}
	if i := strings.LastIndexByte(v, byte(p.nf.Decimal)); i >= 0 && p.nf.Decimal < 0x80 {
		v = strings.TrimRight(v, "0")
		v = strings.TrimSuffix(v, string(p.nf.Decimal))
	}
	q, err := ParseAmount(v, Currency{Code: "XXX", Exponent: 3}, p.nf)
	return q, err == nil
}
