package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// damageFile overwrites the middle of a closed book with noise, as a failing disk would.
func damageFile(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := len(b) * 3 / 10; i < len(b)*7/10; i++ {
		b[i] = byte(r.UintN(256))
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// makeReadOnly makes a file or folder unwritable: by its mode, or for root (whom modes do not
// bind) with the immutable attribute; without either the test is skipped.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no read-only folders of this kind")
	}
	if os.Getuid() != 0 {
		st, _ := os.Stat(path)
		old := st.Mode().Perm()
		os.Chmod(path, old&^0o222)
		t.Cleanup(func() { os.Chmod(path, old) })
		return
	}
	if err := exec.Command("chattr", "+i", path).Run(); err != nil {
		t.Skipf("cannot make %s read-only as root (chattr: %v)", path, err)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

func TestDamagedBookIsReportedAndRestored(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "3000", "--seed", "2", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	older := filepath.Join(dir, "backups", "shop-2026-11-20.db")
	newer := filepath.Join(dir, "backups", "shop-2026-11-21.db")
	for _, b := range []string{older, newer} {
		if code, _, errs := runCLI(t, "backup", "--db", db, b); code != 0 {
			t.Fatal(errs)
		}
	}
	damageFile(t, newer)
	damageFile(t, db)
	damaged, _ := os.ReadFile(db)

	code, out, errs := runCLI(t, "check", "--db", db)
	if code != 1 || !strings.Contains(errs, "damaged") || strings.Contains(out+errs, "edited") {
		t.Fatalf("check of a damaged book: %d\n%s\n%s", code, out, errs)
	}
	want := "restore it with: duebook restore --db " + db + " --from " + older
	if !strings.Contains(errs, want) {
		t.Fatalf("check does not offer the newest sound backup:\n%s", errs)
	}
	if code, _, errs := runCLI(t, "pay", "--db", db, "--customer", "1", "--amount", "10"); code != 1 || !strings.Contains(errs, "damaged") {
		t.Fatalf("a payment into a damaged book: %d %s", code, errs)
	}

	if code, _, errs := runCLI(t, "restore", "--db", db); code != 2 {
		t.Fatalf("restore without --from: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "restore", "--db", db, "--from", newer); code != 1 || !strings.Contains(errs, "does not pass the check") && !strings.Contains(errs, "cannot be") {
		t.Fatalf("restoring a damaged backup: %d %s", code, errs)
	}
	if b, _ := os.ReadFile(db); !bytes.Equal(b, damaged) {
		t.Fatal("a refused restore changed the book")
	}
	code, out, errs = runCLI(t, "restore", "--db", db, "--from", older)
	if code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %s %s", code, out, errs)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "shop-before-restore-*.db"))
	if len(kept) != 1 {
		t.Fatalf("kept aside: %v", kept)
	}
	if b, _ := os.ReadFile(kept[0]); !bytes.Equal(b, damaged) {
		t.Fatal("the damaged book was not kept as it was")
	}
	if code, out, errs := runCLI(t, "check", "--db", db); code != 0 || !strings.Contains(out, "sound") {
		t.Fatalf("check after restoring: %d %s %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "pay", "--db", db, "--customer", "1", "--amount", "10"); code != 0 {
		t.Fatalf("a payment into the restored book: %d %s", code, errs)
	}
}

func TestReadingCommandsWorkOnAReadOnlyBook(t *testing.T) {
	for _, what := range []string{"file", "folder"} {
		t.Run(what, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "books")
			os.Mkdir(dir, 0o700)
			db := filepath.Join(dir, "shop.db")
			if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "300", "--seed", "2", "--today", "2026-11-22"); code != 0 {
				t.Fatal(errs)
			}
			before, _ := os.ReadFile(db)
			if what == "file" {
				makeReadOnly(t, db)
			} else {
				makeReadOnly(t, dir)
			}
			backup := filepath.Join(t.TempDir(), "copy.db")
			for _, args := range [][]string{
				{"aging", "--db", db, "--as-of", "2026-11-22"},
				{"queue", "--db", db, "--as-of", "2026-11-22"},
				{"check", "--db", db},
				{"backup", "--db", db, backup},
			} {
				code, out, errs := runCLI(t, args...)
				if code != 0 || !strings.Contains(errs, "reading only") {
					t.Fatalf("%s on a read-only %s: %d\n%s\n%s", args[0], what, code, out, errs)
				}
			}
			if _, err := os.Stat(backup); err != nil {
				t.Fatalf("no backup: %v", err)
			}
			code, _, errs := runCLI(t, "pay", "--db", db, "--customer", "1", "--amount", "10")
			if code != 1 || !strings.Contains(errs, "read-only") {
				t.Fatalf("pay into a read-only %s: %d %s", what, code, errs)
			}
			// The window opens it too, read-only.
			svc, release, err := books{}.Open(db)
			if err != nil || !svc.Ledger.ReadOnly() {
				t.Fatalf("the window's open of a read-only %s: %v", what, err)
			}
			release()
			if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
				t.Fatalf("the read-only %s's book was changed", what)
			}
		})
	}
}

func TestLeftoversOfKilledRunsAreRemovedOnTheNextStart(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "300", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	old := time.Now().Add(-time.Hour)
	leave := func(path string) string {
		os.MkdirAll(filepath.Dir(path), 0o700)
		os.WriteFile(path, []byte("half"), 0o600)
		os.Chtimes(path, old, old)
		return path
	}
	out := filepath.Join(dir, "letters")
	left := []string{
		leave(filepath.Join(dir, "other.db.part")), leave(filepath.Join(dir, "other.db.part-wal")),
		leave(filepath.Join(dir, "backups", "shop-2026-11-22.db.part")),
		leave(filepath.Join(out, "letters-2026-11-22.pdf.part")),
	}
	if code, _, errs := runCLI(t, "aging", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	for _, p := range left[:3] {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there after the next start", p)
		}
	}
	if code, _, errs := runCLI(t, "print", "--db", db, "--out", out, "--as-of", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(left[3]); err == nil {
		t.Errorf("%s is still there after the next print run", left[3])
	}
	// The window's start cleans the book's folder too.
	again := leave(filepath.Join(dir, "sample.db.part"))
	_, release, err := books{}.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	release()
	if _, err := os.Stat(again); err == nil {
		t.Errorf("%s is still there after the window opened the book", again)
	}
}
