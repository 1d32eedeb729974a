package sheets

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"

	"duebook/app"
)

// csvSource streams a CSV file: each pass decodes it again from the file, so memory does not
// grow with the file.
type csvSource struct {
	tableBase
	ra     io.ReaderAt
	size   int64
	crc    uint32
	bomLen int64
	enc    string
	delim  rune
}

var errStop = errors.New("stop")

var errRecordTooLong = errors.New("record too long")

func openCSV(name string, ra io.ReaderAt, c io.Closer, chosen string, lim Limits) (*csvSource, error) {
	ev, err := scanBytes(io.NewSectionReader(ra, 0, lim.MaxBytes+1), lim.MaxBytes)
	switch {
	case errors.Is(err, errTooLarge):
		return nil, app.Errorf(app.CodeInvalid, "%s is too large to import (more than %d MB)", name, lim.MaxBytes>>20)
	case err != nil:
		return nil, app.Wrap(app.CodeStorage, err, "cannot read %s", name)
	case len(strings.TrimSpace(string(ev.sample))) == 0 && ev.size <= sampleSize:
		return nil, app.Errorf(app.CodeInvalid, "%s is empty", name)
	}
	enc, bomLen, note, err := decideEncoding(name, ev, chosen)
	if err != nil {
		return nil, err
	}
	s := &csvSource{tableBase: tableBase{closer: c, info: app.TableInfo{Name: name, Source: "csv"}},
		ra: ra, size: ev.size, crc: ev.crc, bomLen: bomLen, enc: enc}
	if note != "" {
		s.info.Notes = append(s.info.Notes, note)
	}
	prefix, err := io.ReadAll(io.LimitReader(s.text(io.NewSectionReader(ra, bomLen, ev.size-bomLen)), 64<<10))
	if err != nil {
		return nil, app.Wrap(app.CodeInvalid, err, "%s cannot be read as %s", name, enc)
	}
	s.delim = sniffDelimiter(string(prefix))
	if s.delim != ',' {
		s.info.Notes = append(s.info.Notes, fmt.Sprintf("columns are separated by %s", map[rune]string{';': "semicolons", '\t': "tabs", '|': "bars"}[s.delim]))
	}
	if err := s.readHeader(s.pass); err != nil {
		return nil, err
	}
	return s, nil
}

// text is the file's bytes as UTF-8 text with LF line ends.
func (s *csvSource) text(r io.Reader) io.Reader {
	return &lineEnds{r: decodeReader(r, s.enc)}
}

// EachRow reads the file again from its first byte and calls fn for each row after the header.
func (s *csvSource) EachRow(fn func(cells []string, line int) error) error {
	header, rows := false, 0
	return s.pass(func(rec []string, line int) error {
		if blank(rec) {
			return nil
		}
		if !header {
			header = true
			return nil
		}
		if rows++; rows > app.MaxImportRows {
			return app.TooManyRows(s.info.Name)
		}
		return fn(pad(rec, len(s.info.Header)), line)
	})
}

// pass reads every record once. It checks that the file still holds the bytes the first look
// decided on: a file changed between two passes would be planned on one text and read on another.
func (s *csvSource) pass(fn func(rec []string, line int) error) error {
	name := s.info.Name
	h := crc32.NewIEEE()
	raw := io.TeeReader(io.NewSectionReader(s.ra, 0, s.size), h)
	if _, err := io.CopyN(io.Discard, raw, s.bomLen); err != nil {
		return app.Wrap(app.CodeStorage, err, "cannot read %s", name)
	}
	g := &recordGuard{r: s.text(raw)}
	r := csv.NewReader(g)
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = s.delim, -1, true, true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return csvError(name, err)
		}
		line, _ := r.FieldPos(0) // the line the record starts on, as a text editor shows it
		if len(rec) > app.MaxImportColumns {
			return app.Errorf(app.CodeInvalid, "%s has more than %d columns on line %d; this is not a table Duebook imports", name, app.MaxImportColumns, line)
		}
		if err := fn(rec, line); err != nil {
			return err
		}
		g.mark = r.InputOffset()
	}
	var one [1]byte
	if n, _ := s.ra.ReadAt(one[:], s.size); n > 0 || h.Sum32() != s.crc {
		return app.Errorf(app.CodeConflict, "%s changed while Duebook was reading it; nothing was imported: close it in other programs and try again", name)
	}
	return nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errRecordTooLong):
		return app.Errorf(app.CodeInvalid, "%s has a row longer than %d MB; this is not a table Duebook imports", name, maxRecord>>20)
	case errors.As(err, &pe):
		return app.Wrap(app.CodeInvalid, err, "%s cannot be read at line %d", name, pe.Line)
	}
	return app.Wrap(app.CodeInvalid, err, "%s cannot be read", name)
}

// recordGuard stops a single record (an unterminated quote, an endless line) from filling memory:
// the CSV reader keeps a whole record in memory, so the bytes read past the end of the last
// complete record (mark) are bounded.
type recordGuard struct {
	r    io.Reader
	read int64
	mark int64
}

func (g *recordGuard) Read(p []byte) (int, error) {
	if g.read-g.mark > maxRecord {
		return 0, errRecordTooLong
	}
	n, err := g.r.Read(p)
	g.read += int64(n)
	return n, err
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
