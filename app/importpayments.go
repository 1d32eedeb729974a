package app

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// paymentRun is the state of planning a payment file across its chunks.
type paymentRun struct {
	ix *customerIndex
	// occurrences counts equal rows (same customer, day, amount, reference), by a digest of the
	// row, so that two equal payments in one file are two payments and a second import adds none.
	occurrences map[[16]byte]int32
}

func (p *planner) payments(src SnapshotSource) error {
	ix, err := p.customerIndex(src)
	if err != nil {
		return err
	}
	run := &paymentRun{ix: ix, occurrences: map[[16]byte]int32{}}
	return p.chunks(func(rows []*rowReader) error {
		pays := make([]PlannedPayment, len(rows))
		ok := make([]bool, len(rows))
		var keys []string
		for i, r := range rows {
			if pays[i], ok[i] = p.paymentRow(r, run); ok[i] {
				keys = append(keys, pays[i].ImportKey)
			}
		}
		snap, err := p.snapshot(src, nil, keys)
		if err != nil {
			return err
		}
		rep := &p.plan.Report
		for i, r := range rows {
			if !ok[i] {
				p.rep.reject(r)
				continue
			}
			key, linked := p.linkCustomer(r, ix, false)
			if !linked {
				p.rep.reject(r)
				continue
			}
			if snap.PaymentKeys[pays[i].ImportKey] {
				rep.Unchanged++
				continue
			}
			pays[i].CustomerKey = key
			p.plan.NewPayments = append(p.plan.NewPayments, pays[i])
			rep.Added++
		}
		return nil
	})
}

// paymentRow reads one payment row and its import key.
func (p *planner) paymentRow(r *rowReader, run *paymentRun) (PlannedPayment, bool) {
	if !r.checkCells() {
		return PlannedPayment{}, false
	}
	cur, ok := p.currency(r)
	if !ok {
		return PlannedPayment{}, false
	}
	date, ok1 := p.date(r, FieldDate)
	amount, ok2 := p.amount(r, FieldAmount, cur)
	if !ok1 || !ok2 {
		return PlannedPayment{}, false
	}
	if date.IsZero() {
		r.fail(FieldDate, Errorf(CodeInvalid, "the payment date is missing"))
		return PlannedPayment{}, false
	}
	if amount <= 0 {
		r.fail(FieldAmount, Errorf(CodeInvalid, "a payment must be more than zero"))
		return PlannedPayment{}, false
	}
	method, err := ParsePaymentMethod(r.get(FieldMethod))
	if err != nil {
		r.fail(FieldMethod, err)
		return PlannedPayment{}, false
	}
	ref, err := cleanText("reference", r.get(FieldReference), 200)
	if err != nil {
		r.fail(FieldReference, err)
		return PlannedPayment{}, false
	}
	// The key is made from the row as written (the name before cleaning), as it always was, so
	// that files imported before give the same keys.
	base := strings.Join([]string{legacyKey(r.get(FieldCustomer)), date.String(), cur.Code, strconv.FormatInt(amount, 10), ref, r.get(FieldInvoice)}, "\x1f")
	digest := sha256.Sum256([]byte(base))
	var d16 [16]byte
	copy(d16[:], digest[:])
	run.occurrences[d16]++
	sum := sha256.Sum256([]byte(base + "\x1f" + strconv.Itoa(int(run.occurrences[d16]))))
	return PlannedPayment{Row: r.line, Invoice: r.get(FieldInvoice), ImportKey: "import:" + hex.EncodeToString(sum[:12]),
		Payment: Payment{ReceivedOn: date, Currency: cur.Code, Amount: amount, Method: method, Reference: ref}}, true
}

// legacyKey is the customer key payment import keys were made with.
func legacyKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
