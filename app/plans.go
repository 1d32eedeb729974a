package app

import (
	"fmt"
	"strings"
	"time"
)

// Frequency is how often installments fall due.
type Frequency string

const (
	Weekly      Frequency = "weekly"
	Fortnightly Frequency = "fortnightly"
	Monthly     Frequency = "monthly"
)

// ParseFrequency reads weekly, fortnightly or monthly.
func ParseFrequency(s string) (Frequency, error) {
	switch f := Frequency(strings.ToLower(strings.TrimSpace(s))); f {
	case Weekly, Fortnightly, Monthly:
		return f, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a frequency; use weekly, fortnightly or monthly", s)
}

// PlanState is where a payment plan stands.
type PlanState string

const (
	PlanActive    PlanState = "active"
	PlanCompleted PlanState = "completed"
	PlanBroken    PlanState = "broken"
)

// Installment is one payment a plan expects; number 0 is the down payment.
type Installment struct {
	Number int
	Due    Date
	Amount int64
}

// PlanTerms are what the owner and customer agree.
type PlanTerms struct {
	CustomerID   int64
	InvoiceIDs   []int64
	Currency     string
	Total        int64
	DownPayment  int64
	Installments int
	Frequency    Frequency
	FirstDue     Date
	Grace        int // days after an installment's due date before the plan counts as broken
	ResumeStage  int // the stage the invoices return to if the plan breaks (0: the final demand)
}

// Plan is a payment plan as stored.
type Plan struct {
	ID int64
	PlanTerms
	Numbers   []string
	Schedule  []Installment
	State     PlanState
	CreatedOn Date
	SettledOn Date
}

// addMonths keeps the day of the month where it exists and otherwise takes the month's last day
// (31 January + 1 month = 28 or 29 February), so schedules never skip a month.
func addMonths(d Date, n int) Date {
	y, m := d.Year(), int(d.Month())+n
	y += (m - 1) / 12
	m = (m-1)%12 + 1
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	day := min(d.Day(), last)
	out, _ := NewDate(y, time.Month(m), day)
	return out
}

// Schedule splits the plan into a down payment (due on FirstDue when there is one, with the
// installments following one period later) and equal installments whose sum is exactly the
// total; the remainder of the division goes to the last installment.
func (t PlanTerms) Schedule() ([]Installment, error) {
	if t.Installments < 1 || t.Installments > 120 {
		return nil, Errorf(CodeInvalid, "a plan needs from 1 to 120 installments, not %d", t.Installments)
	}
	if t.Total <= 0 {
		return nil, Errorf(CodeInvalid, "a plan needs something to pay")
	}
	if t.DownPayment < 0 || t.DownPayment >= t.Total {
		return nil, Errorf(CodeInvalid, "the down payment must be at least zero and less than the total")
	}
	if t.FirstDue.IsZero() {
		return nil, Errorf(CodeInvalid, "a plan needs the date of its first payment")
	}
	if _, err := ParseFrequency(string(t.Frequency)); err != nil {
		return nil, err
	}
	step := func(d Date, k int) Date {
		switch t.Frequency {
		case Weekly:
			return d.AddDays(7 * k)
		case Fortnightly:
			return d.AddDays(14 * k)
		}
		return addMonths(d, k)
	}
	var out []Installment
	offset := 0
	if t.DownPayment > 0 {
		out = append(out, Installment{Number: 0, Due: t.FirstDue, Amount: t.DownPayment})
		offset = 1
	}
	rest := t.Total - t.DownPayment
	each := rest / int64(t.Installments)
	if each == 0 {
		return nil, Errorf(CodeInvalid, "%d installments of less than one minor unit each cannot be paid", t.Installments)
	}
	for i := 0; i < t.Installments; i++ {
		amt := each
		if i == t.Installments-1 {
			amt = rest - each*int64(t.Installments-1)
		}
		out = append(out, Installment{Number: i + 1, Due: step(t.FirstDue, i+offset), Amount: amt})
	}
	return out, nil
}

// PlanStanding is how far a plan has been paid on a day.
type PlanStanding struct {
	Paid       int64
	Covered    int // installments fully paid, in order
	NextDue    Date
	NextAmount int64 // what is still owed of the next installment
	Missed     *Installment
	BrokenOn   Date
	Completed  bool
}

// Standing applies paid (all money received for the plan's invoices since it began) to the
// installments in order, and tells whether an installment was missed beyond the grace period.
func (p Plan) Standing(paid int64, asOf Date) PlanStanding {
	s := PlanStanding{Paid: paid}
	left := paid
	for i, inst := range p.Schedule {
		if left >= inst.Amount {
			left -= inst.Amount
			s.Covered++
			continue
		}
		s.NextDue, s.NextAmount = inst.Due, inst.Amount-left
		if asOf.After(inst.Due.AddDays(p.Grace)) {
			missed := p.Schedule[i]
			s.Missed = &missed
			s.BrokenOn = inst.Due.AddDays(p.Grace + 1)
		}
		return s
	}
	s.Completed = true
	return s
}

// DescribeSchedule writes the schedule for people, one line each.
func DescribeSchedule(inst []Installment, currency string, nf NumberFormat) string {
	cur := MustCurrency(currency)
	var lines []string
	for _, i := range inst {
		label := fmt.Sprintf("installment %d", i.Number)
		if i.Number == 0 {
			label = "down payment"
		}
		lines = append(lines, fmt.Sprintf("%s  %-14s %s %s", i.Due, label, currency, FormatMinor(i.Amount, cur, nf)))
	}
	return strings.Join(lines, "\n")
}
