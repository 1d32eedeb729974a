package data_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
)

var benchToday = app.MustDate("2026-11-22")

// writeInvoiceCSV writes rows invoice rows for rows/10 customers, a third of them paid.
func writeInvoiceCSV(tb testing.TB, dir string, rows int) string {
	tb.Helper()
	path := filepath.Join(dir, "invoices.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	fmt.Fprintln(f, "Invoice No,Customer,Email,Date,Due Date,Amount,Balance,Currency")
	for i := 1; i <= rows; i++ {
		issue := benchToday.AddDays(-(i % 400))
		amount := 1000 + (i*7919)%90000
		balance := amount
		if i%3 == 0 {
			balance = 0
		}
		fmt.Fprintf(f, "B-%07d,Customer %d,c%d@example.com,%s,%s,%d.%02d,%d.%02d,EUR\n", i, i%max(1, rows/10), i%max(1, rows/10),
			issue, issue.AddDays(30), amount/100, amount%100, balance/100, balance%100)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

func BenchmarkImportInvoices100k(b *testing.B) {
	dir := b.TempDir()
	csvPath := writeInvoiceCSV(b, dir, 100000)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := data.Open(filepath.Join(dir, fmt.Sprintf("import-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		ledger := app.NewLedger(st, app.FixedClock(benchToday.Time().Add(12*time.Hour)), sheets.Reader{})
		if _, err := ledger.SetUpShop(app.Shop{Name: "Bench", Currency: "EUR"}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := ledger.Import(context.Background(), app.ImportInvoices, csvPath, app.ImportOptions{}, nil)
		if err != nil || rep.Added != 100000 {
			b.Fatal(err, rep.Summary())
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(100000*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkCreateSample100k(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		path := filepath.Join(dir, fmt.Sprintf("sample-%d.db", i))
		if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 100000, Seed: 1, Today: benchToday}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(100000*b.N)/b.Elapsed().Seconds(), "invoices/s")
}

// benchShop writes a sample of n invoices once per benchmark and opens it.
func benchShop(b *testing.B, n int) *data.Store {
	b.Helper()
	path := filepath.Join(b.TempDir(), "shop.db")
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: n, Seed: 1, Today: benchToday}, nil); err != nil {
		b.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	st.SetClock(app.FixedClock(benchToday.Time().Add(12 * time.Hour)))
	return st
}

func BenchmarkAging100k(b *testing.B) {
	st := benchShop(b, 100000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.Aging(benchToday); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTopDebtors100k(b *testing.B) {
	st := benchShop(b, 100000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.TopDebtors(benchToday, 10); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCustomersFirstPage100k(b *testing.B) {
	st := benchShop(b, 100000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.Customers("", 0, 50); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecordPayment(b *testing.B) {
	st := benchShop(b, 10000)
	l := app.NewLedger(st, app.FixedClock(benchToday.Time().Add(12*time.Hour)), nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := l.TakePayment(app.PaymentRequest{CustomerID: int64(1 + i%1000), Amount: "1.00", Method: app.MethodCash}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQueue100kOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "open.db")
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 100000, Seed: 2, Today: benchToday, Unpaid: true}, nil); err != nil {
		b.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	clock := app.FixedClock(benchToday.Time().Add(12 * time.Hour))
	st.SetClock(clock)
	col := app.NewCollections(app.NewLedger(st, clock, nil), st)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := col.Queue(benchToday); err != nil {
			b.Fatal(err)
		}
	}
}
