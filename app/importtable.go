package app

import (
	"fmt"
	"strings"
)

// Limits every import keeps to, whatever the file says: they bound the memory and time one file
// can cost (a million honest rows fit well within them).
const (
	MaxImportRows    = 2_000_000 // data rows of one file
	MaxImportColumns = 1024      // columns of one row
	MaxReportLines   = 100       // problems, conflicts and per-row notes listed before a summary
)

// ReadOptions are the owner's choices about how a file is read.
type ReadOptions struct {
	// Encoding is the text encoding of a CSV file (one of Encodings); empty decides from the file.
	Encoding string
}

// Encodings are the text encodings an owner can choose for a CSV file.
var Encodings = []string{"utf-8", "windows-1252", "iso-8859-1", "iso-8859-15", "utf-16le", "utf-16be"}

// ParseEncoding reads an encoding name as the owner may write it ("UTF8", "cp1252", "latin1").
func ParseEncoding(s string) (string, error) {
	k := strings.ToLower(strings.NewReplacer("_", "-", " ", "").Replace(strings.TrimSpace(s)))
	switch k {
	case "":
		return "", nil
	case "utf-8", "utf8":
		return "utf-8", nil
	case "windows-1252", "cp1252", "win1252", "ansi":
		return "windows-1252", nil
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
		return "iso-8859-1", nil
	case "iso-8859-15", "latin9", "latin-9", "iso8859-15":
		return "iso-8859-15", nil
	case "utf-16le", "utf16le", "utf-16":
		return "utf-16le", nil
	case "utf-16be", "utf16be":
		return "utf-16be", nil
	}
	return "", Errorf(CodeInvalid, "%q is not an encoding Duebook reads; use %s", s, strings.Join(Encodings, ", "))
}

// TableInfo is what opening a file tells before its rows are read.
type TableInfo struct {
	Name   string // file name, for the report
	Source string // "csv" or "xlsx"
	Header []string
	Notes  []string // what reading the file noticed (encoding, delimiter, sheets)
}

// TableSource is a file opened for import. Its rows can be read more than once (planning reads
// them twice) without the whole file being held in memory.
type TableSource interface {
	Info() TableInfo
	// EachRow calls fn for every non-blank row after the header, in order, with its cells (at
	// least as many as the header has) and its line in the file. The slice is reused after fn
	// returns; the strings in it may be kept.
	EachRow(fn func(cells []string, line int) error) error
	Close() error
}

// TableReader opens CSV and XLSX files for import.
type TableReader interface {
	OpenTable(path string, opts ReadOptions) (TableSource, error)
}

// TableBytesReader reads a file already in memory the way TableReader reads it from disk: an
// import reads the very bytes it keeps.
type TableBytesReader interface {
	OpenTableBytes(name string, content []byte, opts ReadOptions) (TableSource, error)
}

// MaxKeptImport is the largest imported file kept whole in the book, as the original of the
// invoices it brings (a hand-off encloses their rows of it).
const MaxKeptImport = 64 << 20

// Table is a file already in memory: a header and its rows. Line is the row's number in the file
// as the owner sees it in a spreadsheet (the header is row 1). It serves small files and tests.
type Table struct {
	Name   string
	Source string // "csv" or "xlsx"
	Header []string
	Rows   [][]string
	Lines  []int
	Notes  []string
}

var _ TableSource = (*Table)(nil)

// Info describes the table.
func (t *Table) Info() TableInfo {
	return TableInfo{Name: t.Name, Source: t.Source, Header: t.Header, Notes: t.Notes}
}

// EachRow calls fn for each row, padded to the header's length.
func (t *Table) EachRow(fn func(cells []string, line int) error) error {
	if len(t.Rows) > MaxImportRows {
		return Errorf(CodeInvalid, "%s has more than %d rows; split it into smaller files", t.Name, MaxImportRows)
	}
	var buf []string
	for i, row := range t.Rows {
		if len(row) < len(t.Header) {
			buf = append(append(buf[:0], row...), make([]string, len(t.Header)-len(row))...)
			row = buf
		}
		line := i + 2
		if i < len(t.Lines) {
			line = t.Lines[i]
		}
		if err := fn(row, line); err != nil {
			return err
		}
	}
	return nil
}

// Close does nothing: the table is in memory.
func (t *Table) Close() error { return nil }

// TooManyRows is the error a reader gives when a file passes MaxImportRows.
func TooManyRows(name string) error {
	return Errorf(CodeInvalid, "%s has more than %s rows, more than one import takes; split it into smaller files", name, groupDigits(MaxImportRows))
}

// groupDigits writes 2000000 as "2,000,000" for sentences.
func groupDigits(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
