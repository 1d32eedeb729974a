package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The shop's files hold customers' names, addresses and debts: only the owner may read them.
// Modes are set explicitly after creating, so a permissive umask does not widen them (on Windows
// the mode only decides whether a file is read-only; the user folder keeps others out there).
const (
	PrivateFileMode fs.FileMode = 0o600
	PrivateDirMode  fs.FileMode = 0o700
)

// MkdirPrivate creates dir and any missing parents readable by the owner only. Folders that
// exist already keep their mode: they may be the owner's own (the home folder, a USB stick).
func MkdirPrivate(dir string) error {
	dir = filepath.Clean(dir)
	if st, err := os.Stat(dir); err == nil {
		if !st.IsDir() {
			return Errorf(CodeStorage, "cannot use %s as a folder: it is a file", dir)
		}
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := MkdirPrivate(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, PrivateDirMode); err != nil && !errors.Is(err, fs.ErrExist) {
		return Wrap(CodeStorage, err, "cannot create the folder %s", dir)
	}
	if err := os.Chmod(dir, PrivateDirMode); err != nil {
		return Wrap(CodeStorage, err, "cannot make the folder %s private", dir)
	}
	return nil
}

// WritePrivateFile writes b to a new file readable by the owner only and flushes it to the disk.
// A file already under the name is replaced.
func WritePrivateFile(path string, b []byte) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Wrap(CodeStorage, err, "cannot write %s", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, PrivateFileMode)
	if err != nil {
		return Wrap(CodeStorage, err, "cannot write %s", path)
	}
	err = f.Chmod(PrivateFileMode)
	if err == nil {
		_, err = f.Write(b)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return Wrap(CodeStorage, err, "cannot write %s", path)
	}
	return nil
}

// LeftoverAge is how long a ".part" file must have been left alone before it counts as the
// leftover of a run that was killed: one being written right now by another Duebook is younger.
const LeftoverAge = time.Minute

// IsLeftover tells whether a file name is a half-written file of Duebook: a ".part" file (a
// letter, a backup, a sample or a restored book being written) or the journal SQLite kept beside
// one.
func IsLeftover(name string) bool {
	for _, suffix := range []string{".part", ".part-wal", ".part-shm", ".part-journal"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// RemoveLeftovers deletes, in dir (and with deep in its subfolders, such as the day folders of
// printed letters), the half-written files a killed run left behind (last changed before now minus LeftoverAge). It returns what it
// removed; a folder that does not exist has nothing to remove.
func RemoveLeftovers(dir string, deep bool, now time.Time) []string {
	var removed []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if deep && e.Type()&fs.ModeSymlink == 0 {
				removed = append(removed, RemoveLeftovers(path, false, now)...)
			}
			continue
		}
		if !e.Type().IsRegular() || !IsLeftover(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < LeftoverAge {
			continue
		}
		if os.Remove(path) == nil {
			removed = append(removed, path)
		}
	}
	return removed
}
