package app

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// ImportKind is what a file holds.
type ImportKind string

const (
	ImportCustomers ImportKind = "customers"
	ImportInvoices  ImportKind = "invoices"
	ImportPayments  ImportKind = "payments"
)

// ParseImportKind reads "customers", "invoices" or "payments".
func ParseImportKind(s string) (ImportKind, error) {
	switch k := ImportKind(strings.ToLower(strings.TrimSpace(s))); k {
	case ImportCustomers, ImportInvoices, ImportPayments:
		return k, nil
	}
	return "", Errorf(CodeInvalid, "%q is not something Duebook imports; use customers, invoices or payments", s)
}

// Field is a piece of information a column can hold.
type Field string

const (
	FieldNumber       Field = "number"
	FieldCustomer     Field = "customer"
	FieldIssueDate    Field = "issue_date"
	FieldDueDate      Field = "due_date"
	FieldAmount       Field = "amount"
	FieldCurrency     Field = "currency"
	FieldBalance      Field = "balance"
	FieldPaid         Field = "paid"
	FieldDescription  Field = "description"
	FieldExternalRef  Field = "external_ref"
	FieldType         Field = "type"
	FieldEmail        Field = "email"
	FieldPhone        Field = "phone"
	FieldAddress1     Field = "address1"
	FieldAddress2     Field = "address2"
	FieldPostalCode   Field = "postal_code"
	FieldCity         Field = "city"
	FieldRegion       Field = "region"
	FieldCountry      Field = "country"
	FieldContact      Field = "contact"
	FieldCustomerKind Field = "customer_kind"
	FieldLanguage     Field = "language"
	FieldTimeZone     Field = "time_zone"
	FieldSince        Field = "since"
	FieldNotes        Field = "notes"
	FieldDate         Field = "date"
	FieldMethod       Field = "method"
	FieldReference    Field = "reference"
	FieldInvoice      Field = "invoice"
	FieldQuantity     Field = "quantity"   // of one line of an invoice
	FieldUnitPrice    Field = "unit_price" // of one line of an invoice
	FieldLineAmount   Field = "line_amount"
	FieldStatus       Field = "status" // of an invoice: a voided, deleted or draft one is not owed
	FieldIgnore       Field = "ignore"
)

var customerSynonyms = map[Field][]string{
	FieldCustomer:     {"customer", "client", "name", "customer name", "client name", "company", "company name", "debtor", "display name", "full name", "account name"},
	FieldEmail:        {"email", "e-mail", "email address", "mail", "customer email"},
	FieldPhone:        {"phone", "telephone", "phone number", "tel", "mobile", "cell"},
	FieldAddress1:     {"address", "address 1", "address line 1", "street", "billing address", "street address", "addr1", "address1"},
	FieldAddress2:     {"address 2", "address line 2", "addr2", "address2"},
	FieldPostalCode:   {"postal code", "postcode", "zip", "zip code", "plz", "post code"},
	FieldCity:         {"city", "town", "ort"},
	FieldRegion:       {"region", "state", "province", "county"},
	FieldCountry:      {"country", "country code"},
	FieldContact:      {"contact", "contact person", "attention", "attn"},
	FieldCustomerKind: {"customer type", "customer kind", "business or consumer", "kind", "client type", "type of customer", "kundentyp", "kundenart"},
	FieldLanguage:     {"language", "lang"},
	FieldTimeZone:     {"time zone", "timezone", "tz"},
	FieldSince:        {"customer since", "since", "created"},
	FieldNotes:        {"notes", "note", "comments"},
}

var invoiceSynonyms = map[Field][]string{
	FieldNumber:      {"invoice no", "invoice number", "invoice #", "invoice", "number", "no", "#", "num", "inv no", "doc number", "document number", "invoice id"},
	FieldCustomer:    {"customer", "client", "name", "customer name", "client name", "company", "debtor", "contact name", "bill to"},
	FieldIssueDate:   {"date", "invoice date", "issue date", "issued", "txn date", "transaction date", "created"},
	FieldDueDate:     {"due date", "due", "due on", "payment due", "due by"},
	FieldAmount:      {"amount", "total", "invoice total", "gross", "invoice amount", "total amount"},
	FieldCurrency:    {"currency", "currency code", "cur", "ccy"},
	FieldBalance:     {"balance", "open", "outstanding", "open balance", "amount due", "balance due", "due amount", "amount outstanding"},
	FieldPaid:        {"paid", "amount paid", "paid amount"},
	FieldDescription: {"description", "memo", "details", "item", "items"},
	FieldExternalRef: {"reference", "ref", "external reference", "external id", "po", "po number"},
	FieldType:        {"type", "transaction type", "doc type", "document type", "kind"},
	FieldEmail:       customerSynonyms[FieldEmail],
	FieldPhone:       customerSynonyms[FieldPhone],
	FieldAddress1:    customerSynonyms[FieldAddress1],
	FieldAddress2:    customerSynonyms[FieldAddress2],
	FieldPostalCode:  customerSynonyms[FieldPostalCode],
	FieldCity:        customerSynonyms[FieldCity],
	FieldRegion:      customerSynonyms[FieldRegion],
	FieldCountry:     customerSynonyms[FieldCountry],

	// An invoice file may say the type of the customers it creates ("kind" is the row's type here).
	FieldCustomerKind: {"customer type", "customer kind", "business or consumer", "client type", "type of customer", "kundentyp", "kundenart"},
}

var paymentSynonyms = map[Field][]string{
	FieldCustomer:  invoiceSynonyms[FieldCustomer],
	FieldDate:      {"date", "payment date", "received", "date received", "paid on", "txn date", "transaction date"},
	FieldAmount:    {"amount", "total", "amount paid", "payment", "payment amount", "paid"},
	FieldCurrency:  invoiceSynonyms[FieldCurrency],
	FieldMethod:    {"method", "payment method", "paid by", "pay method", "tender"},
	FieldReference: {"reference", "ref", "memo", "cheque no", "check no", "transaction id", "payment id"},
	FieldInvoice:   {"invoice", "invoice no", "invoice number", "invoice #", "applied to", "for invoice"},
}

func synonymsFor(kind ImportKind) map[Field][]string {
	switch kind {
	case ImportInvoices:
		return invoiceSynonyms
	case ImportPayments:
		return paymentSynonyms
	}
	return customerSynonyms
}

// requiredFields are the fields without which a row of that kind means nothing.
func requiredFields(kind ImportKind) []Field {
	switch kind {
	case ImportInvoices:
		return []Field{FieldNumber, FieldCustomer, FieldAmount}
	case ImportPayments:
		return []Field{FieldCustomer, FieldAmount, FieldDate}
	}
	return []Field{FieldCustomer}
}

// Fields lists the fields a kind of file can hold, for the mapping screen and --help.
func Fields(kind ImportKind) []Field {
	var out []Field
	for f := range synonymsFor(kind) {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// headerKey folds a header for matching: lower case, words joined in CamelCase split
// ("InvoiceAmountDue", "POAddressLine1"), decorations such as a leading "*" (a required column
// in Xero) dropped, punctuation and runs of space made one space.
func headerKey(h string) string {
	var b strings.Builder
	space := false
	rs := []rune(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	for i, r := range rs {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '#') {
			space = true
			continue
		}
		if i > 0 && wordStart(rs, i) {
			space = true
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
		space = false
	}
	return b.String()
}

// wordStart tells where a word begins inside a run of letters: a capital after a small letter
// (invoiceNumber), the last capital of an acronym before a small letter (POAddress), and a
// digit after a letter (Line1).
func wordStart(rs []rune, i int) bool {
	prev, r := rs[i-1], rs[i]
	switch {
	case unicode.IsDigit(r):
		return unicode.IsLetter(prev)
	case unicode.IsUpper(r) && unicode.IsLower(prev):
		return true
	case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
		return true
	}
	return false
}

// Mapping tells which column holds which field.
type Mapping map[Field]int

// BuildMapping matches a header to fields: first the owner's explicit choices (column name to
// field), then known names and synonyms, case-insensitively. It returns the columns it could not
// place, and an error naming the required fields no column provides.
func BuildMapping(kind ImportKind, header []string, explicit map[string]Field) (Mapping, []string, error) {
	syn := synonymsFor(kind)
	lookup := nameLookup(syn)
	expl := map[string]Field{}
	for col, f := range explicit {
		if _, ok := syn[f]; !ok && f != FieldIgnore {
			return nil, nil, Errorf(CodeInvalid, "%q is not a field of a %s file; the fields are %s", f, kind, fieldList(kind))
		}
		expl[headerKey(col)] = f
	}
	for col := range expl {
		if !slices.ContainsFunc(header, func(h string) bool { return headerKey(h) == col }) {
			return nil, nil, Errorf(CodeInvalid, "the file has no column called %q", col)
		}
	}
	m := Mapping{}
	rank := map[Field]int{} // how well the chosen column's name fits its field: lower is better
	var unknown []string
	for i, h := range header {
		k := headerKey(h)
		if f, ok := expl[k]; ok {
			if f != FieldIgnore {
				m[f], rank[f] = i, -1
			}
			continue
		}
		n, ok := lookup[k]
		if !ok {
			if k != "" {
				unknown = append(unknown, h)
			}
			continue
		}
		if j, dup := m[n.field]; dup {
			if rank[n.field] <= n.rank {
				unknown = append(unknown, h)
				continue
			}
			unknown = append(unknown, header[j]) // a better name for the field: the other column is set aside
		}
		m[n.field], rank[n.field] = i, n.rank
	}
	return m, unknown, checkMapping(kind, m, header)
}

type nameRank struct {
	field Field
	rank  int
}

// nameLookup indexes every name of every field, with its place in the field's list.
func nameLookup(syn map[Field][]string) map[string]nameRank {
	lookup := map[string]nameRank{}
	put := func(name string, f Field, rank int) {
		k := headerKey(name)
		if old, ok := lookup[k]; !ok || rank < old.rank || rank == old.rank && f < old.field {
			lookup[k] = nameRank{f, rank}
		}
	}
	for f, names := range syn {
		put(string(f), f, 0)
		put(strings.ReplaceAll(string(f), "_", " "), f, 0)
		for i, n := range names {
			put(n, f, i+1)
		}
	}
	return lookup
}

// checkMapping names the fields a kind of file cannot do without that no column provides. The
// words are the owner's: the window's Columns dialog and the command line both show them.
func checkMapping(kind ImportKind, m Mapping, header []string) error {
	has := func(fs ...Field) bool {
		for _, f := range fs {
			if _, ok := m[f]; ok {
				return true
			}
		}
		return false
	}
	var missing []Field
	for _, f := range requiredFields(kind) {
		switch {
		case has(f):
		case kind == ImportInvoices && f == FieldAmount && has(FieldBalance, FieldLineAmount, FieldUnitPrice):
		default:
			missing = append(missing, f)
		}
	}
	if kind == ImportInvoices && !has(FieldIssueDate, FieldDueDate) {
		missing = append(missing, FieldIssueDate)
	}
	if len(missing) == 0 {
		return nil
	}
	words := make([]string, len(missing))
	for i, f := range missing {
		words[i] = strings.ToLower(FieldWords(f))
	}
	return &MappingError{Missing: missing, err: Errorf(CodeInvalid, "no column of the file could be read as the %s (its columns are %s); say which column holds it with Columns…",
		strings.Join(words, ", the "), quoteList(header))}
}

// MappingError is a file whose columns do not give every field an import needs.
type MappingError struct {
	Missing []Field
	err     error
}

func (e *MappingError) Error() string { return e.err.Error() }
func (e *MappingError) Unwrap() error { return e.err }

func fieldList(kind ImportKind) string {
	var s []string
	for _, f := range Fields(kind) {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}

func quoteList(h []string) string {
	q := make([]string, len(h))
	for i, s := range h {
		q[i] = "\"" + s + "\""
	}
	return strings.Join(q, ", ")
}

// ParseMapping reads "Column=field" pairs from the command line.
func ParseMapping(pairs []string) (map[string]Field, error) {
	out := map[string]Field{}
	for _, p := range pairs {
		col, f, ok := strings.Cut(p, "=")
		if !ok || strings.TrimSpace(col) == "" || strings.TrimSpace(f) == "" {
			return nil, Errorf(CodeInvalid, "%q is not a mapping; write COLUMN=FIELD, e.g. \"Inv No=number\"", p)
		}
		out[strings.TrimSpace(col)] = Field(strings.ToLower(strings.TrimSpace(f)))
	}
	return out, nil
}
