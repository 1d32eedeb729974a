package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestLettersGoToTheDocumentsFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "cfg"))
	if got, want := lettersDir(), filepath.Join(home, "Documents", "Duebook", "Letters"); got != want {
		t.Fatalf("letters in %s, want %s", got, want)
	}
	if runtime.GOOS != "linux" {
		return
	}
	// A desktop in another language names its Documents folder itself.
	os.MkdirAll(filepath.Join(home, "cfg"), 0o700)
	os.WriteFile(filepath.Join(home, "cfg", "user-dirs.dirs"), []byte("# written by xdg-user-dirs\nXDG_DOCUMENTS_DIR=\"$HOME/Dokumente\"\n"), 0o600)
	if got, want := lettersDir(), filepath.Join(home, "Dokumente", "Duebook", "Letters"); got != want {
		t.Fatalf("letters in %s, want %s", got, want)
	}
}
