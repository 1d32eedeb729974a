package app

import "strings"

// The customer side of import planning: reading a customer from a row, matching it to stored
// customers, and merging a file's cells into a stored customer.

// customerFromRow reads the customer columns a row has.
func (p *planner) customerFromRow(r *rowReader) (Customer, bool) {
	c := Customer{
		Name: r.get(FieldCustomer), Email: r.get(FieldEmail), Phone: r.get(FieldPhone),
		Address1: r.get(FieldAddress1), Address2: r.get(FieldAddress2), PostalCode: r.get(FieldPostalCode),
		City: r.get(FieldCity), Region: r.get(FieldRegion), Country: r.get(FieldCountry),
		Contact: r.get(FieldContact), Language: r.get(FieldLanguage), TimeZone: r.get(FieldTimeZone),
		Notes: r.get(FieldNotes),
	}
	switch k := strings.ToLower(r.get(FieldCustomerKind)); {
	case k == "":
	case strings.HasPrefix(k, "b") || strings.HasPrefix(k, "compan") || k == "b2b":
		c.Kind = Business
	case strings.HasPrefix(k, "c") || strings.HasPrefix(k, "priv") || k == "b2c":
		c.Kind = Consumer
	default:
		r.fail(FieldCustomerKind, Errorf(CodeInvalid, "%q is neither consumer nor business", k))
		return c, false
	}
	if d, ok := p.date(r, FieldSince); ok {
		c.Since = d
	} else {
		return c, false
	}
	if err := c.Normalize(); err != nil {
		r.fail(FieldCustomer, err)
		return c, false
	}
	return c, true
}

// customerIndex matches names to stored customers and to customers this import creates.
type customerIndex struct {
	byKey   map[string][]Customer
	created map[string]bool
}

func newCustomerIndex(all []Customer) *customerIndex {
	ix := &customerIndex{byKey: map[string][]Customer{}, created: map[string]bool{}}
	for _, c := range all {
		k := CustomerKey(c.Name)
		ix.byKey[k] = append(ix.byKey[k], c)
	}
	return ix
}

// resolve finds the stored customer a row means; ambiguity (two stored customers with the same
// name) is settled by email, else refused.
func (ix *customerIndex) resolve(name, email string) (Customer, bool, error) {
	cands := ix.byKey[CustomerKey(name)]
	switch len(cands) {
	case 0:
		return Customer{}, false, nil
	case 1:
		return cands[0], true, nil
	}
	for _, c := range cands {
		if email != "" && strings.EqualFold(c.Email, email) {
			return c, true, nil
		}
	}
	return Customer{}, false, Errorf(CodeConflict, "%d customers are called %q; add an email column to tell them apart", len(cands), name)
}

func (p *planner) customers(src SnapshotSource) error {
	snap, err := p.snapshot(src, nil, nil)
	if err != nil {
		return err
	}
	ix := newCustomerIndex(snap.Customers)
	seen := map[string]int{}
	rep := &p.plan.Report
	for i, row := range p.t.Rows {
		r := &rowReader{t: p.t, m: p.m, row: row, line: p.t.Lines[i]}
		if !r.checkCells() {
			rep.Problems = append(rep.Problems, r.probs...)
			continue
		}
		c, ok := p.customerFromRow(r)
		if !ok {
			rep.Problems = append(rep.Problems, r.probs...)
			continue
		}
		key := CustomerKey(c.Name)
		if first, dup := seen[key]; dup {
			r.fail(FieldCustomer, Errorf(CodeConflict, "%q already appears on row %d", c.Name, first))
			rep.Problems = append(rep.Problems, r.probs...)
			continue
		}
		seen[key] = r.line
		old, found, err := ix.resolve(c.Name, c.Email)
		if err != nil {
			r.fail(FieldCustomer, err)
			rep.Problems = append(rep.Problems, r.probs...)
			continue
		}
		if !found {
			p.plan.NewCustomers = append(p.plan.NewCustomers, PlannedCustomer{Row: r.line, Key: key, Customer: c})
			rep.Added++
			continue
		}
		merged, changed := mergeCustomer(old, c, r)
		if changed {
			p.plan.UpdCustomers = append(p.plan.UpdCustomers, merged)
			rep.Updated++
		} else {
			rep.Unchanged++
		}
	}
	return nil
}

// mergeCustomer overwrites the stored customer's fields with the file's non-empty cells: an empty
// cell never erases what the owner typed.
func mergeCustomer(old, c Customer, r *rowReader) (Customer, bool) {
	merged := old
	set := func(f Field, dst *string, v string) {
		if r.has(f) && v != "" {
			*dst = v
		}
	}
	set(FieldCustomer, &merged.Name, c.Name)
	set(FieldEmail, &merged.Email, c.Email)
	set(FieldPhone, &merged.Phone, c.Phone)
	set(FieldAddress1, &merged.Address1, c.Address1)
	set(FieldAddress2, &merged.Address2, c.Address2)
	set(FieldPostalCode, &merged.PostalCode, c.PostalCode)
	set(FieldCity, &merged.City, c.City)
	set(FieldRegion, &merged.Region, c.Region)
	set(FieldCountry, &merged.Country, c.Country)
	set(FieldContact, &merged.Contact, c.Contact)
	set(FieldLanguage, &merged.Language, c.Language)
	set(FieldTimeZone, &merged.TimeZone, c.TimeZone)
	set(FieldNotes, &merged.Notes, c.Notes)
	if r.has(FieldCustomerKind) && r.get(FieldCustomerKind) != "" {
		merged.Kind = c.Kind
	}
	if r.has(FieldSince) && !c.Since.IsZero() {
		merged.Since = c.Since
	}
	return merged, !customersEqual(merged, old)
}

func customersEqual(a, b Customer) bool {
	return a.Name == b.Name && a.Email == b.Email && a.Phone == b.Phone && a.Address1 == b.Address1 &&
		a.Address2 == b.Address2 && a.PostalCode == b.PostalCode && a.City == b.City && a.Region == b.Region &&
		a.Country == b.Country && a.Contact == b.Contact && a.Language == b.Language && a.TimeZone == b.TimeZone &&
		a.Notes == b.Notes && a.Kind == b.Kind && a.Since == b.Since
}

// linkCustomer finds or plans the customer of an invoice or payment row.
func (p *planner) linkCustomer(r *rowReader, ix *customerIndex, create bool) (string, bool) {
	name := r.get(FieldCustomer)
	if name == "" {
		r.fail(FieldCustomer, Errorf(CodeInvalid, "the customer is missing"))
		return "", false
	}
	key := CustomerKey(name)
	if ix.created[key] {
		return key, true
	}
	c, found, err := ix.resolve(name, r.get(FieldEmail))
	if err != nil {
		r.fail(FieldCustomer, err)
		return "", false
	}
	if found {
		p.plan.CustomerIDs[key] = c.ID
		return key, true
	}
	if !create {
		r.fail(FieldCustomer, Errorf(CodeNotFound, "there is no customer called %q", name))
		return "", false
	}
	nc, ok := p.customerFromRow(r)
	if !ok {
		return "", false
	}
	ix.created[key] = true
	p.plan.NewCustomers = append(p.plan.NewCustomers, PlannedCustomer{Row: r.line, Key: key, Customer: nc})
	p.note("customer %q is new and will be created from row %d", nc.Name, r.line)
	return key, true
}
