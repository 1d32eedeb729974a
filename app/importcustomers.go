package app

import (
	"fmt"
	"strings"
)

// The customer side of import planning: reading a customer from a row, matching it to stored
// customers, and merging a file's cells into a stored customer.

// customerFromRow reads the customer columns a row has. A row that does not say the customer's
// type gets the shop's default, and byDefault says so.
func (p *planner) customerFromRow(r *rowReader) (c Customer, byDefault, ok bool) {
	name, ok := p.customerName(r)
	if !ok {
		return c, false, false
	}
	c = Customer{
		Name: name, Email: r.get(FieldEmail), Phone: r.get(FieldPhone),
		Address1: r.get(FieldAddress1), Address2: r.get(FieldAddress2), PostalCode: r.get(FieldPostalCode),
		City: r.get(FieldCity), Region: r.get(FieldRegion), Country: r.get(FieldCountry),
		Contact: r.get(FieldContact), Language: r.get(FieldLanguage), TimeZone: r.get(FieldTimeZone),
		Notes: r.get(FieldNotes),
	}
	kind, err := ParseCustomerKind(r.get(FieldCustomerKind))
	if err != nil {
		r.fail(FieldCustomerKind, err)
		return c, false, false
	}
	c.Kind, byDefault = kind, kind == ""
	if byDefault {
		c.Kind = p.defKind
	}
	if d, ok := p.date(r, FieldSince); ok {
		c.Since = d
	} else {
		return c, byDefault, false
	}
	if err := c.Normalize(); err != nil {
		r.fail(culprit(c), err)
		return c, byDefault, false
	}
	return c, byDefault, true
}

// culprit finds the field of a customer that Normalize refuses, so that the report names the
// column the owner must correct (a bad email under the email column, not under the name).
func culprit(c Customer) Field {
	for _, f := range []struct {
		field Field
		set   func(*Customer)
	}{
		{FieldEmail, func(x *Customer) { x.Email = c.Email }}, {FieldPhone, func(x *Customer) { x.Phone = c.Phone }},
		{FieldTimeZone, func(x *Customer) { x.TimeZone = c.TimeZone }}, {FieldContact, func(x *Customer) { x.Contact = c.Contact }},
		{FieldAddress1, func(x *Customer) { x.Address1 = c.Address1 }}, {FieldAddress2, func(x *Customer) { x.Address2 = c.Address2 }},
		{FieldPostalCode, func(x *Customer) { x.PostalCode = c.PostalCode }}, {FieldCity, func(x *Customer) { x.City = c.City }},
		{FieldRegion, func(x *Customer) { x.Region = c.Region }}, {FieldCountry, func(x *Customer) { x.Country = c.Country }},
		{FieldLanguage, func(x *Customer) { x.Language = c.Language }}, {FieldNotes, func(x *Customer) { x.Notes = c.Notes }},
	} {
		probe := Customer{Name: "x", Kind: Consumer}
		f.set(&probe)
		if probe.Normalize() != nil {
			return f.field
		}
	}
	return FieldCustomer
}

// customerName is the row's customer name with invisible characters removed; the report says what
// was removed. It is false, with a problem, when nothing is left of a name that was not empty.
func (p *planner) customerName(r *rowReader) (string, bool) {
	if r.nameDone {
		return r.name, r.nameOK
	}
	r.nameDone = true
	raw := r.get(FieldCustomer)
	clean, removed := CleanName(raw)
	if raw != "" && clean == "" {
		r.fail(FieldCustomer, Errorf(CodeInvalid, "the name is empty once its invisible and control characters are removed"))
		return "", false
	}
	if len(removed) > 0 {
		p.rep.rowNote("cleaned", "row %d: %s removed from the name %q", r.line, removed, clean)
	}
	r.name, r.nameOK = clean, true
	return clean, true
}

// customerIndex matches names to stored customers and to customers this import creates.
type customerIndex struct {
	all     []Customer
	byKey   map[string][]int32 // key -> places in all
	byID    map[int64]int32
	like    map[string]int32 // LikeKey -> a customer known: its place in all, or -1-its place in NewCustomers
	created map[string]int   // key -> index of the planned customer in the plan's NewCustomers
	told    map[string]bool  // keys whose stored type a row contradicted, said once
}

func (p *planner) customerIndex(src SnapshotSource) (*customerIndex, error) {
	all, err := src.ImportCustomers()
	if err != nil {
		return nil, Wrap(CodeStorage, err, "could not read the ledger to compare the file with it")
	}
	ix := &customerIndex{all: all, byKey: map[string][]int32{}, byID: map[int64]int32{}, like: map[string]int32{},
		created: map[string]int{}, told: map[string]bool{}}
	for i, c := range all {
		k := CustomerKey(c.Name)
		ix.byKey[k] = append(ix.byKey[k], int32(i))
		ix.byID[c.ID] = int32(i)
		if l := LikeKey(c.Name); l != "" {
			if _, ok := ix.like[l]; !ok {
				ix.like[l] = int32(i)
			}
		}
	}
	return ix, nil
}

func (ix *customerIndex) nameOf(id int64) string {
	if i, ok := ix.byID[id]; ok {
		return ix.all[i].Name
	}
	return fmt.Sprintf("customer %d", id)
}

func (p *planner) nameOfKey(ix *customerIndex, key string) string {
	if i, ok := ix.created[key]; ok {
		return p.plan.NewCustomers[i].Name + " (new)"
	}
	if id, ok := p.plan.CustomerIDs[key]; ok {
		return ix.nameOf(id)
	}
	return key
}

// resolve finds the stored customer a row means; ambiguity (two stored customers with the same
// name) is settled by email, else refused.
func (ix *customerIndex) resolve(name, email string) (Customer, bool, error) {
	cands := ix.byKey[CustomerKey(name)]
	switch len(cands) {
	case 0:
		return Customer{}, false, nil
	case 1:
		return ix.all[cands[0]], true, nil
	}
	for _, i := range cands {
		if email != "" && strings.EqualFold(ix.all[i].Email, email) {
			return ix.all[i], true, nil
		}
	}
	return Customer{}, false, Errorf(CodeConflict, "%d customers are called %q; add an email column to tell them apart", len(cands), name)
}

// likely says when a new customer's name looks like one already known (stored, or new on an
// earlier row) once case, accents, punctuation and spacing are set aside.
// It is called before the customer is added to the plan.
func (p *planner) likely(ix *customerIndex, row int, name string) {
	l := LikeKey(name)
	if l == "" {
		return
	}
	at, ok := ix.like[l]
	if !ok {
		ix.like[l] = int32(-1 - len(p.plan.NewCustomers))
		return
	}
	known := ""
	if at >= 0 {
		known = fmt.Sprintf("the stored customer %q (number %d)", ix.all[at].Name, ix.all[at].ID)
	} else {
		pc := p.plan.NewCustomers[-1-at]
		known = fmt.Sprintf("%q, new on row %d", pc.Name, pc.Row)
	}
	p.rep.rowNote("duplicate", "row %d: the new customer %q looks like %s; if they are the same, write the name as known", row, name, known)
}

func (p *planner) customers(src SnapshotSource) error {
	ix, err := p.customerIndex(src)
	if err != nil {
		return err
	}
	seen := map[string]int{}
	rep := &p.plan.Report
	return p.chunks(func(rows []*rowReader) error {
		for _, r := range rows {
			if !r.checkCells() {
				p.rep.reject(r)
				continue
			}
			c, byDefault, ok := p.customerFromRow(r)
			if !ok {
				p.rep.reject(r)
				continue
			}
			key := CustomerKey(c.Name)
			if first, dup := seen[key]; dup {
				r.fail(FieldCustomer, Errorf(CodeConflict, "%q already appears on row %d", c.Name, first))
				p.rep.reject(r)
				continue
			}
			seen[key] = r.line
			old, found, err := ix.resolve(c.Name, c.Email)
			if err != nil {
				r.fail(FieldCustomer, err)
				p.rep.reject(r)
				continue
			}
			if !found {
				p.likely(ix, r.line, c.Name)
				p.plan.NewCustomers = append(p.plan.NewCustomers, PlannedCustomer{Row: r.line, Key: key, Customer: c, KindByDefault: byDefault})
				rep.Added++
				continue
			}
			merged, changed := mergeCustomer(old, c, !byDefault, r)
			if !changed {
				rep.Unchanged++
				continue
			}
			if merged.Kind != old.Kind {
				p.plan.KindChanges[old.ID] = old.Kind
				p.note("row %d changes %q from a %s to a %s", r.line, old.Name, old.Kind, merged.Kind)
			}
			p.plan.UpdCustomers = append(p.plan.UpdCustomers, merged)
			rep.Updated++
		}
		return nil
	})
}

// mergeCustomer overwrites the stored customer's fields with the file's non-empty cells: an empty
// cell never erases what the owner typed. The kind changes only when the row says it (kindSaid):
// a file without a type column, or an empty cell, leaves it as stored.
func mergeCustomer(old, c Customer, kindSaid bool, r *rowReader) (Customer, bool) {
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
	if kindSaid {
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
	name, ok := p.customerName(r)
	if !ok {
		return "", false
	}
	if name == "" {
		r.fail(FieldCustomer, Errorf(CodeInvalid, "the customer is missing"))
		return "", false
	}
	key := CustomerKey(name)
	if i, ok := ix.created[key]; ok {
		return p.plan.NewCustomers[i].Key, p.samePlannedKind(r, &p.plan.NewCustomers[i])
	}
	c, found, err := ix.resolve(name, r.get(FieldEmail))
	if err != nil {
		r.fail(FieldCustomer, err)
		return "", false
	}
	if found {
		p.plan.CustomerIDs[key] = c.ID
		return key, p.checkStoredKind(r, ix, key, c)
	}
	if !create {
		r.fail(FieldCustomer, Errorf(CodeNotFound, "there is no customer called %q", name))
		return "", false
	}
	nc, byDefault, ok := p.customerFromRow(r)
	if !ok {
		return "", false
	}
	p.likely(ix, r.line, nc.Name)
	ix.created[key] = len(p.plan.NewCustomers)
	p.plan.NewCustomers = append(p.plan.NewCustomers, PlannedCustomer{Row: r.line, Key: key, Customer: nc, KindByDefault: byDefault})
	p.rep.rowNote("new customer", "customer %q is new and will be created from row %d", nc.Name, r.line)
	return key, true
}

// samePlannedKind checks a further row of a customer this import creates: a type the first rows
// left unsaid is taken from the first row that says it; two rows that say different types are
// refused.
func (p *planner) samePlannedKind(r *rowReader, pc *PlannedCustomer) bool {
	kind, err := ParseCustomerKind(r.get(FieldCustomerKind))
	switch {
	case err != nil:
		r.fail(FieldCustomerKind, err)
		return false
	case kind == "" || kind == pc.Kind && !pc.KindByDefault:
		return true
	case pc.KindByDefault:
		pc.Kind, pc.KindByDefault = kind, false
		return true
	}
	r.fail(FieldCustomerKind, Errorf(CodeConflict, "row %d says %q is a %s; a customer has one type", pc.Row, pc.Name, pc.Kind))
	return false
}

// checkStoredKind reads the type cell of a row for a stored customer. An invoice or payment file
// never changes a stored customer's type; where it says another type, the report says so once.
func (p *planner) checkStoredKind(r *rowReader, ix *customerIndex, key string, c Customer) bool {
	kind, err := ParseCustomerKind(r.get(FieldCustomerKind))
	if err != nil {
		r.fail(FieldCustomerKind, err)
		return false
	}
	if kind != "" && kind != c.Kind && !ix.told[key] {
		ix.told[key] = true
		p.rep.rowNote("stored kind", "row %d calls %q a %s, but the customer is recorded as a %s; importing %s does not change a customer's type (change it on the customer, or import a customer file)",
			r.line, c.Name, kind, c.Kind, p.kind)
	}
	return true
}

// noteDefaultKind says how many new customers get the shop's default type, and why.
func (p *planner) noteDefaultKind() {
	n := 0
	for _, pc := range p.plan.NewCustomers {
		if pc.KindByDefault {
			n++
		}
	}
	if n == 0 {
		return
	}
	why := "no customer type column"
	if _, ok := p.m[FieldCustomerKind]; ok {
		why = "the customer type is empty"
	}
	who := fmt.Sprintf("%d new customers will be recorded as %s", n, p.defKind.Plural())
	if n == 1 {
		who = fmt.Sprintf("1 new customer will be recorded as a %s", p.defKind)
	}
	p.note("%s: %s (the shop's default; change it in Settings or per customer)", why, who)
}
