package app

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

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
	Encoding        string // the text encoding of a CSV file; empty decides from the file
	Century         int    // the first year two-digit years are read in (1950: 50-99 are 1950-1999); 0 refuses them
	Update          bool   // apply the file's amount, dates and customer to invoices stored otherwise
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

// ImportReport is what an import did, or would do in a dry run. Lists stop after MaxReportLines
// entries; the counts and the summaries say what else there is.
type ImportReport struct {
	Kind          ImportKind
	File          string
	Rows          int
	Added         int
	CreditNotes   int // of those added, credit notes (an invoice file)
	Payments      int // of those added, payments a report lists beside its invoices
	Unchanged     int
	Updated       int
	Rejected      int
	Problems      []RowProblem
	ProblemCount  int    // every problem, listed or not
	MoreProblems  string // what the problems not listed are about
	Conflicts     []ImportConflict
	ConflictCount int // stored invoices the file changes in amount, dates or customer
	Notes         []string
	Applied       bool
}

// Summary is a one-line account of the report.
func (r ImportReport) Summary() string {
	if !r.Applied {
		added := fmt.Sprint(r.Added)
		if r.CreditNotes+r.Payments > 0 {
			added += " (" + strings.TrimSuffix(r.addedWords(), " created") + ")"
		}
		s := fmt.Sprintf("%s from %s: %d rows; %s would be added, %d unchanged, %d updated, %d rejected",
			r.Kind, r.File, r.Rows, added, r.Unchanged, r.Updated, r.Rejected)
		if r.ConflictCount > 0 {
			s += fmt.Sprintf("; %d stored invoices differ from the file", r.ConflictCount)
		}
		return s
	}
	s := fmt.Sprintf("%s from %s: %d rows; %s, %d unchanged, %d updated, %d rejected",
		r.Kind, r.File, r.Rows, r.addedWords(), r.Unchanged, r.Updated, r.Rejected)
	if r.ConflictCount > 0 {
		s += fmt.Sprintf("; %d stored invoices differ from the file", r.ConflictCount)
	}
	return s
}

// addedWords says what an import that was written added: "3 invoices and 1 credit note created".
func (r ImportReport) addedWords() string {
	switch r.Kind {
	case ImportPayments:
		return counted(r.Added, "payment", "payments") + " recorded"
	case ImportCustomers:
		return counted(r.Added, "customer", "customers") + " created"
	}
	parts := []string{counted(r.Added-r.CreditNotes-r.Payments, "invoice", "invoices")}
	if r.CreditNotes > 0 {
		parts = append(parts, counted(r.CreditNotes, "credit note", "credit notes"))
	}
	if r.Payments > 0 {
		parts = append(parts, counted(r.Payments, "payment", "payments"))
	}
	if len(parts) == 1 {
		return parts[0] + " created"
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + " created"
}

func counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ImportSnapshot is what is stored among the invoice numbers and payment keys of part of a file.
type ImportSnapshot struct {
	Invoices    map[string]Invoice // stored invoices among the numbers asked for
	PaymentKeys map[string]bool    // payment import keys already stored
}

// SnapshotSource answers the planner's questions about the stored ledger. The planner asks for
// a few thousand rows at a time, so that what it holds does not grow with the book.
type SnapshotSource interface {
	ImportCustomers() ([]Customer, error)
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
// when the invoice is new; the store records it as a payment made before the import. An update
// carries the invoice as stored and what changes.
type PlannedInvoice struct {
	Row         int
	CustomerKey string
	Invoice
	PaidBefore int64
	Old        *Invoice
	Changes    []FieldChange
}

// PlannedPayment is a payment (or credit note) to add.
type PlannedPayment struct {
	Row         int
	CustomerKey string
	Payment
	Invoice   string // the invoice the owner named, if any
	ImportKey string
	AsCredit  bool // kept as the customer's credit, as the file shows it, not applied to invoices
}

// ImportPlan is everything an import will write, decided before anything is written. New
// invoices are kept compactly (a file may bring a million): read them with NewInvoice.
type ImportPlan struct {
	Kind         ImportKind
	NewCustomers []PlannedCustomer
	UpdCustomers []Customer
	UpdInvoices  []PlannedInvoice
	NewPayments  []PlannedPayment
	CustomerIDs  map[string]int64       // key -> stored id for customers that exist
	KindChanges  map[int64]CustomerKind // stored id -> the type before, for customers the file changes
	Report       ImportReport
	// Source is the original file, kept with the invoices it creates; nil when it is not kept.
	Source      *ImportSource
	newInvoices invoiceRecords
	lines       map[int32][]InvoiceLine // new invoice -> its lines, in a file that gives them
}

// ImportSource is an imported file kept as it was read, byte for byte.
type ImportSource struct {
	Name     string
	Encoding string // as the owner chose it; "" decides from the file, as the import did
	Doc      Document
}

// InvoiceSource is where an imported invoice came from: the kept file and its first row there.
type InvoiceSource struct {
	InvoiceID  int64
	Number     string
	File       ImportSource // Doc holds the SHA-256 only; its bytes are read when needed
	ImportedAt time.Time
	Row        int
}

// Writes counts the rows the plan writes.
func (p *ImportPlan) Writes() int {
	return len(p.NewCustomers) + len(p.UpdCustomers) + p.NewInvoiceCount() + len(p.UpdInvoices) + len(p.NewPayments)
}

// CustomerKey is how an import matches customers: the name without invisible characters, in
// one Unicode form, case and space folded.
func CustomerKey(name string) string {
	clean, _ := CleanName(name)
	return strings.ToLower(clean)
}

type rowReader struct {
	header   []string
	m        Mapping
	row      []string
	line     int
	probs    []RowProblem
	name     string // the customer name, cleaned
	nameDone bool
	nameOK   bool
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
	if i, ok := r.m[f]; ok && i < len(r.header) {
		return r.header[i]
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
		if i < len(r.header) {
			col = r.header[i]
		}
		switch {
		case strings.IndexByte(c, 0) >= 0:
			r.probs = append(r.probs, RowProblem{Row: r.line, Column: col, Message: "the cell contains a NUL byte, which is not text"})
			ok = false
		case !utf8.ValidString(c):
			r.probs = append(r.probs, RowProblem{Row: r.line, Column: col, Message: "the cell is not readable text"})
			ok = false
		case len(c) > MaxCell && utf8.RuneCountInString(c) > MaxCell:
			r.probs = append(r.probs, RowProblem{Row: r.line, Column: col, Message: fmt.Sprintf("the cell is too long (%d characters; at most %d)", utf8.RuneCountInString(c), MaxCell)})
			ok = false
		}
	}
	return ok
}

type planner struct {
	kind     ImportKind
	src      TableSource
	info     TableInfo
	xlsx     bool
	m        Mapping
	opts     ImportOptions
	order    DateOrder
	nf       NumberFormat
	defCur   string
	defKind  CustomerKind
	plan     *ImportPlan
	rep      reportBuilder
	twoDigit string // the first date of the file with a two-digit year
	layout   *reportLayout
	layoutAt int               // where in the notes what the layout set aside is said: after how the file was read
	signs    map[string]string // currency signs read as currencies, for the report
}

// PlanImport reads a file as the given kind and decides, without writing anything, what the
// import adds, updates, leaves unchanged and rejects, row by row. It reads the file twice: once
// to decide its formats, once to plan each row.
func PlanImport(kind ImportKind, src TableSource, opts ImportOptions, snap SnapshotSource) (*ImportPlan, error) {
	if len(src.Info().Header) == 0 {
		return nil, Errorf(CodeInvalid, "the file is empty")
	}
	layout, err := newReportLayout(kind, src, opts.Mapping)
	if err != nil {
		return nil, err
	}
	info := layout.Info()
	remembered := false
	if opts.Mapping == nil {
		opts.Mapping = savedMapping(snap, kind, info.Header)
		remembered = opts.Mapping != nil
	}
	m, unknown, err := BuildMapping(kind, info.Header, opts.Mapping)
	if err != nil {
		if len(info.Header) == 1 && strings.ContainsAny(info.Header[0], ",;\t|") {
			return nil, Wrap(CodeInvalid, err, "the file seems to use a separator Duebook could not recognise: every row is one column")
		}
		return nil, err
	}
	layout.use(m)
	src = layout
	if opts.Century != 0 {
		if _, err := checkCentury(opts.Century); err != nil {
			return nil, err
		}
	}
	p := &planner{kind: kind, src: src, info: info, xlsx: info.Source == "xlsx", m: m, opts: opts,
		plan: &ImportPlan{Kind: kind, CustomerIDs: map[string]int64{}, KindChanges: map[int64]CustomerKind{}}}
	p.plan.Report = ImportReport{Kind: kind, File: info.Name, Notes: slices.Clone(info.Notes)}
	p.rep.r = &p.plan.Report
	p.layoutAt = len(p.plan.Report.Notes)
	if remembered {
		p.note("the columns are read as you chose them before for files with these columns")
	}
	for _, u := range unknown {
		p.note("column %q is not used", u)
	}
	p.layout = layout
	p.defCur = opts.DefaultCurrency
	if p.defCur == "" {
		p.defCur = "EUR"
	}
	if err := p.decideFormats(); err != nil {
		return nil, err
	}
	if p.plan.Report.Rows == 0 {
		return nil, Errorf(CodeInvalid, "the file has a header but no rows")
	}
	// Totals are added up only in a file that has total rows: a plain file costs nothing more.
	layout.nf, layout.check = p.nf, layout.last.subtotals+layout.last.totals > 0
	if p.defKind, err = checkKind(opts.DefaultKind); err != nil {
		return nil, err
	}
	p.defKind = Shop{DefaultKind: p.defKind}.KindForNewCustomers()
	switch kind {
	case ImportCustomers:
		err = p.customers(snap)
	case ImportInvoices:
		err = p.invoices(snap)
	case ImportPayments:
		err = p.payments(snap)
	}
	if err != nil {
		return nil, err
	}
	p.noteDefaultKind()
	p.noteCentury()
	p.noteSigns()
	p.noteLayout()
	p.rep.finish()
	return p.plan, nil
}

func (p *planner) note(format string, args ...any) {
	p.plan.Report.Notes = append(p.plan.Report.Notes, fmt.Sprintf(format, args...))
}

// decideFormats chooses one date order and one number format for the whole file from its
// unambiguous values; a file that stays ambiguous is refused, never guessed row by row.
func (p *planner) decideFormats() error {
	dmy, mdy, ambiguous, dot, comma := 0, 0, 0, 0, 0
	var example string
	err := p.src.EachRow(func(cells []string, line int) error {
		p.plan.Report.Rows++
		rr := rowReader{header: p.info.Header, m: p.m, row: cells}
		for _, f := range []Field{FieldIssueDate, FieldDueDate, FieldDate, FieldSince} {
			v := rr.get(f)
			if v == "" || (p.xlsx && isSerial(v)) {
				continue
			}
			if p.twoDigit == "" && twoDigitYear(v) {
				p.twoDigit = strings.Clone(v)
			}
			ev := DateOrderEvidence(v)
			switch {
			case len(ev) == 2:
				ambiguous++
				if example == "" {
					example = strings.Clone(v)
				}
			case len(ev) == 1 && ev[0] == OrderDMY:
				dmy++
			case len(ev) == 1 && ev[0] == OrderMDY:
				mdy++
			}
		}
		if err := p.sharedSign(&rr); err != nil {
			return err
		}
		for _, f := range amountFields {
			if v := plainAmount(rr.get(f)); v != "" {
				switch nf, decided, _ := GuessNumberFormat([]string{v}); {
				case decided && nf == FormatComma:
					comma++
				case decided:
					dot++
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	p.order = p.opts.DateOrder
	switch {
	case p.order != OrderUnknown:
	case dmy > 0 && mdy > 0:
		return hinted("--date-order dmy or --date-order mdy", Errorf(CodeInvalid, "the dates of this file are written both day first and month first; choose the order under \"Dates are written\""))
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
		return hinted("--date-order dmy or --date-order mdy", Errorf(CodeInvalid, "dates such as %q could be day/month or month/day, and no date in the file tells which; choose the order under \"Dates are written\"", example))
	}
	if dot > 0 && comma > 0 {
		return Errorf(CodeInvalid, "the amounts of this file are written both with a decimal point and with a decimal comma; Duebook cannot tell which is meant")
	}
	p.nf = FormatDot
	if comma > 0 {
		p.nf = FormatComma
	}
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
// A two-digit year is read only by the century the owner named.
func (p *planner) date(r *rowReader, f Field) (Date, bool) {
	v := r.get(f)
	if v == "" {
		return Date{}, true
	}
	if p.xlsx && isSerial(v) {
		serial, _ := strconv.ParseFloat(v, 64)
		base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		t := base.AddDate(0, 0, int(math.Floor(serial)))
		return Date{t}, true
	}
	if twoDigitYear(v) {
		if p.opts.Century == 0 {
			r.fail(f, Errorf(CodeInvalid, "%q has a two-digit year, and Duebook does not guess the century; write the year with four digits, or choose how to read them under \"Two-digit years\" (\"as 2000 to 2099\" reads 26 as 2026)", v))
			return Date{}, false
		}
		v = withCentury(v, p.opts.Century)
	}
	d, err := ParseDate(v, p.order)
	if err != nil {
		r.fail(f, err)
		return Date{}, false
	}
	return d, true
}

func (p *planner) snapshot(src SnapshotSource, numbers, keys []string) (ImportSnapshot, error) {
	s, err := src.ImportSnapshot(numbers, keys)
	if err != nil {
		return s, Wrap(CodeStorage, err, "could not read the ledger to compare the file with it")
	}
	return s, nil
}

// chunks reads the file's rows a few thousand at a time, so that what is stored can be looked up
// for each part without holding the file.
func (p *planner) chunks(fn func(rows []*rowReader) error) error {
	const size = 2000
	batch := make([]*rowReader, 0, size)
	err := p.src.EachRow(func(cells []string, line int) error {
		batch = append(batch, &rowReader{header: p.info.Header, m: p.m, row: slices.Clone(cells), line: line})
		if len(batch) < size {
			return nil
		}
		err := fn(batch)
		batch = batch[:0]
		return err
	})
	if err == nil && len(batch) > 0 {
		err = fn(batch)
	}
	return err
}
