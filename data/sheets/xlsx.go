package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"duebook/app"
)

// An XLSX file is a ZIP archive of XML parts. It is read with the standard library, part by part
// and token by token, so that every limit holds while reading: the number of parts, the expanded
// size of each part (declared and actual), its compression ratio, the size of any one token, the
// rows and the cells. A file that breaks one is refused before it costs more.

const (
	maxParts     = 10000
	maxSmallPart = 16 << 20 // workbook, relationships
)

type xlsxSource struct {
	tableBase
	zr     *zip.Reader
	sheet  *zip.File
	shared []string
	lim    Limits
}

func openXLSX(name string, ra io.ReaderAt, c io.Closer, lim Limits) (*xlsxSource, error) {
	size, err := readerSize(ra, lim.MaxBytes)
	if err != nil {
		return nil, app.Errorf(app.CodeInvalid, "%s is too large to import (more than %d MB)", name, lim.MaxBytes>>20)
	}
	if err := checkDirectory(name, ra, size); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(io.NewSectionReader(ra, 0, size), size)
	if err != nil {
		return nil, notATable(name, "a damaged ZIP archive")
	}
	s := &xlsxSource{tableBase: tableBase{closer: c, info: app.TableInfo{Name: name, Source: "xlsx"}}, zr: zr, lim: lim}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		if err := s.checkPart(f, lim.MaxPart); err != nil {
			return nil, err
		}
		parts[f.Name] = f
	}
	book := "xl/workbook.xml"
	if rels, ok := parts["_rels/.rels"]; ok {
		rs, err := s.relationships(rels, "")
		if err != nil {
			return nil, err
		}
		if t := rs.target("/officeDocument"); t != "" {
			book = t
		}
	}
	if parts[book] == nil {
		return nil, notATable(name, "a ZIP archive without a workbook")
	}
	if err := s.findSheet(parts, book); err != nil {
		return nil, err
	}
	if err := s.readHeader(s.rows); err != nil {
		return nil, err
	}
	return s, nil
}

// EachRow streams the first sheet and calls fn for each row after the header.
func (s *xlsxSource) EachRow(fn func(cells []string, line int) error) error {
	header := false
	return s.rows(func(cells []string, line int) error {
		if !header {
			header = true
			return nil
		}
		return fn(pad(cells, len(s.info.Header)), line)
	})
}

// readerSize is the size of a file or of bytes in memory, refused beyond max.
func readerSize(ra io.ReaderAt, max int64) (int64, error) {
	type sizer interface{ Size() int64 }
	var size int64
	switch r := ra.(type) {
	case sizer:
		size = r.Size()
	default:
		// A regular file: find its end by reading, never trusting more than max bytes.
		n, err := io.Copy(io.Discard, io.NewSectionReader(ra, 0, max+1))
		if err != nil {
			return 0, err
		}
		size = n
	}
	if size > max {
		return 0, errTooLarge
	}
	return size, nil
}

// checkDirectory counts the archive's entries from its end record before the ZIP reader builds
// one object per entry.
func checkDirectory(name string, ra io.ReaderAt, size int64) error {
	tail := make([]byte, min(size, 65557))
	if _, err := ra.ReadAt(tail, size-int64(len(tail))); err != nil && !errors.Is(err, io.EOF) {
		return app.Wrap(app.CodeStorage, err, "cannot read %s", name)
	}
	at := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if at < 0 || len(tail)-at < 22 {
		return notATable(name, "a damaged ZIP archive")
	}
	entries := uint64(binary.LittleEndian.Uint16(tail[at+10:]))
	if entries == 0xFFFF && at >= 20 && string(tail[at-20:at-16]) == "PK\x06\x07" {
		off := int64(binary.LittleEndian.Uint64(tail[at-12:]))
		rec := make([]byte, 40)
		if _, err := ra.ReadAt(rec, off); err == nil && string(rec[:4]) == "PK\x06\x06" {
			entries = binary.LittleEndian.Uint64(rec[32:])
		}
	}
	if entries > maxParts {
		return app.Errorf(app.CodeInvalid, "%s is refused: it holds %d parts, far more than any spreadsheet", name, entries)
	}
	return nil
}

// checkPart refuses a part whose declared expanded size, or its ratio to the compressed size,
// is beyond what a spreadsheet needs. The ZIP reader then refuses to expand a part beyond its
// declared size, so the declaration bounds the work.
func (s *xlsxSource) checkPart(f *zip.File, limit int64) error {
	size, packed := f.UncompressedSize64, max(f.CompressedSize64, 1)
	switch {
	case size > uint64(limit):
		return s.bomb(f.Name, fmt.Sprintf("more than %d MB", limit>>20))
	case size > 1<<20 && size/packed > uint64(s.lim.MaxRatio):
		return s.bomb(f.Name, fmt.Sprintf("%d times its packed size", size/packed))
	}
	return nil
}

func (s *xlsxSource) bomb(part, how string) error {
	return app.Errorf(app.CodeInvalid, "%s is refused: its part %s expands to %s when opened; an honest spreadsheet does not, so it is damaged or built to exhaust the computer", s.info.Name, part, how)
}

// rels are a part's relationships: id to target and type.
type rels []struct{ id, typ, target string }

func (r rels) target(typeSuffix string) string {
	for _, x := range r {
		if strings.HasSuffix(x.typ, typeSuffix) {
			return x.target
		}
	}
	return ""
}

// relationships reads a .rels part; targets are resolved against dir. A relationship to
// something outside the file is refused: reading it would mean reading other files.
func (s *xlsxSource) relationships(f *zip.File, dir string) (rels, error) {
	var out rels
	err := s.parse(f, maxSmallPart, func(tok xml.Token) error {
		st, ok := tok.(xml.StartElement)
		if !ok || st.Name.Local != "Relationship" {
			return nil
		}
		id, typ, target := attr(st, "Id"), attr(st, "Type"), attr(st, "Target")
		if strings.EqualFold(attr(st, "TargetMode"), "External") {
			target = "external:" + target
		} else if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		out = append(out, struct{ id, typ, target string }{id, typ, target})
		return nil
	})
	return out, err
}

// findSheet reads the workbook for its first sheet and the shared strings.
func (s *xlsxSource) findSheet(parts map[string]*zip.File, book string) error {
	var names, ids []string
	err := s.parse(parts[book], maxSmallPart, func(tok xml.Token) error {
		if st, ok := tok.(xml.StartElement); ok && st.Name.Local == "sheet" {
			names, ids = append(names, attr(st, "name")), append(ids, attr(st, "id"))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return app.Errorf(app.CodeInvalid, "%s has no sheets", s.info.Name)
	}
	if len(ids) > 1 {
		s.info.Notes = append(s.info.Notes, fmt.Sprintf("only the first sheet (%q) was read", names[0]))
	}
	dir := path.Dir(book)
	var rs rels
	if f := parts[path.Join(dir, "_rels", path.Base(book)+".rels")]; f != nil {
		if rs, err = s.relationships(f, dir); err != nil {
			return err
		}
	}
	sheet, shared := "", path.Join(dir, "sharedStrings.xml")
	for _, r := range rs {
		if r.id == ids[0] {
			sheet = r.target
		}
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			shared = r.target
		}
	}
	if strings.HasPrefix(sheet, "external:") || strings.HasPrefix(shared, "external:") {
		return refusedExternal(s.info.Name)
	}
	if s.sheet = parts[sheet]; s.sheet == nil {
		return app.Errorf(app.CodeInvalid, "%s is damaged: its first sheet %q is missing", s.info.Name, names[0])
	}
	if f := parts[shared]; f != nil {
		if err := s.checkPart(f, s.lim.MaxText); err != nil {
			return err
		}
		return s.loadShared(f)
	}
	return nil
}

func attr(st xml.StartElement, local string) string {
	for _, a := range st.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func refusedExternal(name string) error {
	return app.Errorf(app.CodeInvalid, "%s is refused: the file asks to read other files", name)
}
