package app

import (
	"context"
	"time"
)

// Clock tells the time; tests fix it.
type Clock interface{ Now() time.Time }

// SystemClock is the real clock.
type SystemClock struct{}

func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock always tells the same instant.
type FixedClock time.Time

func (c FixedClock) Now() time.Time { return time.Time(c) }

// CustomerRow is a line of the customers list: the customer and what they owe.
type CustomerRow struct {
	Customer
	OpenInvoices int64
	Owed         []Money // per currency, sorted by currency
	Overdue      []Money
}

// InvoiceFilter narrows the invoices list.
type InvoiceFilter struct {
	CustomerID int64
	Search     string // number or customer name, prefix
	State      InvoiceFilterState
	MinDays    int // with StateOverdue: at least this many days overdue
	AsOf       Date
	// DueFrom and DueTo keep the invoices due in that range (inclusive; zero: unbounded), such
	// as those of one aging bucket (BucketDueRange).
	DueFrom, DueTo Date
}

// InvoiceFilterState selects invoices by state.
type InvoiceFilterState string

const (
	FilterAll     InvoiceFilterState = ""
	FilterOpen    InvoiceFilterState = "open"
	FilterOverdue InvoiceFilterState = "overdue"
	FilterPaid    InvoiceFilterState = "paid"
	// FilterWrittenOff lists the invoices written off (which "paid" leaves out).
	FilterWrittenOff InvoiceFilterState = "written off"
)

// InvoiceRow is a line of the invoices list.
type InvoiceRow struct {
	Invoice
	CustomerName string
}

// CustomerCurrency names one customer's account in one currency.
type CustomerCurrency struct {
	CustomerID int64
	Currency   string
}

// Debtor is a customer with what they owe in one currency, for the top-debtors list.
type Debtor struct {
	CustomerID int64
	Name       string
	Money
	Overdue int64
}

// Allocator decides how a payment is spread over the open invoices the store found for it.
type Allocator func(open []OpenItem) (allocs []Allocation, credit int64, err error)

// PaymentResult is what recording a payment did.
type PaymentResult struct {
	Payment     Payment
	Allocations []AllocationLine
	Credit      int64
}

// AllocationLine is an allocation with the invoice number, for showing the owner.
type AllocationLine struct {
	InvoiceID int64
	ChargeID  int64
	Number    string // "INV-1", or "interest on INV-1" for a charge
	Amount    int64
	OpenAfter int64
	Discount  int64 // early-payment discount granted on the invoice with this payment
}

// Store is everything the use cases need from storage. Each method that writes is one
// transaction, and writes its timeline event inside it.
type Store interface {
	Shop() (Shop, bool, error)
	SaveShop(s Shop, ev Event) error
	// SaveShopWithSettings saves a new shop's profile and its collection settings together.
	SaveShopWithSettings(s Shop, cs CollectionSettings, ev Event) error

	Customer(id int64) (Customer, error)
	CustomerByName(name string) ([]Customer, error)
	CreateCustomer(c *Customer, ev Event) error
	UpdateCustomer(c Customer, ev Event) error
	Customers(query string, offset, limit int) ([]CustomerRow, error)
	CountCustomers(query string) (int, error)

	Invoice(id int64) (Invoice, error)
	CreateInvoice(inv *Invoice, ev Event) error
	UpdateInvoice(inv Invoice, ev Event) error
	Invoices(f InvoiceFilter, offset, limit int) ([]InvoiceRow, error)
	CountInvoices(f InvoiceFilter) (int, error)

	OpenItems(customerID int64, currency string) ([]OpenItem, error)
	RecordPayment(p *Payment, alloc Allocator, ev func(PaymentResult) Event) (PaymentResult, error)
	Payments(customerID int64) ([]Payment, error)
	Credit(customerID int64) ([]Money, error)
	// ApplyCredit spends a customer's credit in one currency on what is open, in the payment order.
	ApplyCredit(customerID int64, currency string, order PaymentOrder, ev func(applied int64, lines []AllocationLine) Event) (int64, error)
	// CreditToApply lists the customers, with the currency, whose credit could pay something open.
	CreditToApply() ([]CustomerCurrency, error)
	// CollectionSettings decide the payment order.
	CollectionSettings() (CollectionSettings, error)

	Timeline(customerID int64, limit int) ([]Event, error)
	// TimelineOrdered is the timeline by the time things happened, newest or oldest first.
	TimelineOrdered(customerID int64, limit int, oldestFirst bool) ([]Event, error)
	Aging(asOf Date) ([]Aging, error)
	TopDebtors(asOf Date, limit int) ([]Debtor, error)
	InvoicedBetween(from, to Date) ([]Money, error)
	// TrendInputs reads what the month-by-month DSO and aging trends up to asOf rest on.
	TrendInputs(asOf Date) (TrendInputs, error)

	ImportCustomers() ([]Customer, error)
	ImportSnapshot(numbers, paymentKeys []string) (ImportSnapshot, error)
	ApplyImport(ctx context.Context, plan *ImportPlan, ev Event, progress func(done, total int)) error

	Backup(out string) error
	Check() (CheckReport, error)
}
