package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"duebook/app"
	"duebook/app/monthly"
	"duebook/letters"
)

func init() {
	reports["monthly"] = command{"the month's report as PDF or CSV: aging, DSO, collected, effectiveness, risk, reserve, cash flow", cmdReportMonthly}
}

func cmdReportMonthly(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report monthly", "report monthly --db FILE --month YYYY-MM --out FILE.pdf|FILE.csv [--today YYYY-MM-DD] [--force]", stderr)
	db := fs.String("db", "", "the database file")
	month := fs.String("month", "", "the month of the report, YYYY-MM")
	out := fs.String("out", "", "the file to write: .pdf or .csv")
	todayFlag := fs.String("today", "", "the day to take as today (default: the computer's date)")
	force := fs.Bool("force", false, "replace the file when it exists")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		if *month == "" || *out == "" {
			return usageErr(stderr, fs, "--month YYYY-MM and --out FILE are required")
		}
		ext := strings.ToLower(filepath.Ext(*out))
		if ext != ".pdf" && ext != ".csv" {
			return usageErr(stderr, fs, "the report is written as .pdf or .csv, not %q", filepath.Base(*out))
		}
		d, err := dateFlag(*todayFlag)
		if err != nil {
			return err
		}
		ledger, st, err := openLedgerToRead(*db, d, stderr)
		if err != nil {
			return err
		}
		defer st.Close()
		today := ledger.Today()
		// The month and the file are checked before the book is read: a long report must not
		// end in a refusal.
		if _, _, err := monthly.ParseMonth(*month, today); err != nil {
			return err
		}
		if err := app.CheckOutput(*out, *force); err != nil {
			return err
		}
		rep, err := monthly.Gather(context.Background(), st, strings.TrimSpace(*month), today)
		if err != nil {
			return err
		}
		b, err := monthlyBytes(rep, ext)
		if err != nil {
			return err
		}
		if err := app.WriteNew(*out, b, *force); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "The report of %s as of %s is written to %s.\n", rep.Month, rep.AsOf, *out)
		return nil
	}()
	return finish(err, stderr)
}

// monthlyBytes draws the report as PDF or CSV. The PDF's dates are the report's day, so the
// same book gives the same file.
func monthlyBytes(rep monthly.Report, ext string) ([]byte, error) {
	if ext == ".csv" {
		return monthly.CSV(rep)
	}
	day := rep.AsOf
	return letters.MonthlyPDF(rep, time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.UTC))
}
