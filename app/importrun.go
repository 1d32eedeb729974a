package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"
)

// Import reads a file, plans the import and, unless it is a dry run, rows were rejected or stored
// invoices would change (and the owner did not say to skip or apply them), writes it in one
// transaction. The report says what happened.
func (l *Ledger) Import(ctx context.Context, kind ImportKind, path string, opts ImportOptions, progress func(done, total int)) (ImportReport, error) {
	if l.Tables == nil {
		return ImportReport{}, Errorf(CodeInternal, "no file reader is set up")
	}
	src, kept, err := l.openImport(kind, path, opts)
	if err != nil {
		return ImportReport{}, err
	}
	defer src.Close()
	defer boundHeap()()
	name := src.Info().Name
	shop, _, err := l.Store.Shop()
	if err != nil {
		return ImportReport{}, err
	}
	if opts.DefaultCurrency == "" {
		opts.DefaultCurrency = shop.Currency
	}
	if opts.DefaultKind == "" {
		opts.DefaultKind = shop.KindForNewCustomers()
	}
	plan, err := PlanImport(kind, cancellable{src, ctx}, opts, l.Store)
	if err != nil {
		return ImportReport{}, err
	}
	if kind == ImportInvoices && plan.NewInvoiceCount() > 0 {
		if kept != nil {
			plan.Source = kept
		} else {
			plan.Report.Notes = append(plan.Report.Notes, fmt.Sprintf("%s is not kept in the book (only files up to %d MB are): a hand-off shows its invoices as the ledger holds them, without the file's rows", name, MaxKeptImport>>20))
		}
	}
	rep := plan.Report
	switch {
	case opts.DryRun:
		return rep, nil
	case rep.Rejected > 0 && !opts.SkipInvalid:
		return rep, Errorf(CodeInvalid, "%d rows of %s cannot be imported, so nothing was imported; correct them, or import the good rows only", rep.Rejected, name)
	case rep.ConflictCount > 0 && !opts.Update && !opts.SkipInvalid:
		return rep, hinted("--update applies the file's values, --skip-invalid keeps what is stored", Errorf(CodeConflict, "%d invoices of %s are stored with another amount, date or customer, so nothing was imported; check them, then tick \"Apply the file's changes to stored invoices\" to apply the file's values, or \"Import the good rows\" to keep what is stored", rep.ConflictCount, name))
	}
	if plan.Writes() == 0 {
		rep.done()
		return rep, nil
	}
	sort.SliceStable(plan.NewPayments, func(i, j int) bool {
		return plan.NewPayments[i].ReceivedOn.Before(plan.NewPayments[j].ReceivedOn)
	})
	ev := l.event(0, "import", fmt.Sprintf("Imported %s from %s: %d added, %d updated, %d unchanged, %d rejected",
		kind, name, rep.Added, rep.Updated, rep.Unchanged, rep.Rejected), rep)
	if err := l.Store.ApplyImport(ctx, plan, ev, progress); err != nil {
		return rep, err
	}
	rep.done()
	return rep, nil
}

// openImport opens the file to import. An invoice file small enough to keep is read into memory
// first and planned from those bytes, so the copy kept is exactly what was imported.
func (l *Ledger) openImport(kind ImportKind, path string, opts ImportOptions) (TableSource, *ImportSource, error) {
	ro := ReadOptions{Encoding: opts.Encoding}
	if br, ok := l.Tables.(TableBytesReader); ok && kind == ImportInvoices {
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() <= MaxKeptImport {
			if b, err := os.ReadFile(path); err == nil {
				name := filepath.Base(path)
				src, err := br.OpenTableBytes(name, b, ro)
				if err != nil {
					return nil, nil, err
				}
				return src, &ImportSource{Name: name, Encoding: opts.Encoding, Doc: NewDocument("import-file", importMime(name), b)}, nil
			}
		}
	}
	src, err := l.Tables.OpenTable(path, ro)
	return src, nil, err
}

// importMime names a kept file's type by its name.
func importMime(name string) string {
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv"
}

// importHeapLimit is the soft limit of the Go heap while an import runs.
const importHeapLimit = 224 << 20

// boundHeap keeps the heap of a big import near what it holds. The plan of a million rows holds
// about 150 MB; left alone, the collector lets the heap grow to twice what it holds before each
// cycle. A soft limit makes it collect sooner instead; the window's own lower limit is raised
// to it while the import runs, so that the collector does not run all the time (a limit the
// user set with GOMEMLIMIT is left alone). It returns what puts the limit back.
func boundHeap() func() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	if was := debug.SetMemoryLimit(-1); was != math.MaxInt64 && was >= importHeapLimit {
		return func() {}
	}
	was := debug.SetMemoryLimit(importHeapLimit)
	return func() { debug.SetMemoryLimit(was) }
}

// cancellable stops reading a file when the owner cancels: planning a big file takes seconds.
type cancellable struct {
	TableSource
	ctx context.Context
}

func (c cancellable) EachRow(fn func(cells []string, line int) error) error {
	n := 0
	return c.TableSource.EachRow(func(cells []string, line int) error {
		if n++; n%1024 == 0 {
			if err := c.ctx.Err(); err != nil {
				return Wrap(CodeCancelled, err, "the import was cancelled; nothing was imported")
			}
		}
		return fn(cells, line)
	})
}

// ReadHeader returns the column names of a file, for choosing columns by hand.
func (l *Ledger) ReadHeader(path string, encoding string) ([]string, error) {
	if l.Tables == nil {
		return nil, Errorf(CodeInternal, "no file reader is set up")
	}
	src, err := l.Tables.OpenTable(path, ReadOptions{Encoding: encoding})
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return src.Info().Header, nil
}

// AutoMapping tells which field each column would be read as without the owner's choices.
func AutoMapping(kind ImportKind, header []string) map[string]Field {
	m, _, _ := BuildMapping(kind, header, nil)
	out := map[string]Field{}
	for f, i := range m {
		out[header[i]] = f
	}
	return out
}

// ImportChangeEvents are the timeline entries of a stored invoice an import changes, with the old
// and the new values: one for its customer, and one for the customer it leaves when it moves.
func ImportChangeEvents(file string, pi PlannedInvoice, at time.Time) []Event {
	parts := make([]string, len(pi.Changes))
	for i, c := range pi.Changes {
		parts[i] = fmt.Sprintf("%s %s → %s", c.Field, orNone(c.Old), orNone(c.New))
	}
	type values struct {
		CustomerID  int64  `json:"customer_id"`
		IssueDate   string `json:"issue_date"`
		DueDate     string `json:"due_date"`
		Currency    string `json:"currency"`
		Amount      int64  `json:"amount"`
		Description string `json:"description"`
		Reference   string `json:"reference"`
	}
	of := func(inv Invoice) values {
		return values{inv.CustomerID, inv.IssueDate.String(), inv.DueDate.String(), inv.Currency, inv.Amount, inv.Description, inv.ExternalRef}
	}
	old := Invoice{}
	if pi.Old != nil {
		old = *pi.Old
	}
	data, _ := json.Marshal(struct {
		File    string        `json:"file"`
		Row     int           `json:"row"`
		Number  string        `json:"number"`
		Changes []FieldChange `json:"changes"`
		Old     values        `json:"old"`
		New     values        `json:"new"`
	}{file, pi.Row, pi.Number, pi.Changes, of(old), of(pi.Invoice)})
	summary := fmt.Sprintf("Invoice %s changed by importing %s (row %d): %s", pi.Number, file, pi.Row, strings.Join(parts, "; "))
	out := []Event{{At: at, CustomerID: pi.CustomerID, Kind: "invoice", Summary: summary, Data: string(data)}}
	if pi.Old != nil && pi.Old.CustomerID != pi.CustomerID {
		out = append(out, Event{At: at, CustomerID: pi.Old.CustomerID, Kind: "invoice", Summary: summary, Data: string(data)})
	}
	return out
}
