package app

// The read side of the ledger, for screens and reports. Lists are paged: no caller ever loads a
// whole book.

// ListCustomers returns one page of customers matching query (name or phone), by name.
func (l *Ledger) ListCustomers(query string, offset, limit int) ([]CustomerRow, error) {
	return l.Store.Customers(query, offset, limit)
}

// CountCustomers counts the customers matching query.
func (l *Ledger) CountCustomers(query string) (int, error) { return l.Store.CountCustomers(query) }

// CustomerDetail is everything the customer screen shows.
type CustomerDetail struct {
	Customer Customer
	Open     []InvoiceRow
	Payments []Payment
	Credit   []Money
	Timeline []Event
}

// Customer returns one customer with open invoices, recent payments, credit and timeline.
func (l *Ledger) Customer(id int64) (CustomerDetail, error) {
	var d CustomerDetail
	var err error
	if d.Customer, err = l.Store.Customer(id); err != nil {
		return d, err
	}
	if d.Open, err = l.Store.Invoices(InvoiceFilter{CustomerID: id, State: FilterOpen}, 0, 200); err != nil {
		return d, err
	}
	if d.Payments, err = l.Store.Payments(id); err != nil {
		return d, err
	}
	if len(d.Payments) > 50 {
		d.Payments = d.Payments[:50]
	}
	if d.Credit, err = l.Store.Credit(id); err != nil {
		return d, err
	}
	d.Timeline, err = l.Store.Timeline(id, 100)
	return d, err
}

// ListInvoices returns one page of invoices matching f.
func (l *Ledger) ListInvoices(f InvoiceFilter, offset, limit int) ([]InvoiceRow, error) {
	if f.AsOf.IsZero() {
		f.AsOf = l.Today()
	}
	return l.Store.Invoices(f, offset, limit)
}

// CountInvoices counts the invoices matching f.
func (l *Ledger) CountInvoices(f InvoiceFilter) (int, error) {
	if f.AsOf.IsZero() {
		f.AsOf = l.Today()
	}
	return l.Store.CountInvoices(f)
}

// Invoice returns one invoice with its lines.
func (l *Ledger) Invoice(id int64) (Invoice, error) { return l.Store.Invoice(id) }

// OpenItems lists a customer's open invoices in a currency, oldest due first.
func (l *Ledger) OpenItems(customerID int64, currency string) ([]OpenItem, error) {
	return l.Store.OpenItems(customerID, currency)
}

// CustomerByID returns one customer without the detail.
func (l *Ledger) CustomerByID(id int64) (Customer, error) { return l.Store.Customer(id) }

// Timeline lists a customer's timeline in the order things happened, newest or oldest first
// (the owner's choice on the customer's page).
func (l *Ledger) Timeline(customerID int64, oldestFirst bool) ([]Event, error) {
	return l.Store.TimelineOrdered(customerID, 500, oldestFirst)
}
