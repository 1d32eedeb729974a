package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"duebook/app"
	"duebook/data"
)

// cmdBench measures the figures docs/benchmarks.md reports, on generated sample shops.
func cmdBench(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("bench", "bench [--sizes 10000,100000,1000000] [--window-sizes 10000,100000,1000000] [--import-rows 100000] [--import-formats csv,xlsx] [--queue-sizes 100000,1000000] [--handoff-docs 1000] [--cash-sizes 1000000] [--monthly-sizes 1000000] [--dir DIR]", stderr)
	sizes := fs.String("sizes", "10000,100000,1000000", "invoice counts of the sample shops to measure")
	windowSizes := fs.String("window-sizes", "", "invoice counts of the shops the window's memory is measured on (empty skips)")
	queueSizes := fs.String("queue-sizes", "100000,1000000", "open-invoice counts of the unpaid shops the queue is measured on (empty skips)")
	importRows := fs.Int("import-rows", 100000, "rows of the generated invoice files to import (0 skips)")
	importFormats := fs.String("import-formats", "csv,xlsx", "the file formats the import is measured with")
	handoffDocs := fs.Int("handoff-docs", 1000, "letters and emails on file for the measured hand-off export (0 skips)")
	cashSizes := fs.String("cash-sizes", "1000000", "invoice counts of the sample shops the cash-flow forecast and reserve are measured on (empty skips)")
	monthlySizes := fs.String("monthly-sizes", "1000000", "invoice counts of the sample shops the monthly report is measured on (empty skips)")
	dir := fs.String("dir", "", "folder for the generated files (default: a temporary folder, removed afterwards)")
	err := func() error {
		if _, err := parse(fs, args); err != nil {
			return err
		}
		work := *dir
		if work == "" {
			tmp, err := os.MkdirTemp("", "duebook-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			work = tmp
		}
		// Both lists are read before anything is measured, so a typo fails at once.
		shops, err := counts(*sizes)
		if err != nil {
			return usageErr(stderr, fs, "%s", err)
		}
		queues, err := counts(*queueSizes)
		if err != nil {
			return usageErr(stderr, fs, "%s", err)
		}
		cash, err := counts(*cashSizes)
		if err != nil {
			return usageErr(stderr, fs, "%s", err)
		}
		months, err := counts(*monthlySizes)
		if err != nil {
			return usageErr(stderr, fs, "%s", err)
		}
		windows, err := counts(*windowSizes)
		if err != nil {
			return usageErr(stderr, fs, "%s", err)
		}
		today := app.MustDate("2026-11-22")
		if len(shops) > 0 {
			fmt.Fprintf(stdout, "| invoices | write sample | open | aging | customers page 1 | invoices page 1 (overdue) | whole dashboard | file size |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		}
		for _, n := range shops {
			if err := benchShop(stdout, work, n, today); err != nil {
				return err
			}
		}
		if err := benchInsights(stdout, work, shops, today); err != nil {
			return err
		}
		if len(windows) > 0 {
			if err := benchWindows(stdout, stderr, work, windows); err != nil {
				return err
			}
		}
		if *importRows > 0 {
			if err := benchImports(stdout, work, *importRows, strings.Split(*importFormats, ","), today); err != nil {
				return err
			}
		}
		if len(queues) > 0 {
			fmt.Fprintf(stdout, "\n| open invoices | customers | build the queue | actions | approve 100 actions |\n|---:|---:|---:|---:|---:|\n")
			for _, n := range queues {
				if err := benchQueue(stdout, work, n, today); err != nil {
					return err
				}
			}
		}
		if len(cash) > 0 {
			fmt.Fprintf(stdout, "\n| invoices | 13-week forecast | bad-debt reserve | short weeks | DSO and aging, 12 months |\n|---:|---:|---:|---:|---:|\n")
			for _, n := range cash {
				if err := benchCash(stdout, work, n, today); err != nil {
					return err
				}
			}
		}
		if len(months) > 0 {
			fmt.Fprintf(stdout, "\n| invoices | monthly report (gather) | of which the 12 month ends | PDF | CSV | PDF size |\n|---:|---:|---:|---:|---:|---:|\n")
			for _, n := range months {
				if err := benchMonthly(stdout, work, n, today); err != nil {
					return err
				}
			}
		}
		if *handoffDocs > 0 {
			fmt.Fprintf(stdout, "\n| letters on file | emails on file | bundle | export one debtor |\n|---:|---:|---:|---:|\n")
			if err := benchHandoff(stdout, work, *handoffDocs, today); err != nil {
				return err
			}
		}
		return nil
	}()
	return finish(err, stderr)
}

// median runs fn runs times and returns the median duration.
func median(runs int, fn func() error) (time.Duration, error) {
	var ds []time.Duration
	for i := 0; i < runs; i++ {
		start := time.Now()
		if err := fn(); err != nil {
			return 0, err
		}
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2], nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func benchShop(w io.Writer, dir string, n int, today app.Date) error {
	path := filepath.Join(dir, fmt.Sprintf("shop-%d.db", n))
	os.Remove(path)
	start := time.Now()
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: n, Seed: 1, Today: today}, nil); err != nil {
		return err
	}
	write := time.Since(start)
	open, err := median(5, func() error {
		st, err := data.Open(path)
		if err != nil {
			return err
		}
		_, _, err = st.Shop() // the first read, as the window does
		st.Close()
		return err
	})
	if err != nil {
		return err
	}
	st, err := data.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	st.SetClock(app.FixedClock(today.Time().Add(12 * time.Hour)))
	aging, err := median(5, func() error { _, err := st.Aging(today); return err })
	if err != nil {
		return err
	}
	page, err := median(5, func() error { _, err := st.Customers("", 0, 50); return err })
	if err != nil {
		return err
	}
	invPage, err := median(5, func() error {
		_, err := st.Invoices(app.InvoiceFilter{State: app.FilterOverdue, AsOf: today}, 0, 50)
		return err
	})
	if err != nil {
		return err
	}
	ledger := services(st, app.FixedClock(today.Time().Add(12*time.Hour))).Ledger
	dash, err := median(5, func() error { _, err := ledger.Dashboard(today); return err })
	if err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(w, "| %d | %.1f s | %s | %s | %s | %s | %s | %d MB |\n", n, write.Seconds(), ms(open), ms(aging), ms(page), ms(invPage), ms(dash), size>>20)
	return nil
}

// benchQueue writes a shop where nothing has been paid (every invoice open) and times building
// the morning queue over it, then approving a hundred actions.
func benchQueue(w io.Writer, dir string, n int, today app.Date) error {
	path := filepath.Join(dir, fmt.Sprintf("open-%d.db", n))
	os.Remove(path)
	stats, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: n, Seed: 2, Today: today, Unpaid: true}, nil)
	if err != nil {
		return err
	}
	st, err := data.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	col := services(st, app.FixedClock(today.Time().Add(12*time.Hour))).Collections
	var q app.Queue
	build, err := median(3, func() error { var err error; q, err = col.Queue(today); return err })
	if err != nil {
		return err
	}
	start := time.Now()
	approved := 0
	for _, a := range q.Actions {
		if approved == 100 {
			break
		}
		if a.Blocked() {
			continue
		}
		if err := col.ApproveAction(today, a); err != nil {
			return err
		}
		approved++
	}
	fmt.Fprintf(w, "| %d | %d | %s | %d | %s |\n", stats.Invoices, stats.Customers, ms(build), len(q.Actions), ms(time.Since(start)))
	return nil
}

// counts reads a comma-separated list of invoice counts ("" is none).
func counts(list string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(list, ",") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a number of invoices", f)
		}
		out = append(out, n)
	}
	return out, nil
}
