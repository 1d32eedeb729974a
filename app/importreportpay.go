package app

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// An aging report lists, beside the invoices, payments not yet applied to any ("Payment" with a
// negative open balance). They are the customer's money: imported as credit, never as invoices.

// isPaymentType tells a payment row of an invoice report.
func isPaymentType(t string) bool {
	switch headerKey(t) {
	case "payment", "receive payment", "customer payment", "zahlung", "zahlungseingang", "paiement", "unapplied payment":
		return true
	}
	return false
}

// reportPaymentKey makes a payment row's import key from its cells as written, so that
// importing the report again adds it once.
func reportPaymentKey(r *rowReader) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{legacyKey(r.get(FieldCustomer)), r.get(FieldIssueDate), r.get(FieldDueDate),
		r.get(FieldNumber), r.get(FieldAmount), r.get(FieldBalance)}, "\x1f")))
	return "report-payment:" + hex.EncodeToString(sum[:12])
}

// reportPaymentRow plans a payment row as customer credit: the part still unapplied (its open
// balance) when the report gives it, else its amount.
func (p *planner) reportPaymentRow(r *rowReader, run *invoiceRun, snap ImportSnapshot) bool {
	cur, ok := p.currency(r)
	if !ok {
		return false
	}
	date, ok1 := p.date(r, FieldIssueDate)
	due, ok2 := p.date(r, FieldDueDate)
	f := FieldAmount
	if r.has(FieldBalance) && r.get(FieldBalance) != "" || !r.has(FieldAmount) {
		f = FieldBalance
	}
	amount, ok3 := p.amount(r, f, cur)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	if date.IsZero() {
		date = due
	}
	if date.IsZero() {
		r.fail(FieldIssueDate, Errorf(CodeInvalid, "the payment's date is missing"))
		return false
	}
	amount = abs64(amount)
	if amount == 0 {
		p.rep.rowNote("applied payment", "row %d is a payment already applied in full: nothing is left to import", r.line)
		return true
	}
	key := reportPaymentKey(r)
	who, ok := p.linkCustomer(r, run.ix, !snap.PaymentKeys[key])
	if !ok {
		return false
	}
	if snap.PaymentKeys[key] {
		p.plan.Report.Unchanged++
		return true
	}
	ref := r.get(FieldNumber)
	if ref == "" {
		ref = "payment on account"
	}
	p.plan.NewPayments = append(p.plan.NewPayments, PlannedPayment{Row: r.line, CustomerKey: who, ImportKey: key, AsCredit: true,
		Payment: Payment{ReceivedOn: date, Currency: cur.Code, Amount: amount, Method: MethodOther, Reference: truncateRunes(ref, 200)}})
	p.rep.rowNote("report payment", "row %d is a payment not yet applied to an invoice: it becomes customer credit", r.line)
	p.plan.Report.Added++
	p.plan.Report.Payments++
	return true
}
