package app

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestPolicyValidate(t *testing.T) {
	if err := DefaultPolicy().Validate(); err != nil {
		t.Fatal(err)
	}
	bad := map[string]func(*Policy){
		"no stages":      func(p *Policy) { p.Stages = nil },
		"out of order":   func(p *Policy) { p.Stages[2].Days = 5 },
		"same day":       func(p *Policy) { p.Stages[2].Days = p.Stages[1].Days },
		"handoff early":  func(p *Policy) { p.Stages[1].Channel = ChannelHandoff },
		"bad channel":    func(p *Policy) { p.Stages[1].Channel = "pigeon" },
		"duplicate name": func(p *Policy) { p.Stages[2].Name = p.Stages[1].Name },
		"bad fee":        func(p *Policy) { p.Stages[1].Fee = "five" },
		"neg deadline":   func(p *Policy) { p.Stages[3].Deadline = -1 },
	}
	for name, mut := range bad {
		p := DefaultPolicy()
		p.Stages = append([]Stage(nil), p.Stages...)
		mut(&p)
		if err := p.Validate(); err == nil || CodeOf(err) != CodeInvalid {
			t.Errorf("%s accepted: %v", name, err)
		}
	}
}

// walk approves every proposed action day by day and records on which day each stage came.
func walk(t *testing.T, f CaseFile, from, to Date) map[string]Date {
	t.Helper()
	seen := map[string]Date{}
	now := func(d Date) time.Time { return d.Time().Add(10 * time.Hour) }
	for d := from; !d.After(to); d = d.AddDays(1) {
		opts := QueueOptions{AsOf: d, Now: now(d), ShopZone: time.UTC}
		q := BuildQueue([]CaseFile{f}, opts)
		if again := BuildQueue([]CaseFile{f}, opts); !reflect.DeepEqual(q, again) {
			t.Fatalf("%s: the queue differs when built twice", d)
		}
		for _, a := range q.Actions {
			if a.Blocked() {
				continue
			}
			if _, dup := seen[a.StageName]; dup {
				t.Fatalf("%s: %s proposed twice", d, a.StageName)
			}
			seen[a.StageName] = d
			for _, ai := range a.Invoices {
				for i := range f.Invoices {
					if f.Invoices[i].ID == ai.ID {
						f.Invoices[i].Stage, f.Invoices[i].StageOn = ai.Stage, d
					}
				}
			}
			f.RushSince = Date{}
		}
	}
	return seen
}

func caseFile(due string, stage int, stageOn string) CaseFile {
	inv := CaseInvoice{LadderInvoice: LadderInvoice{ID: 1, Number: "INV-1", Due: MustDate(due), Open: 10000, Stage: stage}, Currency: "EUR"}
	if stageOn != "" {
		inv.StageOn = MustDate(stageOn)
	}
	return CaseFile{Customer: Customer{ID: 7, Name: "Zoë Ñúñez", Email: "zoe@example.com", Phone: "+34 600 000 000", TimeZone: "Europe/Madrid"},
		Policy: DefaultPolicy(), Tone: ToneStandard, Invoices: []CaseInvoice{inv}}
}

func TestLadderWalksDayByDay(t *testing.T) {
	got := walk(t, caseFile("2026-11-10", 0, ""), MustDate("2026-11-01"), MustDate("2027-02-01"))
	want := map[string]string{"courtesy note": "2026-11-07", "reminder 1": "2026-11-17", "reminder 2": "2026-12-01", "final demand": "2026-12-15", "hand-off proposal": "2027-01-05"}
	for stage, day := range want {
		if got[stage].String() != day {
			t.Errorf("%s on %s, want %s", stage, got[stage], day)
		}
	}
}

func TestLateJoinerClimbsOneStageAtATime(t *testing.T) {
	got := walk(t, caseFile("2026-10-01", 0, ""), MustDate("2026-11-22"), MustDate("2027-02-01"))
	want := map[string]string{"reminder 1": "2026-11-22", "reminder 2": "2026-12-06", "final demand": "2026-12-20", "hand-off proposal": "2027-01-10"}
	if _, ok := got["courtesy note"]; ok {
		t.Error("a courtesy note was proposed for an overdue invoice")
	}
	for stage, day := range want {
		if got[stage].String() != day {
			t.Errorf("%s on %s, want %s", stage, got[stage], day)
		}
	}
}

func TestHoldsAndGuards(t *testing.T) {
	asOf := MustDate("2026-11-22")
	opts := QueueOptions{AsOf: asOf, Now: asOf.Time().Add(12 * time.Hour), ShopZone: time.UTC, LimitationYears: 3}
	guards := func(f CaseFile) []Guard {
		q := BuildQueue([]CaseFile{f}, opts)
		if len(q.Actions) != 1 {
			t.Fatalf("%d actions", len(q.Actions))
		}
		return q.Actions[0].Guards
	}
	has := func(gs []Guard, name string, blocking bool) bool {
		for _, g := range gs {
			if g.Guard == name && g.Blocking == blocking && g.Reason != "" {
				return true
			}
		}
		return false
	}
	base := caseFile("2026-11-01", 0, "")
	if gs := guards(base); len(gs) != 0 {
		t.Fatalf("plain case guarded: %+v", gs)
	}
	for _, flag := range []string{FlagCease, FlagAttorney, FlagBankruptcy, FlagDeceased} {
		f := caseFile("2026-11-01", 0, "")
		f.Customer.Flags = []string{flag}
		if !has(guards(f), flag, true) {
			t.Errorf("flag %s does not block", flag)
		}
	}
	f := caseFile("2026-11-01", 0, "")
	f.HoldUntil, f.HoldReason = MustDate("2026-11-30"), "on holiday"
	if gs := guards(f); !has(gs, "hold", true) || gs[0].Until != "2026-12-01" {
		t.Errorf("hold: %+v", gs)
	}
	f = caseFile("2026-11-01", 0, "")
	f.Promise = &Promise{Amount: 5000, Currency: "EUR", Due: MustDate("2026-11-25"), Grace: 3, State: PromiseOpen}
	if gs := guards(f); !has(gs, "promise", true) || gs[0].Until != "2026-11-29" {
		t.Errorf("promise: %+v", gs)
	}
	f.Promise.Due = MustDate("2026-11-10") // past due + grace: no longer holds
	if gs := guards(f); has(gs, "promise", true) {
		t.Errorf("expired promise still holds: %+v", gs)
	}
	f = caseFile("2026-11-01", 0, "")
	f.Invoices[0].Disputed = true
	if gs := guards(f); !has(gs, "dispute", true) {
		t.Errorf("dispute: %+v", gs)
	}
	f = caseFile("2026-11-01", 0, "")
	f.Invoices = append(f.Invoices, CaseInvoice{LadderInvoice: LadderInvoice{ID: 2, Number: "INV-2", Due: MustDate("2026-11-02"), Open: 500}, Currency: "EUR", InPlan: true})
	q := BuildQueue([]CaseFile{f}, opts)
	if a := q.Actions[0]; a.Blocked() || len(a.Invoices) != 1 || !strings.Contains(strings.Join(a.Reasons, ";"), "payment plan") {
		t.Errorf("plan invoice not left out: %+v", a)
	}
	f = caseFile("2022-01-01", 0, "")
	if gs := guards(f); !has(gs, "time-barred", false) {
		t.Errorf("time-barred: %+v", gs)
	}
}

func TestTimeWindowGuardsEmailsAndCallsNotLetters(t *testing.T) {
	f := caseFile("2026-11-24", 0, "") // the courtesy note is an email, due 2026-11-21
	f.Customer.TimeZone = "America/New_York"
	asOf := MustDate("2026-11-22")
	night := time.Date(2026, 11, 22, 6, 30, 0, 0, time.UTC) // 01:30 in New York
	q := BuildQueue([]CaseFile{f}, QueueOptions{AsOf: asOf, Now: night})
	a := q.Actions[0]
	if a.Channel != ChannelEmail || !a.Blocked() || a.Guards[0].Guard != "time-window" || a.Guards[0].Until != "2026-11-22T08:00-05:00" {
		t.Fatalf("email at night: %+v", a)
	}
	day := time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC) // 10:00 in New York
	if q := BuildQueue([]CaseFile{f}, QueueOptions{AsOf: asOf, Now: day}); q.Actions[0].Blocked() {
		t.Fatalf("email in the day blocked: %+v", q.Actions[0].Guards)
	}
	letter := caseFile("2026-11-01", 0, "")
	letter.Customer.TimeZone = "America/New_York"
	if q := BuildQueue([]CaseFile{letter}, QueueOptions{AsOf: asOf, Now: night}); q.Actions[0].Blocked() {
		t.Fatalf("a letter was held by the time of day: %+v", q.Actions[0].Guards)
	}
}

func TestCallFrequencyGuard(t *testing.T) {
	f := caseFile("2026-10-01", 2, "2026-10-08") // reminder 1 sent
	f.Policy.Stages = append([]Stage(nil), f.Policy.Stages...)
	f.Policy.Stages[2].Channel = ChannelCall // reminder 2 becomes a call
	f.Customer.TimeZone = "UTC"
	asOf := MustDate("2026-11-22")
	now := asOf.Time().Add(12 * time.Hour)
	opts := QueueOptions{AsOf: asOf, Now: now}
	for i := 1; i <= 6; i++ {
		f.Calls = append(f.Calls, Call{At: now.Add(-time.Duration(i) * 20 * time.Hour), Outcome: CallNoAnswer})
	}
	f.Calls = append(f.Calls, Call{At: now.Add(-time.Hour), Outcome: CallPromise, Inbound: true}) // the customer called: not an attempt
	q := BuildQueue([]CaseFile{f}, opts)
	a := q.Actions[0]
	if a.Channel != ChannelCall || a.Phone == "" || a.Script == "" || a.LocalTime == "" {
		t.Fatalf("call task: %+v", a)
	}
	// Six attempts do not block, but the inbound conversation an hour ago does, for 7 days.
	if len(a.Guards) != 1 || !strings.Contains(a.Guards[0].Reason, "spoke") {
		t.Fatalf("guards %+v", a.Guards)
	}
	f.Calls[len(f.Calls)-1].Outcome = CallNoAnswer
	if q := BuildQueue([]CaseFile{f}, opts); q.Actions[0].Blocked() {
		t.Fatalf("six attempts and an inbound call blocked: %+v", q.Actions[0].Guards)
	}
	f.Calls = append(f.Calls, Call{At: now.Add(-2 * time.Hour), Outcome: CallLeftMessage})
	q = BuildQueue([]CaseFile{f}, opts)
	if g := q.Actions[0].Guards; len(g) != 1 || g[0].Guard != "call-frequency" || !strings.Contains(g[0].Reason, "7 calls") {
		t.Fatalf("seven attempts: %+v", g)
	}
}

func TestBrokenPromiseRushesTheNextStage(t *testing.T) {
	f := caseFile("2026-11-10", 2, "2026-11-17") // reminder 1 sent on 11-17; reminder 2 normally on 12-01
	asOf := MustDate("2026-11-25")
	opts := QueueOptions{AsOf: asOf, Now: asOf.Time().Add(12 * time.Hour), ShopZone: time.UTC}
	if q := BuildQueue([]CaseFile{f}, opts); len(q.Actions) != 0 {
		t.Fatalf("reminder 2 early: %+v", q.Actions)
	}
	f.RushSince = MustDate("2026-11-24")
	q := BuildQueue([]CaseFile{f}, opts)
	if len(q.Actions) != 1 || q.Actions[0].StageName != "reminder 2" {
		t.Fatalf("after a broken promise: %+v", q.Actions)
	}
}

func TestOneActionPerCustomerAtTheMostAdvancedStage(t *testing.T) {
	f := caseFile("2026-10-01", 3, "2026-11-05") // reminder 2 reached; final demand due 2026-11-19
	f.Invoices = append(f.Invoices, CaseInvoice{LadderInvoice: LadderInvoice{ID: 2, Number: "INV-2", Due: MustDate("2026-11-10"), Open: 2500}, Currency: "EUR"})
	f.Invoices = append(f.Invoices, CaseInvoice{LadderInvoice: LadderInvoice{ID: 3, Number: "INV-3", Due: MustDate("2026-12-30"), Open: 999}, Currency: "EUR"}) // not yet due for anything
	asOf := MustDate("2026-11-22")
	q := BuildQueue([]CaseFile{f}, QueueOptions{AsOf: asOf, Now: asOf.Time().Add(12 * time.Hour), ShopZone: time.UTC})
	if len(q.Actions) != 1 {
		t.Fatalf("%d actions", len(q.Actions))
	}
	a := q.Actions[0]
	if a.StageName != "final demand" || len(a.Invoices) != 2 || a.Amount != 12500 || a.Deadline.String() != "2026-12-06" {
		t.Fatalf("action %+v", a)
	}
	if a.Invoices[0].Stage != 4 || a.Invoices[1].Stage != 2 {
		t.Fatalf("each invoice moves to its own next stage: %+v", a.Invoices)
	}
}

func TestChannelFallsBackToLetter(t *testing.T) {
	f := caseFile("2026-11-24", 0, "")
	f.Customer.Email = ""
	asOf := MustDate("2026-11-22")
	q := BuildQueue([]CaseFile{f}, QueueOptions{AsOf: asOf, Now: asOf.Time().Add(12 * time.Hour)})
	if a := q.Actions[0]; a.Channel != ChannelLetter || !strings.Contains(strings.Join(a.Reasons, ";"), "no email") {
		t.Fatalf("%+v", a)
	}
}

func TestToneRule(t *testing.T) {
	asOf := MustDate("2026-11-22")
	cases := []struct {
		override Tone
		s        ToneStats
		want     Tone
	}{
		{"", ToneStats{Since: MustDate("2020-01-01"), PaidInvoices: 10, PaidOnTime: 9}, ToneGentle},
		{"", ToneStats{Since: MustDate("2020-01-01"), PaidInvoices: 10, PaidOnTime: 5}, ToneStandard},
		{"", ToneStats{Since: MustDate("2026-01-01"), PaidInvoices: 10, PaidOnTime: 10}, ToneStandard},
		{"", ToneStats{Since: MustDate("2020-01-01"), PaidInvoices: 10, PaidOnTime: 10, BrokenPromises: 1}, ToneFirm},
		{ToneGentle, ToneStats{BrokenPromises: 3}, ToneGentle},
	}
	for _, c := range cases {
		if got, reason := ToneFor(c.override, c.s, asOf); got != c.want || reason == "" {
			t.Errorf("%+v: %s (%s), want %s", c.s, got, reason, c.want)
		}
	}
}

func TestPlanSchedule(t *testing.T) {
	terms := PlanTerms{Currency: "EUR", Total: 10000, DownPayment: 1000, Installments: 3, Frequency: Monthly, FirstDue: MustDate("2026-01-31")}
	s, err := terms.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	want := []Installment{{0, MustDate("2026-01-31"), 1000}, {1, MustDate("2026-02-28"), 3000}, {2, MustDate("2026-03-31"), 3000}, {3, MustDate("2026-04-30"), 3000}}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("schedule %+v", s)
	}
	terms = PlanTerms{Currency: "EUR", Total: 10000, Installments: 3, Frequency: Fortnightly, FirstDue: MustDate("2026-12-01")}
	s, _ = terms.Schedule()
	if s[0].Amount != 3333 || s[2].Amount != 3334 || s[2].Due.String() != "2026-12-29" {
		t.Fatalf("remainder to the last: %+v", s)
	}
	for _, bad := range []PlanTerms{
		{Total: 10000, Installments: 0, Frequency: Monthly, FirstDue: MustDate("2026-12-01")},
		{Total: 10000, DownPayment: 10000, Installments: 2, Frequency: Monthly, FirstDue: MustDate("2026-12-01")},
		{Total: 10000, DownPayment: 12000, Installments: 2, Frequency: Monthly, FirstDue: MustDate("2026-12-01")},
		{Total: 2, Installments: 3, Frequency: Weekly, FirstDue: MustDate("2026-12-01")},
		{Total: 100, Installments: 2, Frequency: "daily", FirstDue: MustDate("2026-12-01")},
	} {
		if _, err := bad.Schedule(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	plan := Plan{PlanTerms: PlanTerms{Grace: 5}, Schedule: want}
	if st := plan.Standing(4000, MustDate("2026-03-01")); st.Covered != 2 || st.Missed != nil || st.NextAmount != 3000 {
		t.Fatalf("on track %+v", st)
	}
	if st := plan.Standing(4000, MustDate("2026-04-06")); st.Missed == nil || st.Missed.Number != 2 || st.BrokenOn.String() != "2026-04-06" {
		t.Fatalf("missed %+v", st)
	}
	if st := plan.Standing(10000, MustDate("2026-06-01")); !st.Completed {
		t.Fatalf("completed %+v", st)
	}
}

func TestInterestToTheCent(t *testing.T) {
	rates := DefaultRates()
	// Germany, business, 1,000.00 from 2025-06-01 to 2025-07-31: the base rate changes on 1 July.
	// June: 100000 x 11.27 % x 30 / 365 = 926.3014; July: 100000 x 10.27 % x 31 / 365 = 872.2466.
	// Each line is rounded half-up to the cent (9.26 and 8.72) and the total is their sum, 18.98.
	r, ok := Interest(ProfileDE, Business, 0, 100000, MustDate("2025-06-01"), MustDate("2025-07-31"), rates)
	if !ok || r.Total != 1798 || len(r.Parts) != 2 || r.Parts[0].Amount != 926 || r.Parts[1].Amount != 872 || r.Warning != "" {
		t.Fatalf("DE business: %+v", r)
	}
	if r.Parts[0].Rate != 1127 || r.Parts[1].Rate != 1027 || r.Parts[0].Days != 30 || r.Parts[1].Days != 31 {
		t.Fatalf("DE parts: %+v", r.Parts)
	}
	// Germany, consumer: base + 5. 100000 x 6.27 % x 92 / 365 = 1580.38 -> 15.80
	r, ok = Interest(ProfileDE, Consumer, 0, 100000, MustDate("2026-01-01"), MustDate("2026-04-02"), rates)
	if !ok || r.Total != 1580 {
		t.Fatalf("DE consumer: %+v", r)
	}
	// UK, business, due 2025-03-15: the rate of 31 December 2024 (4.75 %) + 8 for the whole debt.
	// 50000 x 12.75 % x 30 / 365 = 523.97 -> 5.24
	r, ok = Interest(ProfileUK, Business, 0, 50000, MustDate("2025-03-16"), MustDate("2025-04-14"), rates)
	if !ok || r.Total != 524 || len(r.Parts) != 1 || r.Parts[0].Rate != 1275 {
		t.Fatalf("UK business: %+v", r)
	}
	// EU, business: the ECB rate of the half-year, 3.15 % to 30 June and 2.15 % from 1 July, + 8.
	// June 21-30: 100000 x 11.15 % x 10 / 365 = 305.48 -> 3.05; July 1-10: 100000 x 10.15 % x 10 / 365 = 278.08 -> 2.78.
	r, ok = Interest(ProfileEU, Business, 0, 100000, MustDate("2025-06-21"), MustDate("2025-07-10"), rates)
	if !ok || r.Total != 583 || r.Warning != "" {
		t.Fatalf("EU business: %+v", r)
	}
	// Consumers in the UK and EU: nothing without an agreed rate; with 5 % agreed:
	// 100000 x 5 % x 73 / 365 = 1000.00 -> 10.00
	if _, ok := Interest(ProfileUK, Consumer, 0, 100000, MustDate("2026-01-01"), MustDate("2026-03-14"), rates); ok {
		t.Fatal("UK consumer charged without an agreed rate")
	}
	r, ok = Interest(ProfileEU, Consumer, 500, 100000, MustDate("2026-01-01"), MustDate("2026-03-14"), rates)
	if !ok || r.Total != 1000 {
		t.Fatalf("agreed rate: %+v", r)
	}
	if _, ok := Interest(ProfileUS, Business, 0, 100000, MustDate("2026-01-01"), MustDate("2026-03-14"), rates); ok {
		t.Fatal("US business charged statutory interest")
	}
}

func TestFixedCompensation(t *testing.T) {
	cases := []struct {
		p    Profile
		kind CustomerKind
		cur  string
		debt int64
		want int64
		ok   bool
	}{
		{ProfileDE, Business, "EUR", 5000, 4000, true},
		{ProfileEU, Business, "EUR", 5000000, 4000, true},
		{ProfileDE, Consumer, "EUR", 5000, 0, false},
		{ProfileUK, Business, "GBP", 99999, 4000, true},
		{ProfileUK, Business, "GBP", 100000, 7000, true},
		{ProfileUK, Business, "GBP", 999999, 7000, true},
		{ProfileUK, Business, "GBP", 1000000, 10000, true},
		{ProfileUS, Business, "USD", 1000000, 0, false},
		{ProfileEU, Business, "USD", 1000, 0, false},
	}
	for _, c := range cases {
		m, ok := FixedCompensation(c.p, c.kind, c.cur, c.debt)
		if ok != c.ok || m.Amount != c.want {
			t.Errorf("%+v: %+v %v", c, m, ok)
		}
	}
}

func TestRateTableValidate(t *testing.T) {
	if err := DefaultRates().Validate(); err != nil {
		t.Fatal(err)
	}
	overlap := DefaultRates()
	overlap.Periods = append(overlap.Periods, RatePeriod{Series: SeriesDEBase, From: MustDate("2026-01-01"), To: MustDate("2026-09-30"), Rate: 100})
	if err := overlap.Validate(); err == nil || !strings.Contains(Sentence(err), "overlap") {
		t.Fatalf("overlap: %v", err)
	}
	// Reference rates may be negative (the German base rate was -0.88 % from 2016 to 2022).
	neg := RateTable{Periods: []RatePeriod{{Series: SeriesDEBase, From: MustDate("2026-07-01"), To: MustDate("2026-12-31"), Rate: -88}}}
	if err := neg.Validate(); err != nil {
		t.Fatalf("negative: %v", err)
	}
	odd := RateTable{Periods: []RatePeriod{{Series: SeriesDEBase, From: MustDate("2026-03-01"), To: MustDate("2026-12-31"), Rate: 100}}}
	if err := odd.Validate(); err == nil || !strings.Contains(Sentence(err), "half-year") {
		t.Fatalf("a half-year rate from March: %v", err)
	}
	if miss := DefaultRates().Missing(MustDate("2026-11-22")); len(miss) != 3 {
		t.Fatalf("missing today: %v (the German and ECB rates are confirmed through 2026-06-30, Bank Rate through 2026-02-05)", miss)
	}
}

func TestOverdueStageLeavesInvoicesNotYetDue(t *testing.T) {
	f := caseFile("2026-10-01", 3, "") // final demand due
	f.Invoices = append(f.Invoices, CaseInvoice{LadderInvoice: LadderInvoice{ID: 2, Number: "INV-2", Due: MustDate("2026-11-25"), Open: 700}, Currency: "EUR"})
	asOf := MustDate("2026-11-22")
	q := BuildQueue([]CaseFile{f}, QueueOptions{AsOf: asOf, Now: asOf.Time().Add(12 * time.Hour), ShopZone: time.UTC})
	a := q.Actions[0]
	if a.StageName != "final demand" || len(a.Invoices) != 1 || a.Amount != 10000 || !strings.Contains(strings.Join(a.Reasons, ";"), "INV-2 is not due yet") {
		t.Fatalf("%+v", a)
	}
}

// DueBy must never leave out an invoice NextStage would propose (without a rush).
func TestDueByIsASupersetOfNextStage(t *testing.T) {
	policies := map[int64]Policy{1: DefaultPolicy(), 2: {Name: "short", Stages: []Stage{{Name: "a", Days: 1, Channel: ChannelEmail}, {Name: "b", Days: 3, Channel: ChannelLetter}}}}
	asOf := MustDate("2026-11-22")
	due := DueBy(policies, asOf)
	if len(due) != 5 {
		t.Fatalf("DueBy %v", due)
	}
	for _, p := range policies {
		for stage := 0; stage <= len(p.Stages); stage++ {
			for offset := -30; offset <= 400; offset++ {
				inv := LadderInvoice{Due: asOf.AddDays(-offset), Stage: stage}
				if _, _, ok := p.NextStage(inv, asOf, false); ok && (stage >= len(due) || inv.Due.After(due[stage])) {
					t.Fatalf("%s: stage %d due %s is proposed but DueBy leaves it out (%v)", p.Name, stage, inv.Due, due)
				}
			}
		}
	}
}

func TestParseTemplate(t *testing.T) {
	good := "Subject: Invoice {invoices}\n\nDear {customer},\npay {total} by {pay_by}.\n{shop}"
	tpl, err := ParseTemplate(good)
	if err != nil {
		t.Fatal(err)
	}
	subj, body := tpl.Fill(map[string]string{"invoices": "A-1", "customer": "Zoë", "total": "EUR 5.00", "pay_by": "2026-12-01", "shop": "Shop"})
	if subj != "Invoice A-1" || !strings.Contains(body, "Dear Zoë,") || strings.Contains(body, "{") {
		t.Fatalf("%q %q", subj, body)
	}
	cases := map[string]string{
		"Dear {customer}":                    "line 1",
		"Subject: x\n\nDear {custumer}":      "line 3: {custumer} is not a field",
		"Subject: x\n\nPay {total by Friday": "line 3: a \"{\" is not closed",
		"Subject: x\n\nPay total} by Friday": "line 3: a \"}\" has no",
		"Subject: \n\nbody":                  "the subject is empty",
		"Subject: x\n\n":                     "no text",
	}
	for in, want := range cases {
		if _, err := ParseTemplate(in); err == nil || !strings.Contains(Sentence(err), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

func FuzzParseTemplate(f *testing.F) {
	for _, s := range []string{"Subject: x\n\nbody {customer}", "Subject: {total\n\nx", "}{", "Subject: a\n\n{{shop}}", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tpl, err := ParseTemplate(s)
		if err != nil {
			if CodeOf(err) != CodeInvalid || !strings.Contains(Sentence(err), "line") && !strings.Contains(Sentence(err), "too long") {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		values := map[string]string{}
		for _, k := range FieldNames() {
			values[k] = "v"
		}
		subj, body := tpl.Fill(values)
		if strings.ContainsAny(subj+body, "{}") && !strings.ContainsAny(s, "{}") {
			t.Fatalf("braces appeared from nowhere: %q", s)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-02-30", "31.12.2026", "1/2/26", "2026-1-1", "99/99/9999"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, dmy bool) {
		order := OrderMDY
		if dmy {
			order = OrderDMY
		}
		d, err := ParseDate(s, order)
		if err != nil {
			if CodeOf(err) != CodeInvalid {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if back, err := ParseISODate(d.String()); err != nil || back != d {
			t.Fatalf("%q -> %s does not read back", s, d)
		}
	})
}
