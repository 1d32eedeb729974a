package app

import "time"

// CollectionSettings are the shop's collection rules beside the ladder.
type CollectionSettings struct {
	Profile         Profile `json:"profile"`
	LimitationYears int     `json:"limitation_years"` // warn and drop legal threats past this; 0 off
	PromiseGrace    int     `json:"promise_grace"`    // days after a promised date before it counts as broken
	PlanGrace       int     `json:"plan_grace"`       // days after an installment before a plan counts as broken
	// PaymentOrder is how a payment is spread over principal and charges ("" follows the profile).
	PaymentOrder PaymentOrder `json:"payment_order,omitempty"`
	// ConsumerDefault is when a German consumer falls into default unless an invoice says otherwise.
	ConsumerDefault DefaultTerm `json:"consumer_default,omitempty"`
}

// Order is the payment order in force: the owner's choice, else the profile's (Germany: costs,
// then interest, then principal, BGB 367; elsewhere principal first).
func (s CollectionSettings) Order() PaymentOrder {
	if s.PaymentOrder != "" {
		return s.PaymentOrder
	}
	if s.Profile == ProfileDE {
		return OrderCostsFirst
	}
	return OrderPrincipalFirst
}

// DefaultCollectionSettings for a shop in country.
func DefaultCollectionSettings(country string) CollectionSettings {
	return DefaultSettingsFor(ProfileForCountry(country))
}

// DefaultSettingsFor are the settings a shop starts with under legal profile p.
func DefaultSettingsFor(p Profile) CollectionSettings {
	s := CollectionSettings{Profile: p, PromiseGrace: 3, PlanGrace: 7}
	if p == ProfileUS {
		s.LimitationYears = 3 // the shortest common state period; the owner sets their state's
	}
	return s
}

// Validate refuses settings that make no sense.
func (s CollectionSettings) Validate() error {
	if _, err := ParseProfile(string(s.Profile)); err != nil {
		return err
	}
	if s.LimitationYears < 0 || s.LimitationYears > 30 {
		return Errorf(CodeInvalid, "the limitation period must be from 0 (off) to 30 years")
	}
	if s.PromiseGrace < 0 || s.PromiseGrace > 60 || s.PlanGrace < 0 || s.PlanGrace > 60 {
		return Errorf(CodeInvalid, "grace periods must be from 0 to 60 days")
	}
	if _, err := ParsePaymentOrder(string(s.PaymentOrder)); err != nil {
		return err
	}
	if _, err := ParseDefaultTerm(string(s.ConsumerDefault)); err != nil {
		return err
	}
	return nil
}

// CaseData is a customer's case as stored, before the tone is decided.
type CaseData struct {
	Customer     Customer
	PolicyID     int64
	ToneChoice   Tone
	ContractRate int64
	Invoices     []CaseInvoice
	HoldUntil    Date
	HoldReason   string
	RushSince    Date
	Promise      *Promise
	Calls        []Call
	LastPayment  Date
	Kind         CustomerKind
}

// Decision is what the owner decided about a proposed action.
type Decision string

const (
	Approved Decision = "approved"
	Skipped  Decision = "skipped"
	Snoozed  Decision = "snoozed"
)

// DecidedAction is a stored decision.
type DecidedAction struct {
	ID         int64
	CustomerID int64
	Customer   string
	OnDate     Date
	Action     Action
	Decision   Decision
	Reason     string
	// Print, for a letter, puts the stored letter on the list of letters still to print: it
	// counts as printed only once a file holding it is on disk (MarkPrinted).
	Print *PrintItem
	// Email queues a stored message in the outbox: the document of an email action, or
	// EmailDoc beside the letter of a letter-and-email action.
	Email    *OutboxItem
	EmailDoc *Document
}

// CollectionsStore is what the collection use cases need from storage. Every method that writes
// is one transaction with its timeline event.
type CollectionsStore interface {
	CollectionSettings() (CollectionSettings, error)
	SaveCollectionSettings(s CollectionSettings, ev Event) error
	Policies() ([]Policy, error)
	SavePolicy(p *Policy, ev Event) error
	SetCustomerPolicy(customerID, policyID int64, ev Event) error
	Rates() (RateTable, error)
	SaveRates(t RateTable, ev Event) error

	// CaseData loads case files: of the named customers, or (nil) of every customer with an open
	// invoice whose next stage may have come, dueBy[k] being the latest due date at which an
	// invoice at stage k may be due (nil dueBy: every open invoice). Calls are those of the days
	// before asOf that the call guards look back on.
	CaseData(customerIDs []int64, dueBy []Date, asOf Date) ([]CaseData, error)
	// ChargesOf lists every charge of the customers (paid or not), by customer.
	ChargesOf(customerIDs []int64) (map[int64][]Charge, error)
	// PrincipalPayments lists the payments on each invoice's principal, by day received.
	PrincipalPayments(invoiceIDs []int64) (map[int64][]DatedAmount, error)
	// InvoiceByNumber finds an invoice by its exact number.
	InvoiceByNumber(number string) (Invoice, error)
	ToneStats(customerIDs []int64, since Date) (map[int64]ToneStats, error)
	// ThanksCases loads the customers with an invoice paid in full or a plan completed from
	// since to asOf, with what the thank-you rule needs to know of them.
	ThanksCases(since, asOf Date) ([]ThanksCase, error)

	Decide(d DecidedAction, charges []Charge, doc *Document, ev Event) error
	Decisions(on Date) ([]DecidedAction, error)

	SetHold(customerID int64, until Date, reason string, ev Event) error
	SetTone(customerID int64, tone Tone, ev Event) error
	SetFlags(customerID int64, flags []string, ev Event) error
	SetContractRate(customerID int64, rate int64, ev Event) error

	AddPromise(p *Promise, ev Event) error
	OpenPromises() ([]Promise, error)
	Promises(customerID int64) ([]Promise, error)
	PaidSince(customerID int64, currency string, since Date) (int64, error)
	SettlePromise(p Promise, ev Event) error

	OpenDispute(invoiceID int64, on Date, reason string, ev Event) (int64, error)
	ResolveDispute(disputeID int64, on Date, resolution string, ev Event) error
	Disputes(customerID int64) ([]Dispute, error)

	CreatePlan(p *Plan, ev Event) error
	Plans(customerID int64) ([]Plan, error)
	ActivePlans() ([]Plan, error)
	PlanPaid(p Plan) (int64, error)
	SettlePlan(p Plan, ev Event) error

	RecordCall(c *Call, ev Event) error
	SaveDocument(d Document, ev Event) error
	PaymentCustomer(paymentID int64) (int64, error)
	Document(sha string) (Document, error)
	// PendingPrints lists the approved letters not yet written to a file, in the printer's
	// order (postal code, then name).
	PendingPrints() ([]PrintItem, error)
	// MarkPrinted records, in one transaction with its event, that the letters are on disk.
	MarkPrinted(shas []string, file string, ev Event) error
	// ChainHead is the newest link of the timeline, printed on letters as their record reference.
	ChainHead() (ChainHead, error)
	CustomerDocuments(customerID int64) ([]DocumentRef, error)
	Template(key TemplateKey) (text string, version int, ok bool, err error)
	SaveTemplate(key TemplateKey, text string, ev Event) (version int, err error)
	Charges(customerID int64) ([]Charge, error)
}

// Dispute is a customer's objection to an invoice.
type Dispute struct {
	ID         int64
	InvoiceID  int64
	Number     string
	OpenedOn   Date
	Reason     string
	ResolvedOn Date
	Resolution string
}

// DocumentRef is a stored document as the timeline names it.
type DocumentRef struct {
	SHA256  string
	Kind    string
	Summary string
	At      time.Time
}
