package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCommandLineFlow(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, out, errs := runCLI(t, "sample", "--db", db, "--invoices", "500", "--seed", "3", "--today", "2026-11-22"); code != 0 || !strings.Contains(out, "500 invoices") {
		t.Fatalf("sample: %d %s %s", code, out, errs)
	}
	code, out, errs := runCLI(t, "aging", "--db", db, "--as-of", "2026-11-22", "--format", "json")
	if code != 0 {
		t.Fatalf("aging: %d %s", code, errs)
	}
	var rep struct {
		AsOf       string `json:"as_of"`
		Currencies []struct {
			Currency string `json:"currency"`
			Total    string `json:"total"`
			Buckets  []struct {
				Name   string `json:"name"`
				Count  int    `json:"count"`
				Amount string `json:"amount"`
			} `json:"buckets"`
		} `json:"currencies"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.AsOf != "2026-11-22" || len(rep.Currencies) == 0 || len(rep.Currencies[0].Buckets) != 5 {
		t.Fatalf("aging json %v: %s", err, out)
	}
	if rep.Currencies[0].Buckets[0].Name != "not due" || rep.Currencies[0].Buckets[4].Name != "over 90" {
		t.Fatalf("bucket names %+v", rep.Currencies[0].Buckets)
	}
	csvPath := filepath.Join(dir, "inv.csv")
	os.WriteFile(csvPath, []byte("Invoice No,Customer,Date,Due Date,Amount\nCLI-1,Test Person,2026-10-01,2026-10-15,100.00\n"), 0o644)
	if code, out, errs := runCLI(t, "import", "invoices", "--db", db, csvPath, "--dry-run"); code != 0 || !strings.Contains(out, "1 would be added") {
		t.Fatalf("dry run: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "import", "invoices", "--db", db, csvPath); code != 0 || !strings.Contains(out, "1 invoice created") {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "pay", "--db", db, "--customer", "Test Person", "--amount", "150", "--method", "cash", "--date", "2026-10-20"); code != 0 || !strings.Contains(out, "CLI-1 paid 100.00") || !strings.Contains(out, "credit") {
		t.Fatalf("pay: %d %s %s", code, out, errs)
	}
	backup := filepath.Join(dir, "copy.db")
	if code, _, errs := runCLI(t, "backup", "--db", db, backup); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	if code, out, _ := runCLI(t, "check", "--db", backup); code != 0 || !strings.Contains(out, "sound") {
		t.Fatalf("check: %s", out)
	}
}

func TestCommandLineExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "50"); code != 0 {
		t.Fatal(errs)
	}
	missing := filepath.Join(dir, "missing.db")
	cases := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"frobnicate"}, 2, "not a command"},
		{[]string{"aging"}, 2, "--db FILE is required"},
		{[]string{"aging", "--db", missing}, 1, "does not exist"},
		{[]string{"aging", "--db", db, "--format", "xml"}, 2, "text, csv or json"},
		{[]string{"aging", "--db", db, "--as-of", "2026-02-30"}, 1, "not a date on the calendar"},
		{[]string{"pay", "--db", db}, 2, "name the customer"},
		{[]string{"pay", "--db", db, "--customer", "Nobody", "--amount", "5"}, 1, "no customer called"},
		{[]string{"import", "lemons", "--db", db, "x.csv"}, 2, "not something Duebook imports"},
		{[]string{"import", "invoices", "--db", db, filepath.Join(dir, "missing.csv")}, 1, "cannot open"},
		{[]string{"import", "invoices", "--db", db, "--map", "nonsense", "x.csv"}, 2, "not a mapping"},
		{[]string{"sample", "--db", missing, "--invoices", "0"}, 1, "between 1 and"},
		{[]string{"sample", "--db", db}, 1, "already exists"},
		{[]string{"check", "--db", missing}, 1, "does not exist"},
		{[]string{"aging", "--bogus"}, 2, "flag provided but not defined"},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, c.args...)
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("%v created %s", c.args, missing)
		}
		if code != c.code || !strings.Contains(errs, c.err) {
			t.Errorf("%v: exit %d (want %d), stderr %q (want %q)", c.args, code, c.code, errs, c.err)
		}
	}
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("hello, this is not a database file"), 0o644)
	if code, _, errs := runCLI(t, "aging", "--db", notDB); code != 1 || !strings.Contains(errs, "not a Duebook file") {
		t.Errorf("not a database: %d %s", code, errs)
	}
}

func TestCollectionsCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--customers", "300", "--invoices", "3000", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "queue", "--db", db, "--as-of", "2026-11-22", "--format", "json")
	if code != 0 {
		t.Fatal(errs)
	}
	var q struct {
		AsOf    string `json:"as_of"`
		Actions []struct {
			CustomerID int64    `json:"customer_id"`
			Customer   string   `json:"customer"`
			Stage      string   `json:"stage"`
			Channel    string   `json:"channel"`
			Tone       string   `json:"tone"`
			Amount     string   `json:"amount"`
			Currency   string   `json:"currency"`
			Invoices   []string `json:"invoices"`
			Guards     []struct {
				Guard  string `json:"guard"`
				Reason string `json:"reason"`
				Until  string `json:"until"`
			} `json:"guards"`
		} `json:"actions"`
	}
	if err := json.Unmarshal([]byte(out), &q); err != nil || q.AsOf != "2026-11-22" || len(q.Actions) == 0 {
		t.Fatalf("queue json: %v\n%s", err, out)
	}
	guards, channels, tones := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, a := range q.Actions {
		channels[a.Channel], tones[a.Tone] = true, true
		if a.Guards == nil || a.Invoices == nil || a.Amount == "" || a.Currency == "" {
			t.Fatalf("incomplete action %+v", a)
		}
		for _, g := range a.Guards {
			guards[g.Guard] = true
		}
	}
	// The sample shows every kind of action and guard (the time of day decides the time-window guard).
	for _, want := range []string{"promise", "plan", "hold", "cease", "attorney", "bankruptcy", "call-frequency", "time-barred"} {
		if !guards[want] {
			t.Errorf("the sample shows no %s guard", want)
		}
	}
	for _, want := range []string{"letter", "email", "call", "handoff"} {
		if !channels[want] {
			t.Errorf("the sample shows no %s action", want)
		}
	}
	if !tones["firm"] || !tones["standard"] {
		t.Errorf("tones %v", tones)
	}
	code, out, errs = runCLI(t, "approve", "--db", db, "--as-of", "2026-11-22", "--channel", "letter")
	if code != 0 || !strings.Contains(out, "actions approved") {
		t.Fatalf("approve: %d %s %s", code, out, errs)
	}
	_, out, _ = runCLI(t, "approve", "--db", db, "--as-of", "2026-11-22", "--channel", "letter")
	if !strings.Contains(out, "0 actions approved") {
		t.Fatalf("approved twice: %s", out)
	}
	cases := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"promise", "--db", db, "--customer", "1", "--amount", "10", "--by", "2020-01-01"}, 1, "in the past"},
		{[]string{"promise", "--db", db, "--customer", "1", "--amount", "-10", "--by", "2099-01-01"}, 1, ""},
		{[]string{"plan", "--db", db, "--customer", "1", "--installments", "0", "--first", "2099-01-01"}, 1, ""},
		{[]string{"plan", "--db", db, "--customer", "1", "--installments", "3", "--every", "daily", "--first", "2099-01-01"}, 2, "not a frequency"},
		{[]string{"dispute", "--db", db, "--invoice", "NOPE", "--reason", "x"}, 1, "no invoice numbered"},
		{[]string{"dispute", "--db", db, "--invoice", "X"}, 2, "either --reason or --resolve"},
		{[]string{"hold", "--db", db, "--customer", "1", "--until", "2020-01-01", "--reason", "x"}, 1, "already be over"},
		{[]string{"approve", "--db", db, "--channel", "fax"}, 1, "not a channel"},
		{[]string{"skip", "--db", db, "--channel", "letter"}, 2, "--reason"},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.err) {
			t.Errorf("%v: exit %d (want %d), %q", c.args, code, c.code, errs)
		}
	}
}

func TestPlanAgreementFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "50"); code != 0 {
		t.Fatal(errs)
	}
	csvPath := filepath.Join(dir, "inv.csv")
	os.WriteFile(csvPath, []byte("Invoice No,Customer,Date,Due Date,Amount\nAG-1,山田太郎,2026-10-01,2026-10-15,300.00\n"), 0o644)
	if code, _, errs := runCLI(t, "import", "invoices", "--db", db, csvPath); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "agreement.pdf")
	code, stdout, errs := runCLI(t, "plan", "--db", db, "--customer", "山田太郎", "--installments", "3", "--first", "2099-01-01", "--agreement", out)
	if code == 0 {
		t.Fatalf("a first payment more than a year ahead was accepted: %s", stdout)
	}
	code, stdout, errs = runCLI(t, "plan", "--db", db, "--customer", "山田太郎", "--installments", "3", "--first", app.DateOf(time.Now(), time.Local).AddDays(10).String(), "--agreement", out)
	if code != 0 || !strings.Contains(stdout, "Agreement written") {
		t.Fatalf("plan: %d %s %s", code, stdout, errs)
	}
	// The font cannot draw the name: the owner is told before the paper goes out.
	if !strings.Contains(errs, "cannot draw") {
		t.Fatalf("no warning about the name: %q", errs)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatal("no PDF written")
	}
}

func TestPrintCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "3000", "--customers", "300"); code != 0 {
		t.Fatal(errs)
	}
	// An output folder that cannot be made: nothing is approved, nothing half-written.
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	code, _, errs := runCLI(t, "print", "--db", db, "--out", filepath.Join(blocker, "letters"))
	if code != 1 || !strings.Contains(errs, "cannot") {
		t.Fatalf("unwritable folder: %d %s", code, errs)
	}
	_, q1, _ := runCLI(t, "queue", "--db", db, "--format", "json")
	out := filepath.Join(dir, "letters")
	code, stdout, errs := runCLI(t, "print", "--db", db, "--out", out)
	if code != 0 || !strings.Contains(stdout, "Printed") {
		t.Fatalf("print: %d %s %s", code, stdout, errs)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*", "*.pdf")) // a folder per day
	if len(files) < 3 {
		t.Fatalf("%d PDFs written", len(files))
	}
	_, q2, _ := runCLI(t, "queue", "--db", db, "--format", "json")
	if q1 == q2 {
		t.Fatal("printing did not approve the letters")
	}
	if _, stdout, _ := runCLI(t, "print", "--db", db, "--out", out); !strings.Contains(stdout, "No letters") {
		t.Fatalf("printed twice: %s", stdout)
	}
	for _, kind := range []string{"statement", "reminder1", "final"} {
		f := filepath.Join(dir, kind+".pdf")
		if code, _, errs := runCLI(t, "letter", "--db", db, "--customer", "1", "--kind", kind, "--lang", "de", "--out", f); code != 0 {
			if kind == "statement" || !strings.Contains(errs, "no open invoices") {
				t.Fatalf("letter %s: %s", kind, errs)
			}
		}
	}
	if code, _, errs := runCLI(t, "statement", "--db", db, "--customer", "2", "--out", filepath.Join(dir, "s.pdf")); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "receipt", "--db", db, "--payment", "1", "--out", filepath.Join(dir, "r.pdf")); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "receipt", "--db", db, "--payment", "999999", "--out", filepath.Join(dir, "r2.pdf")); code != 1 || !strings.Contains(errs, "no payment number") {
		t.Fatalf("unknown payment: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "letter", "--db", db, "--customer", "1", "--kind", "poem", "--out", filepath.Join(dir, "p.pdf")); code != 2 || !strings.Contains(errs, "not a kind of letter") {
		t.Fatalf("unknown kind: %d %s", code, errs)
	}
}
