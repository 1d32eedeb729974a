package data_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"duebook/app"
)

// Files that are not spreadsheets, or spreadsheets built to exhaust the computer, are refused at
// once, in bounded memory, with a sentence that names the real problem.

// within fails the test when fn does not return in time (fn keeps running: a hung read cannot be
// stopped, but the test says so instead of hanging).
func within(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not finish within %s", d)
	}
}

func TestImportRefusesDevicesPipesAndFoldersAtOnce(t *testing.T) {
	f := newFixture(t)
	fifo := filepath.Join(t.TempDir(), "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for path, want := range map[string]string{"/dev/zero": "is a device", fifo: "is a pipe", t.TempDir(): "is a folder"} {
		var err error
		within(t, 2*time.Second, func() { _, err = f.imp(app.ImportInvoices, path, app.ImportOptions{DryRun: true}) })
		if err == nil || !strings.Contains(app.Sentence(err), want) || app.CodeOf(err) != app.CodeInvalid {
			t.Errorf("%s: %v", path, err)
		}
	}
}

func TestImportSaysAnImageIsNotASpreadsheet(t *testing.T) {
	f := newFixture(t)
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
	for name, content := range map[string]string{"photo.csv": png, "scan.pdf": "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "old.xls": "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
		"data.bin": strings.Repeat("\x01\x02\x03\x00\x10", 400)} {
		_, err := f.imp(app.ImportInvoices, f.file(name, content), app.ImportOptions{})
		if err == nil || !strings.Contains(app.Sentence(err), "not a CSV or Excel file") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// xlsxParts writes an XLSX file from its parts; parts given as []byte are stored as they are
// (already deflated, with the declared sizes in raw).
type rawPart struct {
	data       []byte
	size       uint64
	compressed bool
}

func writeXLSX(t *testing.T, sheet string, extra map[string]string, raw map[string]rawPart) string {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Invoices" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	}
	if sheet != "" {
		parts["xl/worksheets/sheet1.xml"] = sheet
	}
	for k, v := range extra {
		parts[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	for name, p := range raw {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(len(p.data)), UncompressedSize64: p.size})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`

// spaces deflates head followed by n MiB of spaces, cheaply: one compressed MiB repeated.
func spaces(t *testing.T, head string, mib int) []byte {
	t.Helper()
	seg := func(b []byte) []byte {
		var out bytes.Buffer
		w, _ := flate.NewWriter(&out, flate.BestCompression)
		w.Write(b)
		w.Flush() // byte-aligned, not final: segments can follow each other
		return out.Bytes()
	}
	one := seg(bytes.Repeat([]byte(" "), 1<<20))
	out := seg([]byte(head))
	for i := 0; i < mib; i++ {
		out = append(out, one...)
	}
	return append(out, 0x03, 0x00) // an empty final block
}

func TestImportRefusesAnXLSXBombQuicklyInBoundedMemory(t *testing.T) {
	f := newFixture(t)
	bomb := spaces(t, sheetHead, 3<<10) // 3 GiB of spaces from about 3 MB
	small := spaces(t, sheetHead, 900)
	for name, part := range map[string]rawPart{
		"declared":    {bomb, 3 << 30, true},    // says what it expands to
		"understated": {bomb, 8 << 20, true},    // says 8 MB, expands to 3 GiB
		"ratio":       {small, 900 << 20, true}, // 900 MB from under 1 MB
	} {
		path := writeXLSX(t, "", nil, map[string]rawPart{"xl/worksheets/sheet1.xml": part})
		if fi, _ := os.Stat(path); fi.Size() > 4<<20 {
			t.Fatalf("%s: the bomb is %d bytes", name, fi.Size())
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var err error
		within(t, 3*time.Second, func() { _, err = f.imp(app.ImportInvoices, path, app.ImportOptions{DryRun: true}) })
		runtime.ReadMemStats(&after)
		if err == nil || app.CodeOf(err) != app.CodeInvalid || !strings.Contains(app.Sentence(err), "book.xlsx") {
			t.Errorf("%s: %v", name, err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
			t.Errorf("%s: reading the bomb allocated %d MB", name, grew>>20)
		}
	}
}

func TestImportXLSXRefusesExternalEntities(t *testing.T) {
	f := newFixture(t)
	xxe := `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Invoice No</t></is></c><c r="B1" t="inlineStr"><is><t>Customer</t></is></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c><c r="D1" t="inlineStr"><is><t>Date</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c><c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c><c r="C2"><v>10</v></c><c r="D2"><v>46296</v></c></row></sheetData></worksheet>`
	_, err := f.imp(app.ImportInvoices, writeXLSX(t, xxe, nil, nil), app.ImportOptions{DryRun: true})
	if err == nil || !strings.Contains(app.Sentence(err), "refused: the file asks to read other files") {
		t.Fatalf("external entity: %v", err)
	}
	ext := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="file:///etc/passwd" TargetMode="External"/></Relationships>`
	_, err = f.imp(app.ImportInvoices, writeXLSX(t, "", map[string]string{"xl/_rels/workbook.xml.rels": ext}, nil), app.ImportOptions{DryRun: true})
	if err == nil || !strings.Contains(app.Sentence(err), "refused: the file asks to read other files") {
		t.Fatalf("external sheet: %v", err)
	}
}

const headerRow = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`

const sharedStrings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<si><t>Invoice No</t></si><si><t>Customer</t></si><si><t>Amount</t></si><si><t>Date</t></si><si><r><t>Ann </t></r><r><t>Lee</t></r><rPh><t>アン</t></rPh></si></sst>`

func TestImportXLSXKeepsWhatFormulasShowAndChecksSharedText(t *testing.T) {
	f := newFixture(t)
	sheet := func(rows string) string {
		return sheetHead + headerRow + rows + `</sheetData></worksheet>`
	}
	ok := sheet(`<row r="2"><c r="A2" t="str"><f>CONCAT("F-","1")</f><v>F-1</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><f>SUM(10,2.5)</f><v>12.499999999999998</v></c><c r="D2"><f>DATE(2026,10,1)</f><v>46296</v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>=1+1</t></is></c><c r="B3" t="s"><v>4</v></c><c r="C3"><v>1</v></c><c r="D3"><v>46296</v></c></row>`)
	rep, err := f.imp(app.ImportInvoices, writeXLSX(t, ok, map[string]string{"xl/sharedStrings.xml": sharedStrings}, nil), app.ImportOptions{})
	if err != nil || rep.Added != 2 {
		t.Fatalf("%+v %v", rep, err)
	}
	if n := f.count(`SELECT count(*) FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.number = 'F-1' AND i.amount = 1250 AND i.issue_date = '2026-10-01' AND c.name = 'Ann Lee'`); n != 1 {
		t.Fatal("a formula's saved result was not imported as shown")
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE number = '=1+1'`); n != 1 {
		t.Fatal("text that looks like a formula was not kept as text")
	}
	for cells, want := range map[string]string{
		`<row r="2"><c r="A2" t="s"><v>x1</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>1</v></c></row>`:                     `cell A2 refers to shared text "x1", which is not a number`,
		`<row r="2"><c r="A2" t="s"><v>99</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>1</v></c></row>`:                     "cell A2 refers to shared text number 99, but the file has 5",
		`<row r="2"><c r="A2" t="inlineStr"><is><t>F-2</t></is></c><c r="B2" t="s"><v>4</v></c><c r="C2"><f>1+2</f></c></row>`: "cell C2 holds a formula whose result is not saved",
	} {
		_, err := f.imp(app.ImportInvoices, writeXLSX(t, sheet(cells), map[string]string{"xl/sharedStrings.xml": sharedStrings}, nil), app.ImportOptions{DryRun: true})
		if err == nil || !strings.Contains(app.Sentence(err), want) {
			t.Errorf("want %q, got %v", want, err)
		}
	}
}
