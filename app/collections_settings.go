package app

import (
	"fmt"
	"strings"
)

// SaveLadder checks and stores a ladder.
func (c *Collections) SaveLadder(p Policy) (Policy, error) {
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := c.CS.SavePolicy(&p, c.event(0, "settings", "Ladder saved: "+p.Name, p))
	return p, err
}

// SaveSettings checks and stores the collection settings.
func (c *Collections) SaveSettings(s CollectionSettings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return c.CS.SaveCollectionSettings(s, c.event(0, "settings", fmt.Sprintf("Collection settings saved: profile %s", s.Profile), s))
}

// SaveRates checks and stores the rate table.
func (c *Collections) SaveRates(t RateTable) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return c.CS.SaveRates(t, c.event(0, "settings", fmt.Sprintf("Rate table saved (%d rates)", len(t.Periods)), nil))
}

// ParseRate reads a rate in percent ("1.27", "-0.88", "1,27 %") as basis points.
func ParseRate(s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	nf := FormatDot
	if strings.Contains(s, ",") && !strings.Contains(s, ".") {
		nf = FormatComma
	}
	bp, err := ParseAmount(s, Currency{Code: "%", Exponent: 2}, nf)
	if err != nil {
		return 0, Errorf(CodeInvalid, "%q is not a rate in percent (for example 1.27 or -0.88)", s)
	}
	return bp, nil
}

// AddRate adds a reference rate from a day (a half-year rate for its half-year) as a new,
// versioned entry; the table becomes confirmed through it.
func (c *Collections) AddRate(series string, from Date, rate int64) (RateTable, error) {
	series, err := ParseSeries(series)
	if err != nil {
		return RateTable{}, err
	}
	t, err := c.CS.Rates()
	if err != nil {
		return t, err
	}
	nt, err := t.WithRate(series, from, rate)
	if err != nil {
		return t, err
	}
	err = c.CS.SaveRates(nt, c.event(0, "settings", fmt.Sprintf("Rate added: %s %s from %s; confirmed through %s", series, pct(rate), from, nt.ConfirmedThrough(series)), nil))
	if err != nil {
		return t, err
	}
	return c.CS.Rates()
}

// ConfirmRate records that a series' rate is known, unchanged, through a day.
func (c *Collections) ConfirmRate(series string, through Date) (RateTable, error) {
	series, err := ParseSeries(series)
	if err != nil {
		return RateTable{}, err
	}
	t, err := c.CS.Rates()
	if err != nil {
		return t, err
	}
	if through.Before(t.ConfirmedThrough(series)) {
		return t, Errorf(CodeInvalid, "the %s table is already confirmed through %s", series, t.ConfirmedThrough(series))
	}
	nt, err := t.Held(series, through)
	if err != nil {
		return t, err
	}
	if err := c.CS.SaveRates(nt, c.event(0, "settings", fmt.Sprintf("Rate table %s confirmed through %s", series, through), nil)); err != nil {
		return t, err
	}
	return c.CS.Rates()
}

// RateWarnings says which reference rates no entry of the table covers today.
func (c *Collections) RateWarnings() ([]string, error) {
	t, err := c.CS.Rates()
	if err != nil {
		return nil, err
	}
	s, err := c.CS.CollectionSettings()
	if err != nil {
		return nil, err
	}
	return rateWarnings(t, s.Profile, c.Today()), nil
}

// rateWarnings says which reference rates the table is not confirmed for on a day, for the
// profiles that need them: interest that needs them is not charged until the owner adds them.
func rateWarnings(t RateTable, p Profile, on Date) []string {
	var out []string
	for _, s := range t.Missing(on) {
		if !profileUses(p, s) {
			continue
		}
		out = append(out, fmt.Sprintf("the %s table (%s) is confirmed only through %s: interest for later days is not charged until you add the rate (Settings, Rates)",
			s, RateLabel(s), t.ConfirmedThrough(s)))
	}
	return out
}

// profileUses tells whether a profile's interest rules need a rate series.
func profileUses(p Profile, series string) bool {
	switch p {
	case ProfileDE:
		return series == SeriesDEBase
	case ProfileEU:
		return series == SeriesECB
	case ProfileUK:
		return series == SeriesBoE
	}
	return false
}

// Ladders lists the collection ladders, the default first.
func (c *Collections) Ladders() ([]Policy, error) { return c.CS.Policies() }

// Settings returns the collection settings.
func (c *Collections) Settings() (CollectionSettings, error) { return c.CS.CollectionSettings() }

// Rates returns the rate table.
func (c *Collections) Rates() (RateTable, error) { return c.CS.Rates() }

// SetLadder gives a customer another ladder (0: the default).
func (c *Collections) SetLadder(customerID, policyID int64) error {
	name := "the default ladder"
	ps, err := c.CS.Policies()
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.ID == policyID {
			name = "ladder " + p.Name
		}
	}
	return c.CS.SetCustomerPolicy(customerID, policyID, c.event(customerID, "ladder", "Collections follow "+name, nil))
}
