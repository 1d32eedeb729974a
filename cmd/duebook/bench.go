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
	fs := newFlags("bench", "bench [--sizes 10000,100000,1000000] [--import-rows 100000] [--queue-sizes 100000,1000000] [--dir DIR]", stderr)
	sizes := fs.String("sizes", "10000,100000,1000000", "invoice counts of the sample shops to measure")
	queueSizes := fs.String("queue-sizes", "100000,1000000", "open-invoice counts of the unpaid shops the queue is measured on (empty skips)")
	importRows := fs.Int("import-rows", 100000, "rows of the generated invoice CSV to import (0 skips)")
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
		today := app.MustDate("2026-11-22")
		fmt.Fprintf(stdout, "| invoices | write sample | open | aging | customers page 1 | invoices page 1 (overdue) | whole dashboard | file size |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, n := range shops {
			if err := benchShop(stdout, work, n, today); err != nil {
				return err
			}
		}
		if *importRows > 0 {
			if err := benchImport(stdout, work, *importRows, today); err != nil {
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

// benchImport writes a CSV of rows invoices for rows/10 customers and imports it into a new shop.
func benchImport(w io.Writer, dir string, rows int, today app.Date) error {
	csvPath := filepath.Join(dir, "invoices.csv")
	f, err := os.Create(csvPath)
	if err != nil {
		return err
	}
	fmt.Fprintln(f, "Invoice No,Customer,Email,Date,Due Date,Amount,Balance,Currency")
	for i := 1; i <= rows; i++ {
		issue := today.AddDays(-(i % 400))
		amount := 1000 + (i*7919)%90000
		balance := amount
		if i%3 == 0 {
			balance = 0
		}
		fmt.Fprintf(f, "B-%07d,Customer %d,c%d@example.com,%s,%s,%d.%02d,%d.%02d,EUR\n", i, i%max(1, rows/10), i%max(1, rows/10),
			issue, issue.AddDays(30), amount/100, amount%100, balance/100, balance%100)
	}
	if err := f.Close(); err != nil {
		return err
	}
	dbPath := filepath.Join(dir, "import.db")
	os.Remove(dbPath)
	st, err := data.Open(dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	ledger := services(st, app.FixedClock(today.Time().Add(12*time.Hour))).Ledger
	if _, err := ledger.SetUpShop(app.Shop{Name: "Bench", Currency: "EUR"}); err != nil {
		return err
	}
	start := time.Now()
	rep, err := ledger.Import(context.Background(), app.ImportInvoices, csvPath, app.ImportOptions{}, nil)
	if err != nil {
		return err
	}
	first := time.Since(start)
	start = time.Now()
	rep2, err := ledger.Import(context.Background(), app.ImportInvoices, csvPath, app.ImportOptions{}, nil)
	if err != nil {
		return err
	}
	again := time.Since(start)
	fmt.Fprintf(w, "\nImport of %d invoice rows (%d new customers): %.2f s, %.0f rows/s; the same file again (%d unchanged): %.2f s, %.0f rows/s\n",
		rows, rep.Rows/10, first.Seconds(), float64(rep.Rows)/first.Seconds(), rep2.Unchanged, again.Seconds(), float64(rep2.Rows)/again.Seconds())
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
