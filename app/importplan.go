package app

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Table is a file read into rows of text: a header and its rows. Line is the row's number in the
// file as the owner sees it in a spreadsheet (the header is row 1).
type Table struct {
	Name   string // file name, for the report
	Source string // "csv" or "xlsx"
	Header []string
	Rows   [][]string
	Lines  []int
	Notes  []string // what reading the file noticed (encoding, delimiter)
}

// TableReader reads a CSV or XLSX file into a Table.
type TableReader interface {
	ReadTable(path string) (*Table, error)
}

// MaxCell is the longest cell an import accepts, in characters.
const MaxCell = 4096

// ImportOptions are the owner's choices for an import.
type ImportOptions struct {
	Mapping         map[string]Field
	DateOrder       DateOrder
	DefaultCurrency string
	DefaultKind     CustomerKind // what a new customer is when the file does not say (the shop's default)
	SkipInvalid     bool         // import the good rows and report the rejected ones
	DryRun          bool
}

// RowProblem says what is wrong with one cell or row.
type RowProblem struct {
	Row     int
	Column  string
	Message string
}

func (p RowProblem) String() string {
	if p.Column != "" {
		return fmt.Sprintf("row %d, column %q: %s", p.Row, p.Column, p.Message)
	}
	return fmt.Sprintf("row %d: %s", p.Row, p.Message)
}

// ImportReport is what an import did, or would do in a dry run.
type ImportReport struct {
	Kind      ImportKind
	File      string
	Rows      int
	Added     int
	Unchanged int
	Updated   int
	Rejected  int
	Problems  []RowProblem
	Notes     []string // created customers, ignored columns, the date order chosen, ...
	Applied   bool
}

// Summary is a one-line account of the report.
func (r ImportReport) Summary() string {
	verb := "would be"
	if r.Applied {
		verb = "were"
	}
	return fmt.Sprintf("%s from %s: %d rows; %d %s added, %d unchanged, %d updated, %d rejected",
		r.Kind, r.File, r.Rows, r.Added, verb, r.Unchanged, r.Updated, r.Rejected)
}

// ImportSnapshot is what the planner needs to know of what is stored.
type ImportSnapshot struct {
	Customers   []Customer         // every customer, for matching by name
	Invoices    map[string]Invoice // stored invoices among the numbers asked for
	PaymentKeys map[string]bool    // payment import keys already stored
}

// SnapshotSource answers the planner's questions about the stored ledger.
type SnapshotSource interface {
	ImportSnapshot(numbers, paymentKeys []string) (ImportSnapshot, error)
}

// PlannedCustomer is a customer the import creates; Key links invoices and payments to it.
type PlannedCustomer struct {
	Row int
	Key string
	Customer
	KindByDefault bool // the file did not say the customer's type: it is the shop's default
}

// PlannedInvoice is an invoice to add or update. PaidBefore is what the file says was already paid
// when the invoice is new; the store records it as a payment made before the import.
type PlannedInvoice struct {
	Row         int
	CustomerKey string
	Invoice
	PaidBefore int64
}

// PlannedPayment is a payment (or credit note) to add.
type PlannedPayment struct {
	Row         int
	CustomerKey string
	Payment
	Invoice   string // the invoice the owner named, if any
	ImportKey string
}

// ImportPlan is everything an import will write, decided before anything is written.
type ImportPlan struct {
	Kind         ImportKind
	NewCustomers []PlannedCustomer
	UpdCustomers []Customer
	NewInvoices  []PlannedInvoice
	UpdInvoices  []PlannedInvoice
	NewPayments  []PlannedPayment
	CustomerIDs  map[string]int64       // key -> stored id for customers that exist
	KindChanges  map[int64]CustomerKind // stored id -> the type before, for customers the file changes
	Report       ImportReport
}

// Writes counts the rows the plan writes.
func (p *ImportPlan) Writes() int {
	return len(p.NewCustomers) + len(p.UpdCustomers) + len(p.NewInvoices) + len(p.UpdInvoices) + len(p.NewPayments)
}

// CustomerKey is how an import matches customers: the name, case and space folded.
func CustomerKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

type rowReader struct {
	t     *Table
	m     Mapping
	row   []string
	line  int
	probs []RowProblem
}

func (r *rowReader) has(f Field) bool { _, ok := r.m[f]; return ok }

func (r *rowReader) get(f Field) string {
	i, ok := r.m[f]
	if !ok || i >= len(r.row) {
		return ""
	}
	return strings.TrimSpace(r.row[i])
}

func (r *rowReader) col(f Field) string {
	if i, ok := r.m[f]; ok && i < len(r.t.Header) {
		return r.t.Header[i]
	}
	return string(f)
}

func (r *rowReader) fail(f Field, err error) {
	col := ""
	if f != "" {
		col = r.col(f)
	}
	r.probs = append(r.probs, RowProblem{Row: r.line, Column: col, Message: Sentence(err)})
}

// checkCells refuses NUL bytes, broken text and absurdly long cells before anything reads them.
func (r *rowReader) checkCells() bool {
	ok := true
	for i, c := range r.row {
		col := fmt.Sprintf("column %d", i+1)
		if i < len(r.t.Header) {
			col = r.t.Header[i]
		}
		switch {
		case strings.IndexByte(c, 0) >= 0:
			r.probs = append(r.probs, RowProblem{Row: r.line, Column: col, Message: "the cell contains a NUL byte, which is not text"})
			ok = false
		case !utf8.ValidString(c):
			r.probs = append(r.probs, RowProblem{Row: r.line, Column: col, Message: "the cell is not readable text"})
			ok = false
		case utf8.RuneCountInString(c) > MaxCell:
			r.probs = append(r.probs, RowProblem{Row: r.line, Column: col, Message: fmt.Sprintf("the cell is too long (%d characters; at most %d)", utf8.RuneCountInString(c), MaxCell)})
			ok = false
		}
	}
	return ok
}

type planner struct {
	kind    ImportKind
	t       *Table
	m       Mapping
	opts    ImportOptions
	order   DateOrder
	nf      NumberFormat
	defCur  string
	defKind CustomerKind
	plan    *ImportPlan
}

// PlanImport reads a table as the given kind and decides, without writing anything, what the
// import adds, updates, leaves unchanged and rejects, row by row.
func PlanImport(kind ImportKind, t *Table, opts ImportOptions, src SnapshotSource) (*ImportPlan, error) {
	if t == nil || len(t.Header) == 0 {
		return nil, Errorf(CodeInvalid, "the file is empty")
	}
	if len(t.Rows) == 0 {
		return nil, Errorf(CodeInvalid, "the file has a header but no rows")
	}
	m, unknown, err := BuildMapping(kind, t.Header, opts.Mapping)
	if err != nil {
		if len(t.Header) == 1 && strings.ContainsAny(t.Header[0], ",;\t|") {
			return nil, Wrap(CodeInvalid, err, "the file seems to use a separator Duebook could not recognise: every row is one column")
		}
		return nil, err
	}
	p := &planner{kind: kind, t: t, m: m, opts: opts, plan: &ImportPlan{Kind: kind, CustomerIDs: map[string]int64{}, KindChanges: map[int64]CustomerKind{}}}
	p.plan.Report = ImportReport{Kind: kind, File: t.Name, Rows: len(t.Rows), Notes: append([]string(nil), t.Notes...)}
	for _, u := range unknown {
		p.note("column %q is not used", u)
	}
	if err := p.decideFormats(); err != nil {
		return nil, err
	}
	p.defCur = opts.DefaultCurrency
	if p.defCur == "" {
		p.defCur = "EUR"
	}
	if p.defKind, err = checkKind(opts.DefaultKind); err != nil {
		return nil, err
	}
	p.defKind = Shop{DefaultKind: p.defKind}.KindForNewCustomers()
	switch kind {
	case ImportCustomers:
		err = p.customers(src)
	case ImportInvoices:
		err = p.invoices(src)
	case ImportPayments:
		err = p.payments(src)
	}
	if err != nil {
		return nil, err
	}
	p.noteDefaultKind()
	r := &p.plan.Report
	r.Rejected = countRows(r.Problems)
	return p.plan, nil
}

func countRows(probs []RowProblem) int {
	seen := map[int]bool{}
	for _, pr := range probs {
		seen[pr.Row] = true
	}
	return len(seen)
}

func (p *planner) note(format string, args ...any) {
	p.plan.Report.Notes = append(p.plan.Report.Notes, fmt.Sprintf(format, args...))
}

// decideFormats chooses one date order and one number format for the whole file from its
// unambiguous values; a file that stays ambiguous is refused, never guessed row by row.
func (p *planner) decideFormats() error {
	dmy, mdy, ambiguous := 0, 0, 0
	var example string
	var amounts []string
	for _, row := range p.t.Rows {
		rr := rowReader{t: p.t, m: p.m, row: row}
		for _, f := range []Field{FieldIssueDate, FieldDueDate, FieldDate, FieldSince} {
			v := rr.get(f)
			if v == "" || (p.t.Source == "xlsx" && isSerial(v)) {
				continue
			}
			ev := DateOrderEvidence(v)
			switch {
			case len(ev) == 2:
				ambiguous++
				if example == "" {
					example = v
				}
			case len(ev) == 1 && ev[0] == OrderDMY:
				dmy++
			case len(ev) == 1 && ev[0] == OrderMDY:
				mdy++
			}
		}
		for _, f := range []Field{FieldAmount, FieldBalance, FieldPaid} {
			if v := rr.get(f); v != "" {
				amounts = append(amounts, v)
			}
		}
	}
	p.order = p.opts.DateOrder
	switch {
	case p.order != OrderUnknown:
	case dmy > 0 && mdy > 0:
		return Errorf(CodeInvalid, "the dates of this file are written both day first and month first; name the order with --date-order dmy or mdy")
	case dmy > 0:
		p.order = OrderDMY
		if ambiguous > 0 {
			p.note("dates are read day first (day/month/year), as the file's unambiguous dates show")
		}
	case mdy > 0:
		p.order = OrderMDY
		if ambiguous > 0 {
			p.note("dates are read month first (month/day/year), as the file's unambiguous dates show")
		}
	case ambiguous > 0:
		return Errorf(CodeInvalid, "dates such as %q could be day/month or month/day, and no date in the file tells which; name the order with --date-order dmy or mdy", example)
	}
	nf, _, contradictory := GuessNumberFormat(amounts)
	if contradictory {
		return Errorf(CodeInvalid, "the amounts of this file are written both with a decimal point and with a decimal comma; Duebook cannot tell which is meant")
	}
	p.nf = nf
	return nil
}

// isSerial tells an Excel date serial number ("46348" or "46348.5") from a written date.
func isSerial(v string) bool {
	if strings.Count(v, ".") > 1 || !allDigits(strings.Replace(v, ".", "", 1)) {
		return false
	}
	f, err := strconv.ParseFloat(v, 64)
	return err == nil && f >= 1 && f < 2958466
}

// date reads a date cell: an Excel serial number in an XLSX file, else text in the file's order.
func (p *planner) date(r *rowReader, f Field) (Date, bool) {
	v := r.get(f)
	if v == "" {
		return Date{}, true
	}
	if p.t.Source == "xlsx" && isSerial(v) {
		serial, _ := strconv.ParseFloat(v, 64)
		base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		t := base.AddDate(0, 0, int(math.Floor(serial)))
		return Date{t}, true
	}
	d, err := ParseDate(v, p.order)
	if err != nil {
		r.fail(f, err)
		return Date{}, false
	}
	return d, true
}

func (p *planner) currency(r *rowReader) (Currency, bool) {
	code := r.get(FieldCurrency)
	if code == "" {
		code = p.defCur
	}
	c, err := LookupCurrency(code)
	if err != nil {
		r.fail(FieldCurrency, err)
		return Currency{}, false
	}
	return c, true
}

func (p *planner) amount(r *rowReader, f Field, cur Currency) (int64, bool) {
	v := r.get(f)
	if v == "" {
		return 0, true
	}
	a, err := ParseAmount(v, cur, p.nf)
	if err != nil {
		r.fail(f, err)
		return 0, false
	}
	return a, true
}

func (p *planner) snapshot(src SnapshotSource, numbers, keys []string) (ImportSnapshot, error) {
	s, err := src.ImportSnapshot(numbers, keys)
	if err != nil {
		return s, Wrap(CodeStorage, err, "could not read the ledger to compare the file with it")
	}
	return s, nil
}

func isCreditType(t string) bool {
	t = strings.ToLower(t)
	return strings.Contains(t, "credit") || strings.Contains(t, "gutschrift")
}

func (p *planner) invoices(src SnapshotSource) error {
	numbers := make([]string, 0, len(p.t.Rows))
	for _, row := range p.t.Rows {
		rr := rowReader{t: p.t, m: p.m, row: row}
		numbers = append(numbers, rr.get(FieldNumber))
	}
	creditKeys := make([]string, 0)
	for i, row := range p.t.Rows {
		rr := rowReader{t: p.t, m: p.m, row: row}
		if isCreditType(rr.get(FieldType)) {
			creditKeys = append(creditKeys, creditNoteKey(numbers[i]))
		}
	}
	snap, err := p.snapshot(src, numbers, creditKeys)
	if err != nil {
		return err
	}
	ix := newCustomerIndex(snap.Customers)
	seen := map[string]int{}
	rep := &p.plan.Report
	_, hasIssue := p.m[FieldIssueDate]
	_, hasDue := p.m[FieldDueDate]
	if !hasDue {
		p.note("the file has no due date column: each invoice is taken as due on its invoice date")
	} else if !hasIssue {
		p.note("the file has no invoice date column: each invoice is taken as issued on its due date")
	}
	for i, row := range p.t.Rows {
		r := &rowReader{t: p.t, m: p.m, row: row, line: p.t.Lines[i]}
		if !r.checkCells() {
			rep.Problems = append(rep.Problems, r.probs...)
			continue
		}
		if p.invoiceRow(r, ix, snap, seen) {
			continue
		}
		rep.Problems = append(rep.Problems, r.probs...)
	}
	return nil
}

func creditNoteKey(number string) string { return "credit-note:" + number }

// invoiceRow plans one invoice row; it returns false when the row is rejected.
func (p *planner) invoiceRow(r *rowReader, ix *customerIndex, snap ImportSnapshot, seen map[string]int) bool {
	rep := &p.plan.Report
	number, err := cleanText("invoice number", r.get(FieldNumber), 64)
	if err != nil || number == "" {
		r.fail(FieldNumber, Errorf(CodeInvalid, "the invoice number is missing"))
		return false
	}
	if first, dup := seen[number]; dup {
		r.fail(FieldNumber, Errorf(CodeConflict, "invoice %s already appears on row %d", number, first))
		return false
	}
	seen[number] = r.line
	cur, ok := p.currency(r)
	if !ok {
		return false
	}
	issue, ok1 := p.date(r, FieldIssueDate)
	due, ok2 := p.date(r, FieldDueDate)
	amount, ok3 := p.amount(r, FieldAmount, cur)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	if issue.IsZero() {
		issue = due
	}
	if due.IsZero() {
		due = issue
	}
	credit := isCreditType(r.get(FieldType))
	if credit || (amount < 0 && !r.has(FieldType)) {
		if !credit {
			r.fail(FieldAmount, Errorf(CodeInvalid, "a negative amount is not an invoice; if this row is a credit note, add a Type column that says so"))
			return false
		}
		return p.creditNoteRow(r, ix, snap, number, cur, issue, amount)
	}
	inv := Invoice{Number: number, IssueDate: issue, DueDate: due, Currency: cur.Code, Amount: amount,
		Description: r.get(FieldDescription), ExternalRef: r.get(FieldExternalRef)}
	if err := inv.Normalize(); err != nil {
		r.fail(FieldAmount, err)
		return false
	}
	paid := int64(0)
	switch {
	case r.has(FieldBalance) && r.get(FieldBalance) != "":
		bal, ok := p.amount(r, FieldBalance, cur)
		if !ok {
			return false
		}
		if bal < 0 || bal > amount {
			r.fail(FieldBalance, Errorf(CodeInvalid, "the open balance %s is not between zero and the invoice amount", r.get(FieldBalance)))
			return false
		}
		paid = amount - bal
	case r.has(FieldPaid) && r.get(FieldPaid) != "":
		pd, ok := p.amount(r, FieldPaid, cur)
		if !ok {
			return false
		}
		if pd < 0 || pd > amount {
			r.fail(FieldPaid, Errorf(CodeInvalid, "the paid amount %s is not between zero and the invoice amount", r.get(FieldPaid)))
			return false
		}
		paid = pd
	}
	old, exists := snap.Invoices[number]
	key, ok := p.linkCustomer(r, ix, !exists)
	if !ok {
		return false
	}
	if !exists {
		p.plan.NewInvoices = append(p.plan.NewInvoices, PlannedInvoice{Row: r.line, CustomerKey: key, Invoice: inv, PaidBefore: paid})
		rep.Added++
		return true
	}
	if id, known := p.plan.CustomerIDs[key]; !known || id != old.CustomerID {
		r.fail(FieldCustomer, Errorf(CodeConflict, "invoice %s is stored for another customer; Duebook does not move an invoice between customers by import", number))
		return false
	}
	upd := old
	upd.IssueDate, upd.DueDate, upd.Amount = inv.IssueDate, inv.DueDate, inv.Amount
	if r.has(FieldDescription) {
		upd.Description = inv.Description
	}
	if r.has(FieldExternalRef) {
		upd.ExternalRef = inv.ExternalRef
	}
	if upd.Currency != inv.Currency {
		r.fail(FieldCurrency, Errorf(CodeConflict, "invoice %s is stored in %s, not %s", number, old.Currency, inv.Currency))
		return false
	}
	if upd.Amount < old.Paid {
		r.fail(FieldAmount, Errorf(CodeConflict, "invoice %s has %s paid already, more than the new amount", number, Decimal(old.Paid, cur)))
		return false
	}
	if upd.IssueDate == old.IssueDate && upd.DueDate == old.DueDate && upd.Amount == old.Amount &&
		upd.Description == old.Description && upd.ExternalRef == old.ExternalRef {
		rep.Unchanged++
		return true
	}
	p.plan.UpdInvoices = append(p.plan.UpdInvoices, PlannedInvoice{Row: r.line, CustomerKey: key, Invoice: upd})
	rep.Updated++
	return true
}

func (p *planner) creditNoteRow(r *rowReader, ix *customerIndex, snap ImportSnapshot, number string, cur Currency, date Date, amount int64) bool {
	if amount < 0 {
		amount = -amount
	}
	if amount == 0 {
		r.fail(FieldAmount, Errorf(CodeInvalid, "a credit note must be for more than zero"))
		return false
	}
	k := creditNoteKey(number)
	key, ok := p.linkCustomer(r, ix, !snap.PaymentKeys[k])
	if !ok {
		return false
	}
	if snap.PaymentKeys[k] {
		p.plan.Report.Unchanged++
		return true
	}
	p.plan.NewPayments = append(p.plan.NewPayments, PlannedPayment{Row: r.line, CustomerKey: key, ImportKey: k,
		Payment: Payment{ReceivedOn: date, Currency: cur.Code, Amount: amount, Method: MethodCreditNote, Reference: number}})
	p.note("row %d is credit note %s: it becomes customer credit", r.line, number)
	p.plan.Report.Added++
	return true
}

func (p *planner) payments(src SnapshotSource) error {
	type parsed struct {
		r   *rowReader
		pay PlannedPayment
		ok  bool
	}
	rows := make([]parsed, len(p.t.Rows))
	occurrences := map[string]int{}
	var keys []string
	for i, row := range p.t.Rows {
		r := &rowReader{t: p.t, m: p.m, row: row, line: p.t.Lines[i]}
		rows[i].r = r
		if !r.checkCells() {
			continue
		}
		cur, ok := p.currency(r)
		if !ok {
			continue
		}
		date, ok1 := p.date(r, FieldDate)
		amount, ok2 := p.amount(r, FieldAmount, cur)
		if !ok1 || !ok2 {
			continue
		}
		if date.IsZero() {
			r.fail(FieldDate, Errorf(CodeInvalid, "the payment date is missing"))
			continue
		}
		if amount <= 0 {
			r.fail(FieldAmount, Errorf(CodeInvalid, "a payment must be more than zero"))
			continue
		}
		method, err := ParsePaymentMethod(r.get(FieldMethod))
		if err != nil {
			r.fail(FieldMethod, err)
			continue
		}
		ref, err := cleanText("reference", r.get(FieldReference), 200)
		if err != nil {
			r.fail(FieldReference, err)
			continue
		}
		base := strings.Join([]string{CustomerKey(r.get(FieldCustomer)), date.String(), cur.Code, strconv.FormatInt(amount, 10), ref, r.get(FieldInvoice)}, "\x1f")
		occurrences[base]++
		sum := sha256.Sum256([]byte(base + "\x1f" + strconv.Itoa(occurrences[base])))
		key := "import:" + hex.EncodeToString(sum[:12])
		keys = append(keys, key)
		rows[i].pay = PlannedPayment{Row: r.line, Invoice: r.get(FieldInvoice), ImportKey: key,
			Payment: Payment{ReceivedOn: date, Currency: cur.Code, Amount: amount, Method: method, Reference: ref}}
		rows[i].ok = true
	}
	snap, err := p.snapshot(src, nil, keys)
	if err != nil {
		return err
	}
	ix := newCustomerIndex(snap.Customers)
	rep := &p.plan.Report
	for _, pr := range rows {
		if !pr.ok {
			rep.Problems = append(rep.Problems, pr.r.probs...)
			continue
		}
		key, ok := p.linkCustomer(pr.r, ix, false)
		if !ok {
			rep.Problems = append(rep.Problems, pr.r.probs...)
			continue
		}
		if snap.PaymentKeys[pr.pay.ImportKey] {
			rep.Unchanged++
			continue
		}
		pr.pay.CustomerKey = key
		p.plan.NewPayments = append(p.plan.NewPayments, pr.pay)
		rep.Added++
	}
	return nil
}
