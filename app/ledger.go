package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Ledger is the use cases of customers, invoices, payments and imports. The GUI and the command
// line call the same methods.
type Ledger struct {
	Store  Store
	Clock  Clock
	Tables TableReader
}

// NewLedger wires the ledger use cases.
func NewLedger(s Store, c Clock, t TableReader) *Ledger {
	if c == nil {
		c = SystemClock{}
	}
	return &Ledger{Store: s, Clock: c, Tables: t}
}

// Today is the shop's calendar date now.
func (l *Ledger) Today() Date { return DateOf(l.Clock.Now(), time.Local) }

func (l *Ledger) event(customerID int64, kind, summary string, data any) Event {
	b, _ := json.Marshal(data)
	return Event{At: l.Clock.Now().UTC(), CustomerID: customerID, Kind: kind, Summary: summary, Data: string(b)}
}

// ShopProfile returns the business profile and whether the shop has been set up.
func (l *Ledger) ShopProfile() (Shop, bool, error) { return l.Store.Shop() }

// SetUpShop checks and saves the business profile.
func (l *Ledger) SetUpShop(s Shop) (Shop, error) {
	s, err := CheckShop(s)
	if err != nil {
		return s, err
	}
	return s, l.Store.SaveShop(s, l.event(0, "shop", "Shop profile saved: "+s.Name, s))
}

// SetUpNewShop saves the business profile of a new shop with the legal profile the owner chose
// (the one its country implies unless changed), in one transaction.
func (l *Ledger) SetUpNewShop(s Shop, p Profile) (Shop, error) {
	s, err := CheckShop(s)
	if err != nil {
		return s, err
	}
	if p, err = ParseProfile(string(p)); err != nil {
		return s, err
	}
	cs := DefaultSettingsFor(p)
	ev := l.event(0, "shop", fmt.Sprintf("Shop profile saved: %s (legal profile %s)", s.Name, p), s)
	return s, l.Store.SaveShopWithSettings(s, cs, ev)
}

// CheckShop trims and checks a business profile without saving it, so that a form or a command
// can say everything wrong with it before anything is written.
func CheckShop(s Shop) (Shop, error) {
	var err error
	for _, f := range []struct {
		n string
		p *string
	}{{"business name", &s.Name}, {"address", &s.Address1}, {"address line 2", &s.Address2}, {"postal code", &s.PostalCode},
		{"city", &s.City}, {"country", &s.Country}, {"email", &s.Email}, {"phone", &s.Phone}} {
		if *f.p, err = cleanText(f.n, *f.p, 200); err != nil {
			return s, err
		}
	}
	if s.Name == "" {
		return s, Errorf(CodeInvalid, "the shop needs a name")
	}
	if s.IBAN, err = ValidateIBAN(s.IBAN); err != nil {
		return s, err
	}
	if s.BIC, err = cleanText("BIC", strings.ToUpper(s.BIC), 11); err != nil {
		return s, err
	}
	if s.Bank, err = cleanText("bank", s.Bank, 100); err != nil {
		return s, err
	}
	if s.PaymentLink, err = cleanText("payment link", s.PaymentLink, 300); err != nil {
		return s, err
	}
	if s.PaymentLink != "" && !strings.HasPrefix(s.PaymentLink, "https://") && !strings.HasPrefix(s.PaymentLink, "http://") {
		return s, Errorf(CodeInvalid, "the payment link must start with https://")
	}
	if err := ValidateLogo(s.Logo); err != nil {
		return s, err
	}
	if s.DefaultKind, err = checkKind(s.DefaultKind); err != nil {
		return s, err
	}
	cur, err := LookupCurrency(s.Currency)
	if err != nil {
		return s, err
	}
	s.Currency = cur.Code
	s.Language = strings.ToLower(strings.TrimSpace(s.Language))
	if s.Language == "" {
		s.Language = "en"
	}
	return s, nil
}

// AddCustomer checks and stores a new customer. A customer whose kind is not given gets the
// shop's default kind.
func (l *Ledger) AddCustomer(c Customer) (Customer, error) {
	if c.Kind == "" {
		shop, _, err := l.Store.Shop()
		if err != nil {
			return c, err
		}
		c.Kind = shop.KindForNewCustomers()
	}
	if err := c.Normalize(); err != nil {
		return c, err
	}
	if c.Since.IsZero() {
		c.Since = l.Today()
	}
	err := l.Store.CreateCustomer(&c, l.event(0, "customer", "Customer added: "+c.Name, c))
	return c, err
}

// UpdateCustomer checks and stores changes to a customer.
func (l *Ledger) UpdateCustomer(c Customer) (Customer, error) {
	if c.ID == 0 {
		return c, Errorf(CodeInvalid, "the customer to change is not named")
	}
	old, err := l.Store.Customer(c.ID)
	if err != nil {
		return c, err
	}
	if c.Kind == "" {
		c.Kind = old.Kind
	}
	if err := c.Normalize(); err != nil {
		return c, err
	}
	return c, l.Store.UpdateCustomer(c, l.event(c.ID, "customer", customerChange(old, c), c))
}

// customerChange is the timeline's sentence for a change to a customer; a change of kind is
// named, since it changes which rules apply.
func customerChange(old, c Customer) string {
	if old.Kind == c.Kind || old.Kind == "" {
		return "Customer details changed"
	}
	s := fmt.Sprintf("Customer type changed from %s to %s", old.Kind, c.Kind)
	other := old
	other.Kind = c.Kind
	if !customersEqual(other, c) {
		s += ", and other details changed"
	}
	return s
}

// SaveInvoice stores a new invoice (ID 0) or changes one. The paid amount is never taken from the
// caller: only payments change it.
func (l *Ledger) SaveInvoice(inv Invoice) (Invoice, error) {
	if inv.CustomerID == 0 {
		return inv, Errorf(CodeInvalid, "an invoice needs a customer")
	}
	if inv.ID == 0 {
		inv.Paid = 0
		if inv.Terms.IsZero() {
			// A new invoice carries the customer's terms, so later changes to them leave it as printed.
			c, err := l.Store.Customer(inv.CustomerID)
			if err != nil {
				return inv, err
			}
			inv.Terms = c.Terms
		}
		if inv.DueDate.IsZero() && inv.Terms.NetDays > 0 && !inv.IssueDate.IsZero() {
			inv.DueDate = inv.IssueDate.AddDays(inv.Terms.NetDays)
		}
		if err := inv.Normalize(); err != nil {
			return inv, err
		}
		cur := MustCurrency(inv.Currency)
		err := l.Store.CreateInvoice(&inv, l.event(inv.CustomerID, "invoice",
			fmt.Sprintf("Invoice %s issued for %s %s, due %s", inv.Number, inv.Currency, Decimal(inv.Amount, cur), inv.DueDate), inv))
		return inv, err
	}
	old, err := l.Store.Invoice(inv.ID)
	if err != nil {
		return inv, err
	}
	inv.Paid, inv.LastPaidOn, inv.WrittenOff = old.Paid, old.LastPaidOn, old.WrittenOff
	if err := inv.Normalize(); err != nil {
		return inv, err
	}
	if !old.WrittenOff.IsZero() && inv.Amount != old.Amount {
		return inv, Errorf(CodeConflict, "invoice %s was written off on %s; its amount cannot change", old.Number, old.WrittenOff)
	}
	if inv.Currency != old.Currency && old.Paid > 0 {
		return inv, Errorf(CodeConflict, "invoice %s has payments in %s; its currency cannot change", old.Number, old.Currency)
	}
	cur := MustCurrency(inv.Currency)
	err = l.Store.UpdateInvoice(inv, l.event(inv.CustomerID, "invoice",
		fmt.Sprintf("Invoice %s changed: %s %s, due %s", inv.Number, inv.Currency, Decimal(inv.Amount, cur), inv.DueDate),
		map[string]any{"before": old, "after": inv}))
	return inv, err
}

// PaymentRequest is a payment as the owner enters it.
type PaymentRequest struct {
	CustomerID int64
	Amount     string // as typed
	Currency   string // empty: the shop's currency
	Method     PaymentMethod
	Date       Date // zero: today
	Reference  string
	Invoices   []string // numbers the owner names; empty: oldest due first
	Format     NumberFormat
}

func (l *Ledger) parsePayment(req PaymentRequest) (Payment, error) {
	code := req.Currency
	if code == "" {
		shop, _, err := l.Store.Shop()
		if err != nil {
			return Payment{}, err
		}
		code = shop.Currency
	}
	cur, err := LookupCurrency(code)
	if err != nil {
		return Payment{}, err
	}
	nf := req.Format
	if nf.Decimal == 0 {
		nf = FormatDot
	}
	amount, err := ParseAmount(req.Amount, cur, nf)
	if err != nil {
		return Payment{}, err
	}
	if amount <= 0 {
		return Payment{}, Errorf(CodeInvalid, "a payment must be more than zero")
	}
	date := req.Date
	if date.IsZero() {
		date = l.Today()
	}
	if date.After(l.Today()) {
		return Payment{}, Errorf(CodeInvalid, "a payment cannot be received in the future (%s)", date)
	}
	method := req.Method
	if method == "" {
		method = MethodOther
	}
	if _, err := ParsePaymentMethod(string(method)); err != nil {
		return Payment{}, err
	}
	ref, err := cleanText("reference", req.Reference, 200)
	if err != nil {
		return Payment{}, err
	}
	return Payment{CustomerID: req.CustomerID, ReceivedOn: date, Currency: cur.Code, Amount: amount, Method: method, Reference: ref}, nil
}

// PreviewPayment shows how a payment would be allocated, without saving it.
func (l *Ledger) PreviewPayment(req PaymentRequest) (PaymentResult, error) {
	p, err := l.parsePayment(req)
	if err != nil {
		return PaymentResult{}, err
	}
	open, err := l.Store.OpenItems(p.CustomerID, p.Currency)
	if err != nil {
		return PaymentResult{}, err
	}
	order, err := l.paymentOrder()
	if err != nil {
		return PaymentResult{}, err
	}
	allocs, credit, err := AllocateWithDiscount(p.Amount, open, req.Invoices, order, p.ReceivedOn)
	if err != nil {
		return PaymentResult{}, err
	}
	return describeAllocation(p, open, allocs, credit), nil
}

func describeAllocation(p Payment, open []OpenItem, allocs []Allocation, credit int64) PaymentResult {
	type key struct{ inv, ch int64 }
	byID := map[key]OpenItem{}
	for _, o := range open {
		byID[key{o.InvoiceID, o.ChargeID}] = o
	}
	res := PaymentResult{Payment: p, Credit: credit}
	res.Payment.Unallocated = credit
	for _, a := range allocs {
		o := byID[key{a.InvoiceID, a.ChargeID}]
		res.Allocations = append(res.Allocations, AllocationLine{InvoiceID: a.InvoiceID, ChargeID: a.ChargeID, Number: o.Label(),
			Amount: a.Amount, OpenAfter: o.Open - a.Amount - a.Discount, Discount: a.Discount})
	}
	return res
}

// TakePayment records a payment, allocates it and writes it to the timeline, in one transaction.
// A payment larger than everything owed is accepted: the rest becomes the customer's credit.
func (l *Ledger) TakePayment(req PaymentRequest) (PaymentResult, error) {
	p, err := l.parsePayment(req)
	if err != nil {
		return PaymentResult{}, err
	}
	if _, err := l.Store.Customer(p.CustomerID); err != nil {
		return PaymentResult{}, err
	}
	order, err := l.paymentOrder()
	if err != nil {
		return PaymentResult{}, err
	}
	var open []OpenItem
	alloc := func(items []OpenItem) ([]Allocation, int64, error) {
		open = items
		return AllocateWithDiscount(p.Amount, items, req.Invoices, order, p.ReceivedOn)
	}
	cur := MustCurrency(p.Currency)
	mkEvent := func(r PaymentResult) Event {
		r = describeAllocation(r.Payment, open, toAllocs(r.Allocations), r.Credit)
		var parts []string
		for _, a := range r.Allocations {
			part := fmt.Sprintf("%s to %s", Decimal(a.Amount, cur), a.Number)
			if a.Discount > 0 {
				part += fmt.Sprintf(" (settled with an early-payment discount of %s)", Decimal(a.Discount, cur))
			}
			parts = append(parts, part)
		}
		s := fmt.Sprintf("Payment of %s %s received (%s)", p.Currency, Decimal(p.Amount, cur), p.Method)
		if len(parts) > 0 {
			s += ": " + strings.Join(parts, ", ")
		}
		if r.Credit > 0 {
			s += fmt.Sprintf("; %s %s kept as credit", p.Currency, Decimal(r.Credit, cur))
		}
		return l.event(p.CustomerID, "payment", s, r)
	}
	res, err := l.Store.RecordPayment(&p, alloc, mkEvent)
	if err != nil {
		return res, err
	}
	return describeAllocation(res.Payment, open, toAllocs(res.Allocations), res.Credit), nil
}

func toAllocs(lines []AllocationLine) []Allocation {
	out := make([]Allocation, len(lines))
	for i, a := range lines {
		out[i] = Allocation{InvoiceID: a.InvoiceID, ChargeID: a.ChargeID, Amount: a.Amount, Discount: a.Discount}
	}
	return out
}

// FindCustomer finds one customer by id ("12") or by exact name.
func (l *Ledger) FindCustomer(ref string) (Customer, error) {
	ref = strings.TrimSpace(ref)
	var id int64
	if _, err := fmt.Sscanf(ref, "%d", &id); err == nil && fmt.Sprint(id) == ref {
		return l.Store.Customer(id)
	}
	cs, err := l.Store.CustomerByName(ref)
	if err != nil {
		return Customer{}, err
	}
	switch len(cs) {
	case 0:
		return Customer{}, Errorf(CodeNotFound, "there is no customer called %q", ref)
	case 1:
		return cs[0], nil
	}
	return Customer{}, Errorf(CodeConflict, "%d customers are called %q; use the customer's number instead", len(cs), ref)
}

// ApplyCredit spends the customer's credit (overpayments, credit notes) on their open invoices,
// oldest due first, in every currency where there is both credit and debt. It returns what was
// applied per currency.
func (l *Ledger) ApplyCredit(customerID int64) ([]Money, error) {
	credits, err := l.Store.Credit(customerID)
	if err != nil {
		return nil, err
	}
	order, err := l.paymentOrder()
	if err != nil {
		return nil, err
	}
	var out []Money
	for _, c := range credits {
		cur := MustCurrency(c.Currency)
		applied, err := l.Store.ApplyCredit(customerID, c.Currency, order, func(applied int64, lines []AllocationLine) Event {
			var parts []string
			for _, a := range lines {
				parts = append(parts, fmt.Sprintf("%s to %s", Decimal(a.Amount, cur), a.Number))
			}
			return l.event(customerID, "credit", fmt.Sprintf("Credit of %s %s applied: %s", c.Currency, Decimal(applied, cur), strings.Join(parts, ", ")), lines)
		})
		if err != nil {
			return out, err
		}
		if applied > 0 {
			out = append(out, Money{Amount: applied, Currency: c.Currency})
		}
	}
	return out, nil
}

// ApplyAllCredit spends every customer's credit on what they owe, before anyone is chased: no
// letter asks for an amount the customer's credit covers. Each application is on the timeline.
func (l *Ledger) ApplyAllCredit() (int, error) {
	accounts, err := l.Store.CreditToApply()
	if err != nil {
		return 0, err
	}
	done := map[int64]bool{}
	for _, a := range accounts {
		if done[a.CustomerID] {
			continue
		}
		done[a.CustomerID] = true
		if _, err := l.ApplyCredit(a.CustomerID); err != nil {
			return len(done), err
		}
	}
	return len(done), nil
}

// paymentOrder is the order payments follow under the collection settings.
func (l *Ledger) paymentOrder() (PaymentOrder, error) {
	s, err := l.Store.CollectionSettings()
	if err != nil {
		return "", err
	}
	return s.Order(), nil
}
