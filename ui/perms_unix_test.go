//go:build unix

package ui

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"duebook/app"
)

func TestPrintedLettersAreTheOwnersOnly(t *testing.T) {
	s, _ := sampleShell(t)
	col := s.Today.svc.(*app.Collections)
	old := syscall.Umask(0) // only Duebook's own modes keep others out
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "letters")
	if _, err := col.PrintRun(context.Background(), app.Date{}, nil); err != nil {
		t.Fatal(err)
	}
	out, err := col.OutputLetters(context.Background(), dir)
	if err != nil || out.Combined == "" {
		t.Fatalf("output: %+v %v", out, err)
	}
	want := map[string]os.FileMode{dir: 0o700, filepath.Join(dir, testToday.String()): 0o700, out.Combined: 0o600}
	for _, f := range out.Files {
		want[f] = 0o600
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
