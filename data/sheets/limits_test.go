package sheets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
)

func write(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// xlsx builds a workbook whose first sheet is sheet; extra parts are added as given.
func xlsx(t *testing.T, sheet string, extra map[string]string) []byte {
	t.Helper()
	parts := map[string]string{
		"xl/workbook.xml":            `<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheet,
	}
	for k, v := range extra {
		parts[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	zw.Close()
	return buf.Bytes()
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return app.Sentence(err)
}

// openAll opens a file and reads every row, returning the first error.
func openAll(r Reader, path string) error {
	src, err := r.OpenTable(path, app.ReadOptions{})
	if err != nil {
		return err
	}
	defer src.Close()
	return src.EachRow(func([]string, int) error { return nil })
}

func TestTheSizeLimitCountsTheBytesRead(t *testing.T) {
	small := Reader{Limits{MaxBytes: 64}}
	if err := openAll(small, write(t, "big.csv", []byte("a,b\n"+strings.Repeat("1,2\n", 30)))); !strings.Contains(errText(err), "too large") {
		t.Errorf("a file over the limit: %v", err)
	}
	// Files under /proc say they are empty and hold more: the bytes read decide.
	if fi, err := os.Stat("/proc/self/status"); err != nil || fi.Size() != 0 {
		t.Skip("no /proc here")
	}
	if err := openAll(small, "/proc/self/status"); !strings.Contains(errText(err), "too large") {
		t.Errorf("a file that says it is empty: %v", err)
	}
}

// noise is text that does not compress much.
func noise(n int) string {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = 'a' + byte(x>>24)%26
	}
	return string(b)
}

func TestXLSXLimitsHoldWhileStreaming(t *testing.T) {
	row := `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>`
	cases := map[string]struct {
		lim   Limits
		sheet string
		want  string
	}{
		"cells": {Limits{MaxCells: 20}, `<worksheet><sheetData>` + row + strings.Repeat(`<row><c/><c/><c/></row>`, 10) + `</sheetData></worksheet>`, "more than 20 cells"},
		"token": {Limits{}, `<worksheet><sheetData>` + row + `<row r="2"><c r="A2" t="inlineStr"><is><t>` + noise(5<<20) + `</t></is></c></row></sheetData></worksheet>`, "longer than 4 MB"},
		"part":  {Limits{MaxPart: 1 << 20}, `<worksheet><sheetData>` + row + strings.Repeat(`<row><c><v>1</v></c></row>`, 60000) + `</sheetData></worksheet>`, "expands to more than 1 MB"},
		"wide":  {Limits{}, `<worksheet><sheetData>` + row + `<row r="2"><c r="XFD2"><v>1</v></c></row></sheetData></worksheet>`, "beyond column 1024 (XFD2)"},
		"doctype": {Limits{}, `<!DOCTYPE worksheet [<!ELEMENT worksheet ANY>]><worksheet><sheetData>` + row + `</sheetData></worksheet>`,
			"declares a document type"},
	}
	for name, c := range cases {
		err := openAll(Reader{c.lim}, write(t, "f.xlsx", xlsx(t, c.sheet, nil)))
		if !strings.Contains(errText(err), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}

func TestXLSXWithTooManyPartsIsRefusedBeforeTheyAreRead(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i <= maxParts; i++ {
		zw.Create(fmt.Sprintf("p%d", i))
	}
	zw.Close()
	if err := openAll(Reader{}, write(t, "many.xlsx", buf.Bytes())); !strings.Contains(errText(err), "parts, far more than any spreadsheet") {
		t.Fatal(err)
	}
}

func TestCSVRecordsAndColumnsAreBounded(t *testing.T) {
	long := "a,b\n\"" + strings.Repeat("x\n", 3<<20) // an open quote that never ends
	if err := openAll(Reader{}, write(t, "quote.csv", []byte(long))); !strings.Contains(errText(err), "a row longer than 4 MB") {
		t.Errorf("unterminated quote: %v", err)
	}
	wide := "a,b\n" + strings.Repeat("1,", 2000) + "1\n"
	if err := openAll(Reader{}, write(t, "wide.csv", []byte(wide))); !strings.Contains(errText(err), "more than 1024 columns on line 2") {
		t.Errorf("wide row: %v", err)
	}
}

func TestAFileChangedBetweenReadsIsRefused(t *testing.T) {
	path := write(t, "f.csv", []byte("Name,Amount\nAnn,1\n"))
	src, err := Reader{}.OpenTable(path, app.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if err := os.WriteFile(path, []byte("Name,Amount\nBob,2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = src.EachRow(func([]string, int) error { return nil })
	if app.CodeOf(err) != app.CodeConflict || !strings.Contains(errText(err), "changed while Duebook was reading it") {
		t.Fatal(err)
	}
}

func TestEncodingIsDecidedFromTheWholeFile(t *testing.T) {
	// The only byte that is not UTF-8 comes after 100 KB of text with UTF-8 in it.
	head := "Name,Amount\nZoë,1\n" + strings.Repeat("Ann,1\n", 20000)
	_, err := ParseCSV("late.csv", []byte(head+"J\xfcrgen,2\n"))
	if want := fmt.Sprintf("line 20003 (byte %d) is not UTF-8", len(head)+1); !strings.Contains(errText(err), want) {
		t.Errorf("late bad byte: %v, want %q", err, want)
	}
	// A byte-order mark says UTF-8; a byte that is not contradicts it.
	if _, err := ParseCSV("bom.csv", []byte("\xef\xbb\xbfName\nJ\xfcrgen\n")); !strings.Contains(errText(err), "mixes UTF-8") {
		t.Errorf("BOM and a bad byte: %v", err)
	}
	// UTF-16 without a byte-order mark is recognised by its zero bytes.
	u16 := []byte{}
	for _, r := range "Name,Amount\nAnn,1\n" {
		u16 = append(u16, byte(r), 0)
	}
	tb, err := ParseCSV("u16.csv", u16)
	if err != nil || len(tb.Rows) != 1 || tb.Rows[0][0] != "Ann" {
		t.Errorf("UTF-16 without BOM: %+v %v", tb, err)
	}
	// Valid UTF-8 stays UTF-8, whatever else it holds.
	tb, err = ParseCSV("u8.csv", []byte("Name\nGroß\n"))
	if err != nil || tb.Rows[0][0] != "Groß" || len(tb.Notes) != 0 {
		t.Errorf("UTF-8: %+v %v", tb, err)
	}
}

func FuzzXLSXSheet(f *testing.F) {
	for _, s := range []string{`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row><c t="s"><v>0</v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="x"><c r="1A"/></row></sheetData>`, `<!DOCTYPE a><a/>`, `<row><c t="b"><v>1</v></c><c><f>1</f></c></row>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheet string) {
		src, err := open("f.xlsx", bytes.NewReader(xlsx(t, sheet, map[string]string{"xl/sharedStrings.xml": `<sst><si><t>s</t></si></sst>`})), nil, "", Limits{}.withDefaults())
		if err == nil {
			err = src.EachRow(func(cells []string, line int) error {
				if len(cells) < len(src.Info().Header) {
					t.Fatal("row shorter than header")
				}
				return nil
			})
		}
		if err != nil && app.CodeOf(err) == app.CodeInternal {
			t.Fatalf("untyped error: %v", err)
		}
	})
}

func TestXLSXSharedTextIsBounded(t *testing.T) {
	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`
	var b strings.Builder
	b.WriteString(`<sst>`)
	text := noise(2_000_000)
	for i := 0; i < len(text); i += 100 {
		b.WriteString(`<si><t>` + text[i:i+100] + `</t></si>`)
	}
	shared := b.String() + `</sst>`
	err := openAll(Reader{Limits{MaxText: 1 << 20}}, write(t, "text.xlsx", xlsx(t, sheet, map[string]string{"xl/sharedStrings.xml": shared})))
	if !strings.Contains(errText(err), "sharedStrings.xml expands to more than 1 MB") {
		t.Fatal(err)
	}
}
