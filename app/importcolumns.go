package app

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
)

// The owner's choice of columns for a file is kept in the book by the file's shape (what it
// holds and its set of column names): the next export from the same program imports without
// choosing again.

// MappingStore keeps the owner's column choices by file shape.
type MappingStore interface {
	ImportMapping(shape string) (map[string]Field, error)
	SaveImportMapping(shape string, m map[string]Field) error
}

// MappingShape names a kind of file by its column names, in any order, however decorated.
func MappingShape(kind ImportKind, header []string) string {
	keys := make([]string, 0, len(header))
	for _, h := range header {
		if k := headerKey(h); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	sum := sha256.Sum256([]byte(string(kind) + "\x1f" + strings.Join(slices.Compact(keys), "\x1f")))
	return string(kind) + ":" + hex.EncodeToString(sum[:12])
}

// savedMapping is the owner's earlier choice for files of this shape, or nil.
func savedMapping(src any, kind ImportKind, header []string) map[string]Field {
	ms, ok := src.(MappingStore)
	if !ok {
		return nil
	}
	m, err := ms.ImportMapping(MappingShape(kind, header))
	if err != nil || len(m) == 0 {
		return nil
	}
	for col := range m {
		if !slices.ContainsFunc(header, func(h string) bool { return headerKey(h) == headerKey(col) }) {
			return nil // not this file's columns after all
		}
	}
	return m
}

// RememberMapping keeps the owner's choice of columns for files shaped like this one.
func (l *Ledger) RememberMapping(kind ImportKind, header []string, m map[string]Field) error {
	ms, ok := l.Store.(MappingStore)
	if !ok {
		return nil
	}
	if err := ms.SaveImportMapping(MappingShape(kind, header), m); err != nil {
		return Wrap(CodeStorage, err, "could not keep the choice of columns for next time")
	}
	return nil
}

// ColumnPreview is a file's columns as the import reads them, for choosing them by hand.
type ColumnPreview struct {
	Header  []string
	Samples [][]string       // a few values of each column
	Fields  map[string]Field // what each column is read as now (the owner's earlier choice, else by its name)
	Saved   bool             // Fields is the owner's earlier choice for files of this shape
}

const previewRows, previewSamples = 200, 3

// PreviewColumns reads a file's column names (below any title lines) and a few values of each.
func (l *Ledger) PreviewColumns(kind ImportKind, path, encoding string) (ColumnPreview, error) {
	if l.Tables == nil {
		return ColumnPreview{}, Errorf(CodeInternal, "no file reader is set up")
	}
	src, err := l.Tables.OpenTable(path, ReadOptions{Encoding: encoding})
	if err != nil {
		return ColumnPreview{}, err
	}
	defer src.Close()
	layout, err := newReportLayout(kind, src, nil)
	if err != nil {
		return ColumnPreview{}, err
	}
	header := layout.Info().Header
	m, _, _ := BuildMapping(kind, header, nil)
	layout.use(m)
	pv := ColumnPreview{Header: header, Samples: make([][]string, len(header)), Fields: map[string]Field{}}
	n := 0
	err = layout.EachRow(func(cells []string, _ int) error {
		for i := range header {
			if v := strings.TrimSpace(cells[i]); v != "" && len(pv.Samples[i]) < previewSamples && !slices.Contains(pv.Samples[i], v) {
				pv.Samples[i] = append(pv.Samples[i], truncateRunes(v, 40))
			}
		}
		if n++; n >= previewRows {
			return errFound
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return ColumnPreview{}, err
	}
	if saved := savedMapping(l.Store, kind, header); saved != nil {
		pv.Fields, pv.Saved = saved, true
		return pv, nil
	}
	for f, i := range m {
		pv.Fields[header[i]] = f
	}
	return pv, nil
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// OptionHint is an import error the command line completes with the option that settles it; the
// sentence itself names the window's control, so the window never speaks of the command line.
type OptionHint struct {
	Option string
	err    error
}

func (e *OptionHint) Error() string { return e.err.Error() }
func (e *OptionHint) Unwrap() error { return e.err }

func hinted(option string, err error) error { return &OptionHint{Option: option, err: err} }
