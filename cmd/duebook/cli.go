package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"time"

	"duebook/app"
	"duebook/app/mailbox"
	"duebook/data"
)

type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"sample": {"write a generated sample shop to a new file", cmdSample},
		"setup":  {"create a new book for your shop (as the window's \"Set up my shop\")", cmdSetup},
		"import": {"import customers, invoices or payments from CSV or XLSX", cmdImport},
		"aging":  {"print the aging report", cmdAging},
		"pay":    {"record a payment", cmdPay},
		"backup": {"write a consistent copy of the database", cmdBackup},
		"check":  {"check the database file and its timeline", cmdCheck},
		"bench":  {"measure speed on generated sample shops", cmdBench},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: duebook [--db FILE]            open the Duebook window")
	fmt.Fprintln(w, "       duebook COMMAND [options]     run a command without a window")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"duebook COMMAND --help\" for a command's options.")
}

// errUsage marks a mistake in how a command was called (exit code 2).
var errUsage = errors.New("usage")

// newFlags makes a flag set that reports instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: duebook %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse reads flags and positional arguments in any order.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, errUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// finish turns a command's error into its exit code and a plain sentence on stderr.
func finish(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		if err != errUsage {
			fmt.Fprintln(stderr, "duebook: "+strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		}
		return 2
	}
	slog.Error("shown to the owner", "cause", app.Cause(err))
	fmt.Fprintln(stderr, "duebook: "+app.Sentence(err))
	if app.CodeOf(err) == app.CodeDamaged {
		adviseRestore(stderr)
	}
	return 1
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func dateFlag(s string) (app.Date, error) {
	if s == "" {
		return app.Date{}, nil
	}
	return app.ParseISODate(s)
}

// openLedger opens the store and wires the ledger use cases, with the clock fixed to asOf when
// given.
func openLedger(db string, asOf app.Date) (*app.Ledger, *data.Store, error) {
	if db == "" {
		return nil, nil, fmt.Errorf("%w: --db FILE is required", errUsage)
	}
	if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
		return nil, nil, app.Errorf(app.CodeNotFound, "%s does not exist; open Duebook to set up your shop, or write a sample with \"duebook sample --db %s\"", db, db)
	}
	lastBook = db
	cleanLeftovers(db)
	st, err := data.Open(db)
	if err != nil {
		return nil, nil, err
	}
	return wireLedger(st, asOf), st, nil
}

// wireLedger builds the ledger use cases on an open store, with the clock fixed to asOf when
// given.
func wireLedger(st *data.Store, asOf app.Date) *app.Ledger {
	var clock app.Clock = app.SystemClock{}
	if !asOf.IsZero() {
		// Noon of that day where the shop is: the day is asOf in every time zone, UTC+13 too.
		clock = app.FixedClock(time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 12, 0, 0, 0, time.Local))
	}
	return services(st, clock).Ledger
}

// services wires the use cases on an open book with Duebook's own adapters, for the window and
// every command alike.
func services(st *data.Store, clock app.Clock) *app.Services {
	return mailServices(st, clock, cliSecrets{mailbox.NewKeyring()}, askPassword)
}

func usageErr(stderr io.Writer, fs *flag.FlagSet, format string, args ...any) error {
	fmt.Fprintf(stderr, "duebook %s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return errUsage
}

func cmdSample(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sample", "sample --db FILE [--customers N] [--invoices N] [--seed S] [--today YYYY-MM-DD] [--currency EUR]", stderr)
	db := fs.String("db", "", "the new database file to write")
	customers := fs.Int("customers", 0, "number of customers (default: invoices / 10)")
	invoices := fs.Int("invoices", 3000, "number of invoices")
	seed := fs.Uint64("seed", 1, "seed: the same seed writes the same shop")
	today := fs.String("today", "", "the day the sample is written as of (default: today)")
	currency := fs.String("currency", "EUR", "the shop's currency")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if *db == "" || len(pos) > 0 {
			return usageErr(stderr, fs, "name the new file with --db FILE and nothing else")
		}
		d, err := dateFlag(*today)
		if err != nil {
			return err
		}
		if *invoices <= 0 || *customers < 0 {
			return app.Errorf(app.CodeInvalid, "the number of invoices must be between 1 and 20,000,000, and customers cannot be negative")
		}
		if _, err := app.LookupCurrency(*currency); err != nil {
			return err
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		start := time.Now()
		stats, err := data.CreateSample(ctx, *db, data.SampleOptions{Customers: *customers, Invoices: *invoices, Seed: *seed, Today: d, Currency: strings.ToUpper(*currency)}, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote %s: %d customers, %d invoices, %d payments, %d timeline events in %.1f s.\n",
			*db, stats.Customers, stats.Invoices, stats.Payments, stats.Events, time.Since(start).Seconds())
		return nil
	}()
	return finish(err, stderr)
}

func cmdImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import customers|invoices|payments --db FILE [--dry-run] [--skip-invalid] [--update] [--map COLUMN=FIELD ...] [--date-order dmy|mdy|ymd] [--century YEAR] [--encoding ENC] [--currency CODE] FILE", stderr)
	db := fs.String("db", "", "the database file")
	dry := fs.Bool("dry-run", false, "check the file and report what would happen, without importing")
	skip := fs.Bool("skip-invalid", false, "import the good rows and report the rejected ones (default: all or nothing)")
	order := fs.String("date-order", "", "the order of day, month and year when the file's dates are ambiguous: dmy, mdy or ymd")
	currency := fs.String("currency", "", "currency of rows without a currency column (default: the shop's)")
	update := fs.Bool("update", false, "apply the file's amount, dates and customer to invoices stored otherwise (each change goes on the timeline)")
	century := fs.String("century", "", "read two-digit years in the hundred years from YEAR: 2000 reads 26 as 2026, 1950 reads 50-99 as 1950-1999 and 00-49 as 2000-2049 (default: refuse them)")
	encoding := fs.String("encoding", "", "the text encoding of a CSV file: "+strings.Join(app.Encodings, ", ")+" (default: decided from the file)")
	var maps listFlag
	fs.Var(&maps, "map", "COLUMN=FIELD: read a column as a field (repeatable); fields: number, customer, customer_kind, issue_date, due_date, amount, currency, balance, paid, description, type, status, quantity, unit_price, line_amount, email, phone, address1, address2, postal_code, city, region, country, date, method, reference, invoice, ignore")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) != 2 {
			return usageErr(stderr, fs, "name what the file holds (customers, invoices or payments) and the file")
		}
		kind, err := app.ParseImportKind(pos[0])
		if err != nil {
			return usageErr(stderr, fs, "%s", app.Sentence(err))
		}
		opts := app.ImportOptions{DryRun: *dry, SkipInvalid: *skip, DefaultCurrency: *currency, Update: *update}
		if opts.Century, err = app.ParseCentury(*century); err != nil {
			return usageErr(stderr, fs, "%s", app.Sentence(err))
		}
		if opts.Encoding, err = app.ParseEncoding(*encoding); err != nil {
			return usageErr(stderr, fs, "%s", app.Sentence(err))
		}
		if *order != "" {
			if opts.DateOrder, err = app.ParseDateOrder(*order); err != nil {
				return usageErr(stderr, fs, "%s", app.Sentence(err))
			}
		}
		if opts.Mapping, err = app.ParseMapping(maps); err != nil {
			return usageErr(stderr, fs, "%s", app.Sentence(err))
		}
		ledger, st, err := openLedger(*db, app.Date{})
		if err != nil {
			return err
		}
		defer st.Close()
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		start := time.Now()
		rep, ierr := ledger.Import(ctx, kind, pos[1], opts, nil)
		printReport(stdout, rep)
		if me := (*app.MappingError)(nil); errors.As(ierr, &me) {
			fmt.Fprintf(stderr, "Name the column with --map, e.g. --map \"Column name=%s\".\n", me.Missing[0])
		}
		if h := (*app.OptionHint)(nil); errors.As(ierr, &h) {
			fmt.Fprintf(stderr, "On the command line: %s.\n", h.Option)
		}
		if ierr == nil && rep.Applied {
			fmt.Fprintf(stdout, "Done in %.2f s.\n", time.Since(start).Seconds())
		}
		return ierr
	}()
	return finish(err, stderr)
}

func printReport(w io.Writer, rep app.ImportReport) {
	if rep.File == "" {
		return
	}
	fmt.Fprintln(w, rep.Summary()+".")
	notes, conflicts, problems := rep.Lines()
	for _, n := range notes {
		fmt.Fprintln(w, "  note: "+n)
	}
	for _, c := range conflicts {
		fmt.Fprintln(w, "  differs: "+c)
	}
	if len(conflicts) > 0 && !rep.Applied {
		fmt.Fprintln(w, "  (--update applies these changes; each goes on the customer's timeline)")
	}
	century := false
	for _, p := range problems {
		fmt.Fprintln(w, "  rejected: "+p)
		century = century || strings.Contains(p, "Two-digit years")
	}
	if century {
		fmt.Fprintln(w, "  (--century 2000 reads two-digit years as 2000 to 2099, --century 1950 as 1950 to 2049)")
	}
}

type agingJSON struct {
	AsOf       string        `json:"as_of"`
	Currencies []currencyRow `json:"currencies"`
}

type currencyRow struct {
	Currency string      `json:"currency"`
	Total    string      `json:"total"`
	Buckets  []bucketRow `json:"buckets"`
}

type bucketRow struct {
	Name   string `json:"name"`
	Count  int64  `json:"count"`
	Amount string `json:"amount"`
}

func cmdAging(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("aging", "aging --db FILE [--as-of YYYY-MM-DD] [--format text|csv|json]", stderr)
	db := fs.String("db", "", "the database file")
	asOf := fs.String("as-of", "", "the day to age on (default: today)")
	format := fs.String("format", "text", "text, csv or json")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		if *format != "text" && *format != "csv" && *format != "json" {
			return usageErr(stderr, fs, "the format is text, csv or json")
		}
		d, err := dateFlag(*asOf)
		if err != nil {
			return err
		}
		ledger, st, err := openLedgerToRead(*db, d, stderr)
		if err != nil {
			return err
		}
		defer st.Close()
		rep, err := ledger.AgingReport(ledger.Today())
		if err != nil {
			return err
		}
		return writeAging(stdout, *format, ledger.Today(), rep)
	}()
	return finish(err, stderr)
}

func writeAging(w io.Writer, format string, asOf app.Date, rep []app.Aging) error {
	out := agingJSON{AsOf: asOf.String(), Currencies: []currencyRow{}}
	for _, a := range rep {
		cur := app.MustCurrency(a.Currency)
		row := currencyRow{Currency: a.Currency, Total: app.Decimal(a.Total, cur)}
		for _, b := range a.Buckets {
			row.Buckets = append(row.Buckets, bucketRow{Name: b.Name, Count: b.Count, Amount: app.Decimal(b.Amount, cur)})
		}
		out.Currencies = append(out.Currencies, row)
	}
	switch format {
	case "json":
		return writeJSON(w, out)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"as_of", "currency", "bucket", "count", "amount"})
		for _, c := range out.Currencies {
			for _, b := range c.Buckets {
				cw.Write([]string{out.AsOf, c.Currency, b.Name, strconv.FormatInt(b.Count, 10), b.Amount})
			}
			cw.Write([]string{out.AsOf, c.Currency, "total", "", c.Total})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "Aging as of %s\n", out.AsOf)
	if len(out.Currencies) == 0 {
		fmt.Fprintln(w, "Nothing is owed.")
	}
	for _, c := range out.Currencies {
		fmt.Fprintf(w, "\n%s\n", c.Currency)
		for _, b := range c.Buckets {
			fmt.Fprintf(w, "  %-10s %8d invoices %18s\n", b.Name, b.Count, b.Amount)
		}
		fmt.Fprintf(w, "  %-10s %8s          %18s\n", "total", "", c.Total)
	}
	return nil
}

func cmdPay(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("pay", "pay --db FILE --customer ID|NAME --amount AMOUNT [--currency CODE] [--method M] [--date D] [--reference R] [--invoice N ...]", stderr)
	db := fs.String("db", "", "the database file")
	customer := fs.String("customer", "", "the customer's number or exact name")
	amount := fs.String("amount", "", "the amount received, e.g. 120.50")
	currency := fs.String("currency", "", "currency (default: the shop's)")
	method := fs.String("method", "other", "cash, card, bank transfer, cheque or other")
	date := fs.String("date", "", "the day the money came in (default: today)")
	ref := fs.String("reference", "", "a reference such as a cheque number")
	var invoices listFlag
	fs.Var(&invoices, "invoice", "an invoice number to pay first (repeatable; default: oldest due first)")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 || *customer == "" || *amount == "" {
			return usageErr(stderr, fs, "name the customer and the amount")
		}
		m, err := app.ParsePaymentMethod(*method)
		if err != nil {
			return usageErr(stderr, fs, "%s", app.Sentence(err))
		}
		d, err := dateFlag(*date)
		if err != nil {
			return err
		}
		ledger, st, err := openLedger(*db, app.Date{})
		if err != nil {
			return err
		}
		defer st.Close()
		c, err := ledger.FindCustomer(*customer)
		if err != nil {
			return err
		}
		shop, _, err := ledger.ShopProfile()
		if err != nil {
			return err
		}
		res, err := ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: *amount, Currency: *currency, Method: m, Date: d,
			Reference: *ref, Invoices: invoices, Format: app.NumberFormatFor(shop.Language)})
		if err != nil {
			return err
		}
		cur := app.MustCurrency(res.Payment.Currency)
		fmt.Fprintf(stdout, "Recorded payment %d from %s: %s %s (%s) on %s.\n", res.Payment.ID, c.Name, cur.Code, app.Decimal(res.Payment.Amount, cur), res.Payment.Method, res.Payment.ReceivedOn)
		for _, a := range res.Allocations {
			fmt.Fprintf(stdout, "  %s paid %s, %s still open\n", a.Number, app.Decimal(a.Amount, cur), app.Decimal(a.OpenAfter, cur))
			if a.Discount > 0 {
				fmt.Fprintf(stdout, "  %s settled with an early-payment discount of %s\n", a.Number, app.Decimal(a.Discount, cur))
			}
		}
		if res.Credit > 0 {
			fmt.Fprintf(stdout, "  %s %s is more than was owed and is kept as the customer's credit.\n", cur.Code, app.Decimal(res.Credit, cur))
		}
		return nil
	}()
	return finish(err, stderr)
}

func cmdBackup(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("backup", "backup --db FILE OUT", stderr)
	db := fs.String("db", "", "the database file")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usageErr(stderr, fs, "name the backup file to write")
		}
		ledger, st, err := openLedgerToRead(*db, app.Date{}, stderr)
		if err != nil {
			return err
		}
		defer st.Close()
		// Through the ledger, so that a copy outside the book's folder is noted in the book.
		if err := ledger.BackupToFile(pos[0], false); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Backup written to %s.\n", pos[0])
		return nil
	}()
	return finish(err, stderr)
}

// writeJSON writes v as indented JSON, as every --format json of the command line does.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
