package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
)

// openBook opens a book the way the window does and returns its profile and collection settings.
func openBook(t *testing.T, path string) (app.Shop, app.CollectionSettings, *app.Ledger) {
	t.Helper()
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	l := app.NewLedger(st, app.SystemClock{}, sheets.Reader{})
	shop, ok, err := l.ShopProfile()
	if err != nil || !ok {
		t.Fatalf("the book is not set up: %v", err)
	}
	cs, err := app.NewCollections(l, st).Settings()
	if err != nil {
		t.Fatal(err)
	}
	return shop, cs, l
}

func TestSetupCreatesABook(t *testing.T) {
	db := filepath.Join(t.TempDir(), "mine.db")
	code, out, errs := runCLI(t, "setup", "--db", db, "--name", "Corner Workshop", "--country", "de", "--currency", "eur", "--language", "de")
	if code != 0 || !strings.Contains(out, "Created "+db) || !strings.Contains(out, "recorded as consumers") {
		t.Fatalf("setup: %d %s %s", code, out, errs)
	}
	shop, cs, _ := openBook(t, db)
	if shop.Name != "Corner Workshop" || shop.Country != "DE" || shop.Currency != "EUR" || shop.Language != "de" || shop.DefaultKind != app.Consumer {
		t.Fatalf("shop %+v", shop)
	}
	if cs != app.DefaultCollectionSettings("DE") || cs.Profile != app.ProfileDE || !strings.Contains(out, "legal profile DE") {
		t.Fatalf("a DE shop has %+v", cs)
	}
	if code, out, errs := runCLI(t, "check", "--db", db); code != 0 || !strings.Contains(out, "sound") {
		t.Fatalf("check: %s %s", out, errs)
	}
}

func TestSetupUSShopGetsTheUSProfile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "us.db")
	if code, out, errs := runCLI(t, "setup", "--db", db, "--name", "Main Street Hardware", "--country", "US", "--currency", "USD"); code != 0 {
		t.Fatalf("setup: %d %s %s", code, out, errs)
	}
	shop, cs, _ := openBook(t, db)
	if shop.Language != "en" || cs != app.DefaultCollectionSettings("US") || cs.Profile != app.ProfileUS || cs.LimitationYears != 3 {
		t.Fatalf("a US shop has %+v %+v", shop, cs)
	}
}

func TestSetupRefusesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "20"); code != 0 {
		t.Fatal(errs)
	}
	before, _ := os.ReadFile(db)
	stat, _ := os.Stat(db)
	code, _, errs := runCLI(t, "setup", "--db", db, "--name", "Other", "--country", "GB", "--currency", "GBP")
	if code != 2 || !strings.Contains(errs, db+" already exists") || !strings.Contains(errs, "leaves an existing file as it is") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	after, _ := os.ReadFile(db)
	stat2, _ := os.Stat(db)
	if !bytes.Equal(before, after) || !stat.ModTime().Equal(stat2.ModTime()) {
		t.Fatal("the existing file was touched")
	}
	if _, err := os.Stat(db + "-wal"); err == nil {
		t.Fatal("the existing book was opened")
	}
}

func TestSetupRefusesBadValues(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new.db")
	base := func(over ...string) []string {
		args := map[string]string{"--db": db, "--name": "Shop", "--country": "DE", "--currency": "EUR"}
		for i := 0; i+1 < len(over); i += 2 {
			args[over[i]] = over[i+1]
		}
		out := []string{"setup"}
		for k, v := range args {
			if v != "" {
				out = append(out, k, v)
			}
		}
		return out
	}
	cases := []struct {
		args []string
		code int
		err  string
	}{
		{base("--currency", "ZZZ"), 1, "not a currency"},
		{base("--currency", "euro"), 1, "not a currency"},
		{base("--country", "Germany"), 1, `"Germany" is not a country code`},
		{base("--country", "ZZ"), 1, "not a country code"},
		{base("--language", "fr"), 1, `"fr" is not a language Duebook writes letters in; use en or de`},
		{base("--customers", "mostly nice"), 1, "neither business nor consumer"},
		{base("--name", ""), 2, "name the new file, the business"},
		{base("--currency", ""), 2, "--currency"},
		{base("--db", ""), 2, "--db"},
		{append(base(), "extra"), 2, `unexpected "extra"`},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.err) {
			t.Errorf("%v: exit %d (want %d), stderr %q (want %q)", c.args, code, c.code, errs, c.err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%v left %d files behind", c.args, len(entries))
		}
	}
}

func TestSetupBusinessCustomersMakesImportsCreateBusinesses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b2b.db")
	if code, out, errs := runCLI(t, "setup", "--db", db, "--name", "Wholesale Ltd", "--country", "GB", "--currency", "GBP", "--customers", "business"); code != 0 || !strings.Contains(out, "recorded as businesses") {
		t.Fatalf("setup: %d %s %s", code, out, errs)
	}
	csv := filepath.Join(dir, "inv.csv")
	os.WriteFile(csv, []byte("Invoice No,Customer,Date,Amount\nW-1,Acme Trading,2026-10-01,100.00\nW-2,Bolt Supplies,2026-10-02,50.00\n"), 0o644)
	want := "no customer type column: 2 new customers will be recorded as businesses (the shop's default; change it in Settings or per customer)"
	if code, out, errs := runCLI(t, "import", "invoices", "--db", db, "--dry-run", csv); code != 0 || !strings.Contains(out, want) {
		t.Fatalf("dry run: %d %s %s", code, out, errs)
	}
	// After the import, the report says what was done.
	done := strings.Replace(want, "will be recorded", "were recorded", 1)
	if code, out, errs := runCLI(t, "import", "invoices", "--db", db, csv); code != 0 || !strings.Contains(out, done) || !strings.Contains(out, "2 invoices created") ||
		!strings.Contains(out, `customer "Acme Trading" was new and was created from row 2`) || strings.Contains(out, "will be") {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	_, _, l := openBook(t, db)
	for _, name := range []string{"Acme Trading", "Bolt Supplies"} {
		c, err := l.FindCustomer(name)
		if err != nil || c.Kind != app.Business {
			t.Fatalf("%s: %+v %v", name, c, err)
		}
	}
}
