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
	// Handoffs are the customer's hand-off events, newest first.
	Handoffs(customerID int64) ([]Event, error)
	// InvoiceSources are the customer's invoices imported from a kept file, with file and row.
	InvoiceSources(customerID int64) ([]InvoiceSource, error)
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
	// Statement is the statement of account of this claim, and its PDF.
	Statement    LetterInput
	StatementPDF []byte
}

// HandoffDebtor is one customer in a bundle.
type HandoffDebtor struct {
	Customer  Customer
	Reference string // the debtor's reference in the bundle: "C12"
	Folder    string // the debtor's folder in the bundle
	// Statement is the first claim's statement: the date, profile and language of the debtor's
	// documents.
	Statement   LetterInput
	TimelinePDF []byte
	Invoices    []Invoice // every invoice of the customer, open or not
	Payments    []Payment
	Timeline    []LinkedEvent
	Files       []BundleFile
	// Claims holds one claim per currency owed, in the order of the currency codes: amounts in
	// different currencies are never summed.
	Claims []HandoffClaim
}

// StatementFile is the name of claim i's statement in the debtor's folder; the currency is in
// the name when the debtor owes in several.
func (d HandoffDebtor) StatementFile(i int) string {
	if len(d.Claims) < 2 {
		return "statement-of-account.pdf"
	}
	return "statement-of-account-" + d.Claims[i].Currency + ".pdf"
}

// ClaimsText says what is claimed from the debtor: "EUR 1,234.50" or "EUR 1,234.50 and USD 250.00".
func (d HandoffDebtor) ClaimsText() string {
	var parts []string
	for _, cl := range d.Claims {
		parts = append(parts, cl.Currency+" "+Decimal(cl.Balance, MustCurrency(cl.Currency)))
	}
	return joinAnd(parts, "and")
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
		var claims []map[string]any
		for _, cl := range d.Claims {
			claims = append(claims, map[string]any{"currency": cl.Currency, "balance": cl.Balance, "itemization": cl.Itemization.String()})
		}
		first := d.Claims[0]
		evs = append(evs, c.event(d.Customer.ID, "handoff",
			fmt.Sprintf("Handed off to %s, authorised by %s: %s claimed; bundle %s…", r.To, r.AuthorisedBy, d.ClaimsText(), doc.SHA256[:12]),
			map[string]any{"to": r.To, "authorised_by": r.AuthorisedBy, "sha256": doc.SHA256, "currency": first.Currency, "balance": first.Balance,
				"itemization": first.Itemization.String(), "claims": claims}))
	}
	if err := c.HS.RecordHandoff(ids, c.Today(), Receiver{Name: r.To, Address: p.ToAddress}, doc, evs); err != nil {
		return HandoffResult{}, err
	}
	return res, nil
}

// HandoffProposals are the day's hand-off proposals of the ladder, read as the book stands
// (nothing is applied or settled), so that the owner can hand several customers off in one
// bundle.
func (c *Collections) HandoffProposals() ([]Action, error) {
	q, err := c.build(c.Today(), nil)
	if err != nil {
		return nil, err
	}
	var out []Action
	for _, a := range q.Actions {
		if a.Channel == ChannelHandoff && a.Stage > 0 && !a.Blocked() {
			out = append(out, a)
		}
	}
	return out, nil
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

// handoffDebtor gathers one customer's part of the bundle: a claim per currency owed.
func (c *Collections) handoffDebtor(id int64, again bool) (HandoffDebtor, error) {
	curs, err := c.LetterCurrencies(id)
	if err != nil {
		return HandoffDebtor{}, err
	}
	if len(curs) == 0 {
		curs = []string{""} // the statement says what is owed (charges alone, or nothing)
	}
	var d HandoffDebtor
	var statements []LetterInput
	for _, cur := range curs {
		in, err := c.ComposeLetter(LetterRequest{CustomerID: id, Kind: KindStatement, Handoff: true, Currency: cur})
		if err != nil {
			return d, err
		}
		if in.Total().Amount > 0 {
			statements = append(statements, in)
		}
		d.Customer = in.Customer
	}
	d.Reference = fmt.Sprintf("C%d", id)
	name := d.Customer.Name
	if len(statements) == 0 {
		return d, Errorf(CodeInvalid, "%s owes nothing: there is nothing to hand off", name)
	}
	d.Statement = statements[0]
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
	if d.Payments, err = c.Store.Payments(id); err != nil {
		return d, err
	}
	sort.SliceStable(d.Payments, func(i, j int) bool { return d.Payments[i].ReceivedOn.Before(d.Payments[j].ReceivedOn) })
	disputes, err := c.CS.Disputes(id)
	if err != nil {
		return d, err
	}
	kept := keptItemization(d.Timeline)
	for _, in := range statements {
		cl := claimOf(in, d.Payments, d.Timeline)
		if day := kept[cl.Currency]; !day.IsZero() {
			cl.Itemization = day // chosen once per debt and kept (12 CFR 1006.34)
		}
		cl.Disputed = openDispute(disputes)
		it := itemize(cl, d.Payments)
		in.Itemization = &it
		if cl.StatementPDF, err = c.Render.Letter(in); err != nil {
			return d, err
		}
		cl.Statement = in
		d.Claims = append(d.Claims, cl)
		files, err := c.invoiceFiles(in)
		if err != nil {
			return d, err
		}
		d.Files = append(d.Files, files...)
	}
	var claimed []Invoice
	for _, cl := range d.Claims {
		claimed = append(claimed, cl.Statement.Invoices...)
	}
	imported, err := c.importedFiles(id, claimed)
	if err != nil {
		return d, err
	}
	stored, err := c.handoffFiles(id)
	if err != nil {
		return d, err
	}
	d.Files = append(append(d.Files, imported...), stored...)
	return d, nil
}

// openDispute tells whether any dispute of the customer is still open: the agency must know of
// it whichever invoice it concerns.
func openDispute(disputes []Dispute) bool {
	for _, dp := range disputes {
		if dp.ResolvedOn.IsZero() {
			return true
		}
	}
	return false
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

// HandoffInfo is a customer's last hand-off: when, to whom, and the bundle.
type HandoffInfo struct {
	Since  Date   // the day of the hand-off
	To     string // who took the case
	Bundle string // the bundle's SHA-256
}

// HandoffPayments are the payments a customer made after a hand-off, for the agency, with what
// is still owed today in each currency.
type HandoffPayments struct {
	HandoffInfo
	Customer  Customer
	Reference string
	Payments  []Payment
	Owed      []Money // still owed today, per currency, as the hand-off's statement counts it
	// The report's letterhead and words.
	Shop      Shop
	ToAddress []string
	Date      Date
	Record    string
	Profile   Profile
	Lang      string
}

// LastHandoff tells when and to whom the customer was last handed off by today, the as-of day
// (false: not by then).
func (c *Collections) LastHandoff(customerID int64) (HandoffInfo, bool, error) {
	if c.HS == nil {
		return HandoffInfo{}, false, nil
	}
	evs, err := c.HS.Handoffs(customerID)
	if err != nil {
		return HandoffInfo{}, false, err
	}
	today := c.Today()
	for _, ev := range evs {
		if !DateOf(ev.At, time.Local).After(today) {
			return handoffInfo(ev), true, nil
		}
	}
	return HandoffInfo{}, false, nil
}

// handoffInfo reads a hand-off event.
func handoffInfo(ev Event) HandoffInfo {
	var d struct {
		To     string `json:"to"`
		SHA256 string `json:"sha256"`
	}
	_ = json.Unmarshal([]byte(ev.Data), &d) // written by Handoff; a bad one leaves the names empty
	return HandoffInfo{Since: DateOf(ev.At, time.Local), To: d.To, Bundle: d.SHA256}
}

// PaymentsSinceHandoff lists the payments received from the day of the customer's last
// hand-off (that day included: a payment recorded the same day may have come after it), and
// what is still owed.
func (c *Collections) PaymentsSinceHandoff(customerID int64) (HandoffPayments, error) {
	cust, err := c.Store.Customer(customerID)
	if err != nil {
		return HandoffPayments{}, err
	}
	info, ok, err := c.LastHandoff(customerID)
	if err != nil {
		return HandoffPayments{}, err
	}
	hp := HandoffPayments{HandoffInfo: info, Customer: cust, Reference: fmt.Sprintf("C%d", customerID), Date: c.Today()}
	if !ok {
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
	curs, err := c.LetterCurrencies(customerID)
	if err != nil {
		return hp, err
	}
	for _, cur := range curs {
		in, err := c.ComposeLetter(LetterRequest{CustomerID: customerID, Kind: KindStatement, Handoff: true, Currency: cur})
		if err != nil {
			return hp, err
		}
		hp.Owed = append(hp.Owed, in.Total())
		hp.Shop, hp.Record, hp.Profile, hp.Lang = in.Shop, in.Record, in.Profile, in.Key.Lang
	}
	if len(curs) == 0 { // nothing owed any more: the letterhead still comes from the shop
		_, shop, settings, err := c.letterParties(customerID)
		if err != nil {
			return hp, err
		}
		hp.Shop, hp.Profile, hp.Lang = shop, settings.Profile, c.langFor(cust, shop)
		if hp.Record, err = c.recordRef(); err != nil {
			return hp, err
		}
	}
	if r, ok, err := c.HandoffReceiver(hp.To); err == nil && ok {
		hp.ToAddress = r.Address
	}
	return hp, nil
}

// PaymentsSincePDF prints the payments since the hand-off as a letter to the agency.
func (c *Collections) PaymentsSincePDF(hp HandoffPayments) ([]byte, error) {
	hr, ok := c.Render.(HandoffRenderer)
	if !ok {
		return nil, Errorf(CodeInternal, "printing is not set up")
	}
	return hr.PaymentsSincePDF(hp)
}

// keptItemization is the itemization date, per currency, an earlier hand-off of the debt chose:
// the date is chosen once per debt and kept, so a second bundle itemizes from the same day as
// the first.
func keptItemization(tl []LinkedEvent) map[string]Date {
	kept := map[string]Date{}
	keep := func(cur, day string) {
		if d, err := ParseISODate(day); err == nil && kept[cur].IsZero() {
			kept[cur] = d // the first hand-off's choice
		}
	}
	for _, le := range tl {
		if le.Kind != "handoff" {
			continue
		}
		var d struct {
			Currency    string `json:"currency"`
			Itemization string `json:"itemization"`
			Claims      []struct {
				Currency    string `json:"currency"`
				Itemization string `json:"itemization"`
			} `json:"claims"`
		}
		if json.Unmarshal([]byte(le.Data), &d) != nil {
			continue
		}
		for _, cl := range d.Claims {
			keep(cl.Currency, cl.Itemization)
		}
		if len(d.Claims) == 0 && d.Itemization != "" {
			keep(d.Currency, d.Itemization)
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
