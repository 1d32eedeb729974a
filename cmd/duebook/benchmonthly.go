package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"duebook/app"
	"duebook/app/monthly"
	"duebook/letters"
)

// benchMonthly times the monthly report of the month before today on the sample shop of n
// invoices: the whole gathering, the twelve month ends of its trend alone, and drawing the PDF
// and the CSV.
func benchMonthly(w io.Writer, dir string, n int, today app.Date) error {
	st, err := openBenchShop(dir, n, today)
	if err != nil {
		return err
	}
	defer st.Close()
	st.SetClock(app.FixedClock(today.Time().Add(12 * time.Hour)))
	first := today.AddDays(-today.Day() + 1).AddDays(-1)
	month := fmt.Sprintf("%04d-%02d", first.Year(), int(first.Month()))
	var rep monthly.Report
	gather, err := median(3, func() error {
		var err error
		rep, err = monthly.Gather(context.Background(), st, month, today)
		return err
	})
	if err != nil {
		return err
	}
	trend, err := median(3, func() error {
		in, err := st.TrendInputs(rep.AsOf)
		if err == nil {
			_, err = app.ComputeTrends(in)
		}
		return err
	})
	if err != nil {
		return err
	}
	var size int
	pdf, err := median(3, func() error {
		b, err := letters.MonthlyPDF(rep, today.Time())
		size = len(b)
		return err
	})
	if err != nil {
		return err
	}
	csv, err := median(3, func() error { _, err := monthly.CSV(rep); return err })
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %d kB |\n", n, ms(gather), ms(trend), ms(pdf), ms(csv), size>>10)
	return nil
}
