package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Files the owner asks for (letters, statements, agreements, the printer's file) are written so
// that nothing is lost or overwritten by surprise: the bytes go to a temporary file beside the
// target and reach the disk (fsync) before the file gets its name; an existing file is replaced
// only when the owner asked (--force); a symbolic link is never followed; and a folder that
// cannot be written is found before anything is recorded.

const partPrefix, partSuffix = ".duebook-", ".part"

// CheckOutput finds, before anything is recorded, what would stop a file from being written at
// path: a folder that is missing or read-only, an existing file (unless force), a symbolic link.
func CheckOutput(path string, force bool) error {
	if err := checkTarget(path, force); err != nil {
		return err
	}
	return probeDir(filepath.Dir(path))
}

func checkTarget(path string, force bool) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return Wrap(CodeStorage, err, "cannot use %s", path)
	case fi.Mode()&fs.ModeSymlink != 0:
		return Errorf(CodeInvalid, "%s is a link to another file; Duebook does not write through links: choose another name", path)
	case fi.IsDir():
		return Errorf(CodeInvalid, "%s is a folder; name a file", path)
	case !fi.Mode().IsRegular():
		return Errorf(CodeInvalid, "%s is not a regular file", path)
	case !force:
		return Errorf(CodeConflict, "%s already exists; choose another name, or replace it with --force", path)
	}
	return nil
}

// probeDir checks that a file can be created in dir.
func probeDir(dir string) error {
	f, err := os.CreateTemp(dir, partPrefix+"probe-*"+partSuffix)
	if err != nil {
		return Wrap(CodeStorage, err, "cannot write to the folder %s; nothing was recorded", dir)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// MakeOutputDir creates a folder for letters (readable by the owner only) and checks that it can
// be written, removing what a killed run left behind.
func MakeOutputDir(dir string) error {
	if err := MkdirPrivate(dir); err != nil {
		return Wrap(CodeStorage, err, "cannot create the folder %s; nothing was recorded", dir)
	}
	RemoveLeftovers(dir, false, time.Now())
	return probeDir(dir)
}

// writeTemp writes b to a new temporary file in dir and makes sure it is on the disk.
func writeTemp(dir string, b []byte) (string, error) {
	return writeTempFrom(dir, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// writeTempFrom is writeTemp for content written as it is made.
func writeTempFrom(dir string, write func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, partPrefix+"*"+partSuffix) // created 0600
	if err != nil {
		return "", Wrap(CodeStorage, err, "cannot write to the folder %s", dir)
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		var typed *Error
		if errors.As(err, &typed) {
			return "", err // what made the content said what went wrong
		}
		return "", Wrap(CodeStorage, err, "cannot write to the folder %s (is the disk full?)", dir)
	}
	return f.Name(), nil
}

var errExists = errors.New("the file exists")

// placeNew gives the temporary file its name, never replacing a file (or link) of that name: a
// hard link is atomic and fails when the name is taken; where the file system has no hard links
// the name is checked, then the file renamed.
func placeNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		os.Remove(tmp)
		syncDir(filepath.Dir(path))
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return errExists
	}
	if _, serr := os.Lstat(path); serr == nil {
		return errExists
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir makes a new name durable where the system allows it (not on Windows).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// WriteNew writes a file the owner named: never through a link, and over an existing file only
// when force is set.
func WriteNew(path string, b []byte, force bool) error {
	if err := checkTarget(path, force); err != nil {
		return err
	}
	tmp, err := writeTemp(filepath.Dir(path), b)
	if err != nil {
		return err
	}
	if force {
		err = os.Rename(tmp, path)
		syncDir(filepath.Dir(path))
	} else if err = placeNew(tmp, path); errors.Is(err, errExists) {
		err = Errorf(CodeConflict, "%s already exists; choose another name, or replace it with --force", path)
	}
	if err != nil {
		os.Remove(tmp)
		if CodeOf(err) != CodeInternal {
			return err
		}
		return Wrap(CodeStorage, err, "cannot write %s", path)
	}
	return nil
}

// WriteSameOrNew writes a file whose name tells its content (a letter named by its fingerprint):
// a file already there with the same bytes is the same file; one with other bytes is refused.
func WriteSameOrNew(path string, b []byte) error {
	err := WriteNew(path, b, false)
	if CodeOf(err) != CodeConflict {
		return err
	}
	// Taken, maybe by another run writing the same letter at this moment: same bytes, same file.
	if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode().IsRegular() {
		if old, rerr := os.ReadFile(path); rerr == nil && bytes.Equal(old, b) {
			return nil
		}
	}
	return Errorf(CodeConflict, "%s already exists with other content; it was not replaced", path)
}

// WriteUnique writes b as stem+ext in dir, or stem-2+ext, stem-3+ext, ... whichever name is free
// first, so that two runs (even at once) never write over each other. It returns the path.
func WriteUnique(dir, stem, ext string, b []byte) (string, error) {
	return WriteUniqueFrom(dir, stem, ext, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// WriteUniqueFrom is WriteUnique for content written as it is made (the printer's file of a
// big print run), so that it never has to be held whole.
func WriteUniqueFrom(dir, stem, ext string, write func(io.Writer) error) (string, error) {
	tmp, err := writeTempFrom(dir, write)
	if err != nil {
		return "", err
	}
	for n := 1; n <= 10000; n++ {
		name := stem + ext
		if n > 1 {
			name = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		path := filepath.Join(dir, name)
		err := placeNew(tmp, path)
		if err == nil {
			return path, nil
		}
		if !errors.Is(err, errExists) {
			os.Remove(tmp)
			return "", Wrap(CodeStorage, err, "cannot write %s", path)
		}
	}
	os.Remove(tmp)
	return "", Errorf(CodeStorage, "too many files named %s in %s", stem, dir)
}
