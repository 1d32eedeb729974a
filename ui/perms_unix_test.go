//go:build unix

package ui

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"duebook/app"
)

func TestPrintedLettersAreTheOwnersOnly(t *testing.T) {
	old := syscall.Umask(0) // only Duebook's own modes keep others out
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "letters")
	res := app.PrintRunResult{AsOf: testToday, Combined: []byte("%PDF combined"),
		Letters: []app.PrintedLetter{{SHA256: "0123456789abcdef", PDF: []byte("%PDF one")}}}
	combined, err := saveRun(dir, res)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{
		dir: 0o700, filepath.Join(dir, testToday.String()): 0o700,
		combined: 0o600, filepath.Join(dir, testToday.String(), "0123456789ab.pdf"): 0o600,
	} {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s: mode %o, want %o", path, st.Mode().Perm(), want)
		}
	}
}
