package main

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// userFolders says where the owner's book and printed letters live. It takes what the system
// reports as values, so that the rules of every system can be tested on any machine.
type userFolders struct {
	goos   string
	home   string // the user's home folder, "" when unknown
	getenv func(string) string
	// shellDocs is the Documents folder Windows reports; the owner may have moved it to another
	// drive or to OneDrive, where home\Documents is then an empty leftover or missing.
	shellDocs string
}

func systemFolders() userFolders {
	home, _ := os.UserHomeDir()
	return userFolders{goos: runtime.GOOS, home: home, getenv: os.Getenv, shellDocs: shellDocuments()}
}

// data is the owner's data folder: %AppData%\Duebook on Windows, ~/Library/Application
// Support/Duebook on a Mac, $XDG_CONFIG_HOME/Duebook (~/.config/Duebook) elsewhere.
func (u userFolders) data() string {
	var base string
	switch u.goos {
	case "windows":
		base = u.getenv("APPDATA")
		if base == "" && u.home != "" {
			base = filepath.Join(u.home, "AppData", "Roaming")
		}
	case "darwin":
		if u.home != "" {
			base = filepath.Join(u.home, "Library", "Application Support")
		}
	default:
		base = u.getenv("XDG_CONFIG_HOME")
		if !filepath.IsAbs(base) && u.home != "" {
			base = filepath.Join(u.home, ".config") // a relative XDG_CONFIG_HOME is to be ignored
		}
	}
	if base == "" {
		base = "." // no user folder at all: the working folder is all there is
	}
	return filepath.Join(base, "Duebook")
}

// documents is the owner's Documents folder, where printed letters go so that they can find
// them: the folder the system names (the shell's on Windows, XDG_DOCUMENTS_DIR on Linux), else
// Documents in the home folder, else the data folder.
func (u userFolders) documents() string {
	switch {
	case u.goos == "windows" && u.shellDocs != "":
		return u.shellDocs
	case u.home == "":
		return u.data()
	case u.goos != "windows" && u.goos != "darwin":
		if d := u.xdgDocuments(); d != "" {
			return d
		}
	}
	return filepath.Join(u.home, "Documents")
}

// xdgDocuments reads XDG_DOCUMENTS_DIR from the environment or from user-dirs.dirs.
func (u userFolders) xdgDocuments() string {
	if d := u.getenv("XDG_DOCUMENTS_DIR"); d != "" {
		return d
	}
	cfg := u.getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(cfg) {
		cfg = filepath.Join(u.home, ".config")
	}
	f, err := os.Open(filepath.Join(cfg, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		v, ok := strings.CutPrefix(line, "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		v = unquoteUserDir(v)
		v = strings.ReplaceAll(v, "$HOME", u.home)
		if v == u.home || v == "" {
			return "" // "no Documents folder" is said by pointing it at home
		}
		return v
	}
	return ""
}

// unquoteUserDir reads a value of user-dirs.dirs: a shell-quoted string in which a backslash
// escapes the next character (a folder named with a quote or a backslash).
func unquoteUserDir(v string) string {
	v = strings.TrimPrefix(strings.TrimSuffix(v, `"`), `"`)
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// documentsDir is the Documents folder of the user running Duebook.
func documentsDir() string { return systemFolders().documents() }

// lettersDir is where printed letters go: Documents/Duebook/Letters (a folder per shop and per
// day is made inside).
func lettersDir() string { return filepath.Join(documentsDir(), "Duebook", "Letters") }
