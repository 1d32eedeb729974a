package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// PrintItem is an approved letter on its way to the printer. It counts as printed only once a
// file holding it is on disk; until then Today and `duebook print` list it and print it again.
type PrintItem struct {
	SHA256     string
	CustomerID int64
	Customer   string
	PostalCode string
	Stage      string
	Pages      int
	OnDate     Date
}

// PrintOutput is what was written for the printer: one PDF with every letter still to print, in
// postal-code order, and one PDF per letter, all in one folder per day.
type PrintOutput struct {
	Letters  []PrintItem
	Combined string // the printer's file
	Files    []string
	Pages    int
}

// PendingPrints lists the approved letters not yet on disk.
func (c *Collections) PendingPrints() ([]PrintItem, error) { return c.CS.PendingPrints() }

// OutputLetters writes every approved letter not yet on disk into dir: each letter exactly as it
// was stored, and all of them joined into one new file for the printer (never overwriting an
// earlier run's). Only when every file is on disk are the letters marked printed; after any
// failure they stay listed as still to print, and the next run writes them again.
func (c *Collections) OutputLetters(ctx context.Context, dir string) (PrintOutput, error) {
	var out PrintOutput
	if c.Render == nil {
		return out, Errorf(CodeInternal, "printing is not set up")
	}
	pending, err := c.CS.PendingPrints()
	if err != nil || len(pending) == 0 {
		return out, err
	}
	day := c.Today()
	folder := filepath.Join(dir, day.String())
	if err := MakeOutputDir(folder); err != nil {
		return out, err
	}
	// Each letter is written on its own, then all are joined for the printer, read from the
	// book again one at a time: a run of thousands of letters never holds them all.
	for _, p := range pending {
		if err := ctx.Err(); err != nil {
			return out, Wrap(CodeCancelled, err, "printing was cancelled; %s still to print", Plural(len(pending), "letter is", "letters are"))
		}
		doc, err := c.storedLetter(p)
		if err != nil {
			return out, err
		}
		name := filepath.Join(folder, fmt.Sprintf("%s %s %s %s.pdf", p.OnDate, SafeFileName(p.Customer), SafeFileName(p.Stage), p.SHA256[:10]))
		if err := WriteSameOrNew(name, doc); err != nil {
			return out, err
		}
		out.Files = append(out.Files, name)
	}
	var pages int
	path, err := WriteUniqueFrom(folder, "letters-"+day.String(), ".pdf", func(w io.Writer) error {
		var err error
		pages, err = c.Render.Merge(w, len(pending), func(i int) ([]byte, error) { return c.storedLetter(pending[i]) }, "Letters "+day.String(), c.Clock.Now())
		var typed *Error
		if err != nil && !errors.As(err, &typed) {
			err = Wrap(CodeInternal, err, "cannot join the letters for the printer")
		}
		return err
	})
	if err != nil {
		return out, err
	}
	shas := make([]string, len(pending))
	for i, p := range pending {
		shas[i] = p.SHA256
	}
	ev := c.event(0, "print", fmt.Sprintf("%s (%d pages) written for the printer: %s", Plural(len(pending), "letter", "letters"), pages, filepath.Base(path)),
		map[string]any{"letters": shas, "file": filepath.Base(path)})
	if err := c.CS.MarkPrinted(shas, path, ev); err != nil {
		return out, err
	}
	out.Letters, out.Combined, out.Pages = pending, path, pages
	return out, nil
}

// storedLetter reads a letter to print from the book and checks it against its fingerprint.
func (c *Collections) storedLetter(p PrintItem) ([]byte, error) {
	doc, err := c.CS.Document(p.SHA256)
	if err != nil {
		return nil, err
	}
	if NewDocument(doc.Kind, doc.Mime, doc.Content).SHA256 != p.SHA256 {
		return nil, Errorf(CodeDamaged, "the stored letter for %s (%s…) does not match its fingerprint: it was changed after it was printed; run the check", p.Customer, p.SHA256[:12])
	}
	return doc.Content, nil
}

// SafeFileName makes a part of a file name from a name: no path separators, no characters
// Windows refuses, no control characters, at most 60 characters.
func SafeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\\:*?"<>|`, r) || r < 32 || r == 0x7f {
			return '-'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60])
	}
	s = strings.Trim(strings.TrimSpace(s), ".")
	if s == "" {
		s = "-"
	}
	return s
}
