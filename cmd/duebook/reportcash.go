package main

import (
	"fmt"
	"io"
	"strconv"

	"duebook/app"
	"duebook/app/cashflow"
)

func init() {
	reports["cashflow"] = command{"expected receipts against bills for the next 13 weeks", cmdReportCashflow}
	reports["reserve"] = command{"the suggested bad-debt reserve per aging bucket", cmdReportReserve}
	commands["writeoff"] = command{"write off what is left of an invoice, with the reason", cmdWriteOff}
	commands["bill"] = command{"keep the shop's own bills: bill add|paid|list", cmdBill}
	commands["cash"] = command{"set the cash at hand the forecast starts from", cmdCash}
	commands["terms"] = command{"set a customer's or an invoice's payment terms and early-payment discount", cmdTerms}
}

// reportFlags are the options every cash report shares.
type reportFlags struct {
	db, asOf, currency, format *string
}

func newReportFlags(name, synopsis string, stderr io.Writer) (*reportFlags, func([]string) error) {
	fs := newFlags(name, synopsis, stderr)
	rf := &reportFlags{db: fs.String("db", "", "the database file"), asOf: fs.String("as-of", "", "the day to start from (default: today)"),
		currency: fs.String("currency", "", "the currency (default: the shop's)"), format: fs.String("format", "text", "text or json")}
	check := func(args []string) error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		if *rf.format != "text" && *rf.format != "json" {
			return usageErr(stderr, fs, "the format is text or json")
		}
		return nil
	}
	return rf, check
}

// open opens the book to read and settles the day and the currency.
func (rf *reportFlags) open(stderr io.Writer) (cashflow.Source, func(), app.Date, string, error) {
	d, err := dateFlag(*rf.asOf)
	if err != nil {
		return nil, nil, d, "", err
	}
	ledger, st, err := openLedgerToRead(*rf.db, d, stderr)
	if err != nil {
		return nil, nil, d, "", err
	}
	cur := *rf.currency
	if cur == "" {
		shop, _, err := ledger.ShopProfile()
		if err != nil {
			st.Close()
			return nil, nil, d, "", err
		}
		cur = shop.Currency
	}
	c, err := app.LookupCurrency(cur)
	if err != nil {
		st.Close()
		return nil, nil, d, "", err
	}
	return st, func() { st.Close() }, ledger.Today(), c.Code, nil
}

type weekJSON struct {
	Start        string `json:"start"`
	End          string `json:"end"`
	Receipts     string `json:"expected_receipts"`
	Invoices     string `json:"from_invoices"`
	Installments string `json:"from_installments"`
	Promises     string `json:"from_promises"`
	Bills        string `json:"bills_due"`
	Balance      string `json:"balance"`
	Short        bool   `json:"short"`
}

type cashflowJSON struct {
	AsOf         string     `json:"as_of"`
	Currency     string     `json:"currency"`
	Opening      string     `json:"opening"`
	DefaultDelay int        `json:"default_days_late"`
	Stale        string     `json:"left_out_over_90_days"`
	Weeks        []weekJSON `json:"weeks"`
}

func cmdReportCashflow(args []string, stdout, stderr io.Writer) int {
	rf, check := newReportFlags("report cashflow", "report cashflow --db FILE [--as-of YYYY-MM-DD] [--currency CODE] [--format text|json]", stderr)
	err := func() error {
		if err := check(args); err != nil {
			return err
		}
		src, done, day, cur, err := rf.open(stderr)
		if err != nil {
			return err
		}
		defer done()
		f, err := cashflow.Outlook(src, day, cur)
		if err != nil {
			return err
		}
		return writeCashflow(stdout, *rf.format, f)
	}()
	return finish(err, stderr)
}

func writeCashflow(w io.Writer, format string, f cashflow.Forecast) error {
	c := app.MustCurrency(f.Currency)
	m := func(v int64) string { return app.Decimal(v, c) }
	out := cashflowJSON{AsOf: f.AsOf.String(), Currency: f.Currency, Opening: m(f.Opening), DefaultDelay: f.DefaultDelay, Stale: m(f.Stale), Weeks: []weekJSON{}}
	for _, wk := range f.Weeks {
		out.Weeks = append(out.Weeks, weekJSON{Start: wk.Start.String(), End: wk.End.String(), Receipts: m(wk.Receipts), Invoices: m(wk.Invoices),
			Installments: m(wk.Installments), Promises: m(wk.Promises), Bills: m(wk.Bills), Balance: m(wk.Balance), Short: wk.Short})
	}
	if format == "json" {
		return writeJSON(w, out)
	}
	fmt.Fprintf(w, "Cash flow ahead from %s (%s), cash at hand %s\n\n", out.AsOf, out.Currency, out.Opening)
	fmt.Fprintf(w, "%-10s %16s %16s %16s\n", "Week from", "Expected in", "Bills due", "Balance")
	for _, wk := range out.Weeks {
		mark := ""
		if wk.Short {
			mark = "  SHORT"
		}
		fmt.Fprintf(w, "%-10s %16s %16s %16s%s\n", wk.Start, wk.Receipts, wk.Bills, wk.Balance, mark)
	}
	when := fmt.Sprintf("%d days after the due date", out.DefaultDelay)
	if out.DefaultDelay < 0 {
		when = fmt.Sprintf("%d days before the due date", -out.DefaultDelay)
	}
	fmt.Fprintf(w, "\nCustomers without a paid invoice are expected to pay %s (the middle of the shop's customers).\n", when)
	if f.Stale > 0 {
		fmt.Fprintf(w, "Left out: %s %s on invoices more than %d days past due.\n", out.Currency, out.Stale, cashflow.StaleDays)
	}
	if n := f.ShortWeeks(); n > 0 {
		fmt.Fprintf(w, "Cash runs short in %d of the %d weeks.\n", n, cashflow.Weeks)
	}
	return nil
}

type reserveBucketJSON struct {
	Bucket   string `json:"bucket"`
	Open     string `json:"open"`
	Rate     string `json:"rate_percent"`
	Reserve  string `json:"reserve"`
	Default  bool   `json:"default_rate"`
	Invoices int    `json:"history_invoices"`
}

func cmdReportReserve(args []string, stdout, stderr io.Writer) int {
	rf, check := newReportFlags("report reserve", "report reserve --db FILE [--as-of YYYY-MM-DD] [--currency CODE] [--format text|json]", stderr)
	err := func() error {
		if err := check(args); err != nil {
			return err
		}
		src, done, day, cur, err := rf.open(stderr)
		if err != nil {
			return err
		}
		defer done()
		r, err := cashflow.SuggestReserve(src, day, cur)
		if err != nil {
			return err
		}
		c := app.MustCurrency(r.Currency)
		pc := app.Currency{Code: "PCT", Exponent: 2}
		out := struct {
			AsOf     string              `json:"as_of"`
			Currency string              `json:"currency"`
			Buckets  []reserveBucketJSON `json:"buckets"`
			Total    string              `json:"total"`
		}{r.AsOf.String(), r.Currency, nil, app.Decimal(r.Total, c)}
		for _, b := range r.Buckets {
			out.Buckets = append(out.Buckets, reserveBucketJSON{b.Name, app.Decimal(b.Open, c), app.Decimal(b.Rate, pc), app.Decimal(b.Reserve, c), b.Default, b.Invoices})
		}
		if *rf.format == "json" {
			return writeJSON(stdout, out)
		}
		fmt.Fprintf(stdout, "Suggested bad-debt reserve on %s (%s)\n\n", out.AsOf, out.Currency)
		for _, b := range out.Buckets {
			src := "from your history of " + strconv.Itoa(b.Invoices) + " invoices"
			if b.Default {
				src = "default: too little history"
			}
			fmt.Fprintf(stdout, "  %-8s open %14s  x %6s %%  = %14s  (%s)\n", b.Bucket, b.Open, b.Rate, b.Reserve, src)
		}
		fmt.Fprintf(stdout, "\nTotal %s %s\n", out.Currency, out.Total)
		return nil
	}()
	return finish(err, stderr)
}
