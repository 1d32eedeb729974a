package app

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// A file the owner names is never written through a link, and an existing one is replaced only
// when asked.
func TestWriteNewNeverOverwritesOrFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "letter.pdf")
	if err := WriteNew(path, []byte("one"), false); err != nil {
		t.Fatal(err)
	}
	if err := WriteNew(path, []byte("two"), false); CodeOf(err) != CodeConflict || !strings.Contains(Sentence(err), "--force") {
		t.Fatalf("an existing file was not protected: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Fatalf("overwritten: %q", b)
	}
	if err := WriteNew(path, []byte("two"), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Fatalf("--force did not replace: %q", b)
	}
	target := filepath.Join(dir, "precious.txt")
	os.WriteFile(target, []byte("keep"), 0o600)
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here")
	}
	for _, force := range []bool{false, true} {
		if err := WriteNew(link, []byte("x"), force); err == nil {
			t.Fatalf("wrote through a link (force %v)", force)
		}
		if err := CheckOutput(link, force); err == nil {
			t.Fatalf("the check let a link pass (force %v)", force)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Fatalf("the link's target was changed: %q", b)
	}
	if err := CheckOutput(filepath.Join(dir, "missing", "x.pdf"), false); err == nil {
		t.Fatal("a missing folder passed the check")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".duebook-*")); len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("a letter is readable by others: %v", fi.Mode())
	}
}

// Many writers of the same name at once each get a name of their own, with their own bytes.
func TestWriteUniqueAtOnce(t *testing.T) {
	dir := t.TempDir()
	const n = 16
	paths := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			p, err := WriteUnique(dir, "letters-2026-11-24", ".pdf", []byte{byte('a' + i)})
			if err != nil {
				t.Error(err)
			}
			paths[i] = p
		}(i)
	}
	wg.Wait()
	seen := map[string]bool{}
	for i, p := range paths {
		if seen[p] {
			t.Fatalf("two writers got %s", p)
		}
		seen[p] = true
		if b, _ := os.ReadFile(p); len(b) != 1 || b[0] != byte('a'+i) {
			t.Fatalf("%s holds %q, want %q", p, b, string(rune('a'+i)))
		}
	}
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{"Müller/Söhne: \"A\"": "Müller-Söhne- -A-", "..": "-", "a\x00b": "a-b", "C:\\x": "C--x"} {
		if got := SafeFileName(in); got != want {
			t.Errorf("%q -> %q, want %q", in, got, want)
		}
	}
}
