package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Collections is the use cases of the morning queue: settling promises and plans, proposing
// actions, approving, skipping and snoozing them, and recording promises, disputes, holds, plans
// and calls.
type Collections struct {
	*Ledger
	CS     CollectionsStore
	Render Renderer // prints agreements; nil where nothing is printed
	Mail   Mailer   // sends emails; nil until the owner's mailbox is set up
	// MS keeps the mailbox's settings, outbox and replies; Secrets its password.
	MS      MailStore
	Secrets SecretStore
	// HS and Bundle make hand-off bundles; nil where none are made.
	HS     HandoffStore
	Bundle Bundler
	signIn func(ctx context.Context, o OAuthSettings, user string, open func(url string) error) (string, error)
	ctx    context.Context // set by QueueContext: long work stops when it is cancelled
}

// CanEmail tells whether emails can be sent: until a mailbox is set up, an email action is
// printed as a letter instead or its text copied and sent by the owner, never recorded as sent.
func (c *Collections) CanEmail() bool { return c.Mail != nil && c.Mail.Ready() }

// NewCollections wires the collection use cases onto a ledger.
func NewCollections(l *Ledger, cs CollectionsStore) *Collections {
	return &Collections{Ledger: l, CS: cs}
}

// SettleReport says what settling promises and plans did.
type SettleReport struct {
	PromisesKept, PromisesBroken int
	PlansCompleted, PlansBroken  int
}

// Settle marks promises kept (a payment covered them) or broken (their date and grace passed),
// and plans completed (all their invoices paid) or broken (an installment missed beyond grace).
// It is safe to run any number of times a day: what is settled stays settled.
func (c *Collections) Settle(asOf Date) (SettleReport, error) {
	var rep SettleReport
	promises, err := c.CS.OpenPromises()
	if err != nil {
		return rep, err
	}
	for _, p := range promises {
		paid, err := c.CS.PaidSince(p.CustomerID, p.Currency, p.MadeOn)
		if err != nil {
			return rep, err
		}
		cur := MustCurrency(p.Currency)
		switch {
		case paid >= p.Amount:
			p.State, p.SettledOn = PromiseKept, asOf
			rep.PromisesKept++
			err = c.CS.SettlePromise(p, c.event(p.CustomerID, "promise", fmt.Sprintf("Promise to pay %s %s by %s was kept", p.Currency, Decimal(p.Amount, cur), p.Due), p))
		case asOf.After(p.Until()):
			p.State, p.SettledOn = PromiseBroken, asOf
			rep.PromisesBroken++
			err = c.CS.SettlePromise(p, c.event(p.CustomerID, "promise", fmt.Sprintf("Promise to pay %s %s by %s was broken (%s of it paid); the next stage comes at once",
				p.Currency, Decimal(p.Amount, cur), p.Due, Decimal(paid, cur)), p))
		}
		if err != nil {
			return rep, err
		}
	}
	plans, err := c.CS.ActivePlans()
	if err != nil {
		return rep, err
	}
	policies, err := c.policies()
	if err != nil {
		return rep, err
	}
	for _, p := range plans {
		paid, err := c.CS.PlanPaid(p)
		if err != nil {
			return rep, err
		}
		st := p.Standing(paid, asOf)
		open := 0
		for _, id := range p.InvoiceIDs {
			inv, err := c.Store.Invoice(id)
			if err != nil {
				return rep, err
			}
			if inv.Open() > 0 {
				open++
			}
		}
		switch {
		case open == 0 || st.Completed:
			if open > 0 {
				continue // paid the schedule but not the invoices (charges changed them): keep watching
			}
			p.State, p.SettledOn = PlanCompleted, asOf
			rep.PlansCompleted++
			err = c.CS.SettlePlan(p, c.event(p.CustomerID, "plan", fmt.Sprintf("Payment plan %d completed: invoices %s are paid", p.ID, strings.Join(p.Numbers, ", ")), p))
		case st.Missed != nil:
			if p.ResumeStage == 0 {
				p.ResumeStage = policies[1].FinalStage()
			}
			p.State, p.SettledOn = PlanBroken, asOf
			rep.PlansBroken++
			err = c.CS.SettlePlan(p, c.event(p.CustomerID, "plan", fmt.Sprintf("Payment plan %d broken: installment %d due %s was not paid; invoices %s go back on the ladder at %s",
				p.ID, st.Missed.Number, st.Missed.Due, strings.Join(p.Numbers, ", "), policies[1].StageName(p.ResumeStage)), p))
		}
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func (c *Collections) policies() (map[int64]Policy, error) {
	ps, err := c.CS.Policies()
	if err != nil {
		return nil, err
	}
	out := map[int64]Policy{}
	for _, p := range ps {
		out[p.ID] = p
	}
	if _, ok := out[1]; !ok {
		p := DefaultPolicy()
		p.ID = 1
		out[1] = p
	}
	return out, nil
}

// Queue settles promises and plans, then proposes the day's actions.
func (c *Collections) Queue(asOf Date) (Queue, error) {
	return c.QueueContext(context.Background(), asOf)
}

// QueueContext is Queue that stops promptly, between its steps, when ctx is cancelled (a newer
// refresh of Today, the window closing); what it wrote before (credit applied, promises
// settled) is whole, each in its own transaction.
func (c *Collections) QueueContext(ctx context.Context, asOf Date) (Queue, error) {
	c = c.withContext(ctx)
	if asOf.IsZero() {
		asOf = c.Today()
	}
	if c.ReadOnly() {
		// Nothing may be written: the queue is shown as the book stands.
		q, err := c.build(asOf, nil)
		q.Warnings = append(q.Warnings, "the book is open read-only, so credit was not applied and promises and plans were not settled: this is the queue as the book stands")
		return q, err
	}
	// Credit is used before anyone is chased: no letter asks for what the credit covers.
	if _, err := c.ApplyAllCredit(); err != nil {
		return Queue{}, err
	}
	if err := c.cancelled(); err != nil {
		return Queue{}, err
	}
	if _, err := c.Settle(asOf); err != nil {
		return Queue{}, err
	}
	if err := c.cancelled(); err != nil {
		return Queue{}, err
	}
	return c.build(asOf, nil)
}

// withContext is a copy of the use cases that watches ctx.
func (c *Collections) withContext(ctx context.Context) *Collections {
	cc := *c
	cc.ctx = ctx
	return &cc
}

// cancelled says, as a cancel, whether the work was stopped.
func (c *Collections) cancelled() error {
	if c.ctx == nil {
		return nil
	}
	if err := c.ctx.Err(); err != nil {
		return Wrap(CodeCancelled, err, "building today's queue was stopped")
	}
	return nil
}

// build proposes the actions for some customers (nil: all) without settling.
func (c *Collections) build(asOf Date, customerIDs []int64) (Queue, error) {
	policies, err := c.policies()
	if err != nil {
		return Queue{}, err
	}
	data, err := c.CS.CaseData(customerIDs, DueBy(policies, asOf), asOf)
	if err != nil {
		return Queue{}, err
	}
	if err := c.cancelled(); err != nil {
		return Queue{}, err
	}
	settings, err := c.CS.CollectionSettings()
	if err != nil {
		return Queue{}, err
	}
	opts := QueueOptions{AsOf: asOf, Now: c.Clock.Now(), ShopZone: time.Local, LimitationYears: settings.LimitationYears}

	files := make([]CaseFile, len(data))
	for i, d := range data {
		pol, ok := policies[d.PolicyID]
		if !ok {
			pol = policies[1]
		}
		files[i] = CaseFile{Customer: d.Customer, Policy: pol, Tone: ToneStandard, Invoices: d.Invoices, HoldUntil: d.HoldUntil,
			HoldReason: d.HoldReason, Promise: d.Promise, RushSince: d.RushSince, Calls: d.Calls, LastPayment: d.LastPayment}
	}
	first := BuildQueue(files, opts)
	// The tone needs each customer's payment history; look it up only for those with an action.
	inQueue := map[int64]bool{}
	var ids []int64
	for _, a := range first.Actions {
		if !inQueue[a.CustomerID] {
			inQueue[a.CustomerID] = true
			ids = append(ids, a.CustomerID)
		}
	}
	if err := c.cancelled(); err != nil {
		return Queue{}, err
	}
	stats, err := c.CS.ToneStats(ids, asOf.AddDays(-365))
	if err != nil {
		return Queue{}, err
	}
	var chosen []CaseFile
	for i, d := range data {
		if !inQueue[d.Customer.ID] {
			continue
		}
		files[i].Tone, files[i].ToneReason = ToneFor(d.ToneChoice, stats[d.Customer.ID], asOf)
		chosen = append(chosen, files[i])
	}
	q := BuildQueue(chosen, opts)
	// Every entry shows what its letter would demand: the charges owed and those it adds.
	if err := c.cancelled(); err != nil {
		return Queue{}, err
	}
	p, err := c.loadPricing(data, q.Actions)
	if err != nil {
		return Queue{}, err
	}
	for i := range q.Actions {
		p.price(&q.Actions[i], asOf)
	}
	q.Warnings = rateWarnings(p.rates, settings.Profile, asOf)
	thanks, err := c.thanksActions(opts)
	if err != nil {
		return Queue{}, err
	}
	// A customer hears from the shop once a day: a note waits while the ladder has a contact
	// for them (a courtesy note on a new invoice), and comes the next day, still in its window.
	contacted := map[int64]bool{}
	for _, a := range q.Actions {
		contacted[a.CustomerID] = contacted[a.CustomerID] || (a.Stage > 0 && !a.Blocked())
	}
	for _, a := range thanks {
		if !contacted[a.CustomerID] && (customerIDs == nil || (ActionFilter{Customers: customerIDs}).Match(a)) {
			q.Actions = append(q.Actions, a)
		}
	}
	return q, nil
}

// ActionFilter picks actions to approve or skip.
type ActionFilter struct {
	Channel   Channel
	Customers []int64
}

// Match tells whether the filter takes an action.
func (f ActionFilter) Match(a Action) bool {
	if f.Channel != "" && a.Channel != f.Channel {
		return false
	}
	if len(f.Customers) == 0 {
		return true
	}
	for _, id := range f.Customers {
		if id == a.CustomerID {
			return true
		}
	}
	return false
}

// Approve approves the day's unblocked actions that match the filter: each is recorded on the
// timeline with its charges, and its invoices move to their stage. Approving twice approves
// nothing twice: the second queue no longer proposes them.
func (c *Collections) Approve(asOf Date, f ActionFilter) ([]Action, error) {
	if asOf.IsZero() {
		asOf = c.Today()
	}
	q, err := c.Queue(asOf)
	if err != nil {
		return nil, err
	}
	var done []Action
	for _, a := range q.Actions {
		if a.Blocked() || !f.Match(a) || (a.Channel == ChannelEmail && !c.CanEmail()) {
			continue // an email waits until it can be sent, or the owner prints it as a letter
		}
		if err := c.ApproveAction(asOf, a); err != nil {
			if a.Channel == ChannelEmail && (CodeOf(err) == CodeInvalid || CodeOf(err) == CodeBlocked) {
				continue // no address that mail reaches: it stays on Today, to print as a letter
			}
			return done, err
		}
		done = append(done, a)
	}
	return done, nil
}

// ApproveAction approves one proposed action.
//
// A letter (or letter and email) action is printed as it is approved: its PDF is stored with the
// approval in one transaction, so an approved letter always exists exactly as sent.
func (c *Collections) ApproveAction(asOf Date, a Action) error {
	if asOf.IsZero() {
		asOf = c.Today() // the decision's day is what later queues look back on
	}
	if a.Blocked() || a.Stage == 0 {
		return Errorf(CodeBlocked, "the %s for %s cannot be approved: %s", a.StageName, a.Customer, blockReason(a))
	}
	if a.Channel == ChannelEmail && !c.CanEmail() {
		return Errorf(CodeBlocked, "the %s for %s is an email, and email sending is not set up: print it as a letter instead, or copy its text and send it yourself", a.StageName, a.Customer)
	}
	if a.Thanks != nil && c.Render == nil {
		return Errorf(CodeInternal, "printing is not set up")
	}
	if IsLetter(a) && c.Render != nil {
		_, err := c.ApproveLetter(asOf, a)
		return err
	}
	if a.Channel == ChannelEmail && c.Render != nil && c.MS != nil {
		return c.approveEmail(asOf, a)
	}
	a, err := c.priceAction(asOf, a)
	if err != nil {
		return err
	}
	cur := MustCurrency(a.Currency)
	summary := fmt.Sprintf("%s approved (%s, %s tone) for %s: %s %s", capital(a.StageName), a.Channel, a.Tone, invoiceNumbers(a), a.Currency, Decimal(a.Amount, cur))
	if !a.Deadline.IsZero() {
		summary += fmt.Sprintf("; pay by %s", a.Deadline)
	}
	for _, ch := range a.Charges {
		if ch.Amount > 0 {
			summary += fmt.Sprintf("; %s on %s %s %s", ch.Kind, ch.Number, ch.Currency, Decimal(ch.Amount, cur))
		}
	}
	if len(a.Notes) > 0 {
		summary += "; " + strings.Join(a.Notes, "; ")
	}
	return c.CS.Decide(DecidedAction{CustomerID: a.CustomerID, OnDate: asOf, Action: a, Decision: Approved}, a.Charges, nil,
		c.event(a.CustomerID, "action", summary, map[string]any{"action": a, "charges": a.Charges}))
}

// blockReason is the first blocking guard's reason, in words.
func blockReason(a Action) string {
	for _, g := range a.Guards {
		if g.Blocking {
			return g.Reason
		}
	}
	return "nothing is due at a ladder stage"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Skip records that the owner skipped an action, and why; its invoices pass the stage without
// contact, so the ladder goes on.
func (c *Collections) Skip(asOf Date, f ActionFilter, reason string) ([]Action, error) {
	return c.decideMatching(asOf, f, Skipped, reason, Date{})
}

// Snooze puts the customers of matching actions on hold until a day, and records why.
func (c *Collections) Snooze(asOf Date, f ActionFilter, until Date, reason string) ([]Action, error) {
	if !until.After(asOf) {
		return nil, Errorf(CodeInvalid, "snooze until a day after %s", asOf)
	}
	return c.decideMatching(asOf, f, Snoozed, reason, until)
}

func (c *Collections) decideMatching(asOf Date, f ActionFilter, d Decision, reason string, until Date) ([]Action, error) {
	if asOf.IsZero() {
		asOf = c.Today()
	}
	reason, err := cleanText("reason", reason, 500)
	if err != nil {
		return nil, err
	}
	if reason == "" {
		return nil, Errorf(CodeInvalid, "say why, so the timeline shows it")
	}
	q, err := c.Queue(asOf)
	if err != nil {
		return nil, err
	}
	var done []Action
	for _, a := range q.Actions {
		if !f.Match(a) || a.Stage == 0 {
			continue
		}
		what := "skipped"
		if d == Snoozed {
			what = "snoozed until " + until.String()
			if err := c.CS.SetHold(a.CustomerID, until, "snoozed: "+reason, c.event(a.CustomerID, "hold", fmt.Sprintf("On hold until %s: %s", until, reason), nil)); err != nil {
				return done, err
			}
		}
		ev := c.event(a.CustomerID, "action", fmt.Sprintf("%s %s: %s", capital(a.StageName), what, reason), a)
		if err := c.CS.Decide(DecidedAction{CustomerID: a.CustomerID, OnDate: asOf, Action: a, Decision: d, Reason: reason}, nil, nil, ev); err != nil {
			return done, err
		}
		done = append(done, a)
	}
	return done, nil
}

// PromiseRequest is a promise as the owner enters it.
type PromiseRequest struct {
	CustomerID int64
	Amount     string
	Currency   string
	Due        Date
	Note       string
	Format     NumberFormat
}

// AddPromise records a promise to pay; the ladder pauses until its date plus the grace period.
func (c *Collections) AddPromise(r PromiseRequest) (Promise, error) {
	today := c.Today()
	if r.Due.IsZero() {
		return Promise{}, Errorf(CodeInvalid, "a promise needs the day the customer will pay")
	}
	if r.Due.Before(today) {
		return Promise{}, Errorf(CodeInvalid, "a promise to pay by %s is in the past; enter the day the customer will pay", r.Due)
	}
	if r.Due.After(today.AddDays(365)) {
		return Promise{}, Errorf(CodeInvalid, "a promise more than a year ahead is a payment plan; set up a plan instead")
	}
	cust, err := c.Store.Customer(r.CustomerID)
	if err != nil {
		return Promise{}, err
	}
	pay, err := c.parsePayment(PaymentRequest{CustomerID: r.CustomerID, Amount: r.Amount, Currency: r.Currency, Format: r.Format})
	if err != nil {
		return Promise{}, err
	}
	note, err := cleanText("note", r.Note, 500)
	if err != nil {
		return Promise{}, err
	}
	settings, err := c.CS.CollectionSettings()
	if err != nil {
		return Promise{}, err
	}
	p := Promise{CustomerID: cust.ID, Amount: pay.Amount, Currency: pay.Currency, MadeOn: today, Due: r.Due, Grace: settings.PromiseGrace, Note: note}
	cur := MustCurrency(p.Currency)
	err = c.CS.AddPromise(&p, c.event(cust.ID, "promise", fmt.Sprintf("Promised to pay %s %s by %s", p.Currency, Decimal(p.Amount, cur), p.Due), p))
	return p, err
}

// OpenDispute takes an invoice off the ladder until the dispute is resolved.
func (c *Collections) OpenDispute(number, reason string) (Dispute, error) {
	inv, err := c.invoiceByNumber(number)
	if err != nil {
		return Dispute{}, err
	}
	reason, err = cleanText("reason", reason, 1000)
	if err != nil {
		return Dispute{}, err
	}
	if reason == "" {
		return Dispute{}, Errorf(CodeInvalid, "say what the customer disputes")
	}
	today := c.Today()
	id, err := c.CS.OpenDispute(inv.ID, today, reason, c.event(inv.CustomerID, "dispute", fmt.Sprintf("Invoice %s disputed: %s", inv.Number, reason), nil))
	return Dispute{ID: id, InvoiceID: inv.ID, Number: inv.Number, OpenedOn: today, Reason: reason}, err
}

// ResolveDispute closes the open dispute of an invoice, saying how; the invoice returns to the
// ladder where it was.
func (c *Collections) ResolveDispute(number, resolution string) error {
	inv, err := c.invoiceByNumber(number)
	if err != nil {
		return err
	}
	resolution, err = cleanText("resolution", resolution, 1000)
	if err != nil {
		return err
	}
	if resolution == "" {
		return Errorf(CodeInvalid, "say how the dispute was resolved")
	}
	ds, err := c.CS.Disputes(inv.CustomerID)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.InvoiceID == inv.ID && d.ResolvedOn.IsZero() {
			return c.CS.ResolveDispute(d.ID, c.Today(), resolution, c.event(inv.CustomerID, "dispute", fmt.Sprintf("Dispute of invoice %s resolved: %s", inv.Number, resolution), nil))
		}
	}
	return Errorf(CodeNotFound, "invoice %s has no open dispute", inv.Number)
}

func (c *Collections) invoiceByNumber(number string) (Invoice, error) {
	return c.CS.InvoiceByNumber(strings.TrimSpace(number))
}

// Hold puts a customer on hold until a day (zero lifts the hold).
func (c *Collections) Hold(customerID int64, until Date, reason string) error {
	reason, err := cleanText("reason", reason, 500)
	if err != nil {
		return err
	}
	if !until.IsZero() && until.Before(c.Today()) {
		return Errorf(CodeInvalid, "a hold until %s would already be over", until)
	}
	why := reason
	if why == "" {
		why = "no reason given"
	}
	summary := fmt.Sprintf("On hold until %s: %s", until, why)
	if until.IsZero() {
		summary = "Hold lifted"
	}
	return c.CS.SetHold(customerID, until, reason, c.event(customerID, "hold", summary, nil))
}

// SetTone stores the owner's tone for a customer ("" returns to the rule).
func (c *Collections) SetTone(customerID int64, tone Tone) error {
	what := "Tone set to " + string(tone)
	if tone == "" {
		what = "Tone left to the rule"
	}
	return c.CS.SetTone(customerID, tone, c.event(customerID, "tone", what, nil))
}

// SetFlags replaces a customer's flags (cease, attorney, bankruptcy, deceased, contract-fees).
func (c *Collections) SetFlags(customerID int64, flags []string) error {
	known := map[string]bool{FlagCease: true, FlagAttorney: true, FlagBankruptcy: true, FlagDeceased: true, FlagContractFees: true}
	var clean []string
	for _, f := range flags {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !known[f] {
			return Errorf(CodeInvalid, "%q is not a flag; use cease, attorney, bankruptcy, deceased or contract-fees", f)
		}
		clean = append(clean, f)
	}
	sort.Strings(clean)
	return c.CS.SetFlags(customerID, clean, c.event(customerID, "flags", "Flags set: "+strings.Join(clean, ", "), clean))
}

// RecordCall records a call and its outcome on the timeline; it feeds the call-frequency guard.
func (c *Collections) RecordCall(customerID int64, outcome CallOutcome, inbound bool, note string) (Call, error) {
	valid := false
	for _, o := range CallOutcomes {
		valid = valid || o == outcome
	}
	if !valid {
		return Call{}, Errorf(CodeInvalid, "%q is not a call outcome", outcome)
	}
	note, err := cleanText("note", note, 1000)
	if err != nil {
		return Call{}, err
	}
	call := Call{CustomerID: customerID, At: c.Clock.Now().UTC(), Outcome: outcome, Inbound: inbound, Note: note}
	who := "Called the customer"
	if inbound {
		who = "The customer called"
	}
	summary := fmt.Sprintf("%s: %s", who, outcome)
	if note != "" {
		summary += " (" + note + ")"
	}
	return call, c.CS.RecordCall(&call, c.event(customerID, "call", summary, call))
}

// DueBy tells, for each stage an invoice can be at, the latest due date at which its next stage
// may have come by asOf under any of the ladders: the store reads only those invoices. It is
// generous (the wait after the last stage and rushes are decided later by NextStage), never strict.
func DueBy(policies map[int64]Policy, asOf Date) []Date {
	var out []Date
	for k := 0; ; k++ {
		var best Date
		found := false
		for _, p := range policies {
			if k >= len(p.Stages) {
				continue
			}
			// The next stage after k is k+1; from stage 0 a courtesy note (negative days) is the
			// earliest, so the most generous day counts.
			d := asOf.AddDays(-p.Stages[k].Days)
			if !found || d.After(best) {
				best, found = d, true
			}
		}
		if !found {
			return out
		}
		out = append(out, best)
	}
}
