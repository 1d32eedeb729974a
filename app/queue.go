package app

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Customer flags that stop or limit contact.
const (
	FlagCease        = "cease"         // asked in writing to stop contact, or refused to pay
	FlagAttorney     = "attorney"      // represented by an attorney: contact the attorney only
	FlagBankruptcy   = "bankruptcy"    // all collection stops
	FlagDeceased     = "deceased"      // no contact; the estate is handled apart
	FlagContractFees = "contract-fees" // the contract allows reminder fees and interest
)

// HasFlag tells whether the customer carries flag.
func (c Customer) HasFlag(flag string) bool {
	for _, f := range c.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// PromiseState is where a promise to pay stands.
type PromiseState string

const (
	PromiseOpen   PromiseState = "open"
	PromiseKept   PromiseState = "kept"
	PromiseBroken PromiseState = "broken"
)

// Promise is a customer's promise to pay an amount by a date.
type Promise struct {
	ID         int64
	CustomerID int64
	Amount     int64
	Currency   string
	MadeOn     Date
	Due        Date
	Grace      int // days after Due before the promise counts as broken
	State      PromiseState
	SettledOn  Date
	Note       string
}

// Until is the last day the ladder waits for the promise.
func (p Promise) Until() Date { return p.Due.AddDays(p.Grace) }

// CallOutcome is what came of a call.
type CallOutcome string

const (
	CallNoAnswer    CallOutcome = "no answer"
	CallLeftMessage CallOutcome = "left message"
	CallPromise     CallOutcome = "promise"
	CallDispute     CallOutcome = "dispute"
	CallWrongNumber CallOutcome = "wrong number"
	CallPaid        CallOutcome = "paid"
)

// CallOutcomes lists the outcome buttons of a call task.
var CallOutcomes = []CallOutcome{CallNoAnswer, CallLeftMessage, CallPromise, CallDispute, CallWrongNumber, CallPaid}

// Conversation tells whether the shop spoke with the customer.
func (o CallOutcome) Conversation() bool {
	return o == CallPromise || o == CallDispute || o == CallPaid
}

// Call is one telephone call about the customer's debt.
type Call struct {
	ID         int64
	CustomerID int64
	At         time.Time
	Outcome    CallOutcome
	Inbound    bool // the customer called the shop; does not count toward the frequency limit
	Note       string
}

// CaseInvoice is an open invoice in a customer's case file.
type CaseInvoice struct {
	LadderInvoice
	Issue         Date
	Amount        int64
	Term          DefaultTerm // when a German consumer falls into default ("" follows the profile)
	FirstReminder Date        // the first overdue reminder approved for it
	PlanUntil     Date        // in a plan: its last installment's day
	Currency      string
	LastPaid      Date // the last payment on it: the limitation period runs from here or the due date
	Disputed      bool
	InPlan        bool
	HandedOff     bool
}

// CaseFile is everything the queue needs to know of one customer.
type CaseFile struct {
	Customer    Customer
	Policy      Policy
	Tone        Tone
	ToneReason  string
	Invoices    []CaseInvoice
	HoldUntil   Date
	HoldReason  string
	Promise     *Promise // the open promise, if any
	RushSince   Date     // a promise or plan was broken: the next stage comes at once
	Calls       []Call   // recent calls
	LastPayment Date
}

// QueueOptions are the day's settings for building the queue.
type QueueOptions struct {
	AsOf            Date
	Now             time.Time      // for the time-of-day window
	ShopZone        *time.Location // for customers without a time zone
	LimitationYears int            // 0: no time-bar warning
	WindowFrom      int            // first hour contact is allowed (default 8)
	WindowTo        int            // hour from which contact is not allowed (default 21)
}

// Guard is a reason an action must not, or not yet, be taken, or a warning about how.
type Guard struct {
	Guard    string `json:"guard"`
	Reason   string `json:"reason"`
	Until    string `json:"until,omitempty"`
	Blocking bool   `json:"-"`
}

// ActionInvoice is an invoice an action names (or holds), and the stage it moves to.
type ActionInvoice struct {
	ID       int64
	Number   string
	Open     int64
	Stage    int
	Due      Date
	LastPaid Date
}

// Action is one proposed contact with one customer about their invoices in one currency.
type Action struct {
	CustomerID    int64
	Customer      string
	Stage         int
	StageName     string
	Channel       Channel
	Tone          Tone
	Currency      string
	Amount        int64 // what the letter demands: Principal, the charges owed and the charges it adds
	Principal     int64
	Invoices      []ActionInvoice
	OpenCharges   []Charge // charges already owed that the letter claims again
	Charges       []Charge // charges approving it adds
	Notes         []string // what the charges left out and why (set-off, missing rates)
	Reminder      bool     // an overdue reminder: the first one puts a German consumer in default
	Reasons       []string
	Guards        []Guard
	NoLegalThreat bool
	Phone         string
	LocalTime     string
	Script        string
	Deadline      Date // for a final demand: pay by this day
	// Thanks, on a thank-you note (stage StageThanks), is what it thanks for; nil on the ladder.
	Thanks *ThanksFor
}

// Blocked tells whether a guard stops the action today.
func (a Action) Blocked() bool {
	for _, g := range a.Guards {
		if g.Blocking {
			return true
		}
	}
	return false
}

// Key identifies an action within a day: the same customer, currency and stage.
func (a Action) Key() string { return fmt.Sprintf("%d/%s/%d", a.CustomerID, a.Currency, a.Stage) }

// Queue is the day's proposed actions.
type Queue struct {
	AsOf     Date
	Actions  []Action
	Warnings []string // what the owner should know before approving (a rate table not confirmed)
}

var channelOrder = map[Channel]int{ChannelLetter: 0, ChannelEmail: 1, ChannelBoth: 2, ChannelCall: 3, ChannelHandoff: 4}

// BuildQueue proposes, for the day, one action per customer and currency: the stage the most
// advanced of their due invoices has reached, naming all of them. It is a pure function of the
// case files, so building it twice proposes the same; approving an action changes the files.
func BuildQueue(files []CaseFile, opts QueueOptions) Queue {
	if opts.WindowTo == 0 {
		opts.WindowFrom, opts.WindowTo = 8, 21
	}
	if opts.ShopZone == nil {
		opts.ShopZone = time.Local
	}
	q := Queue{AsOf: opts.AsOf}
	for _, f := range files {
		q.Actions = append(q.Actions, actionsFor(f, opts)...)
	}
	sort.SliceStable(q.Actions, func(i, j int) bool {
		a, b := q.Actions[i], q.Actions[j]
		if channelOrder[a.Channel] != channelOrder[b.Channel] {
			return channelOrder[a.Channel] < channelOrder[b.Channel]
		}
		if a.Customer != b.Customer {
			return a.Customer < b.Customer
		}
		return a.Currency < b.Currency
	})
	return q
}

func actionsFor(f CaseFile, opts QueueOptions) []Action {
	byCur := map[string][]CaseInvoice{}
	var curs []string
	for _, inv := range f.Invoices {
		if inv.Open <= 0 || inv.HandedOff {
			continue
		}
		if _, ok := byCur[inv.Currency]; !ok {
			curs = append(curs, inv.Currency)
		}
		byCur[inv.Currency] = append(byCur[inv.Currency], inv)
	}
	sort.Strings(curs)
	rush := !f.RushSince.IsZero()
	var out []Action
	for _, cur := range curs {
		a := Action{CustomerID: f.Customer.ID, Customer: f.Customer.Name, Currency: cur, Tone: f.Tone}
		var held []Guard
		var heldInv []ActionInvoice
		for _, inv := range byCur[cur] {
			r := rush && !inv.StageOn.After(f.RushSince)
			stage, _, due := f.Policy.NextStage(inv.LadderInvoice, opts.AsOf, r)
			if !due {
				continue
			}
			ai := ActionInvoice{ID: inv.ID, Number: inv.Number, Open: inv.Open, Stage: stage, Due: inv.Due, LastPaid: inv.LastPaid}
			if g, ok := invoiceHold(inv); ok {
				held = append(held, g)
				ai.Stage = inv.Stage
				heldInv = append(heldInv, ai)
				continue
			}
			a.Invoices = append(a.Invoices, ai)
			a.Amount += inv.Open
			if stage > a.Stage {
				a.Stage = stage
			}
		}
		if len(a.Invoices) == 0 {
			if len(held) == 0 {
				continue
			}
			// Everything due is held: the customer is shown apart, naming the invoices held,
			// what they owe, the guard and until when.
			a.Invoices, a.Guards = heldInv, held
			for _, inv := range heldInv {
				a.Amount += inv.Open
			}
			a.StageName = "on hold"
			a.Channel = ChannelLetter
			a.Reasons = append(a.Reasons, fmt.Sprintf("%s held: nothing is sent while the hold lasts", Plural(len(heldInv), "invoice is", "invoices are")))
			out = append(out, a)
			continue
		}
		st := f.Policy.Stages[a.Stage-1]
		if st.Days > 0 {
			// An overdue stage never names an invoice that is not overdue: that one waits for
			// its own courtesy note another day, since a customer hears once a day.
			var kept []ActionInvoice
			a.Amount = 0
			for _, inv := range a.Invoices {
				if opts.AsOf.After(inv.Due) {
					kept = append(kept, inv)
					a.Amount += inv.Open
				} else {
					held = append(held, Guard{Reason: fmt.Sprintf("invoice %s is not due yet and waits for later", inv.Number)})
				}
			}
			a.Invoices = kept
		}
		a.StageName = st.Name
		a.Channel = st.Channel
		a.describe(f, st, opts, rush)
		a.Reminder = st.Days > 0 && (a.Channel == ChannelLetter || a.Channel == ChannelEmail || a.Channel == ChannelBoth)
		for _, h := range held {
			a.Reasons = append(a.Reasons, "left out: "+h.Reason)
		}
		a.Guards = append(a.Guards, customerGuards(f, a, opts)...)
		for _, g := range a.Guards {
			a.NoLegalThreat = a.NoLegalThreat || g.Guard == "time-barred"
		}
		out = append(out, a)
	}
	return out
}

// invoiceHold is the guard that keeps an invoice off the ladder, if any: a dispute until it is
// resolved, a payment plan while it runs.
func invoiceHold(inv CaseInvoice) (Guard, bool) {
	cur := MustCurrency(inv.Currency)
	owed := inv.Currency + " " + Decimal(inv.Open, cur)
	switch {
	case inv.Disputed:
		return Guard{Guard: "dispute", Blocking: true, Until: "the dispute is resolved",
			Reason: fmt.Sprintf("invoice %s (%s open) is disputed and stays off the ladder until the dispute is resolved", inv.Number, owed)}, true
	case inv.InPlan:
		g := Guard{Guard: "plan", Blocking: true, Until: "the plan ends",
			Reason: fmt.Sprintf("invoice %s (%s open) is in an active payment plan", inv.Number, owed)}
		if !inv.PlanUntil.IsZero() {
			g.Until = inv.PlanUntil.AddDays(1).String()
			g.Reason += fmt.Sprintf(" whose last installment is due on %s", inv.PlanUntil)
		}
		return g, true
	}
	return Guard{}, false
}

// describe fills the channel fallbacks, the reasons in words, the deadline and the call details.
func (a *Action) describe(f CaseFile, st Stage, opts QueueOptions, rush bool) {
	c := f.Customer
	switch {
	case (a.Channel == ChannelEmail || a.Channel == ChannelBoth) && c.Email == "":
		a.Reasons = append(a.Reasons, "no email address is known, so it goes as a letter")
		a.Channel = ChannelLetter
	case a.Channel == ChannelCall && c.Phone == "":
		a.Reasons = append(a.Reasons, "no phone number is known, so it goes as a letter")
		a.Channel = ChannelLetter
	}
	sort.Slice(a.Invoices, func(i, j int) bool { return a.Invoices[i].Due.Before(a.Invoices[j].Due) })
	oldest := a.Invoices[0]
	days := opts.AsOf.DaysSince(oldest.Due)
	switch {
	case days < 0:
		a.Reasons = append(a.Reasons, fmt.Sprintf("invoice %s falls due in %d days", oldest.Number, -days))
	case days == 0:
		a.Reasons = append(a.Reasons, fmt.Sprintf("invoice %s falls due today", oldest.Number))
	default:
		a.Reasons = append(a.Reasons, fmt.Sprintf("invoice %s is %d days overdue", oldest.Number, days))
	}
	if len(a.Invoices) > 1 {
		a.Reasons = append(a.Reasons, fmt.Sprintf("%d invoices are due at this stage", len(a.Invoices)))
	}
	a.Reasons = append(a.Reasons, "the ladder puts "+st.Describe())
	if rush {
		a.Reasons = append(a.Reasons, fmt.Sprintf("a promise or payment plan was broken on %s, so the next stage comes at once", f.RushSince))
	}
	if f.ToneReason != "" {
		a.Reasons = append(a.Reasons, fmt.Sprintf("tone %s: %s", a.Tone, f.ToneReason))
	}
	if st.Final() {
		a.Deadline = opts.AsOf.AddDays(st.Deadline)
	}
	if a.Channel == ChannelEmail || a.Channel == ChannelBoth || a.Channel == ChannelCall {
		if _, why := contactZones(c, opts); why != "" {
			a.Reasons = append(a.Reasons, "their time: "+why)
		}
	}
	if a.Channel == ChannelCall {
		a.Phone = c.Phone
		zones, _ := contactZones(c, opts)
		a.LocalTime = localTimes(zones, opts.Now)
		a.Script = CallScript(*a, opts.AsOf)
	}
}

// contactZones is where the customer may be: their own zone, else the zones of their country or
// region (CustomerZones), else the shop's. why is "" when the customer's zone is known, and
// otherwise says, for Today, how the window was chosen.
func contactZones(c Customer, opts QueueOptions) (zones []*time.Location, why string) {
	zones, why = CustomerZones(c)
	if len(zones) == 0 {
		return []*time.Location{opts.ShopZone}, why + "; the shop's own time zone is used"
	}
	return zones, why
}

// localTimes is the customer's clock now, in each zone they may be in ("Mon 15:04 EST / Mon
// 14:04 CST").
func localTimes(zones []*time.Location, now time.Time) string {
	var parts []string
	seen := map[string]bool{}
	for _, z := range zones {
		s := now.In(z).Format("Mon 15:04 MST")
		if !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " / ")
}

// windowGuard holds an email or a call outside the hours allowed where the customer is; when the
// customer may be in several zones, the hours must be allowed in every one of them.
func windowGuard(c Customer, opts QueueOptions) []Guard {
	zones, why := contactZones(c, opts)
	allowed, next, _ := ContactAllowed(opts.Now, zones, opts.WindowFrom, opts.WindowTo)
	if allowed {
		return nil
	}
	reason := fmt.Sprintf("it is %s where the customer is; contact only from %02d:00 to %02d:00 their time",
		localTimes(zones, opts.Now), opts.WindowFrom, opts.WindowTo)
	if why != "" {
		reason += " (" + why + ")"
	}
	until := "no hour is allowed in all of the customer's time zones: set the customer's time zone"
	if !next.IsZero() {
		until = next.In(zones[0]).Format("2006-01-02T15:04Z07:00")
	}
	return []Guard{{Guard: "time-window", Blocking: true, Until: until, Reason: reason}}
}

// customerGuards applies the contact guards of LEGAL.md to an action.
func customerGuards(f CaseFile, a Action, opts QueueOptions) []Guard {
	c := f.Customer
	var g []Guard
	if c.HasFlag(FlagBankruptcy) {
		g = append(g, Guard{Guard: "bankruptcy", Blocking: true, Until: "the bankruptcy flag is cleared", Reason: "the customer is in bankruptcy: all collection stops"})
	}
	if c.HasFlag(FlagDeceased) {
		g = append(g, Guard{Guard: "deceased", Blocking: true, Until: "the deceased flag is cleared", Reason: "the customer has died: no collection contact; the estate is handled apart"})
	}
	if c.HasFlag(FlagAttorney) {
		g = append(g, Guard{Guard: "attorney", Blocking: true, Until: "the attorney flag is cleared", Reason: "the customer is represented by an attorney: contact the attorney only"})
	}
	if c.HasFlag(FlagCease) {
		g = append(g, Guard{Guard: "cease", Blocking: true, Until: "the cease flag is cleared", Reason: "the customer asked in writing to stop contact: only a letter that says efforts end or which remedy follows is allowed"})
	}
	if !f.HoldUntil.IsZero() && !f.HoldUntil.Before(opts.AsOf) {
		reason := "the customer is on hold"
		if f.HoldReason != "" {
			reason += ": " + f.HoldReason
		}
		g = append(g, Guard{Guard: "hold", Blocking: true, Reason: reason, Until: f.HoldUntil.AddDays(1).String()})
	}
	if p := f.Promise; p != nil && p.State == PromiseOpen && !p.Until().Before(opts.AsOf) {
		cur := MustCurrency(p.Currency)
		g = append(g, Guard{Guard: "promise", Blocking: true, Until: p.Until().AddDays(1).String(),
			Reason: fmt.Sprintf("the customer promised to pay %s %s by %s; the ladder waits until %s", p.Currency, Decimal(p.Amount, cur), p.Due, p.Until())})
	}
	if a.Channel == ChannelEmail || a.Channel == ChannelBoth || a.Channel == ChannelCall {
		g = append(g, windowGuard(c, opts)...)
	}
	if a.Channel == ChannelCall {
		g = append(g, callGuards(f.Calls, opts.AsOf, opts.ShopZone)...)
	}
	if opts.LimitationYears > 0 {
		for _, inv := range a.Invoices {
			start := inv.Due
			if inv.LastPaid.After(start) {
				start = inv.LastPaid
			}
			if opts.AsOf.Time().After(start.Time().AddDate(opts.LimitationYears, 0, 0)) {
				g = append(g, Guard{Guard: "time-barred", Reason: fmt.Sprintf("invoice %s may be past the %d-year limitation period (counted from %s): the letter leaves out any threat to sue", inv.Number, opts.LimitationYears, start)})
				break
			}
		}
	}
	return g
}

// callGuards: more than seven call attempts within seven consecutive days, or a call within
// seven days of a telephone conversation (its day being the first of the seven), is presumed
// harassment (12 CFR 1006.14(b)(2)). Calls the customer makes do not count as attempts. The days
// are counted back from the day the owner acts on (asOf), in the shop's zone, never from the
// wall clock, so a book worked as of another day keeps its guards.
func callGuards(calls []Call, asOf Date, zone *time.Location) []Guard {
	var g []Guard
	first := asOf.AddDays(-6)
	var attempts []Date
	var lastTalk Date
	for _, c := range calls {
		day := DateOf(c.At, zone)
		if day.Before(first) || day.After(asOf) {
			continue
		}
		if !c.Inbound {
			attempts = append(attempts, day)
		}
		if c.Outcome.Conversation() && day.After(lastTalk) {
			lastTalk = day
		}
	}
	if len(attempts) >= 7 {
		sort.Slice(attempts, func(i, j int) bool { return attempts[i].Before(attempts[j]) })
		until := attempts[len(attempts)-7].AddDays(7)
		g = append(g, Guard{Guard: "call-frequency", Blocking: true, Until: until.String(),
			Reason: fmt.Sprintf("%d calls in the 7 days to %s: another would be presumed harassment; the next call is allowed from %s", len(attempts), asOf, until)})
	}
	if !lastTalk.IsZero() {
		g = append(g, Guard{Guard: "call-frequency", Blocking: true, Until: lastTalk.AddDays(7).String(),
			Reason: fmt.Sprintf("the shop spoke with the customer on %s: no call within the 7 days that start that day (next allowed %s)", lastTalk, lastTalk.AddDays(7))})
	}
	return g
}

// CallScript is a short script for the call, worded in the action's tone.
func CallScript(a Action, asOf Date) string {
	cur := MustCurrency(a.Currency)
	var nums []string
	for _, inv := range a.Invoices {
		nums = append(nums, inv.Number)
	}
	amount := a.Currency + " " + Decimal(a.Amount, cur)
	invs := strings.Join(nums, ", ")
	switch a.Tone {
	case ToneGentle:
		return fmt.Sprintf("Hello, this is the shop. I hope you are well. I am calling about invoice %s, %s. It may simply have slipped through: could you tell me when we can expect payment? If anything about it is wrong, please tell me and I will look into it.", invs, amount)
	case ToneFirm:
		return fmt.Sprintf("Hello, this is the shop about invoice %s, %s, which is overdue despite our reminders. We need payment now. When will you pay the full amount? If you cannot pay at once, we can agree a payment plan today.", invs, amount)
	}
	return fmt.Sprintf("Hello, this is the shop about invoice %s, %s, which is now overdue. When can we expect payment? If there is a problem with the invoice, please tell me.", invs, amount)
}

// ToneStats is what the tone rule looks at.
type ToneStats struct {
	Since          Date
	PaidInvoices   int
	PaidOnTime     int
	BrokenPromises int // in the last year
}

// ToneFor chooses the tone by a rule the owner can see: an override wins; a broken promise in the
// last year gets firm; a customer of more than two years who paid at least four in five invoices
// on time gets gentle; everyone else standard.
func ToneFor(override Tone, s ToneStats, asOf Date) (Tone, string) {
	if override != "" {
		return override, "chosen by the owner"
	}
	if s.BrokenPromises > 0 {
		return ToneFirm, fmt.Sprintf("broke %s in the last year", Plural(s.BrokenPromises, "promise", "promises"))
	}
	years := 0
	if !s.Since.IsZero() {
		years = int(asOf.DaysSince(s.Since) / 365)
	}
	if years >= 2 && s.PaidInvoices >= 3 && s.PaidOnTime*5 >= s.PaidInvoices*4 {
		return ToneGentle, fmt.Sprintf("a customer for %d years who paid %d of %d invoices on time", years, s.PaidOnTime, s.PaidInvoices)
	}
	return ToneStandard, "the usual tone"
}

// Plural counts in words: "1 customer", "3 customers".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
