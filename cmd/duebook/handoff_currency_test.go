package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"duebook/app/handoff"
)

// A customer who owes in two currencies: a letter claims one currency (the owner chooses which),
// and a hand-off claims each currency on its own statement and its own placement row; nothing is
// summed across currencies.
func TestADebtorOwingInTwoCurrenciesIsClaimedInEach(t *testing.T) {
	dir, db, out := handoffBook(t)
	usd := filepath.Join(dir, "usd.csv")
	os.WriteFile(usd, []byte("Invoice No,Customer,Date,Due Date,Amount,Currency\nUSD-1,Anna Schneider,2026-08-01,2026-08-15,250.00,USD\n"), 0o644)
	if code, stdout, errs := runCLI(t, "import", "invoices", "--db", db, usd); code != 0 || !strings.Contains(stdout, "1 invoice created") {
		t.Fatalf("import: %d %s %s", code, stdout, errs)
	}
	pdf := filepath.Join(dir, "st.pdf")
	if code, _, errs := runCLI(t, "statement", "--db", db, "--customer", "2", "--as-of", "2026-11-22", "--out", pdf); code != 1 || !strings.Contains(errs, "EUR and USD") {
		t.Fatalf("a statement across two currencies must ask which: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "statement", "--db", db, "--customer", "2", "--currency", "USD", "--as-of", "2026-11-22", "--out", pdf); code != 0 {
		t.Fatal(errs)
	}
	b, _ := os.ReadFile(pdf)
	if text := pdfText(t, b); !strings.Contains(text, "USD-1") || strings.Contains(text, "EUR") || !strings.Contains(text, "USD 250,00") {
		t.Fatalf("the USD statement:\n%s", text)
	}

	if code, _, errs := runCLI(t, handoffArgs(db, out, "2")...); code != 0 {
		t.Fatal(errs)
	}
	zb, _ := os.ReadFile(out)
	_, files, _ := readZip(t, zb)
	var m handoff.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil || len(m.Debtors) != 1 {
		t.Fatalf("manifest %v", err)
	}
	d := m.Debtors[0]
	if len(d.Claims) != 2 || d.Claims[0].Currency != "EUR" || d.Claims[1].Currency != "USD" || d.Claims[1].Balance != "250.00" {
		t.Fatalf("claims in the manifest: %+v", d.Claims)
	}
	usdText := pdfText(t, files[d.Folder+"/statement-of-account-USD.pdf"])
	eurText := pdfText(t, files[d.Folder+"/statement-of-account-EUR.pdf"])
	if !strings.Contains(usdText, "USD-1") || strings.Contains(usdText, "EUR") || strings.Contains(eurText, "USD") || !strings.Contains(eurText, "EUR "+strings.Replace(d.Claims[0].Balance, ".", ",", 1)) {
		t.Fatalf("statements:\nUSD\n%s\nEUR\n%s", usdText, eurText)
	}
	if files[d.Folder+"/statement-of-account.pdf"] != nil || files[d.Folder+"/invoices/USD-1.pdf"] == nil {
		t.Fatal("the debtor's folder holds a statement per currency and every claimed invoice")
	}
	pl, err := csv.NewReader(bytes.NewReader(files["placement.csv"])).ReadAll()
	if err != nil || len(pl) != 3 {
		t.Fatalf("placement.csv: one row per debtor and currency: %v %v", pl, err)
	}
	col := map[string]int{}
	for i, c := range pl[0] {
		col[c] = i
	}
	for i, cl := range d.Claims {
		row := pl[i+1]
		if row[col["debtor_reference"]] != "C2" || row[col["currency"]] != cl.Currency || row[col["balance"]] != cl.Balance {
			t.Fatalf("placement row %d: %v, claim %+v", i+1, row, cl)
		}
	}
	if row := pl[2]; row[col["principal"]] != "250.00" || row[col["creditor_reference"]] != "USD-1" || row[col["first_delinquency_date"]] != "2026-08-16" {
		t.Fatalf("the USD row: %v", row)
	}
	cover := strings.Join(strings.Fields(pdfText(t, files["cover-letter.pdf"])), " ")
	if !strings.Contains(cover, "USD 250.00") || !strings.Contains(cover, "EUR "+d.Claims[0].Balance) {
		t.Fatalf("the cover letter names both claims:\n%s", cover)
	}
	if !strings.Contains(string(files["README.txt"]), "USD 250.00") {
		t.Fatalf("README.txt:\n%s", files["README.txt"])
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var summary string
	raw.QueryRow(`SELECT summary FROM events WHERE customer_id = 2 AND kind = 'handoff'`).Scan(&summary)
	if !strings.Contains(summary, "EUR "+d.Claims[0].Balance) || !strings.Contains(summary, "USD 250.00") {
		t.Fatalf("the hand-off event: %s", summary)
	}
	if code, stdout, errs := runCLI(t, "verify", out); code != 0 {
		t.Fatalf("verify: %s %s", stdout, errs)
	}
}
