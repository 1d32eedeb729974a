package app

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// A hand-off gives a customer's debt to a collection agency or an attorney: one bundle (a ZIP
// the app/handoff adapter writes) holding what they need to act without calling the shop back,
// and proof that nothing in it was changed.

// HandoffStore is what a hand-off needs from storage beside the collection store.
type HandoffStore interface {
	// LinkedTimeline lists a customer's events, oldest first, each with the chain value before it.
	LinkedTimeline(customerID int64) ([]LinkedEvent, error)
	// RecordHandoff keeps the bundle, marks the customers' open invoices handed off and writes
	// their events, in one transaction.
	RecordHandoff(customerIDs []int64, on Date, to Receiver, bundle Document, evs []Event) error
	// HandoffReceivers are the agencies and attorneys handed debts before: the address book.
	HandoffReceivers() ([]string, error)
	// HandoffReceiver is one of them with its postal address (false when the name is new).
	HandoffReceiver(name string) (Receiver, bool, error)
	// UnsentEmails names the stored emails the outbox never sent, by SHA-256.
	UnsentEmails(customerID int64) (map[string]OutboxState, error)
}

// LinkedEvent is an event with the chain value of the event before it in the book.
type LinkedEvent struct {
	Event
	Prev string
}

// Sound tells whether the event's content still gives its hash and its link follows from the
// one before.
func (le LinkedEvent) Sound() bool {
	return EventHash(le.Event) == le.Hash && ChainLink(le.Prev, le.Hash) == le.Chain
}

// Bundler writes a hand-off bundle (the app/handoff adapter).
type Bundler interface {
	Bundle(p HandoffPackage) ([]byte, error)
}

// BundleFile is a stored document placed in a debtor's folder, byte for byte.
type BundleFile struct {
	Path    string // relative to the debtor's folder, with forward slashes
	Content []byte
}

// HandoffClaim is what is claimed from one debtor, in the letters' terms: the open invoices
// and every charge still unpaid on them.
type HandoffClaim struct {
	Currency                      string
	Principal, Interest, Fees     int64 // principal: the open invoices' amounts
	Payments                      int64 // paid on those invoices and charges
	Balance                       int64
	Itemization, FirstDelinquency Date
	LastPayment, LastContact      Date
	Disputed                      bool
	InvoiceNumbers                []string
	InterestLines, FeeLines       []Charge
	StatementDate                 Date
}

// HandoffDebtor is one customer in a bundle.
type HandoffDebtor struct {
	Customer     Customer
	Reference    string // the debtor's reference in the bundle: "C12"
	Folder       string // the debtor's folder in the bundle
	Statement    LetterInput
	StatementPDF []byte
	TimelinePDF  []byte
	Invoices     []Invoice // every invoice of the customer, open or not
	Payments     []Payment
	Timeline     []LinkedEvent
	Files        []BundleFile
	Claim        HandoffClaim
}

// HandoffPackage is everything a bundle holds.
type HandoffPackage struct {
	Created      time.Time // UTC, whole seconds
	Version      string    // Duebook's version
	To           string    // the agency or attorney
	ToAddress    []string  // their postal address, line by line
	AuthorisedBy string    // the person at the shop who authorised it
	Shop         Shop
	Record       string // the book's record reference when the bundle was made
	Debtors      []HandoffDebtor
	CoverPDF     []byte // the cover letter to the agency or attorney
}

// HandoffRequest asks for a bundle.
type HandoffRequest struct {
	CustomerIDs  []int64
	To           string
	ToAddress    []string // the postal address, for the cover letter; empty: the address book's
	AuthorisedBy string
	Version      string
	// Again confirms a second bundle for a customer already handed off.
	Again bool
}

// HandoffResult is the bundle made and recorded.
type HandoffResult struct {
	ZIP     []byte
	SHA256  string
	Debtors []string
}

// Handoff makes the bundle, keeps it as a document, marks the customers handed off (their
// ladder stops) and records the hand-off on each timeline, all in one transaction. Nothing is
// recorded when any customer is refused.
func (c *Collections) Handoff(r HandoffRequest) (HandoffResult, error) {
	if c.Bundle == nil || c.HS == nil {
		return HandoffResult{}, Errorf(CodeInternal, "hand-off bundles are not set up")
	}
	r.To, r.AuthorisedBy = strings.TrimSpace(r.To), strings.TrimSpace(r.AuthorisedBy)
	p, err := c.PrepareHandoff(r)
	if err != nil {
		return HandoffResult{}, err
	}
	zip, err := c.Bundle.Bundle(p)
	if err != nil {
		return HandoffResult{}, Wrap(CodeInternal, err, "cannot write the hand-off bundle")
	}
	doc := NewDocument("handoff-bundle", "application/zip", zip)
	res := HandoffResult{ZIP: zip, SHA256: doc.SHA256}
	var ids []int64
	var evs []Event
	for _, d := range p.Debtors {
		ids = append(ids, d.Customer.ID)
		res.Debtors = append(res.Debtors, d.Customer.Name)
		cur := MustCurrency(d.Claim.Currency)
		evs = append(evs, c.event(d.Customer.ID, "handoff",
			fmt.Sprintf("Handed off to %s, authorised by %s: %s %s claimed; bundle %s…", r.To, r.AuthorisedBy, d.Claim.Currency, Decimal(d.Claim.Balance, cur), doc.SHA256[:12]),
			map[string]any{"to": r.To, "authorised_by": r.AuthorisedBy, "sha256": doc.SHA256, "currency": d.Claim.Currency, "balance": d.Claim.Balance,
				"itemization": d.Claim.Itemization.String()}))
	}
	if err := c.HS.RecordHandoff(ids, c.Today(), Receiver{Name: r.To, Address: p.ToAddress}, doc, evs); err != nil {
		return HandoffResult{}, err
	}
	return res, nil
}

// HandoffReceivers lists the agencies and attorneys the shop handed debts to before.
func (c *Collections) HandoffReceivers() ([]string, error) {
	if c.HS == nil {
		return nil, nil
	}
	return c.HS.HandoffReceivers()
}

// PrepareHandoff gathers what the bundle holds, refusing a customer who owes nothing, one
// already handed off (unless Again), and a timeline whose chain does not verify.
func (c *Collections) PrepareHandoff(r HandoffRequest) (HandoffPackage, error) {
	r.To, r.AuthorisedBy = strings.TrimSpace(r.To), strings.TrimSpace(r.AuthorisedBy)
	switch {
	case r.To == "":
		return HandoffPackage{}, Errorf(CodeInvalid, "name the collection agency or attorney who takes the case")
	case r.AuthorisedBy == "":
		return HandoffPackage{}, Errorf(CodeInvalid, "name the person at the shop who authorised the hand-off")
	case len(r.CustomerIDs) == 0:
		return HandoffPackage{}, Errorf(CodeInvalid, "choose at least one customer to hand off")
	}
	hr, ok := c.Render.(HandoffRenderer)
	if !ok || c.HS == nil {
		return HandoffPackage{}, Errorf(CodeInternal, "hand-off bundles are not set up")
	}
	shop, _, err := c.Store.Shop()
	if err != nil {
		return HandoffPackage{}, err
	}
	rec, err := c.recordRef()
	if err != nil {
		return HandoffPackage{}, err
	}
	addr, err := c.receiverAddress(r)
	if err != nil {
		return HandoffPackage{}, err
	}
	p := HandoffPackage{Created: c.Clock.Now().UTC().Truncate(time.Second), Version: r.Version, To: r.To, ToAddress: addr, AuthorisedBy: r.AuthorisedBy, Shop: shop, Record: rec}
	seen := map[int64]bool{}
	for _, id := range r.CustomerIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		d, err := c.handoffDebtor(id, r.Again)
		if err != nil {
			return HandoffPackage{}, err
		}
		d.Folder = fmt.Sprintf("%02d-%s", len(p.Debtors)+1, SafeFileName(d.Customer.Name))
		if d.TimelinePDF, err = hr.TimelinePDF(TimelinePrintInput{Shop: shop, Customer: d.Customer, Reference: d.Reference, Date: d.Statement.Date,
			Record: rec, Profile: d.Statement.Profile, Lang: d.Statement.Key.Lang, Events: d.Timeline}); err != nil {
			return HandoffPackage{}, err
		}
		p.Debtors = append(p.Debtors, d)
	}
	cover := coverInput(p, shop.Language)
	if len(p.Debtors) > 0 {
		cover.Profile = p.Debtors[0].Statement.Profile
	}
	if p.CoverPDF, err = hr.HandoffCover(cover); err != nil {
		return HandoffPackage{}, err
	}
	return p, nil
}

// handoffDebtor gathers one customer's part of the bundle.
func (c *Collections) handoffDebtor(id int64, again bool) (HandoffDebtor, error) {
	in, err := c.ComposeLetter(LetterRequest{CustomerID: id, Kind: KindStatement, Handoff: true})
	if err != nil {
		return HandoffDebtor{}, err
	}
	d := HandoffDebtor{Customer: in.Customer, Reference: fmt.Sprintf("C%d", id), Statement: in}
	name := in.Customer.Name
	if in.Total().Amount <= 0 {
		return d, Errorf(CodeInvalid, "%s owes nothing: there is nothing to hand off", name)
	}
	if d.Timeline, err = c.HS.LinkedTimeline(id); err != nil {
		return d, err
	}
	for _, le := range d.Timeline {
		if !le.Sound() {
			return d, Errorf(CodeDamaged, "the timeline of %s does not verify at event %d (%s, %s): it was changed outside Duebook, so nothing was exported; run \"duebook check\"",
				name, le.ID, le.Kind, le.At.Format("2006-01-02"))
		}
		if le.Kind == "handoff" && !again {
			return d, Errorf(CodeConflict, "%s was already handed off on %s (%s); confirm to send a second bundle", name, le.At.Format("2006-01-02"), le.Summary)
		}
	}
	kept := keptItemization(d.Timeline)
	if d.Payments, err = c.Store.Payments(id); err != nil {
		return d, err
	}
	sort.SliceStable(d.Payments, func(i, j int) bool { return d.Payments[i].ReceivedOn.Before(d.Payments[j].ReceivedOn) })
	d.Claim = claimOf(in, d.Payments, d.Timeline)
	if !kept.IsZero() {
		d.Claim.Itemization = kept // chosen once per debt and kept (12 CFR 1006.34)
	}
	it := itemize(d.Claim, d.Payments)
	in.Itemization, d.Statement.Itemization = &it, &it
	if d.StatementPDF, err = c.Render.Letter(in); err != nil {
		return d, err
	}
	if d.Files, err = c.invoiceFiles(in); err != nil {
		return d, err
	}
	stored, err := c.handoffFiles(id)
	if err != nil {
		return d, err
	}
	d.Files = append(d.Files, stored...)
	disputes, err := c.CS.Disputes(id)
	if err != nil {
		return d, err
	}
	for _, dp := range disputes {
		d.Claim.Disputed = d.Claim.Disputed || dp.ResolvedOn.IsZero()
	}
	return d, nil
}

// handoffFiles are the customer's stored documents, byte for byte: letters as printed, emails
// as sent and replies as received, plan agreements. Earlier bundles, and emails approved but
// never sent (queued, failed, taken back), are left out.
func (c *Collections) handoffFiles(id int64) ([]BundleFile, error) {
	refs, err := c.CS.CustomerDocuments(id)
	if err != nil {
		return nil, err
	}
	unsent, err := c.HS.UnsentEmails(id)
	if err != nil {
		return nil, err
	}
	var out []BundleFile
	seen := map[string]bool{}
	for i := len(refs) - 1; i >= 0; i-- { // oldest first
		ref := refs[i]
		if _, notSent := unsent[ref.SHA256]; seen[ref.SHA256] || notSent || ref.Kind == "" || ref.Kind == "handoff-bundle" {
			continue
		}
		seen[ref.SHA256] = true
		doc, err := c.CS.Document(ref.SHA256)
		if err != nil {
			return nil, err
		}
		folder, ext := "letters", ".pdf"
		switch {
		case doc.Kind == "plan-agreement":
			folder = "agreements"
		case doc.Mime == "message/rfc822":
			folder, ext = "emails", ".eml"
		case doc.Mime != "application/pdf":
			folder, ext = "documents", ".bin"
		}
		name := fmt.Sprintf("%s/%03d-%s-%s-%s%s", folder, len(out)+1, ref.At.UTC().Format("2006-01-02"), SafeFileName(doc.Kind), doc.SHA256[:8], ext)
		out = append(out, BundleFile{Path: name, Content: doc.Content})
	}
	return out, nil
}

// invoiceFiles prints each invoice the statement claims as the ledger holds it.
func (c *Collections) invoiceFiles(st LetterInput) ([]BundleFile, error) {
	var out []BundleFile
	for _, inv := range st.Invoices {
		in, err := c.ComposeLetter(LetterRequest{CustomerID: st.Customer.ID, Kind: KindInvoice, Tone: st.Key.Tone, Lang: st.Key.Lang, Invoice: inv.Number})
		if err != nil {
			return nil, err
		}
		pdf, err := c.Render.Letter(in)
		if err != nil {
			return nil, err
		}
		out = append(out, BundleFile{Path: "invoices/" + SafeFileName(inv.Number) + ".pdf", Content: pdf})
	}
	return out, nil
}

// contactKinds are the timeline entries that count as contact with the debtor.
var contactKinds = map[string]bool{"letter": true, "email": true, "call": true, "reply": true, "promise": true}

// claimOf sums what a statement claims, the way the letters do: the open invoices and every
// charge still unpaid on them.
func claimOf(in LetterInput, pays []Payment, tl []LinkedEvent) HandoffClaim {
	total := in.Total()
	cl := HandoffClaim{Currency: total.Currency, Balance: total.Amount, StatementDate: in.Date}
	var oldestDue, lastIssue Date
	for _, inv := range in.Invoices {
		if inv.Currency != total.Currency {
			continue
		}
		cl.Principal += inv.Amount
		cl.Payments += inv.Paid
		cl.InvoiceNumbers = append(cl.InvoiceNumbers, inv.Number)
		if oldestDue.IsZero() || inv.DueDate.Before(oldestDue) {
			oldestDue = inv.DueDate
		}
		if inv.IssueDate.After(lastIssue) {
			lastIssue = inv.IssueDate
		}
	}
	for _, ch := range in.Charges {
		if ch.Currency != total.Currency {
			continue
		}
		cl.Payments += ch.Paid
		if ch.Kind == ChargeInterest {
			cl.Interest += ch.Amount
			cl.InterestLines = append(cl.InterestLines, ch)
		} else {
			cl.Fees += ch.Amount
			cl.FeeLines = append(cl.FeeLines, ch)
		}
	}
	if !oldestDue.IsZero() {
		cl.FirstDelinquency = oldestDue.AddDays(1)
	}
	for _, p := range pays {
		if p.Currency == total.Currency && p.ReceivedOn.After(cl.LastPayment) {
			cl.LastPayment = p.ReceivedOn
		}
	}
	// The itemization date is the last transaction: the newest payment, else the newest invoice.
	cl.Itemization = lastIssue
	if cl.LastPayment.After(cl.Itemization) {
		cl.Itemization = cl.LastPayment
	}
	for _, le := range tl {
		if contactKinds[le.Kind] {
			cl.LastContact = DateOf(le.At, time.UTC)
		}
	}
	return cl
}

// itemize splits the claim at its itemization date: what was owed then, and the interest, fees,
// payments and credits since, which lead to the balance now.
func itemize(cl HandoffClaim, pays []Payment) Itemization {
	it := Itemization{Date: cl.Itemization, Currency: cl.Currency, Now: cl.Balance}
	for _, ch := range cl.InterestLines {
		if ch.CreatedOn.After(it.Date) {
			it.Interest += ch.Amount
		}
	}
	for _, ch := range cl.FeeLines {
		if ch.CreatedOn.After(it.Date) {
			it.Fees += ch.Amount
		}
	}
	for _, p := range pays {
		switch {
		case p.Currency != cl.Currency || !p.ReceivedOn.After(it.Date):
		case p.Method == MethodCreditNote:
			it.Credits += p.Amount - p.Unallocated
		default:
			it.Payments += p.Amount - p.Unallocated
		}
	}
	it.Then = it.Now - it.Interest - it.Fees + it.Payments + it.Credits
	return it
}

// HandoffPayments are the payments a customer made after a hand-off, for the agency.
type HandoffPayments struct {
	Customer  Customer
	Reference string
	Since     Date   // the day of the last hand-off
	To        string // who took the case
	Bundle    string // the bundle's SHA-256
	Payments  []Payment
}

// PaymentsSinceHandoff lists the payments received from the day of the customer's last
// hand-off (that day included: a payment recorded the same day may have come after it).
func (c *Collections) PaymentsSinceHandoff(customerID int64) (HandoffPayments, error) {
	cust, err := c.Store.Customer(customerID)
	if err != nil {
		return HandoffPayments{}, err
	}
	tl, err := c.Store.TimelineOrdered(customerID, 1<<30, false)
	if err != nil {
		return HandoffPayments{}, err
	}
	hp := HandoffPayments{Customer: cust, Reference: fmt.Sprintf("C%d", customerID)}
	for _, ev := range tl { // newest first
		if ev.Kind != "handoff" {
			continue
		}
		var d struct {
			To     string `json:"to"`
			SHA256 string `json:"sha256"`
		}
		_ = json.Unmarshal([]byte(ev.Data), &d) // written by Handoff; a bad one leaves the names empty
		hp.Since, hp.To, hp.Bundle = DateOf(ev.At, time.Local), d.To, d.SHA256
		break
	}
	if hp.Since.IsZero() {
		return hp, Errorf(CodeInvalid, "%s was not handed off: there is no hand-off to report payments since", cust.Name)
	}
	pays, err := c.Store.Payments(customerID)
	if err != nil {
		return hp, err
	}
	for _, p := range pays {
		if !p.ReceivedOn.Before(hp.Since) {
			hp.Payments = append(hp.Payments, p)
		}
	}
	sort.SliceStable(hp.Payments, func(i, j int) bool { return hp.Payments[i].ReceivedOn.Before(hp.Payments[j].ReceivedOn) })
	return hp, nil
}

// keptItemization is the itemization date an earlier hand-off of the debt chose: the date is
// chosen once per debt and kept, so a second bundle itemizes from the same day as the first.
func keptItemization(tl []LinkedEvent) Date {
	var kept Date
	for _, le := range tl {
		if le.Kind != "handoff" {
			continue
		}
		var d struct {
			Itemization string `json:"itemization"`
		}
		if json.Unmarshal([]byte(le.Data), &d) == nil && d.Itemization != "" {
			if day, err := ParseISODate(d.Itemization); err == nil && kept.IsZero() {
				kept = day // the first hand-off's choice
			}
		}
	}
	return kept
}

// Receiver is a collection agency or attorney in the shop's address book.
type Receiver struct {
	Name    string
	Address []string // postal address, line by line, as the cover letter prints it
}

// HandoffReceiver looks up an agency or attorney of the address book.
func (c *Collections) HandoffReceiver(name string) (Receiver, bool, error) {
	if c.HS == nil {
		return Receiver{}, false, nil
	}
	return c.HS.HandoffReceiver(strings.TrimSpace(name))
}

// receiverAddress is the address the cover letter goes to: the one given (checked line by
// line), else the one the address book keeps for that name.
func (c *Collections) receiverAddress(r HandoffRequest) ([]string, error) {
	var lines []string
	for _, l := range r.ToAddress {
		l, err := cleanText("address", l, 120)
		if err != nil {
			return nil, err
		}
		if l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 5 {
		return nil, Errorf(CodeInvalid, "the address of %s has %d lines; an envelope window takes at most 5", r.To, len(lines))
	}
	if len(lines) > 0 || c.HS == nil {
		return lines, nil
	}
	known, ok, err := c.HS.HandoffReceiver(r.To)
	if err != nil || !ok {
		return nil, err
	}
	return known.Address, nil
}
