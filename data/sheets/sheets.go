// Package sheets reads the files owners keep their books in (CSV in any common encoding and
// delimiter, and XLSX) row by row for the import planner, within limits that hold whatever a
// file claims about itself.
package sheets

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"duebook/app"
)

// Limits bound what reading one file may cost. A zero field takes its default.
type Limits struct {
	MaxBytes int64 // bytes read from the file
	MaxPart  int64 // expanded bytes of one part of an XLSX file
	MaxText  int64 // expanded bytes of an XLSX file's shared strings, which are held in memory
	MaxRatio int64 // expanded bytes per compressed byte of an XLSX part larger than 1 MB
	MaxCells int64 // cells of an XLSX sheet, empty ones included
}

// Defaults of Limits.
const (
	DefaultMaxBytes = 512 << 20
	DefaultMaxPart  = 1 << 30
	DefaultMaxText  = 128 << 20
	DefaultMaxRatio = 200
	DefaultMaxCells = 40_000_000
)

// maxRecord bounds one CSV record or one XML token: no honest cell comes near it.
const maxRecord = 4 << 20

// maxShared bounds the number of shared strings of an XLSX file (a million rows of four columns
// of different texts have four million).
const maxShared = 4_000_000

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPart <= 0 {
		l.MaxPart = DefaultMaxPart
	}
	if l.MaxText <= 0 {
		l.MaxText = DefaultMaxText
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = DefaultMaxRatio
	}
	if l.MaxCells <= 0 {
		l.MaxCells = DefaultMaxCells
	}
	return l
}

// Reader implements app.TableReader.
type Reader struct{ Limits Limits }

var _ app.TableReader = Reader{}

// OpenTable opens a CSV or XLSX file, deciding by its content. Only regular files are read: a
// folder, a device or a pipe is refused before a byte is read from it.
func (r Reader) OpenTable(path string, opts app.ReadOptions) (app.TableSource, error) {
	name := filepath.Base(path)
	enc, err := app.ParseEncoding(opts.Encoding)
	if err != nil {
		return nil, err
	}
	f, err := openRegular(path, name)
	if err != nil {
		return nil, err
	}
	src, err := open(name, f, f, enc, r.Limits.withDefaults())
	if err != nil {
		f.Close()
		return nil, err
	}
	return src, nil
}

// OpenTableBytes reads a file already in memory, within the same limits as OpenTable.
func (r Reader) OpenTableBytes(name string, content []byte, opts app.ReadOptions) (app.TableSource, error) {
	enc, err := app.ParseEncoding(opts.Encoding)
	if err != nil {
		return nil, err
	}
	return open(name, bytes.NewReader(content), io.NopCloser(nil), enc, r.Limits.withDefaults())
}

// open reads a file given as a ReaderAt (a regular file, or bytes in memory).
func open(name string, ra io.ReaderAt, c io.Closer, enc string, lim Limits) (app.TableSource, error) {
	head := make([]byte, 16)
	n, err := ra.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, app.Wrap(app.CodeStorage, err, "cannot read %s", name)
	}
	head = head[:n]
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return openXLSX(name, ra, c, lim)
	}
	if what := binaryKind(head); what != "" {
		return nil, notATable(name, what)
	}
	return openCSV(name, ra, c, enc, lim)
}

// ParseCSV reads CSV bytes into a table in memory (for small files and tests).
func ParseCSV(name string, b []byte) (*app.Table, error) {
	src, err := openCSV(name, bytes.NewReader(b), nil, "", Limits{}.withDefaults())
	if err != nil {
		return nil, err
	}
	return collect(src)
}

// collect reads every row of src into memory.
func collect(src app.TableSource) (*app.Table, error) {
	info := src.Info()
	t := &app.Table{Name: info.Name, Source: info.Source, Header: info.Header, Notes: info.Notes}
	err := src.EachRow(func(cells []string, line int) error {
		t.Rows = append(t.Rows, append([]string(nil), cells...))
		t.Lines = append(t.Lines, line)
		return nil
	})
	return t, err
}

// openRegular opens path and refuses anything but a regular file. The file is opened without
// waiting (a FIFO with no writer would block forever) and checked on the open handle, so it
// cannot be swapped between the check and the read.
func openRegular(path, name string) (*os.File, error) {
	f, err := openNoWait(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, app.Wrap(app.CodeNotFound, err, "cannot open %s: there is no such file", path)
		case errors.Is(err, fs.ErrPermission):
			return nil, app.Wrap(app.CodeInvalid, err, "cannot open %s: Duebook is not allowed to read it", path)
		}
		return nil, app.Wrap(app.CodeNotFound, err, "cannot open %s", path)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, app.Wrap(app.CodeStorage, err, "cannot read %s", path)
	}
	if m := st.Mode(); !m.IsRegular() {
		f.Close()
		what := "not a regular file"
		switch {
		case m.IsDir():
			what = "a folder, not a file"
		case m&fs.ModeNamedPipe != 0:
			what = "a pipe, not a file"
		case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
			what = "a device, not a file"
		case m&fs.ModeSocket != 0:
			what = "a socket, not a file"
		}
		return nil, app.Errorf(app.CodeInvalid, "%s is %s; choose a CSV or Excel file", name, what)
	}
	return f, nil
}

// binaryKind recognises the formats owners mistake for spreadsheets by their first bytes.
func binaryKind(head []byte) string {
	for _, m := range []struct{ magic, what string }{
		{"\x89PNG", "an image"}, {"\xff\xd8\xff", "an image"}, {"GIF8", "an image"}, {"II*\x00", "an image"},
		{"MM\x00*", "an image"}, {"\x00\x00\x01\x00", "an icon"}, {"%PDF", "a PDF document"},
		{"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls) or a protected one: save it as .xlsx or CSV"},
		{"PK\x05\x06", "an empty ZIP archive"}, {"\x1f\x8b", "a compressed archive"}, {"Rar!", "a compressed archive"},
		{"7z\xbc\xaf", "a compressed archive"}, {"\x7fELF", "a program"}, {"SQLite format 3", "a database"},
	} {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return m.what
		}
	}
	if bytes.HasPrefix(head, []byte("RIFF")) && len(head) >= 12 && string(head[8:12]) == "WEBP" {
		return "an image"
	}
	return ""
}

func notATable(name, what string) error {
	return app.Errorf(app.CodeInvalid, "%s is not a CSV or Excel file (it looks like %s)", name, what)
}
