package main

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// documentsDir is the owner's Documents folder, where printed letters go so that they can find
// them: the folder the desktop names (XDG_DOCUMENTS_DIR on Linux), else Documents in the home
// folder (Windows and Mac alike), else the user's configuration folder.
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return dataDir()
	}
	if runtime.GOOS == "linux" {
		if d := xdgDocuments(home); d != "" {
			return d
		}
	}
	return filepath.Join(home, "Documents")
}

// xdgDocuments reads XDG_DOCUMENTS_DIR from the environment or from user-dirs.dirs.
func xdgDocuments(home string) string {
	if d := os.Getenv("XDG_DOCUMENTS_DIR"); d != "" {
		return d
	}
	cfg := os.Getenv("XDG_CONFIG_HOME")
	if cfg == "" {
		cfg = filepath.Join(home, ".config")
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
		v = strings.Trim(v, `"`)
		v = strings.ReplaceAll(v, "$HOME", home)
		if v == home || v == "" {
			return "" // "no Documents folder" is said by pointing it at home
		}
		return v
	}
	return ""
}

// lettersDir is where printed letters go: Documents/Duebook/Letters (a folder per shop and per
// day is made inside).
func lettersDir() string { return filepath.Join(documentsDir(), "Duebook", "Letters") }
