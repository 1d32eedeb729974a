package insight

import (
	"fmt"
	"sort"

	"duebook/app"
)

// The risk score is plain arithmetic: points per reason, added, at least 0 and at most 100.
// docs/insight.md carries the same table for the owner; change both together.
const (
	ptsLate60        = 30 // paid on average more than 60 days late (paid in the last 12 months)
	ptsLate30        = 20 // ... more than 30 days late
	ptsLate14        = 10 // ... more than 14 days late
	ptsLastThree40   = 15 // the last three invoices paid all 40 or more days late
	ptsTrend         = 10 // the last three paid at least 15 days later on average than those before
	ptsBrokenPromise = 15 // each promise broken in the last 12 months (at most two count)
	ptsKeptPromise   = -5 // each promise kept in the last 12 months (at most two count)
	ptsBrokenPlan    = 20 // each payment plan broken in the last 24 months
	ptsCompletedPlan = -10
	ptsDispute       = 5  // each dispute opened in the last 12 months
	ptsOverdue30     = 10 // something more than 30 days overdue today
	ptsOverdue60     = 20 // ... more than 60 days
)

// Bands of the score.
const (
	BandLow    = "low"
	BandMedium = "medium"
	BandHigh   = "high"
)

// Reason is one line of the score: its points and the words for the owner.
type Reason struct {
	Points int
	Text   string
}

// Risk is a customer's risk as of a day, with the figures behind it.
type Risk struct {
	CustomerID     int64
	Name           string
	Kind           app.CustomerKind
	AsOf           app.Date
	Score          int
	Band           string
	Reasons        []Reason
	PaidInvoices   int     // paid in full in the last 12 months
	AvgDaysLate    float64 // over those
	RecentAvg      float64 // the last three of them
	EarlierAvg     float64 // the ones before those
	PromisesKept   int     // all time, known by the day
	PromisesBroken int
	PlansCompleted int
	PlansBroken    int
	Disputes       int
	OldestOverdue  int // days past due of the oldest invoice open on the day; 0 if none
}

// ScoreRisk computes a customer's risk as it stood on asOf: only what was known by that day
// counts (invoices paid by then, promises and plans settled by then, disputes opened by then).
func ScoreRisk(h *History, asOf app.Date) Risk {
	day := DayOf(asOf)
	r := Risk{CustomerID: h.CustomerID, Name: h.Name, Kind: h.Kind, AsOf: asOf}
	add := func(pts int, format string, args ...any) {
		r.Score += pts
		r.Reasons = append(r.Reasons, Reason{Points: pts, Text: fmt.Sprintf(format, args...)})
	}
	lateness(h, day, &r, add)
	commitments(h, day, &r, add)
	for _, inv := range h.Invoices {
		if inv.Issue <= day && inv.Settled > day && inv.Due < day {
			r.OldestOverdue = max(r.OldestOverdue, int(day-inv.Due))
		}
	}
	switch {
	case r.OldestOverdue > 60:
		add(ptsOverdue60, "owes an invoice %d days overdue", r.OldestOverdue)
	case r.OldestOverdue > 30:
		add(ptsOverdue30, "owes an invoice %d days overdue", r.OldestOverdue)
	}
	r.Score = min(100, max(0, r.Score))
	switch {
	case r.Score >= 50:
		r.Band = BandHigh
	case r.Score >= 25:
		r.Band = BandMedium
	default:
		r.Band = BandLow
	}
	if r.Reasons == nil {
		r.Reasons = []Reason{}
	}
	return r
}

// lateness scores how late the invoices paid in the last 12 months were paid, and the trend.
func lateness(h *History, day Day, r *Risk, add func(int, string, ...any)) {
	type paid struct{ on, late Day }
	var ps []paid
	for _, inv := range h.Invoices {
		if inv.Settled <= day && inv.Settled > day-365 {
			ps = append(ps, paid{inv.Settled, max(0, inv.Settled-inv.Due)})
		}
	}
	if len(ps) == 0 {
		return
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].on < ps[j].on })
	avg := func(xs []paid) float64 {
		var s int64
		for _, p := range xs {
			s += int64(p.late)
		}
		return float64(s) / float64(len(xs))
	}
	r.PaidInvoices, r.AvgDaysLate = len(ps), avg(ps)
	const late = "paid %s in the last 12 months %.0f days late on average"
	switch n := plural(len(ps), "invoice"); {
	case r.AvgDaysLate > 60:
		add(ptsLate60, late, n, r.AvgDaysLate)
	case r.AvgDaysLate > 30:
		add(ptsLate30, late, n, r.AvgDaysLate)
	case r.AvgDaysLate > 14:
		add(ptsLate14, late, n, r.AvgDaysLate)
	}
	if len(ps) < 3 {
		return
	}
	last := ps[len(ps)-3:]
	r.RecentAvg = avg(last)
	if last[0].late >= 40 && last[1].late >= 40 && last[2].late >= 40 {
		add(ptsLastThree40, "paid the last three invoices 40+ days late")
	}
	if len(ps) > 3 {
		r.EarlierAvg = avg(ps[:len(ps)-3])
		if r.RecentAvg-r.EarlierAvg >= 15 {
			add(ptsTrend, "pays later than before: %.0f days late on the last three, %.0f before", r.RecentAvg, r.EarlierAvg)
		}
	}
}

// commitments scores promises, plans and disputes known by the day.
func commitments(h *History, day Day, r *Risk, add func(int, string, ...any)) {
	var broken, kept []Day
	for _, p := range h.Promises {
		if p.Settled > day {
			continue
		}
		switch p.State {
		case "broken":
			r.PromisesBroken++
			if p.Settled > day-365 {
				broken = append(broken, p.Settled)
			}
		case "kept":
			r.PromisesKept++
			if p.Settled > day-365 {
				kept = append(kept, p.Settled)
			}
		}
	}
	sort.Slice(broken, func(i, j int) bool { return broken[i] > broken[j] })
	for i, d := range broken {
		if i < 2 {
			add(ptsBrokenPromise, "broke a promise on %s", short(d, day))
		}
	}
	if n := min(len(kept), 2); n > 0 {
		add(n*ptsKeptPromise, "kept %s", plural(len(kept), "promise"))
	}
	for _, p := range h.Plans {
		if p.Settled > day {
			continue
		}
		switch p.State {
		case "broken":
			r.PlansBroken++
			if p.Settled > day-730 {
				add(ptsBrokenPlan, "broke a payment plan on %s", short(p.Settled, day))
			}
		case "completed":
			r.PlansCompleted++
			add(ptsCompletedPlan, "completed a payment plan on %s", short(p.Settled, day))
		}
	}
	for _, d := range h.Disputes {
		if d.Opened > day {
			continue
		}
		r.Disputes++
		if d.Opened > day-365 {
			add(ptsDispute, "disputed invoice %s on %s", d.Invoice, short(d.Opened, day))
		}
	}
}

// short writes a day as "3 Nov", with the year when it is not the year of the report.
func short(d, asOf Day) string {
	t, a := d.Date(), asOf.Date()
	if t.Year() == a.Year() {
		return fmt.Sprintf("%d %s", t.Day(), t.Month().String()[:3])
	}
	return fmt.Sprintf("%d %s %d", t.Day(), t.Month().String()[:3], t.Year())
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Mover is a customer whose risk rose between two days.
type Mover struct {
	Before, Now Risk
}

// Rose tells whether the customer belongs on the list of risers: the score went up since the
// start of the month while no invoice is yet more than 60 days overdue (the debt is not old yet,
// so there is still time to act).
func Rose(before, now Risk) bool {
	return now.Score > before.Score && now.OldestOverdue <= 60
}
