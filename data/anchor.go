package data

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"duebook/app"
)

// The anchor file is a small text file beside the book with the head of the timeline (how many
// events, the last chain hash). It moves forward with every write, and only along the same
// chain: a book whose timeline was cut short or rewritten no longer reaches the anchor, and
// `check` says so. The same head is in every backup and, shortened, on every letter.

const anchorMagic = "duebook-anchor 1"

// AnchorPath is the anchor file kept beside a book.
func AnchorPath(book string) string { return book + ".anchor" }

// ChainHead is the newest link of the timeline.
func (s *Store) ChainHead() (app.ChainHead, error) {
	h, err := headOf(s.r)
	if err != nil {
		return h, storageErr(err, "cannot read the timeline")
	}
	return h, nil
}

func headOf(q queryer) (app.ChainHead, error) {
	h := app.ChainHead{Chain: genesis}
	err := q.QueryRow(`SELECT id, chain FROM events ORDER BY id DESC LIMIT 1`).Scan(&h.Events, &h.Chain)
	if errors.Is(err, sql.ErrNoRows) {
		return app.ChainHead{Chain: genesis}, nil
	}
	return h, err
}

// chainAt is the chain hash of event n ("" when there is no such event).
func chainAt(q queryer, n int64) (string, error) {
	if n == 0 {
		return genesis, nil
	}
	var c string
	err := q.QueryRow(`SELECT chain FROM events WHERE id = ?`, n).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return c, err
}

// agrees tells whether the book's timeline reaches anchor a; the sentence says how it does not.
// A short chain (from a printed reference) matches by its first characters.
func agrees(q queryer, a app.ChainHead, events int64) (bool, string, error) {
	if a.Events > events {
		return false, fmt.Sprintf("it saw %d events, but the book has only %d: the newest events were removed", a.Events, events), nil
	}
	c, err := chainAt(q, a.Events)
	if err != nil {
		return false, "", err
	}
	if c == "" || a.Chain == "" || !strings.HasPrefix(c, a.Chain) {
		return false, fmt.Sprintf("event %d is not the one it saw: the timeline was rewritten up to there (its hashes recomputed)", a.Events), nil
	}
	return true, "", nil
}

func readAnchorFile(path string) (app.ChainHead, error) {
	f, err := os.Open(path)
	if err != nil {
		return app.ChainHead{}, err
	}
	defer f.Close()
	var h app.ChainHead
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if first {
			if line != anchorMagic {
				return h, fmt.Errorf("%s is not a Duebook anchor file", path)
			}
			first = false
			continue
		}
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "events":
			if h.Events, err = strconv.ParseInt(v, 10, 64); err != nil {
				return h, fmt.Errorf("%s: bad event count %q", path, v)
			}
		case "chain":
			h.Chain = v
		}
	}
	if err := sc.Err(); err != nil {
		return h, err
	}
	if first || len(h.Chain) != len(genesis) {
		return h, fmt.Errorf("%s is not a complete Duebook anchor file", path)
	}
	return h, nil
}

// writeAnchorFile replaces the anchor atomically: a crash leaves the old one or the new one.
func writeAnchorFile(path string, h app.ChainHead) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.part")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = fmt.Fprintf(f, "%s\nevents %d\nchain %s\n", anchorMagic, h.Events, h.Chain)
	if err == nil {
		err = f.Chmod(0o600)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// updateAnchor moves the anchor file to the head of the timeline after a write. An anchor the
// book does not reach is kept as evidence (check reports it); one left by an earlier book at
// the same path is set aside when this store created a new book there.
func (s *Store) updateAnchor() {
	s.rec.anchorMu.Lock()
	defer s.rec.anchorMu.Unlock()
	s.rec.anchorErr = s.moveAnchor()
}

func (s *Store) moveAnchor() error {
	path := AnchorPath(s.path)
	head, err := headOf(s.w)
	if err != nil || head.Events == 0 {
		return err // an empty timeline has nothing to anchor
	}
	old, err := readAnchorFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil && !s.rec.fresh:
		return err
	case old == head:
		return nil
	default:
		ok := false
		if err == nil {
			if ok, _, err = agrees(s.w, old, head.Events); err != nil {
				return err
			}
		}
		if !ok && !s.rec.fresh {
			return fmt.Errorf("the anchor file %s does not match this book; it is kept as it is", path)
		}
		if !ok {
			if err := setAside(path); err != nil {
				return err
			}
		}
	}
	if err := writeAnchorFile(path, head); err != nil {
		return err
	}
	s.rec.fresh = false // from now on the anchor is this book's
	return nil
}

// setAside renames an anchor that belongs to an earlier book, never deleting it.
func setAside(path string) error {
	for i := 1; ; i++ {
		aside := fmt.Sprintf("%s.old-%d", path, i)
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			return os.Rename(path, aside)
		}
	}
}

// SetAnchorAside renames the anchor file of a book (when the book is replaced, as by a
// restore), so that the next write starts a new one; the old one is kept.
func SetAnchorAside(book string) error {
	path := AnchorPath(book)
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := setAside(path); err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot set the anchor file %s aside", path)
	}
	return nil
}
