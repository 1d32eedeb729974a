package letters

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"
)

// Merge joins letters exactly as they were stored into one PDF for the printer, in the order
// given, without drawing them again: the printer gets the very bytes each customer's letter was
// recorded with, even when Duebook changed in between. It reads the plain PDFs this package
// writes (a classic cross-reference table, one page tree); anything else is refused. The n
// letters are asked for one at a time and written to w as they come, so a print run of any
// size holds one letter at a time, not the printer's whole file.
func (Renderer) Merge(w io.Writer, n int, letter func(i int) ([]byte, error), title string, at time.Time) (int, error) {
	if n == 0 {
		return 0, nil
	}
	out := &countingWriter{w: bufio.NewWriterSize(w, 64<<10)}
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	var offsets []int64 // of objects 1.., in order
	add := func(body ...[]byte) int {
		offsets = append(offsets, out.n)
		fmt.Fprintf(out, "%d 0 obj\n", len(offsets))
		for _, b := range body {
			out.Write(b)
		}
		out.WriteString("\nendobj\n")
		return len(offsets)
	}
	// Object 1 is the new page tree; it is written last, under its reserved number.
	offsets = append(offsets, 0)
	var kids []int
	for i := 0; i < n && out.err == nil; i++ {
		b, err := letter(i)
		if err != nil {
			return 0, err
		}
		f, err := readPDF(b)
		if err != nil {
			return 0, fmt.Errorf("letter %d of the print run: %w", i+1, err)
		}
		base := len(offsets) // the file's object n becomes base + n
		renumber := func(dict []byte) []byte {
			return refPattern.ReplaceAllFunc(dict, func(m []byte) []byte {
				n, _ := strconv.Atoi(string(refPattern.FindSubmatch(m)[1]))
				return []byte(fmt.Sprintf("%d 0 R", base+n))
			})
		}
		for n := 1; n < len(f.objs); n++ {
			o := f.objs[n]
			switch {
			case o.dict == nil || n == f.root || n == f.info || n == f.pages:
				// Dropped: replaced by the merged file's own catalog and page tree. A number
				// is still used so that every other object keeps base + n.
				add([]byte("null"))
				continue
			case f.isPage[n]:
				dict := parentPattern.ReplaceAll(o.dict, []byte("/Parent 1 0 R"))
				if !bytes.Contains(dict, []byte("/MediaBox")) && f.mediaBox != nil {
					dict = bytes.Replace(dict, []byte("/Type /Page"), append([]byte("/Type /Page\n/MediaBox "), f.mediaBox...), 1)
				}
				kids = append(kids, add(renumber(dict)))
				continue
			}
			if o.stream != nil {
				add(renumber(o.dict), []byte("stream\n"), o.stream, []byte("\nendstream"))
			} else {
				add(renumber(o.dict))
			}
		}
	}
	var k bytes.Buffer
	for _, id := range kids {
		fmt.Fprintf(&k, "%d 0 R ", id)
	}
	pagesAt := out.n
	fmt.Fprintf(out, "1 0 obj\n<</Type /Pages\n/Kids [%s]\n/Count %d\n>>\nendobj\n", k.String(), len(kids))
	offsets[0] = pagesAt
	info := add([]byte(fmt.Sprintf("<<\n/Producer %s\n/Title %s\n/Creator %s\n/CreationDate (D:%s)\n>>",
		pdfString("Duebook"), pdfString(title), pdfString("Duebook"), at.Format("20060102150405"))))
	root := add([]byte("<<\n/Type /Catalog\n/Pages 1 0 R\n>>"))
	xref := out.n
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, root, info, xref)
	if out.err == nil {
		out.err = out.w.Flush()
	}
	if out.err != nil {
		return 0, out.err
	}
	return len(kids), nil
}

// JoinPDFs is Merge over letters already in memory, returning the printer's file.
func JoinPDFs(pdfs [][]byte, title string, at time.Time) ([]byte, int, error) {
	var out bytes.Buffer
	pages, err := Renderer{}.Merge(&out, len(pdfs), func(i int) ([]byte, error) { return pdfs[i], nil }, title, at)
	if err != nil {
		return nil, 0, err
	}
	return out.Bytes(), pages, nil
}

// countingWriter counts what it writes (the offsets of the cross-reference table) and keeps the
// first error, so that the joining stops at a full disk.
type countingWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	k, err := c.w.Write(b)
	c.n += int64(k)
	c.err = err
	return k, err
}

func (c *countingWriter) WriteString(s string) (int, error) { return c.Write([]byte(s)) }

var (
	refPattern    = regexp.MustCompile(`\b(\d+) 0 R\b`)
	parentPattern = regexp.MustCompile(`/Parent \d+ 0 R`)
	objPattern    = regexp.MustCompile(`^(\d+) 0 obj\s*`)
	lengthPattern = regexp.MustCompile(`/Length (\d+)\b`)
	mediaPattern  = regexp.MustCompile(`/MediaBox\s*(\[[^\]]*\])`)
	kidsPattern   = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	trailerRoot   = regexp.MustCompile(`/Root (\d+) 0 R`)
	trailerInfo   = regexp.MustCompile(`/Info (\d+) 0 R`)
	pagesRef      = regexp.MustCompile(`/Pages (\d+) 0 R`)
)

// pdfObject is one indirect object: its dictionary (or other value) and its stream, if any.
type pdfObject struct {
	dict   []byte
	stream []byte
}

// pdfFile is what Merge needs of a PDF: its objects by number, the catalog, the info, the page
// tree and its pages.
type pdfFile struct {
	objs              []pdfObject
	root, info, pages int
	isPage            map[int]bool
	mediaBox          []byte
}

// readPDF reads a PDF with a classic cross-reference table and a single-level page tree.
func readPDF(b []byte) (*pdfFile, error) {
	bad := func(what string) (*pdfFile, error) { return nil, fmt.Errorf("not a PDF Duebook can join (%s)", what) }
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return bad("no PDF header")
	}
	sx := bytes.LastIndex(b, []byte("startxref"))
	if sx < 0 {
		return bad("no startxref")
	}
	var xref int
	if _, err := fmt.Sscan(string(b[sx+len("startxref"):min(len(b), sx+40)]), &xref); err != nil || xref <= 0 || xref >= len(b) {
		return bad("bad startxref")
	}
	if !bytes.HasPrefix(b[xref:], []byte("xref")) {
		return bad("no classic cross-reference table")
	}
	rest := b[xref+4:]
	var first, count int
	if _, err := fmt.Sscan(string(rest[:min(len(rest), 40)]), &first, &count); err != nil || first != 0 || count < 2 || count > 1_000_000 {
		return bad("bad cross-reference table")
	}
	lines := bytes.Fields(rest)
	if len(lines) < 2+3*count {
		return bad("short cross-reference table")
	}
	f := &pdfFile{objs: make([]pdfObject, count), isPage: map[int]bool{}}
	for n := 1; n < count; n++ {
		off, err := strconv.Atoi(string(lines[2+3*n]))
		if err != nil || string(lines[2+3*n+2]) != "n" {
			continue // a free entry
		}
		o, err := readObject(b, off, n)
		if err != nil {
			return nil, err
		}
		f.objs[n] = o
	}
	trailer := b[xref:sx]
	if f.root = submatchInt(trailerRoot, trailer); f.root <= 0 || f.root >= count {
		return bad("no catalog")
	}
	f.info = submatchInt(trailerInfo, trailer)
	if f.pages = submatchInt(pagesRef, f.objs[f.root].dict); f.pages <= 0 || f.pages >= count {
		return bad("no page tree")
	}
	tree := f.objs[f.pages].dict
	if m := mediaPattern.FindSubmatch(tree); m != nil {
		f.mediaBox = m[1]
	}
	kids := kidsPattern.FindSubmatch(tree)
	if kids == nil {
		return bad("no pages")
	}
	for _, m := range refPattern.FindAllSubmatch(kids[1], -1) {
		n, _ := strconv.Atoi(string(m[1]))
		if n <= 0 || n >= count || !bytes.Contains(f.objs[n].dict, []byte("/Type /Page")) || bytes.Contains(f.objs[n].dict, []byte("/Type /Pages")) {
			return bad("nested page tree")
		}
		f.isPage[n] = true
	}
	if len(f.isPage) == 0 {
		return bad("no pages")
	}
	return f, nil
}

// readObject reads object n at off; a stream's bytes are taken by its /Length, never searched.
func readObject(b []byte, off, n int) (pdfObject, error) {
	if off <= 0 || off >= len(b) {
		return pdfObject{}, fmt.Errorf("object %d is outside the file", n)
	}
	m := objPattern.FindSubmatch(b[off:])
	if m == nil || string(m[1]) != strconv.Itoa(n) {
		return pdfObject{}, fmt.Errorf("object %d is not where the cross-reference table says", n)
	}
	start := off + len(m[0])
	end := bytes.Index(b[start:], []byte("endobj"))
	st := bytes.Index(b[start:], []byte("stream"))
	if st >= 0 && (end < 0 || st < end) {
		dict := b[start : start+st]
		l := submatchInt(lengthPattern, dict)
		data := start + st + len("stream")
		if data < len(b) && b[data] == '\r' {
			data++
		}
		if data < len(b) && b[data] == '\n' {
			data++
		}
		if l < 0 || data+l > len(b) || !bytes.Contains(b[data+l:min(len(b), data+l+20)], []byte("endstream")) {
			return pdfObject{}, fmt.Errorf("object %d has a stream of the wrong length", n)
		}
		return pdfObject{dict: dict, stream: b[data : data+l]}, nil
	}
	if end < 0 {
		return pdfObject{}, fmt.Errorf("object %d does not end", n)
	}
	return pdfObject{dict: bytes.TrimRight(b[start:start+end], " \r\n")}, nil
}

func submatchInt(re *regexp.Regexp, b []byte) int {
	m := re.FindSubmatch(b)
	if m == nil {
		return -1
	}
	n, err := strconv.Atoi(string(m[1]))
	if err != nil {
		return -1
	}
	return n
}

// pdfString writes text as a PDF text string (UTF-16BE with its byte order mark).
func pdfString(s string) string {
	var b bytes.Buffer
	b.WriteString("(\xfe\xff")
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		for _, c := range []byte{byte(r >> 8), byte(r)} {
			if c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	b.WriteString(")")
	return b.String()
}
