package app

import (
	"fmt"
	"strings"
)

// Channel is how a stage reaches the customer.
type Channel string

const (
	ChannelLetter  Channel = "letter"
	ChannelEmail   Channel = "email"
	ChannelBoth    Channel = "both"
	ChannelCall    Channel = "call"
	ChannelHandoff Channel = "handoff" // a proposal to hand the debt to an agency or attorney
)

// ParseChannel reads a channel name.
func ParseChannel(s string) (Channel, error) {
	switch c := Channel(strings.ToLower(strings.TrimSpace(s))); c {
	case ChannelLetter, ChannelEmail, ChannelBoth, ChannelCall, ChannelHandoff:
		return c, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a channel; use letter, email, both, call or handoff", s)
}

// Tone is how firmly a message is worded.
type Tone string

const (
	ToneGentle   Tone = "gentle"
	ToneStandard Tone = "standard"
	ToneFirm     Tone = "firm"
)

// ParseTone reads a tone; "" means "let the rule decide".
func ParseTone(s string) (Tone, error) {
	switch t := Tone(strings.ToLower(strings.TrimSpace(s))); t {
	case "", ToneGentle, ToneStandard, ToneFirm:
		return t, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a tone; use gentle, standard or firm", s)
}

// Stage is one rung of the collection ladder.
type Stage struct {
	Name     string  `json:"name"`
	Days     int     `json:"days"`     // relative to the due date; negative is before it
	Channel  Channel `json:"channel"`  // letter, email, both, call or handoff
	Template string  `json:"template"` // the letter or email template of the stage
	Fee      string  `json:"fee"`      // reminder fee in the invoice's currency ("5.00"), "" for none
	Deadline int     `json:"deadline"` // days the customer is given to pay (final demand), 0 for none
}

// Final tells the final demand: the stage that sets a deadline.
func (s Stage) Final() bool { return s.Deadline > 0 }

// Policy is an ordered collection ladder. Stage numbers are 1-based: an invoice at stage 0 has
// had no contact yet.
type Policy struct {
	ID     int64   `json:"id"`
	Name   string  `json:"name"`
	Stages []Stage `json:"stages"`
}

// DefaultPolicy is the ladder a new shop starts with.
func DefaultPolicy() Policy {
	return Policy{Name: "Standard", Stages: []Stage{
		{Name: "courtesy note", Days: -3, Channel: ChannelEmail, Template: "courtesy"},
		{Name: "reminder 1", Days: 7, Channel: ChannelLetter, Template: "reminder1"},
		{Name: "reminder 2", Days: 21, Channel: ChannelLetter, Template: "reminder2"},
		{Name: "final demand", Days: 35, Channel: ChannelLetter, Template: "final", Deadline: 14},
		{Name: "hand-off proposal", Days: 56, Channel: ChannelHandoff, Template: "handoff"},
	}}
}

// Validate refuses a ladder that cannot be walked: no stages, stages out of order or on the same
// day, a hand-off that is not last, unknown channels, negative deadlines, bad fees.
func (p Policy) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return Errorf(CodeInvalid, "the ladder needs a name")
	}
	if len(p.Stages) == 0 {
		return Errorf(CodeInvalid, "the ladder needs at least one stage")
	}
	if len(p.Stages) > 20 {
		return Errorf(CodeInvalid, "a ladder of more than 20 stages is not a ladder a customer should climb")
	}
	names := map[string]bool{}
	for i, s := range p.Stages {
		n := i + 1
		if strings.TrimSpace(s.Name) == "" {
			return Errorf(CodeInvalid, "stage %d needs a name", n)
		}
		if names[strings.ToLower(s.Name)] {
			return Errorf(CodeInvalid, "two stages are called %q", s.Name)
		}
		names[strings.ToLower(s.Name)] = true
		if _, err := ParseChannel(string(s.Channel)); err != nil {
			return Errorf(CodeInvalid, "stage %q: %s", s.Name, Sentence(err))
		}
		if i > 0 && s.Days <= p.Stages[i-1].Days {
			if s.Days == p.Stages[i-1].Days {
				return Errorf(CodeInvalid, "stages %q and %q fall on the same day (%+d); each stage needs its own day", p.Stages[i-1].Name, s.Name, s.Days)
			}
			return Errorf(CodeInvalid, "stage %q (%+d days) comes before %q (%+d days); put the stages in order of their days", s.Name, s.Days, p.Stages[i-1].Name, p.Stages[i-1].Days)
		}
		if s.Days < -60 || s.Days > 3650 {
			return Errorf(CodeInvalid, "stage %q is %d days from the due date; use -60 to 3650", s.Name, s.Days)
		}
		if s.Channel == ChannelHandoff && i != len(p.Stages)-1 {
			return Errorf(CodeInvalid, "the hand-off (%q) must be the last stage", s.Name)
		}
		if s.Deadline < 0 || s.Deadline > 365 {
			return Errorf(CodeInvalid, "stage %q has a deadline of %d days; use 0 to 365", s.Name, s.Deadline)
		}
		if s.Fee != "" {
			v, err := ParseAmount(s.Fee, Currency{Code: "fee", Exponent: 2}, FormatDot)
			if err != nil || v < 0 {
				return Errorf(CodeInvalid, "stage %q: the fee %q is not an amount such as 5.00", s.Name, s.Fee)
			}
		}
	}
	return nil
}

// FinalStage returns the number of the final-demand stage, or of the last stage before a
// hand-off when the ladder has no deadline stage.
func (p Policy) FinalStage() int {
	for i, s := range p.Stages {
		if s.Final() {
			return i + 1
		}
	}
	n := len(p.Stages)
	if n > 1 && p.Stages[n-1].Channel == ChannelHandoff {
		return n - 1
	}
	return n
}

// StageName names stage n (1-based), or "no contact yet".
func (p Policy) StageName(n int) string {
	if n <= 0 || n > len(p.Stages) {
		return "no contact yet"
	}
	return p.Stages[n-1].Name
}

// LadderInvoice is an invoice as the ladder sees it.
type LadderInvoice struct {
	ID      int64
	Number  string
	Due     Date
	Open    int64
	Stage   int  // the last stage reached (0: none)
	StageOn Date // when it was reached
}

// NextStage tells which stage comes next for an invoice on asOf and from when it is due. A
// courtesy note (a stage before the due date) is passed over once the invoice is overdue. The
// next stage also waits, after the last one, as long as the ladder puts between them, so an
// invoice that joins late is not rushed up the ladder; rush (after a broken promise or plan)
// lifts both waits.
func (p Policy) NextStage(inv LadderInvoice, asOf Date, rush bool) (stage int, from Date, ok bool) {
	n := inv.Stage + 1
	overdue := asOf.DaysSince(inv.Due)
	for n <= len(p.Stages) && p.Stages[n-1].Days <= 0 && overdue > 0 && p.Stages[n-1].Channel != ChannelHandoff {
		n++
	}
	if n > len(p.Stages) {
		return 0, Date{}, false
	}
	st := p.Stages[n-1]
	from = inv.Due.AddDays(st.Days)
	if inv.Stage > 0 && inv.Stage <= len(p.Stages) && !inv.StageOn.IsZero() {
		if after := inv.StageOn.AddDays(st.Days - p.Stages[inv.Stage-1].Days); after.After(from) {
			from = after
		}
	}
	if rush && from.After(asOf) && overdue > 0 {
		from = asOf
	}
	return n, from, !from.After(asOf)
}

// Describe writes the stage for people: "reminder 1 (7 days after the due date, letter)".
func (s Stage) Describe() string {
	when := fmt.Sprintf("%d days after the due date", s.Days)
	switch {
	case s.Days < 0:
		when = fmt.Sprintf("%d days before the due date", -s.Days)
	case s.Days == 0:
		when = "on the due date"
	}
	return fmt.Sprintf("%s (%s, %s)", s.Name, when, s.Channel)
}
