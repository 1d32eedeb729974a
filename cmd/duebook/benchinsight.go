package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"duebook/app"
	"duebook/app/insight"
	"duebook/data"
)

// benchInsights times the effectiveness report and the risk scores on the sample shops benchShop
// wrote (each with a year of ladder contacts and the payments that followed).
func benchInsights(w io.Writer, dir string, sizes []int, today app.Date) error {
	if len(sizes) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\n| invoices | contacts | effectiveness report | risk scores and risers |\n|---:|---:|---:|---:|\n")
	for _, n := range sizes {
		st, err := data.Open(filepath.Join(dir, fmt.Sprintf("shop-%d.db", n)))
		if err != nil {
			return err
		}
		svc := insight.NewService(st, app.FixedClock(today.Time().Add(12*time.Hour)))
		var rep insight.Effectiveness
		eff, err := median(5, func() error {
			var err error
			rep, err = svc.Effectiveness(context.Background(), insight.Filter{})
			return err
		})
		var riskTime string
		if err == nil {
			t, rerr := median(3, func() error { _, err := svc.Risk(context.Background()); return err })
			err, riskTime = rerr, ms(t)
		}
		st.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "| %d | %d | %s | %s |\n", n, rep.Total.Actions, ms(eff), riskTime)
	}
	return nil
}
