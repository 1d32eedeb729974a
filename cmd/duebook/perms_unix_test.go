//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestPrintWritesLettersForTheOwnerOnly(t *testing.T) {
	old := syscall.Umask(0) // only Duebook's own modes keep others out
	defer syscall.Umask(old)
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "600", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "printed", "today")
	if code, _, errs := runCLI(t, "print", "--db", db, "--out", out, "--as-of", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "2026-11-22", "*.pdf")) // a folder per day
	if len(pdfs) < 2 {
		t.Fatalf("%d PDFs", len(pdfs))
	}
	want := map[string]os.FileMode{filepath.Join(dir, "printed"): 0o700, out: 0o700, filepath.Join(out, "2026-11-22"): 0o700, db: 0o600}
	for _, p := range pdfs {
		want[p] = 0o600
	}
	for path, mode := range want {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s: mode %o, want %o", path, st.Mode().Perm(), mode)
		}
	}
}
