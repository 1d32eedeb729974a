package insight

import (
	"context"
	"sort"
	"time"

	"duebook/app"
)

// Service is the insight use cases over one book: the window's Reports screen and the command
// line call the same methods.
type Service struct {
	Src   Source
	Clock app.Clock
}

// NewService wires the use cases onto the store and the clock (the system clock when nil).
func NewService(src Source, clock app.Clock) *Service {
	if clock == nil {
		clock = app.SystemClock{}
	}
	return &Service{Src: src, Clock: clock}
}

// Today is the day the reports are computed for.
func (s *Service) Today() app.Date { return app.DateOf(s.Clock.Now(), time.Local) }

// DefaultPeriod is how far back the effectiveness report looks when no start is given.
const DefaultPeriod = 365

// Effectiveness computes the report as of today, over the contacts of the DefaultPeriod days
// up to today (or up to the filter's end) unless the filter gives a start.
func (s *Service) Effectiveness(ctx context.Context, f Filter) (Effectiveness, error) {
	rep, _, err := s.effectiveness(ctx, f, nil)
	return rep, err
}

// Behind lists the customers behind one row of the effectiveness report (a bar of its chart):
// dimension is all, stage, template, tone or channel, key the row's key.
func (s *Service) Behind(ctx context.Context, f Filter, dimension, key string) ([]Behind, error) {
	if err := NewEffectiveness(s.Today(), f).Drill(dimension, key); err != nil {
		return nil, err
	}
	_, behind, err := s.effectiveness(ctx, f, func(e *EffectAcc) { e.Drill(dimension, key) })
	return behind, err
}

// effectiveness runs the report; prepare, when given, sets up each part's accumulator.
func (s *Service) effectiveness(ctx context.Context, f Filter, prepare func(*EffectAcc)) (Effectiveness, []Behind, error) {
	if f.From.IsZero() {
		end := s.Today()
		if !f.To.IsZero() && f.To.Before(end) {
			end = f.To
		}
		f.From = end.AddDays(1 - DefaultPeriod)
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return Effectiveness{}, nil, app.Errorf(app.CodeInvalid, "the period ends (%s) before it starts (%s)", f.To, f.From)
	}
	if today := s.Today(); f.From.After(today) {
		return Effectiveness{}, nil, app.Errorf(app.CodeInvalid, "the period starts (%s) after the report's day (%s): no contact of it has happened yet", f.From, today)
	}
	switch f.Kind {
	case "", app.Consumer, app.Business:
	default:
		return Effectiveness{}, nil, app.Errorf(app.CodeInvalid, "%q is neither a consumer nor a business", f.Kind)
	}
	accs := make([]*EffectAcc, max(1, s.Src.Parts()))
	for i := range accs {
		accs[i] = NewEffectiveness(s.Today(), f)
		if prepare != nil {
			prepare(accs[i])
		}
	}
	err := s.Src.Histories(ctx, Need{Contacts: true, Payments: true, PaymentsFrom: f.From, InvoicesFrom: f.From}, func(part int, h *History) error {
		accs[part].Add(h)
		return nil
	})
	if err != nil {
		return Effectiveness{}, nil, err
	}
	for _, a := range accs[1:] {
		accs[0].Merge(a)
	}
	return accs[0].Report(), accs[0].Behind(), nil
}

// RiskReport is every customer's risk today, highest first, and the customers whose risk rose
// since the first of the month while their debts are not yet old.
type RiskReport struct {
	AsOf       app.Date
	MonthStart app.Date
	Customers  []Risk
	Risers     []Mover
}

// Risk computes the risk report as of today, for every customer.
func (s *Service) Risk(ctx context.Context) (RiskReport, error) {
	today := s.Today()
	start := app.DateOf(time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC), time.UTC)
	rep := RiskReport{AsOf: today, MonthStart: start, Customers: []Risk{}, Risers: []Mover{}}
	parts := make([]RiskReport, max(1, s.Src.Parts()))
	// Invoices paid in full a year before the month began count on neither day.
	need := Need{Promises: true, InvoicesFrom: start.AddDays(-365)}
	err := s.Src.Histories(ctx, need, func(part int, h *History) error {
		p := &parts[part]
		now := ScoreRisk(h, today)
		p.Customers = append(p.Customers, now)
		if before := ScoreRisk(h, start); Rose(before, now) {
			p.Risers = append(p.Risers, Mover{Before: before, Now: now})
		}
		return nil
	})
	if err != nil {
		return RiskReport{}, err
	}
	for _, p := range parts {
		rep.Customers = append(rep.Customers, p.Customers...)
		rep.Risers = append(rep.Risers, p.Risers...)
	}
	sort.SliceStable(rep.Customers, func(i, j int) bool { return rep.Customers[i].Score > rep.Customers[j].Score })
	sort.SliceStable(rep.Risers, func(i, j int) bool {
		a, b := rep.Risers[i], rep.Risers[j]
		return a.Now.Score-a.Before.Score > b.Now.Score-b.Before.Score
	})
	return rep, nil
}
