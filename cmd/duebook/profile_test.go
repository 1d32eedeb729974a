package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app"
)

func TestProfileShowsAndChangesTheRules(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if code, out, errs := runCLI(t, "setup", "--db", db, "--name", "Holz GmbH", "--country", "DE", "--currency", "EUR", "--customers", "business"); code != 0 {
		t.Fatalf("setup: %d %s %s", code, out, errs)
	}
	code, out, errs := runCLI(t, "profile", "--db", db)
	if code != 0 || !strings.Contains(out, "Legal profile: DE") || !strings.Contains(out, "DE-base (German base rate (Bundesbank)), confirmed through 2026-06-30") ||
		!strings.Contains(out, "-0.88") || !strings.Contains(out, "BoE-bank (Bank of England Bank Rate), confirmed through 2026-02-05") ||
		!strings.Contains(out, "3.75") || !strings.Contains(out, "Payment order: costs-first") {
		t.Fatalf("profile: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "profile", "--db", db, "--add-rate", "DE-base:2026-07-01=1.27", "--limitation-years", "3", "--jurisdiction", "eu")
	if code != 0 || !strings.Contains(out, "Legal profile: EU") || !strings.Contains(out, "confirmed through 2026-12-31") || !strings.Contains(out, "3 years") {
		t.Fatalf("changed profile: %d\n%s\n%s", code, out, errs)
	}
	for _, bad := range [][]string{
		{"--add-rate", "DE-base:2026-03-01=1.0"}, // not a half-year start
		{"--add-rate", "XYZ:2026-07-01=1.0"},
		{"--add-rate", "DE-base:2026-07-01"},
		{"--jurisdiction", "FR"},
		{"--limitation-years", "-2"},
	} {
		if code, _, errs := runCLI(t, append([]string{"profile", "--db", db}, bad...)...); code == 0 || errs == "" {
			t.Errorf("%v accepted", bad)
		}
	}
}

// --as-of D is the day D wherever the computer is, at UTC+13 and UTC-10 alike.
func TestAsOfIsTheSameDayInEveryZone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "200", "--seed", "5", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	saved := time.Local
	defer func() { time.Local = saved }()
	for _, zone := range []string{"Pacific/Tongatapu", "Pacific/Honolulu", "UTC"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip("no zone data:", err)
		}
		time.Local = loc
		l, st, err := openLedger(db, app.MustDate("2026-03-01"))
		if err != nil {
			t.Fatal(err)
		}
		today := l.Today()
		st.Close()
		if today.String() != "2026-03-01" {
			t.Fatalf("%s: --as-of 2026-03-01 is %s", zone, today)
		}
	}
}
