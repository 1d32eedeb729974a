package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
	"duebook/data"
)

func TestCashflowReportJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	steps := [][]string{
		{"setup", "--db", db, "--name", "Corner Shop", "--country", "DE", "--currency", "EUR"},
		{"cash", "--db", db, "--opening", "1000.00"},
		{"bill", "add", "--db", db, "--supplier", "Landlord", "--amount", "1200.00", "--due", "2026-11-25"},
		{"bill", "add", "--db", db, "--supplier", "Wholesaler", "--amount", "300.50", "--due", "2026-12-09"},
	}
	for _, s := range steps {
		if code, out, errs := runCLI(t, s...); code != 0 {
			t.Fatalf("%v: %d %s %s", s, code, out, errs)
		}
	}
	code, out, errs := runCLI(t, "report", "cashflow", "--db", db, "--as-of", "2026-11-23", "--format", "json")
	if code != 0 {
		t.Fatalf("report cashflow: %d %s", code, errs)
	}
	var rep struct {
		Weeks []map[string]any `json:"weeks"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Weeks) != 13 {
		t.Fatalf("%d weeks", len(rep.Weeks))
	}
	// 1,000.00 at hand; 1,200.00 due in week 1 (short); 300.50 in week 3.
	want := []struct{ start, bills, balance string }{{"2026-11-23", "1200.00", "-200.00"}, {"2026-11-30", "0.00", "-200.00"}, {"2026-12-07", "300.50", "-500.50"}}
	for i, w := range want {
		got := rep.Weeks[i]
		if got["start"] != w.start || got["bills_due"] != w.bills || got["balance"] != w.balance || got["expected_receipts"] != "0.00" || got["short"] != true {
			t.Fatalf("week %d: %v, want %+v", i+1, got, w)
		}
	}
	if rep.Weeks[12]["start"] != "2027-02-15" {
		t.Fatalf("last week %v", rep.Weeks[12])
	}
	code, out, _ = runCLI(t, "report", "cashflow", "--db", db, "--as-of", "2026-11-23")
	if code != 0 || !strings.Contains(out, "SHORT") || !strings.Contains(out, "Cash runs short in 13 of the 13 weeks") {
		t.Fatalf("text: %s", out)
	}
	if code, out, _ := runCLI(t, "bill", "paid", "--db", db, "--id", "1", "--date", "2026-11-20"); code != 0 || !strings.Contains(out, "paid on 2026-11-20") {
		t.Fatalf("bill paid: %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "report", "nothing", "--db", db); code != 2 {
		t.Fatal("an unknown report is not a usage error")
	}
}

func TestWriteOffAndTermsCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "200", "--seed", "5", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	code, out, _ := runCLI(t, "report", "reserve", "--db", db, "--as-of", "2026-11-22", "--format", "json")
	var res struct {
		Buckets []struct {
			Bucket string `json:"bucket"`
		} `json:"buckets"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Buckets) != 5 || res.Buckets[4].Bucket != "over 90" {
		t.Fatalf("reserve: %d %s", code, out)
	}
	if code, _, errs := runCLI(t, "writeoff", "--db", db, "--invoice", "NOPE", "--reason", "gone"); code != 1 || !strings.Contains(errs, "no invoice numbered") {
		t.Fatalf("unknown invoice: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "terms", "--db", db, "--customer", "1", "--net", "30", "--discount", "2", "--within", "10"); code != 0 {
		t.Fatalf("terms: %s", errs)
	}
	if code, _, errs := runCLI(t, "terms", "--db", db, "--customer", "1", "--discount", "2"); code != 1 || !strings.Contains(errs, "needs the days it holds") {
		t.Fatalf("bad terms: %d %s", code, errs)
	}
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.Invoices(app.InvoiceFilter{State: app.FilterOverdue, AsOf: app.MustDate("2026-11-22")}, 0, 1)
	st.Close()
	if err != nil || len(rows) != 1 {
		t.Fatalf("no overdue invoice: %v", err)
	}
	num := rows[0].Number
	if code, out, errs := runCLI(t, "terms", "--db", db, "--invoice", num, "--net", "14"); code != 0 || !strings.Contains(out, "net 14 days") {
		t.Fatalf("invoice terms: %d %s %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "writeoff", "--db", db, "--invoice", num); code != 1 || !strings.Contains(errs, "why") {
		t.Fatalf("no reason: %d %s", code, errs)
	}
	if code, out, errs := runCLI(t, "writeoff", "--db", db, "--invoice", num, "--reason", "moved abroad"); code != 0 || !strings.Contains(out, "Invoice "+num+" written off") {
		t.Fatalf("writeoff: %d %s %s", code, out, errs)
	}
	if code, out, _ := runCLI(t, "check", "--db", db); code != 0 || !strings.Contains(out, "sound") {
		t.Fatalf("check after the write-off: %s", out)
	}
}
