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
	if got, want := lettersDir(), filepath.Join(home, "Documents", "Duebook", "Letters"); got != want && runtime.GOOS != "windows" {
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

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// The rules of each system, checked wherever the tests run: the folder names are the system's
// own, so the separators are this machine's but every step is the one Windows or a Mac takes.
func TestEachSystemKeepsTheBookAndLettersWhereTheReadmeSays(t *testing.T) {
	const winHome = `C:\Users\Zoë Müller-Łukasz`
	appData := winHome + `\AppData\Roaming`
	cases := []struct {
		name       string
		u          userFolders
		data, docs string
	}{
		{"windows", userFolders{goos: "windows", home: winHome, getenv: envOf(map[string]string{"APPDATA": appData}), shellDocs: winHome + `\Documents`},
			filepath.Join(appData, "Duebook"), winHome + `\Documents`},
		// Documents moved to OneDrive: letters go where Explorer shows Documents.
		{"windows onedrive", userFolders{goos: "windows", home: winHome, getenv: envOf(map[string]string{"APPDATA": appData}), shellDocs: `D:\OneDrive - Zoë's Shop\Dokumente`},
			filepath.Join(appData, "Duebook"), `D:\OneDrive - Zoë's Shop\Dokumente`},
		// No APPDATA (a program started with a bare environment): the roaming folder all the same,
		// never the working folder, which for a shortcut is the program's own folder.
		{"windows bare", userFolders{goos: "windows", home: winHome, getenv: envOf(nil)},
			filepath.Join(winHome, "AppData", "Roaming", "Duebook"), filepath.Join(winHome, "Documents")},
		{"mac", userFolders{goos: "darwin", home: "/Users/zoë müller", getenv: envOf(map[string]string{"XDG_DOCUMENTS_DIR": "/elsewhere"})},
			filepath.Join("/Users/zoë müller", "Library", "Application Support", "Duebook"), filepath.Join("/Users/zoë müller", "Documents")},
		// A relative XDG_CONFIG_HOME is void by the specification: the default applies.
		{"linux relative config", userFolders{goos: "linux", home: "/home/zoë müller", getenv: envOf(map[string]string{"XDG_CONFIG_HOME": "my config", "XDG_DOCUMENTS_DIR": "/home/zoë müller/Mes documents"})},
			filepath.Join("/home/zoë müller", ".config", "Duebook"), "/home/zoë müller/Mes documents"},
	}
	for _, c := range cases {
		if got := c.u.data(); got != c.data {
			t.Errorf("%s: book in %s, want %s", c.name, got, c.data)
		}
		if got := c.u.documents(); got != c.docs {
			t.Errorf("%s: documents in %s, want %s", c.name, got, c.docs)
		}
	}
}

// On this machine, with a home and configuration folder named with spaces and letters beyond
// ASCII: a book is made in the data folder and backed up into the Documents folder the desktop
// names (a name with quotes, which user-dirs.dirs escapes).
func TestFoldersWithSpacesAndNonASCIINamesHoldARealBook(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows asks the shell for Documents; the rules are checked above")
	}
	home := filepath.Join(t.TempDir(), "Zoë Müller-Łukasz")
	cfg := filepath.Join(home, "My Config")
	if err := os.MkdirAll(cfg, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	dirs := "XDG_DESKTOP_DIR=\"$HOME/Schreibtisch\"\nXDG_DOCUMENTS_DIR=\"$HOME/Zoë's \\\"Papiere\\\" 2026\"\n"
	if err := os.WriteFile(filepath.Join(cfg, "user-dirs.dirs"), []byte(dirs), 0o600); err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(home, `Zoë's "Papiere" 2026`)
	if runtime.GOOS == "darwin" {
		docs = filepath.Join(home, "Documents")
	}
	if got := documentsDir(); got != docs {
		t.Fatalf("documents in %q, want %q", got, docs)
	}
	book := filepath.Join(dataDir(), "duebook.db")
	if runtime.GOOS == "linux" && book != filepath.Join(cfg, "Duebook", "duebook.db") {
		t.Fatalf("book at %q", book)
	}
	if code, _, errs := runCLI(t, "sample", "--db", book, "--invoices", "20"); code != 0 {
		t.Fatalf("sample at %q: %s", book, errs)
	}
	copyTo := filepath.Join(lettersDir(), "Übergabe Kopie.db")
	if err := os.MkdirAll(filepath.Dir(copyTo), 0o700); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "backup", "--db", book, copyTo); code != 0 {
		t.Fatalf("backup to %q: %s", copyTo, errs)
	}
	if code, _, errs := runCLI(t, "check", "--db", copyTo); code != 0 {
		t.Fatalf("check of %q: %s", copyTo, errs)
	}
}
