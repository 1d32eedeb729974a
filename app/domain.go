package app

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// CustomerKind matters for the law: interest and fees differ for consumers and businesses.
type CustomerKind string

const (
	Consumer CustomerKind = "consumer"
	Business CustomerKind = "business"
)

// Customer is someone who owes the shop, or may.
type Customer struct {
	ID         int64
	Kind       CustomerKind
	Name       string
	Contact    string // contact person at a business
	Address1   string
	Address2   string
	PostalCode string
	City       string
	Region     string
	Country    string // ISO 3166 alpha-2 where known
	Email      string
	Phone      string
	Language   string // "en", "de", ...
	TimeZone   string // IANA name, e.g. "Europe/Berlin"
	Since      Date   // customer since
	Notes      string
	Flags      []string // e.g. "attorney", "bankruptcy", "cease", "deceased"
	Terms      Terms    // payment terms new invoices get unless they say otherwise
}

// Invoice is a claim on a customer. Paid is kept in the same transaction as the allocations that
// make it up, so that what is owed never needs summing payments.
type Invoice struct {
	ID          int64
	Number      string
	CustomerID  int64
	IssueDate   Date
	DueDate     Date
	Currency    string
	Amount      int64 // minor units, > 0
	Paid        int64 // minor units, 0 <= Paid <= Amount
	Description string
	ExternalRef string
	Lines       []InvoiceLine
	LastPaidOn  Date
	// Term says when a German consumer falls into default on this invoice: an agreed calendar
	// due date, the 30-day notice printed on it, or the first reminder ("": the profile's).
	Term DefaultTerm
	// Terms are the payment terms printed on the invoice (from the customer's when it was made).
	Terms Terms
	// WrittenOff is the day what was left of the invoice was written off (zero: never).
	WrittenOff Date
}

// Open is what is still owed on the invoice.
func (inv Invoice) Open() int64 { return inv.Amount - inv.Paid }

// InvoiceLine is an optional line of an invoice made in Duebook.
type InvoiceLine struct {
	Description string
	Quantity    int64 // thousandths of a unit: 1500 is 1.5
	UnitPrice   int64 // minor units
	TaxRate     int64 // basis points: 1900 is 19 %
}

// PaymentMethod is how the money came in.
type PaymentMethod string

const (
	MethodCash       PaymentMethod = "cash"
	MethodCard       PaymentMethod = "card"
	MethodBank       PaymentMethod = "bank transfer"
	MethodCheque     PaymentMethod = "cheque"
	MethodOther      PaymentMethod = "other"
	MethodCreditNote PaymentMethod = "credit note" // a credit the shop granted, used like a payment
)

// PaymentMethods lists the methods an owner picks from.
var PaymentMethods = []PaymentMethod{MethodCash, MethodCard, MethodBank, MethodCheque, MethodOther, MethodCreditNote}

// ParsePaymentMethod accepts the method names and a few common spellings.
func ParsePaymentMethod(s string) (PaymentMethod, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "other":
		return MethodOther, nil
	case "cash":
		return MethodCash, nil
	case "card", "credit card", "debit card", "ec":
		return MethodCard, nil
	case "bank", "bank transfer", "transfer", "wire", "ach", "sepa", "bank_transfer":
		return MethodBank, nil
	case "cheque", "check":
		return MethodCheque, nil
	case "credit note", "credit memo", "credit", "credit_note":
		return MethodCreditNote, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a payment method; use cash, card, bank transfer, cheque or other", s)
}

// Payment is money received (or a credit note granted). Unallocated is the part not yet applied to
// an invoice: the customer's credit.
type Payment struct {
	ID          int64
	CustomerID  int64
	ReceivedOn  Date
	Currency    string
	Amount      int64
	Method      PaymentMethod
	Reference   string
	Unallocated int64
}

// Allocation applies part of a payment to an invoice.
type Allocation struct {
	PaymentID int64
	InvoiceID int64
	ChargeID  int64 // a charge on the invoice rather than its principal
	Amount    int64
	// Discount is the early-payment discount this payment earned on the invoice: it settles
	// that much more without money (recorded as an adjustment, never as paid money).
	Discount int64
}

// Event is one entry of the append-only timeline.
type Event struct {
	ID         int64
	At         time.Time // UTC
	CustomerID int64     // 0 for shop-wide events
	Kind       string    // "payment", "import", "invoice", "customer", ...
	Summary    string    // a sentence for the owner
	Data       string    // JSON detail
	Hash       string    // hex SHA-256 of the content
	Chain      string    // hex SHA-256 of the previous chain value and Hash
}

// Shop is the business profile of the owner.
type Shop struct {
	Name        string
	Address1    string
	Address2    string
	PostalCode  string
	City        string
	Country     string
	Currency    string
	Language    string
	Email       string
	Phone       string
	Sample      bool // a generated sample shop with made-up customers
	IBAN        string
	BIC         string
	Bank        string
	PaymentLink string       // the shop's online payment page, printed and as a QR code
	Logo        []byte       // PNG or JPEG for the letterhead
	DefaultKind CustomerKind // what a new customer is when nothing says: the owner's choice
}

const maxText = 4096

// cleanText trims a field and refuses control characters and absurd lengths.
func cleanText(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return "", Errorf(CodeInvalid, "the %s is not readable text", field)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", Errorf(CodeInvalid, "the %s is too long (%d characters; at most %d)", field, n, max)
	}
	for _, r := range s {
		if r == 0 || (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return "", Errorf(CodeInvalid, "the %s contains a control character", field)
		}
	}
	return s, nil
}

// Normalize trims and checks a customer before it is stored.
func (c *Customer) Normalize() error {
	var err error
	fields := []struct {
		name string
		p    *string
		max  int
	}{
		{"name", &c.Name, 200}, {"contact person", &c.Contact, 200}, {"address line 1", &c.Address1, 200},
		{"address line 2", &c.Address2, 200}, {"postal code", &c.PostalCode, 20}, {"city", &c.City, 100},
		{"region", &c.Region, 100}, {"country", &c.Country, 60}, {"email", &c.Email, 254},
		{"phone", &c.Phone, 40}, {"language", &c.Language, 10}, {"time zone", &c.TimeZone, 64},
		{"notes", &c.Notes, maxText},
	}
	for _, f := range fields {
		if *f.p, err = cleanText(f.name, *f.p, f.max); err != nil {
			return err
		}
	}
	if c.Name == "" {
		return Errorf(CodeInvalid, "a customer needs a name")
	}
	if strings.ContainsAny(c.Name, "\n\t") {
		return Errorf(CodeInvalid, "a customer's name must fit on one line")
	}
	switch c.Kind {
	case "":
		c.Kind = Consumer
	case Consumer, Business:
	default:
		return Errorf(CodeInvalid, "%q is neither a consumer nor a business", c.Kind)
	}
	if c.Email != "" {
		a, perr := mail.ParseAddress(c.Email)
		if perr != nil || a.Address != c.Email {
			return Errorf(CodeInvalid, "%q is not an email address", c.Email)
		}
	}
	if c.Phone != "" && !strings.ContainsAny(c.Phone, "0123456789") {
		return Errorf(CodeInvalid, "%q is not a phone number", c.Phone)
	}
	if c.TimeZone != "" {
		if _, lerr := time.LoadLocation(c.TimeZone); lerr != nil || c.TimeZone == "Local" {
			return Errorf(CodeInvalid, "%q is not a time zone (use a name such as Europe/Berlin or America/New_York)", c.TimeZone)
		}
	}
	c.Language = strings.ToLower(c.Language)
	return c.Terms.Check()
}

// Normalize checks an invoice before it is stored: the rules every invoice obeys wherever it
// comes from (typed in, imported, generated).
func (inv *Invoice) Normalize() error {
	var err error
	if inv.Number, err = cleanText("invoice number", inv.Number, 64); err != nil {
		return err
	}
	if inv.Number == "" || strings.ContainsAny(inv.Number, "\n\t") {
		return Errorf(CodeInvalid, "an invoice needs a number on one line")
	}
	if inv.Description, err = cleanText("description", inv.Description, maxText); err != nil {
		return err
	}
	if inv.ExternalRef, err = cleanText("external reference", inv.ExternalRef, 200); err != nil {
		return err
	}
	cur, err := LookupCurrency(inv.Currency)
	if err != nil {
		return err
	}
	inv.Currency = cur.Code
	if inv.IssueDate.IsZero() {
		return Errorf(CodeInvalid, "invoice %s needs an issue date", inv.Number)
	}
	if inv.DueDate.IsZero() {
		return Errorf(CodeInvalid, "invoice %s needs a due date", inv.Number)
	}
	if _, err := ParseDefaultTerm(string(inv.Term)); err != nil {
		return err
	}
	if err := inv.Terms.Check(); err != nil {
		return Wrap(CodeInvalid, err, "invoice %s: %s", inv.Number, Sentence(err))
	}
	if inv.DueDate.Before(inv.IssueDate) {
		return Errorf(CodeInvalid, "invoice %s is due on %s, before it was issued on %s", inv.Number, inv.DueDate, inv.IssueDate)
	}
	if len(inv.Lines) > 0 {
		total, lerr := LinesTotal(inv.Lines)
		if lerr != nil {
			return lerr
		}
		inv.Amount = total
	}
	if inv.Amount <= 0 {
		return Errorf(CodeInvalid, "invoice %s must be for more than zero (a credit is entered as a credit note)", inv.Number)
	}
	if inv.Amount > MaxAmount {
		return Errorf(CodeInvalid, "invoice %s is for more than Duebook can keep", inv.Number)
	}
	if inv.Paid < 0 || inv.Paid > inv.Amount {
		return Errorf(CodeInvalid, "invoice %s cannot be paid more than its amount", inv.Number)
	}
	return nil
}

// LinesTotal is the gross total of invoice lines: each line's net rounded half-up to the minor
// unit, its tax rounded half-up, summed.
func LinesTotal(lines []InvoiceLine) (int64, error) {
	var total int64
	for i, l := range lines {
		if l.Quantity <= 0 || l.UnitPrice < 0 || l.TaxRate < 0 || l.TaxRate > 10000 {
			return 0, Errorf(CodeInvalid, "line %d needs a positive quantity, a price not below zero and a tax rate from 0 to 100 %%", i+1)
		}
		net, err := MulDivRound(l.Quantity, l.UnitPrice, 1000)
		if err != nil {
			return 0, err
		}
		tax, err := MulDivRound(net, l.TaxRate, 10000)
		if err != nil {
			return 0, err
		}
		if total, err = AddAmounts(total, net+tax); err != nil {
			return 0, err
		}
	}
	return total, nil
}
