package logfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRotatesBySizeAndKeepsAFew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log", "duebook.log")
	w, err := Open(path, 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("x", 39) + "\n" // 40 bytes: two fit in 100, the third rotates
	for i := 0; i < 10; i++ {
		if _, err := w.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	for _, name := range []string{path, path + ".1", path + ".2"} {
		fi, err := os.Stat(name)
		if err != nil || fi.Size() > 100 || fi.Size() == 0 {
			t.Fatalf("%s: %v %v", name, fi, err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s is readable by others: %v", name, fi.Mode())
		}
	}
	if _, err := os.Stat(path + ".3"); err == nil {
		t.Fatal("more than two old logs kept")
	}
}
