package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// monthlyBook writes a crafted book: on 31 Oct 2026 one invoice stands in each aging bucket,
// two payments came in during October, one the day before it began and one after it ended.
func monthlyBook(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "shop.db")
	must := func(args ...string) {
		t.Helper()
		if code, out, errs := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: %d %s %s", args, code, out, errs)
		}
	}
	must("setup", "--db", db, "--name", "Corner Shop", "--country", "GB", "--currency", "GBP")
	inv := filepath.Join(dir, "inv.csv")
	os.WriteFile(inv, []byte("Invoice No,Customer,Date,Due Date,Amount\n"+
		"A-1,Anna Weber,2026-09-01,2026-09-15,100.00\n"+ // 46 days late on 31 Oct: 31-60
		"B-2,Bruno Fischer,2026-10-05,2026-11-04,250.00\n"+ // not due
		"C-3,Clara Braun,2026-07-01,2026-07-15,80.00\n"+ // 108 days: over 90
		"D-4,Dora Klein,2026-10-01,2026-10-20,30.00\n"+ // 11 days: 1-30
		"E-5,Emil Roth,2026-08-10,2026-08-20,45.00\n"+ // paid on 30 Sep
		"F-6,Fritz Lang,2026-08-01,2026-08-15,70.00\n"), 0o644) // 77 days: 61-90
	must("import", "invoices", "--db", db, inv)
	must("pay", "--db", db, "--customer", "Emil Roth", "--amount", "45", "--method", "bank", "--date", "2026-09-30")
	must("pay", "--db", db, "--customer", "Anna Weber", "--amount", "40", "--method", "cash", "--date", "2026-10-10")
	must("pay", "--db", db, "--customer", "Dora Klein", "--amount", "12.50", "--method", "card", "--date", "2026-10-31")
	must("pay", "--db", db, "--customer", "Clara Braun", "--amount", "80", "--method", "cash", "--date", "2026-11-05")
	return dir, db
}

// TestMonthlyCSVProvesTheFigures reads the October report of the crafted book to the unit: the
// aging on 31 Oct (Clara's November payment reopened for it), what came in during October only,
// and DSO as open over invoiced in the three calendar months up to each month's end.
func TestMonthlyCSVProvesTheFigures(t *testing.T) {
	dir, db := monthlyBook(t)
	out := filepath.Join(dir, "oct.csv")
	if code, so, se := runCLI(t, "report", "monthly", "--db", db, "--month", "2026-10", "--today", "2026-11-22", "--out", out); code != 0 ||
		!strings.Contains(so, "as of 2026-10-31") {
		t.Fatalf("%d %s %s", code, so, se)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r[0]+"|"+r[1]+"|"+r[2]] = r[3]
	}
	want := map[string]string{
		"report|as_of|": "2026-10-31", "report|shop|": "Corner Shop",
		"aging|not due|GBP": "250.00", "aging|1-30|GBP": "17.50", "aging|31-60|GBP": "60.00", "aging|61-90|GBP": "70.00",
		"aging|over 90|GBP": "80.00", "aging|total|GBP": "477.50", "aging_invoices|over 90|GBP": "1",
		// Aug-Oct: 477.50 x 92 days / (100 + 250 + 30 + 45 + 70) = 88.7;
		// Jul-Sep: 250.00 x 92 days / (80 + 45 + 70 + 100) = 78.0
		"dso|2026-10|GBP": "89", "dso|2026-09|GBP": "78", "aging_trend|2026-10 over 90|GBP": "80.00",
		"aging_trend|2026-09 61-90|GBP": "80.00", "aging_trend|2026-09 1-30|GBP": "100.00",
		"collected|cash|GBP": "40.00", "collected|card|GBP": "12.50", "collected|total|GBP": "52.50",
		"collected_payments|cash|GBP": "1",
		"reserve|over 90 open|GBP":    "80.00",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if _, ok := got["collected|bank transfer|GBP"]; ok {
		t.Error("the payment of 30 Sep counts in October")
	}
	if n := strings.Count(string(b), "expected_receipts"); n != 13 {
		t.Errorf("%d weeks of cash flow, want 13", n)
	}
}

// TestMonthlyPDFReadsBack writes the PDF and reads it with an independent reader.
func TestMonthlyPDFReadsBack(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir, db := monthlyBook(t)
	out := filepath.Join(dir, "oct.pdf")
	if code, so, se := runCLI(t, "report", "monthly", "--db", db, "--month", "2026-10", "--today", "2026-11-22", "--out", out); code != 0 {
		t.Fatalf("%d %s %s", code, so, se)
	}
	text, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Monthly report 2026-10 · Corner Shop", "as of 2026-10-31", "GBP 477.50", "GBP 52.50", "DSO 2026-10-31: GBP 89 days",
		"Open at each month's end, by age", "Nov 25", "Cash flow ahead (13 weeks)", "Suggested bad-debt reserve (GBP)"} {
		if !strings.Contains(string(text), s) {
			t.Errorf("the PDF lacks %q:\n%s", s, text)
		}
	}
}

// TestMonthlyRefusals: a bad or future month, a file that exists, a missing folder and an
// unknown file type are refused, and nothing is left behind.
func TestMonthlyRefusals(t *testing.T) {
	dir, db := monthlyBook(t)
	existing := filepath.Join(dir, "inv.csv")
	before, _ := os.ReadFile(existing)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--month", "2026-13", "--out", filepath.Join(dir, "a.pdf")}, 1, "not a month in the form YYYY-MM"},
		{[]string{"--month", "26-10", "--out", filepath.Join(dir, "a.pdf")}, 1, "not a month"},
		{[]string{"--month", "2026-12", "--out", filepath.Join(dir, "a.pdf")}, 1, "has not begun yet"},
		{[]string{"--month", "2026-10", "--out", existing}, 1, "already exists"},
		{[]string{"--month", "2026-10", "--out", filepath.Join(dir, "missing", "a.pdf")}, 1, "cannot write to the folder"},
		{[]string{"--month", "2026-10", "--out", filepath.Join(dir, "a.txt")}, 2, ".pdf or .csv"},
		{[]string{"--out", filepath.Join(dir, "a.pdf")}, 2, "--month YYYY-MM and --out FILE are required"},
	} {
		args := append([]string{"report", "monthly", "--db", db, "--today", "2026-11-22"}, c.args...)
		code, _, errs := runCLI(t, args...)
		if code != c.code || !strings.Contains(errs, c.says) {
			t.Errorf("%v: %d %q, want %d %q", c.args, code, errs, c.code, c.says)
		}
	}
	if after, _ := os.ReadFile(existing); !bytes.Equal(before, after) {
		t.Error("the existing file was changed")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, "a.") || strings.HasSuffix(n, ".part") {
			t.Errorf("left behind: %s", n)
		}
	}
	// --force replaces the file, and the current month stands on today.
	if code, so, se := runCLI(t, "report", "monthly", "--db", db, "--today", "2026-11-22", "--month", "2026-11", "--out", existing, "--force"); code != 0 ||
		!strings.Contains(so, "as of 2026-11-22") {
		t.Fatalf("--force: %d %s %s", code, so, se)
	}
	if after, _ := os.ReadFile(existing); !bytes.HasPrefix(after, []byte("section,key,currency,value\n")) {
		t.Fatalf("not replaced: %.80s", after)
	}
}
