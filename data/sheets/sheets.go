// Package sheets reads the files owners keep their books in (CSV in any common encoding and
// delimiter, and XLSX) into rows of text for the import planner.
package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"duebook/app"
)

// MaxFileSize is the largest file an import reads (a million rows fit comfortably).
const MaxFileSize = 512 << 20

// Reader implements app.TableReader.
type Reader struct{}

var _ app.TableReader = Reader{}

// ReadTable reads a .csv/.txt/.tsv or .xlsx file.
func (Reader) ReadTable(path string) (*app.Table, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, app.Wrap(app.CodeNotFound, err, "cannot open %s", path)
	}
	if st.IsDir() {
		return nil, app.Errorf(app.CodeInvalid, "%s is a folder, not a file", path)
	}
	if st.Size() > MaxFileSize {
		return nil, app.Errorf(app.CodeInvalid, "%s is too large to import (%d MB; at most %d MB)", path, st.Size()>>20, MaxFileSize>>20)
	}
	name := filepath.Base(path)
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return readXLSX(path, name)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, app.Wrap(app.CodeNotFound, err, "cannot read %s", path)
	}
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return readXLSX(path, name)
	}
	return ParseCSV(name, b)
}

// decode turns the file's bytes into UTF-8 text: UTF-8 (with or without BOM), UTF-16 with a BOM,
// and Windows-1252 for anything else that is not valid UTF-8.
func decode(b []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:]), "UTF-8 with BOM", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(b)
		if err != nil {
			return "", "", app.Wrap(app.CodeInvalid, err, "the file says it is UTF-16 but cannot be read as such")
		}
		return string(out), "UTF-16", nil
	case utf8.Valid(b):
		return string(b), "UTF-8", nil
	}
	if bytes.IndexByte(b, 0) >= 0 && bytes.Count(b, []byte{0})*4 > len(b) {
		return "", "", app.Errorf(app.CodeInvalid, "the file is not text (it may be UTF-16 without a byte-order mark, or not a spreadsheet at all); save it as CSV in UTF-8")
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", app.Wrap(app.CodeInvalid, err, "the file's text cannot be read")
	}
	return string(out), "Windows-1252", nil
}

// sniffDelimiter picks the delimiter that splits the first lines into the most, and equally many,
// columns.
func sniffDelimiter(text string) rune {
	lines := strings.SplitN(text, "\n", 12)
	if len(lines) > 11 {
		lines = lines[:11]
	}
	best, bestScore := ',', -1
	for _, d := range []rune{',', ';', '\t', '|'} {
		r := csv.NewReader(strings.NewReader(strings.Join(lines, "\n")))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
		recs, _ := r.ReadAll()
		if len(recs) == 0 {
			continue
		}
		n := len(recs[0])
		if n < 2 {
			continue
		}
		score := n * 10
		for _, rec := range recs[1:] {
			if len(rec) == n {
				score += 5
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// ParseCSV reads CSV bytes into a table.
func ParseCSV(name string, b []byte) (*app.Table, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, app.Errorf(app.CodeInvalid, "%s is empty", name)
	}
	text, enc, err := decode(b)
	if err != nil {
		return nil, err
	}
	delim := sniffDelimiter(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = delim, -1, true, false
	t := &app.Table{Name: name, Source: "csv"}
	if enc != "UTF-8" {
		t.Notes = append(t.Notes, "the file was read as "+enc)
	}
	if delim != ',' {
		t.Notes = append(t.Notes, fmt.Sprintf("columns are separated by %s", map[rune]string{';': "semicolons", '\t': "tabs", '|': "bars"}[delim]))
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, app.Wrap(app.CodeInvalid, err, "%s cannot be read at line %d", name, pe.Line)
			}
			return nil, app.Wrap(app.CodeInvalid, err, "%s cannot be read", name)
		}
		if t.Header == nil {
			if blank(rec) {
				continue
			}
			t.Header = trimAll(rec)
			continue
		}
		if blank(rec) {
			continue
		}
		line, _ := r.FieldPos(0) // the line the record starts on, as a text editor shows it
		t.Rows = append(t.Rows, pad(rec, len(t.Header)))
		t.Lines = append(t.Lines, line)
	}
	if t.Header == nil {
		return nil, app.Errorf(app.CodeInvalid, "%s is empty", name)
	}
	return t, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, c := range rec {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

// pad makes every row as long as the header: spreadsheets drop trailing empty cells.
func pad(rec []string, n int) []string {
	for len(rec) < n {
		rec = append(rec, "")
	}
	return rec
}

// readXLSX reads the first sheet with the streaming row iterator. Cells come raw, so dates arrive
// as serial numbers and amounts without display formatting.
func readXLSX(path, name string) (*app.Table, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, app.Wrap(app.CodeInvalid, err, "%s is not a spreadsheet Duebook can read", name)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, app.Errorf(app.CodeInvalid, "%s has no sheets", name)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, app.Wrap(app.CodeInvalid, err, "cannot read the first sheet of %s", name)
	}
	defer rows.Close()
	t := &app.Table{Name: name, Source: "xlsx"}
	if len(sheets) > 1 {
		t.Notes = append(t.Notes, fmt.Sprintf("only the first sheet (%q) was read", sheets[0]))
	}
	rowNo := 0
	for rows.Next() {
		rowNo++
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, app.Wrap(app.CodeInvalid, err, "cannot read row %d of %s", rowNo, name)
		}
		if t.Header == nil {
			if blank(rec) {
				continue
			}
			t.Header = trimAll(rec)
			continue
		}
		if blank(rec) {
			continue
		}
		t.Rows = append(t.Rows, pad(rec, len(t.Header)))
		t.Lines = append(t.Lines, rowNo)
	}
	if err := rows.Error(); err != nil {
		return nil, app.Wrap(app.CodeInvalid, err, "cannot read %s", name)
	}
	if t.Header == nil {
		return nil, app.Errorf(app.CodeInvalid, "%s is empty", name)
	}
	return t, nil
}
