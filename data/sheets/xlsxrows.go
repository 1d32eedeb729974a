package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"duebook/app"
)

var (
	errPartTooLarge  = errors.New("part too large")
	errTokenTooLarge = errors.New("token too large")
)

// xmlPart counts the expanded bytes of one part as the decoder reads them, and how far reading has
// run ahead of the end of the last complete token (mark): that distance bounds the token being read.
type xmlPart struct {
	rc    io.ReadCloser
	read  int64
	mark  int64
	limit int64
	err   error
}

func (p *xmlPart) Read(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.rc.Read(b)
	p.read += int64(n)
	switch {
	case p.read > p.limit:
		p.err = errPartTooLarge
	case p.read-p.mark > maxRecord:
		p.err = errTokenTooLarge
	}
	if p.err != nil {
		return 0, p.err
	}
	return n, err
}

// parse streams the tokens of one part to fn. A DOCTYPE is refused: spreadsheets never have one,
// and one naming an outside resource asks to read other files.
func (s *xlsxSource) parse(f *zip.File, limit int64, fn func(xml.Token) error) error {
	rc, err := f.Open()
	if err != nil {
		return s.damaged(f.Name, err)
	}
	defer rc.Close()
	p := &xmlPart{rc: rc, limit: limit}
	dec := xml.NewDecoder(p)
	for {
		tok, err := dec.RawToken()
		p.mark = dec.InputOffset()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			switch {
			case errors.Is(p.err, errPartTooLarge):
				return s.bomb(f.Name, fmt.Sprintf("more than %d MB", limit>>20))
			case errors.Is(p.err, errTokenTooLarge):
				return app.Errorf(app.CodeInvalid, "%s is refused: its part %s holds a single text or tag longer than %d MB", s.info.Name, f.Name, maxRecord>>20)
			case errors.Is(err, zip.ErrFormat):
				return app.Wrap(app.CodeInvalid, err, "%s is refused: its part %s holds more than it declares, so it is damaged or built to exhaust the computer", s.info.Name, f.Name)
			}
			return s.damaged(f.Name, err)
		}
		if d, ok := tok.(xml.Directive); ok {
			return s.directive(d)
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

func (s *xlsxSource) directive(d xml.Directive) error {
	text := strings.ToUpper(string(d))
	if strings.Contains(text, "SYSTEM") || strings.Contains(text, "PUBLIC") || strings.Contains(text, "ENTITY") {
		return refusedExternal(s.info.Name)
	}
	return app.Errorf(app.CodeInvalid, "%s is refused: it declares a document type, which a spreadsheet never does", s.info.Name)
}

func (s *xlsxSource) damaged(part string, err error) error {
	return app.Wrap(app.CodeInvalid, err, "%s is damaged: its part %s cannot be read", s.info.Name, part)
}

// loadShared reads the shared strings into one arena: a sheet refers to them by index.
func (s *xlsxSource) loadShared(f *zip.File) error {
	var ar arena
	var cur []byte
	inSI, inT, phonetic := false, false, 0
	return s.parse(f, s.lim.MaxText, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI, cur = true, cur[:0]
			case "t":
				inT = inSI && phonetic == 0
			case "rPh":
				phonetic++ // reading aids of East Asian text are not part of it
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inT = false
			case "rPh":
				phonetic--
			case "si":
				if len(s.shared) >= maxShared {
					return app.Errorf(app.CodeInvalid, "%s is refused: it holds more than %d different texts", s.info.Name, maxShared)
				}
				s.shared, inSI = append(s.shared, ar.add(cur)), false
			}
		case xml.CharData:
			if inT {
				cur = append(cur, t...)
			}
		}
		return nil
	})
}

func (s *xlsxSource) tooManyCells() error {
	return app.Errorf(app.CodeInvalid, "%s is refused: it has more than %d cells", s.info.Name, s.lim.MaxCells)
}

// cell is the state of the <c> element being read.
type cell struct {
	ref, typ   string
	v, inline  []byte
	hasV, hasF bool
}

// sheetReader is the state of reading the rows of a sheet.
type sheetReader struct {
	s              *xlsxSource
	fn             func(cells []string, line int) error
	c              cell
	row            []string
	line, col      int
	rows           int
	cells          int64
	inV, inIS, inT bool
	phonetic       int
	done           bool
}

// rows streams the first sheet: fn gets each non-blank row (the header first) and its row number.
func (s *xlsxSource) rows(fn func(cells []string, line int) error) error {
	r := &sheetReader{s: s, fn: fn}
	err := s.parse(s.sheet, s.lim.MaxPart, r.token)
	if r.done && errors.Is(err, errStop) {
		return nil
	}
	return err
}

func (r *sheetReader) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return r.start(t)
	case xml.EndElement:
		return r.end(t)
	case xml.CharData:
		switch {
		case r.inV:
			r.c.v = append(r.c.v, t...)
		case r.inT:
			r.c.inline = append(r.c.inline, t...)
		}
	}
	return nil
}

func (r *sheetReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "row":
		r.row, r.col = r.row[:0], 0
		r.line++
		if n := attr(t, "r"); n != "" {
			line, err := strconv.Atoi(n)
			if err != nil || line < 1 {
				return r.s.badSheet(fmt.Sprintf("a row is numbered %q", n))
			}
			r.line = line
		}
	case "c":
		if r.cells++; r.cells > r.s.lim.MaxCells {
			return r.s.tooManyCells()
		}
		r.c = cell{ref: attr(t, "r"), typ: attr(t, "t"), v: r.c.v[:0], inline: r.c.inline[:0]}
	case "v":
		r.inV, r.c.hasV = true, true
	case "f":
		r.c.hasF = true
	case "is":
		r.inIS = true
	case "t":
		r.inT = r.inIS && r.phonetic == 0
	case "rPh":
		r.phonetic++ // reading aids of East Asian text are not part of it
	}
	return nil
}

func (r *sheetReader) end(t xml.EndElement) error {
	switch t.Name.Local {
	case "v":
		r.inV = false
	case "is":
		r.inIS = false
	case "t":
		r.inT = false
	case "rPh":
		r.phonetic--
	case "c":
		var err error
		r.row, r.col, err = r.s.place(r.row, r.col, &r.c, r.line)
		return err
	case "row":
		if blank(r.row) {
			return nil
		}
		if r.rows++; r.rows > app.MaxImportRows+1 {
			return app.TooManyRows(r.s.info.Name)
		}
		return r.fn(r.row, r.line)
	case "sheetData":
		r.done = true
		return errStop // the rest of the sheet holds no cells
	}
	return nil
}

// place puts a finished cell into its column of the row.
func (s *xlsxSource) place(row []string, col int, c *cell, line int) ([]string, int, error) {
	if c.ref != "" {
		n, ok := column(c.ref)
		if !ok {
			return row, col, s.badSheet(fmt.Sprintf("a cell is named %q", c.ref))
		}
		col = n
	}
	if col >= app.MaxImportColumns {
		return row, col, app.Errorf(app.CodeInvalid, "%s has a cell beyond column %d (%s); this is not a table Duebook imports", s.info.Name, app.MaxImportColumns, cellName(c.ref, col, line))
	}
	v, err := s.value(c, cellName(c.ref, col, line))
	if err != nil {
		return row, col, err
	}
	for len(row) <= col {
		row = append(row, "")
	}
	row[col] = v
	return row, col + 1, nil
}

// value is the text a cell shows: shared and inline text as written, a formula's saved result
// (never the formula), numbers in their shortest exact form.
func (s *xlsxSource) value(c *cell, ref string) (string, error) {
	if c.hasF && !c.hasV && c.typ != "inlineStr" {
		return "", app.Errorf(app.CodeInvalid, "%s: cell %s holds a formula whose result is not saved in the file; open the file in your spreadsheet program, save it, and import it again", s.info.Name, ref)
	}
	switch c.typ {
	case "s":
		if !c.hasV {
			return "", nil
		}
		raw := strings.TrimSpace(string(c.v))
		i, err := strconv.Atoi(raw)
		switch {
		case err != nil || strings.HasPrefix(raw, "+"):
			return "", app.Errorf(app.CodeInvalid, "%s is damaged: cell %s refers to shared text %q, which is not a number", s.info.Name, ref, raw)
		case i < 0 || i >= len(s.shared):
			return "", app.Errorf(app.CodeInvalid, "%s is damaged: cell %s refers to shared text number %d, but the file has %d", s.info.Name, ref, i, len(s.shared))
		}
		return s.shared[i], nil
	case "inlineStr":
		if len(c.inline) == 0 && c.hasV {
			return string(c.v), nil
		}
		return string(c.inline), nil
	case "b":
		if bytes.Equal(bytes.TrimSpace(c.v), []byte("1")) {
			return "TRUE", nil
		}
		return "FALSE", nil
	}
	v := string(c.v)
	switch c.typ {
	case "str", "e":
		return v, nil
	case "d":
		d, _, _ := strings.Cut(v, "T")
		return d, nil
	}
	return shortNumber(v), nil
}

// shortNumber writes a stored number as a spreadsheet shows it: 4.5499999999999998 is 4.55.
// Whole numbers are kept as written, so long digit strings are never rounded.
func shortNumber(v string) string {
	t := strings.TrimSpace(v)
	if !strings.ContainsAny(t, ".eE") {
		return t
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return t
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// column reads the column of a reference such as "AB12" (A is 0).
func column(ref string) (int, bool) {
	n, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A'+1)
		if n > 1<<20 {
			return 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	for _, d := range ref[i:] {
		if d < '0' || d > '9' {
			return 0, false
		}
	}
	return n - 1, true
}

// cellName names a cell for the owner: its reference, or one made from its place.
func cellName(ref string, col, line int) string {
	if ref != "" {
		return ref
	}
	name := ""
	for n := col + 1; n > 0; n = (n - 1) / 26 {
		name = string(rune('A'+(n-1)%26)) + name
	}
	return fmt.Sprintf("%s%d", name, line)
}

func (s *xlsxSource) badSheet(what string) error {
	return app.Errorf(app.CodeInvalid, "%s is damaged: in its first sheet %s", s.info.Name, what)
}

// arena keeps many short strings in few large blocks: one allocation per block instead of one per
// string. A string handed out is never written again.
type arena struct{ b strings.Builder }

func (a *arena) add(p []byte) string {
	if a.b.Cap()-a.b.Len() < len(p) {
		a.b = strings.Builder{}
		a.b.Grow(max(64<<10, len(p)))
	}
	start := a.b.Len()
	a.b.Write(p)
	return a.b.String()[start:]
}
