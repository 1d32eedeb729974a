package app

import "strings"

// isCreditType tells a credit note by the words programs use for it ("Sales credit note",
// "Credit Memo", "Gutschrift", "Stornorechnung", Sage's "SC").
func isCreditType(t string) bool {
	k := headerKey(t)
	switch k {
	case "sc", "cn", "cm", "crn", "accrec credit", "accreccredit":
		return true
	}
	for _, w := range []string{"credit", "gutschrift", "storno", "avoir", "creditnota", "rechnungskorrektur"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// isVoidStatus tells an invoice nobody owes: voided, deleted, cancelled or a draft never sent.
func isVoidStatus(s string) bool {
	switch headerKey(s) {
	case "void", "voided", "deleted", "draft", "cancelled", "canceled", "storniert", "gelöscht", "entwurf", "annulé", "brouillon":
		return true
	}
	return false
}

func creditNoteKey(number string) string { return "credit-note:" + number }

// invoiceRun is the state of planning an invoice file across its chunks.
type invoiceRun struct {
	ix    *customerIndex
	seen  map[string]invoiceSeen // invoice number -> where it first appears and what it became
	text  textArena              // the numbers with their description and reference, kept once
	lines int                    // rows that are further lines of an invoice
}

func (p *planner) invoices(src SnapshotSource) error {
	ix, err := p.customerIndex(src)
	if err != nil {
		return err
	}
	run := &invoiceRun{ix: ix, seen: map[string]invoiceSeen{}}
	_, hasIssue := p.m[FieldIssueDate]
	_, hasDue := p.m[FieldDueDate]
	if _, ok := p.m[FieldAmount]; !ok && !p.lineColumns() {
		p.note("the file gives no invoice total, only the open balance: each invoice is imported for what is still open")
	}
	if !hasDue {
		p.note("the file has no due date column: each invoice is taken as due on its invoice date")
	} else if !hasIssue {
		p.note("the file has no invoice date column: each invoice is taken as issued on its due date")
	}
	defer p.noteLines(run)
	defer p.settleLines()
	return p.chunks(func(rows []*rowReader) error {
		numbers := make([]string, 0, len(rows))
		var credits []string
		for _, r := range rows {
			n := r.get(FieldNumber)
			numbers = append(numbers, n)
			switch t := r.get(FieldType); {
			case isPaymentType(t):
				credits = append(credits, reportPaymentKey(r))
			case isCreditType(t):
				credits = append(credits, creditNoteKey(n))
			}
		}
		snap, err := p.snapshot(src, numbers, credits)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if st := r.get(FieldStatus); isVoidStatus(st) {
				p.rep.rowNote("void", "row %d is left out: its status is %q, so nothing is owed on it", r.line, st)
				continue
			}
			if isPaymentType(r.get(FieldType)) {
				if !r.checkCells() || !p.reportPaymentRow(r, run, snap) {
					p.rep.reject(r)
				}
				continue
			}
			if !r.checkCells() || !p.invoiceRow(r, run, snap) {
				p.rep.reject(r)
			}
		}
		return nil
	})
}

// invoiceRow plans one invoice row; it returns false when the row is rejected.
func (p *planner) invoiceRow(r *rowReader, run *invoiceRun, snap ImportSnapshot) (ok bool) {
	number, err := cleanText("invoice number", r.get(FieldNumber), 64)
	if err != nil || number == "" {
		r.fail(FieldNumber, Errorf(CodeInvalid, "the invoice number is missing"))
		return false
	}
	cur, okCur := p.currency(r)
	if !okCur {
		return false
	}
	issue, ok1 := p.date(r, FieldIssueDate)
	due, ok2 := p.date(r, FieldDueDate)
	amount, line, ok3 := p.rowAmount(r, cur)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	if first, dup := run.seen[number]; dup {
		return p.moreLine(r, run, first, number, cur, issue, due, amount, line)
	}
	// The number is kept once: as the key of seen, and at the start of the planned invoice's text.
	desc, ref := r.get(FieldDescription), r.get(FieldExternalRef)
	text := run.text.add(recordText(number, desc, ref))
	number = text[:len(number)]
	seen := invoiceSeen{row: int32(r.line), idx: -1, sig: p.lineSig(r)}
	defer func() {
		seen.bad = !ok
		run.seen[number] = seen
	}()
	if issue.IsZero() {
		issue = due
	}
	if due.IsZero() {
		due = issue
	}
	credit := isCreditType(r.get(FieldType))
	if credit || (amount < 0 && !r.has(FieldType)) {
		if !credit {
			r.fail(FieldAmount, Errorf(CodeInvalid, "a negative amount is not an invoice; if this row is a credit note, add a Type column that says so"))
			return false
		}
		ok := p.creditNoteRow(r, run.ix, snap, number, cur, issue, amount)
		if ok && !snap.PaymentKeys[creditNoteKey(number)] {
			seen.credit, seen.idx = true, int32(len(p.plan.NewPayments)-1)
		}
		return ok
	}
	inv := Invoice{Number: number, IssueDate: issue, DueDate: due, Currency: cur.Code, Amount: amount,
		Description: desc, ExternalRef: ref}
	if err := inv.Normalize(); err != nil {
		r.fail(FieldAmount, err)
		return false
	}
	paid, ok := p.paidBefore(r, cur, amount)
	if !ok {
		return false
	}
	old, exists := snap.Invoices[number]
	key, ok := p.linkCustomer(r, run.ix, !exists)
	if !ok {
		return false
	}
	if !exists {
		if inv.Description != desc || inv.ExternalRef != ref {
			text = run.text.add(recordText(number, inv.Description, inv.ExternalRef))
		}
		seen.idx = int32(p.plan.newInvoices.n)
		p.keepLine(r, seen.idx, cur, line)
		p.plan.newInvoices.add(PlannedInvoice{Row: r.line, CustomerKey: key, Invoice: inv, PaidBefore: paid}, text)
		p.plan.Report.Added++
		return true
	}
	return p.storedInvoiceRow(r, run.ix, key, old, inv, cur)
}

// paidBefore reads what the row says was paid already, from an open balance or a paid column.
func (p *planner) paidBefore(r *rowReader, cur Currency, amount int64) (int64, bool) {
	switch {
	case r.has(FieldBalance) && r.get(FieldBalance) != "":
		bal, ok := p.amount(r, FieldBalance, cur)
		if !ok {
			return 0, false
		}
		if bal > amount && p.totalFromLines() {
			return amount - bal, true // further lines raise the total; settleLines checks the end
		}
		if bal < 0 || bal > amount {
			r.fail(FieldBalance, Errorf(CodeInvalid, "the open balance %s is not between zero and the invoice amount", r.get(FieldBalance)))
			return 0, false
		}
		return amount - bal, true
	case r.has(FieldPaid) && r.get(FieldPaid) != "":
		pd, ok := p.amount(r, FieldPaid, cur)
		if !ok {
			return 0, false
		}
		if pd < 0 || pd > amount {
			r.fail(FieldPaid, Errorf(CodeInvalid, "the paid amount %s is not between zero and the invoice amount", r.get(FieldPaid)))
			return 0, false
		}
		return pd, true
	}
	return 0, true
}

// storedInvoiceRow compares a row with the invoice stored under its number. A different amount,
// date or customer is a conflict: listed with the old and new values, and applied only when the
// owner says so. A new description or reference is an update.
func (p *planner) storedInvoiceRow(r *rowReader, ix *customerIndex, key string, old, inv Invoice, cur Currency) bool {
	rep := &p.plan.Report
	if old.Currency != inv.Currency {
		r.fail(FieldCurrency, Errorf(CodeConflict, "invoice %s is stored in %s, not %s", inv.Number, old.Currency, inv.Currency))
		return false
	}
	upd := old
	upd.IssueDate, upd.DueDate, upd.Amount = inv.IssueDate, inv.DueDate, inv.Amount
	if r.has(FieldDescription) {
		upd.Description = inv.Description
	}
	if r.has(FieldExternalRef) {
		upd.ExternalRef = inv.ExternalRef
	}
	var changes []FieldChange
	conflict := false
	change := func(field, was, now string, isConflict bool) {
		if was != now {
			changes = append(changes, FieldChange{Field: field, Old: was, New: now})
			conflict = conflict || isConflict
		}
	}
	change("amount", Decimal(old.Amount, cur), Decimal(upd.Amount, cur), true)
	change("invoice date", old.IssueDate.String(), upd.IssueDate.String(), true)
	change("due date", old.DueDate.String(), upd.DueDate.String(), true)
	newID, stored := p.plan.CustomerIDs[key]
	if !stored || newID != old.CustomerID {
		change("customer", ix.nameOf(old.CustomerID), p.nameOfKey(ix, key), true)
		if old.Paid > 0 {
			r.fail(FieldCustomer, Errorf(CodeConflict, "invoice %s is stored for %s and has payments; Duebook does not move it to another customer", inv.Number, ix.nameOf(old.CustomerID)))
			return false
		}
		upd.CustomerID = newID // 0 for a customer this import creates: the store links it by key
	}
	change("description", old.Description, upd.Description, false)
	change("reference", old.ExternalRef, upd.ExternalRef, false)
	if upd.Amount < old.Paid {
		r.fail(FieldAmount, Errorf(CodeConflict, "invoice %s has %s paid already, more than the new amount", inv.Number, Decimal(old.Paid, cur)))
		return false
	}
	if len(changes) == 0 {
		rep.Unchanged++
		return true
	}
	if conflict {
		p.rep.conflict(ImportConflict{Row: r.line, Number: inv.Number, Changes: changes})
		if !p.opts.Update {
			return true // left as stored; the import asks the owner before applying it
		}
	}
	was := old
	p.plan.UpdInvoices = append(p.plan.UpdInvoices, PlannedInvoice{Row: r.line, CustomerKey: key, Invoice: upd, Old: &was, Changes: changes})
	rep.Updated++
	return true
}

func (p *planner) creditNoteRow(r *rowReader, ix *customerIndex, snap ImportSnapshot, number string, cur Currency, date Date, amount int64) bool {
	if amount < 0 {
		amount = -amount
	}
	if amount == 0 {
		r.fail(FieldAmount, Errorf(CodeInvalid, "a credit note must be for more than zero"))
		return false
	}
	k := creditNoteKey(number)
	key, ok := p.linkCustomer(r, ix, !snap.PaymentKeys[k])
	if !ok {
		return false
	}
	if snap.PaymentKeys[k] {
		p.plan.Report.Unchanged++
		return true
	}
	p.plan.NewPayments = append(p.plan.NewPayments, PlannedPayment{Row: r.line, CustomerKey: key, ImportKey: k,
		Payment: Payment{ReceivedOn: date, Currency: cur.Code, Amount: amount, Method: MethodCreditNote, Reference: number}})
	p.rep.rowNote("credit note", "row %d is credit note %s: it becomes customer credit", r.line, number)
	p.plan.Report.Added++
	p.plan.Report.CreditNotes++
	return true
}
