//go:build unix

package data_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
)

// permissive runs the test under umask 0, so that only Duebook's own modes keep others out.
func permissive(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
}

func wantMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s: mode %o, want %o", path, got, want)
	}
}

func TestBookBackupsAndLettersAreTheOwnersOnly(t *testing.T) {
	permissive(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "Duebook", "books", "shop.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	l := app.NewLedger(st, app.FixedClock(today.Time()), sheets.Reader{})
	if _, err := l.SetUpShop(app.Shop{Name: "Corner Shop", Currency: "EUR", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	wantMode(t, filepath.Join(dir, "Duebook"), 0o700)
	wantMode(t, filepath.Join(dir, "Duebook", "books"), 0o700)
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		wantMode(t, f, 0o600)
	}
	out := filepath.Join(dir, "elsewhere", "copy.db")
	if err := st.Backup(out); err != nil {
		t.Fatal(err)
	}
	wantMode(t, filepath.Dir(out), 0o700)
	wantMode(t, out, 0o600)
	daily, err := st.BackupRotated(data.BackupDir(path), today, 14)
	if err != nil {
		t.Fatal(err)
	}
	wantMode(t, data.BackupDir(path), 0o700)
	wantMode(t, daily, 0o600)
	st.Close()

	letter := filepath.Join(dir, "letter.pdf")
	if err := app.WriteFileAtomic(letter, []byte("%PDF-1.4")); err != nil {
		t.Fatal(err)
	}
	wantMode(t, letter, 0o600)

	sample := filepath.Join(dir, "sample.db")
	if _, err := data.CreateSample(context.Background(), sample, data.SampleOptions{Invoices: 50, Seed: 1, Today: today}, nil); err != nil {
		t.Fatal(err)
	}
	wantMode(t, sample, 0o600)

	if _, err := data.Restore(path, daily, today.Time()); err != nil {
		t.Fatal(err)
	}
	wantMode(t, path, 0o600)

	// A book an earlier Duebook left readable by everyone is narrowed when opened; the folder
	// the owner chose keeps its mode.
	shared := filepath.Join(dir, "shared")
	os.Mkdir(shared, 0o755)
	wide := filepath.Join(shared, "wide.db")
	if err := os.Link(out, wide); err != nil {
		t.Fatal(err)
	}
	os.Chmod(wide, 0o644)
	st, err = data.Open(wide)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	wantMode(t, wide, 0o600)
	wantMode(t, shared, 0o755)
}
