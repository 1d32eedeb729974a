package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"duebook/app"
)

// evidence is what one pass over all of a file's bytes tells about its text encoding.
type evidence struct {
	size    int64
	crc     uint32
	multi   int64 // well-formed multi-byte UTF-8 sequences
	invalid int64 // bytes that are not part of well-formed UTF-8
	badAt   int64 // offset of the first such byte
	badLine int   // and its line
	sample  []byte
}

const sampleSize = 8 << 10

var errTooLarge = errors.New("file too large")

// scanBytes reads every byte of r (at most max) once, counting UTF-8 sequences and the bytes that
// break them. Lines end with LF, CRLF or CR alone, as editors count them.
func scanBytes(r io.Reader, max int64) (evidence, error) {
	var ev evidence
	h := crc32.NewIEEE()
	buf := make([]byte, 64<<10)
	keep, line, lastCR := 0, 1, false
	var off int64 // offset of buf[0] in the file
	for {
		n, err := r.Read(buf[keep:])
		if n > 0 {
			h.Write(buf[keep : keep+n])
			if len(ev.sample) < sampleSize {
				ev.sample = append(ev.sample, buf[keep:keep+min(n, sampleSize-len(ev.sample))]...)
			}
			ev.size += int64(n)
			if ev.size > max {
				return ev, errTooLarge
			}
		}
		atEOF := errors.Is(err, io.EOF)
		if err != nil && !atEOF {
			return ev, err
		}
		end, i := keep+n, 0
		for i < end {
			c := buf[i]
			if c < utf8.RuneSelf {
				switch {
				case c == '\n' && lastCR:
				case c == '\n' || c == '\r':
					line++
				}
				lastCR = c == '\r'
				i++
				continue
			}
			lastCR = false
			if !atEOF && !utf8.FullRune(buf[i:end]) {
				break // the sequence continues in the next read
			}
			ru, size := utf8.DecodeRune(buf[i:end])
			if ru == utf8.RuneError && size == 1 {
				if ev.invalid == 0 {
					ev.badAt, ev.badLine = off+int64(i), line
				}
				ev.invalid++
			} else {
				ev.multi++
			}
			i += size
		}
		keep = copy(buf, buf[i:end])
		off += int64(i)
		if atEOF {
			ev.crc = h.Sum32()
			return ev, nil
		}
	}
}

// decideEncoding chooses one encoding for the whole file from all its bytes. Valid UTF-8 stays
// UTF-8; bytes that are never UTF-8 are Windows-1252; a file with both is refused with the place
// of the first byte that is not UTF-8, unless the owner named the encoding.
func decideEncoding(name string, ev evidence, chosen string) (enc string, bomLen int64, note string, err error) {
	s := ev.sample
	if chosen != "" {
		switch {
		case chosen == "utf-8" && bytes.HasPrefix(s, []byte("\xef\xbb\xbf")):
			bomLen = 3
		case chosen == "utf-8" && ev.invalid > 0:
			note = fmt.Sprintf("; %d bytes of it are not UTF-8, and the rows that hold them are refused", ev.invalid)
		}
		return chosen, bomLen, "the file was read as " + chosen + ", as you chose" + note, nil
	}
	switch {
	case bytes.HasPrefix(s, []byte{0xFF, 0xFE}):
		return "utf-16le", 0, "the file was read as UTF-16", nil
	case bytes.HasPrefix(s, []byte{0xFE, 0xFF}):
		return "utf-16be", 0, "the file was read as UTF-16", nil
	}
	if e := utf16WithoutBOM(s); e != "" {
		return e, 0, "the file was read as UTF-16 (it has no byte-order mark)", nil
	}
	if looksBinary(s) {
		return "", 0, "", notATable(name, "a binary file")
	}
	switch {
	case ev.invalid == 0 && bytes.HasPrefix(s, []byte("\xef\xbb\xbf")):
		return "utf-8", 3, "the file was read as UTF-8 (with a byte-order mark)", nil
	case ev.invalid == 0:
		return "utf-8", 0, "", nil
	case ev.multi == 0:
		return "windows-1252", 0, "the file is not UTF-8 and was read as Windows-1252; if names look wrong, choose the file's encoding", nil
	}
	return "", 0, "", app.Errorf(app.CodeInvalid,
		"%s mixes UTF-8 with another encoding: line %d (byte %d) is not UTF-8, while other lines are; say which encoding the file is in (--encoding utf-8 or windows-1252 on the command line, \"Encoding\" in the window)",
		name, ev.badLine, ev.badAt)
}

// utf16WithoutBOM recognises UTF-16 text without a byte-order mark by its zero bytes: ASCII
// characters have a zero high byte, on the same side of every pair.
func utf16WithoutBOM(s []byte) string {
	if len(s) < 8 {
		return ""
	}
	even, odd := 0, 0
	for i := 0; i+1 < len(s); i += 2 {
		if s[i] == 0 {
			even++
		}
		if s[i+1] == 0 {
			odd++
		}
	}
	pairs := len(s) / 2
	switch {
	case odd*10 > pairs*4 && even*20 < pairs:
		return "utf-16le"
	case even*10 > pairs*4 && odd*20 < pairs:
		return "utf-16be"
	}
	return ""
}

// looksBinary tells data from text: text has almost no control characters other than line ends
// and tabs.
func looksBinary(s []byte) bool {
	ctrl := 0
	for _, c := range s {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
			ctrl++
		}
	}
	return ctrl*10 > len(s) && ctrl > 0
}

// decodeReader turns the file's bytes into UTF-8 in the chosen encoding.
func decodeReader(r io.Reader, enc string) io.Reader {
	switch enc {
	case "windows-1252":
		return transform.NewReader(r, charmap.Windows1252.NewDecoder())
	case "iso-8859-1":
		return transform.NewReader(r, charmap.ISO8859_1.NewDecoder())
	case "iso-8859-15":
		return transform.NewReader(r, charmap.ISO8859_15.NewDecoder())
	case "utf-16le":
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	case "utf-16be":
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder())
	}
	return r
}

// lineEnds makes every line end a LF: CRLF becomes LF, and so does a CR alone (old Mac files),
// which the CSV reader would otherwise take for part of one endless line.
type lineEnds struct {
	r  io.Reader
	cr bool
}

func (l *lineEnds) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		w := 0
		for i := 0; i < n; i++ {
			c := p[i]
			if c == '\n' && l.cr {
				l.cr = false
				continue
			}
			l.cr = c == '\r'
			if l.cr {
				c = '\n'
			}
			p[w] = c
			w++
		}
		if w > 0 || err != nil || n == 0 {
			return w, err
		}
	}
}
