package app

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

func TestRemoveLeftoversTakesOnlyOldPartFiles(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	write := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, now.Add(-age), now.Add(-age))
		return p
	}
	gone := []string{
		write("sample.db.part", time.Hour), write("sample.db.part-wal", time.Hour), write("sample.db.part-shm", time.Hour),
		write("shop.db.new.part-journal", 2*time.Minute), write("2026-11-22/3fa9c2.pdf.part", time.Hour),
	}
	kept := []string{
		write("busy.pdf.part", 10*time.Second), // another Duebook is writing it right now
		write("shop.db", time.Hour), write("shop.db-wal", time.Hour), write("part", time.Hour),
		write("2026-11-22/letters-2026-11-22.pdf", time.Hour),
		write("2026-11-22/deeper/x.pdf.part", time.Hour), // only one level of day folders is looked at
	}
	removed := RemoveLeftovers(dir, true, now)
	sort.Strings(removed)
	sort.Strings(gone)
	if len(removed) != len(gone) {
		t.Fatalf("removed %v, want %v", removed, gone)
	}
	for i := range gone {
		if removed[i] != gone[i] {
			t.Fatalf("removed %v, want %v", removed, gone)
		}
		if _, err := os.Stat(gone[i]); err == nil {
			t.Errorf("%s is still there", gone[i])
		}
	}
	for _, k := range kept {
		if _, err := os.Stat(k); err != nil {
			t.Errorf("%s was removed", k)
		}
	}
	if RemoveLeftovers(filepath.Join(dir, "missing"), true, now) != nil {
		t.Error("a missing folder had leftovers")
	}
}
