package main

import (
	"archive/zip"
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"duebook/app"
	"duebook/data"
)

// importFigures is what one file's import costs: the dry run, the import into a new shop and the
// same file again, each with its time and the process's peak memory (VmHWM) while it ran.
type importFigures struct {
	format                    string
	rows, customers           int
	check, first, again       time.Duration
	checkMB, firstMB, againMB int64
}

// benchImports writes an invoice file of rows rows (rows/10 customers, all new) in each format and
// measures it.
func benchImports(w io.Writer, dir string, rows int, formats []string, today app.Date) error {
	fmt.Fprintf(w, "\n| file | rows | check (dry run) | peak memory | import | peak memory | the same file again | peak memory |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, format := range formats {
		fig, err := benchImportFile(dir, rows, format, today)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "| %s | %d | %.1f s | %s | %.1f s (%.0f rows/s) | %s | %.1f s | %s |\n", strings.ToUpper(fig.format), fig.rows,
			fig.check.Seconds(), peak(fig.checkMB), fig.first.Seconds(), float64(fig.rows)/fig.first.Seconds(), peak(fig.firstMB),
			fig.again.Seconds(), peak(fig.againMB))
	}
	return nil
}

func peak(mb int64) string {
	if mb <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d MB", mb)
}

func benchImportFile(dir string, rows int, format string, today app.Date) (importFigures, error) {
	fig := importFigures{format: format, rows: rows, customers: max(1, rows/10)}
	path := filepath.Join(dir, "invoices."+format)
	var err error
	switch format {
	case "csv":
		err = writeBenchCSV(path, rows, today)
	case "xlsx":
		err = writeBenchXLSX(path, rows, today)
	default:
		return fig, fmt.Errorf("%q is not a file format the bench writes (csv, xlsx)", format)
	}
	if err != nil {
		return fig, err
	}
	defer os.Remove(path)
	dbPath := filepath.Join(dir, "import-"+format+".db")
	os.Remove(dbPath)
	defer os.Remove(dbPath)
	st, err := data.Open(dbPath)
	if err != nil {
		return fig, err
	}
	defer st.Close()
	ledger := services(st, app.FixedClock(today.Time().Add(12*time.Hour))).Ledger
	if _, err := ledger.SetUpShop(app.Shop{Name: "Bench", Currency: "EUR"}); err != nil {
		return fig, err
	}
	run := func(opts app.ImportOptions, want func(app.ImportReport) bool) (time.Duration, int64, error) {
		resetPeak()
		start := time.Now()
		rep, err := ledger.Import(context.Background(), app.ImportInvoices, path, opts, nil)
		took := time.Since(start)
		if err == nil && !want(rep) {
			err = fmt.Errorf("unexpected import: %s", rep.Summary())
		}
		return took, peakMB(), err
	}
	if fig.check, fig.checkMB, err = run(app.ImportOptions{DryRun: true}, func(r app.ImportReport) bool { return r.Added == rows }); err != nil {
		return fig, err
	}
	if fig.first, fig.firstMB, err = run(app.ImportOptions{}, func(r app.ImportReport) bool { return r.Added == rows && r.Applied }); err != nil {
		return fig, err
	}
	fig.again, fig.againMB, err = run(app.ImportOptions{}, func(r app.ImportReport) bool { return r.Unchanged == rows })
	return fig, err
}

// resetPeak returns freed memory to the system and starts the process's peak memory afresh
// (Linux: writing 5 to clear_refs resets VmHWM to what is resident now).
func resetPeak() {
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakMB is the process's peak resident memory since resetPeak, in MB (0 where unknown).
func peakMB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb >> 10
		}
	}
	return 0
}

// benchRow is the i-th invoice of a generated file: rows/10 customers, two thirds partly open.
func benchRow(i, rows int, today app.Date) (number, customer, email string, issue, due app.Date, amount, balance int) {
	c := i % max(1, rows/10)
	issue = today.AddDays(-(i % 400))
	amount = 1000 + (i*7919)%90000
	balance = amount
	if i%3 == 0 {
		balance = 0
	}
	return fmt.Sprintf("B-%07d", i), fmt.Sprintf("Customer %d", c), fmt.Sprintf("c%d@example.com", c), issue, issue.AddDays(30), amount, balance
}

func writeBenchCSV(path string, rows int, today app.Date) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Invoice No,Customer,Email,Date,Due Date,Amount,Balance,Currency")
	for i := 1; i <= rows; i++ {
		number, customer, email, issue, due, amount, balance := benchRow(i, rows, today)
		fmt.Fprintf(w, "%s,%s,%s,%s,%s,%d.%02d,%d.%02d,EUR\n", number, customer, email, issue, due, amount/100, amount%100, balance/100, balance%100)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeBenchXLSX writes the same invoices as an XLSX file as spreadsheet programs do: text in
// shared strings, dates as serial numbers, amounts as numbers. The shared strings are numbered
// by construction (the invoice numbers, then the names, the emails and the currency), so that
// writing a million rows needs no table of them.
func writeBenchXLSX(path string, rows int, today app.Date) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	customers := max(1, rows/10)
	const head = 8 // the header's strings come first
	nameAt, emailAt, eurAt := head+rows, head+rows+customers, head+rows+2*customers
	part := func(name, content string) error {
		w, err := zw.Create(name)
		if err == nil {
			_, err = io.WriteString(w, content)
		}
		return err
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	for name, content := range map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + ` xmlns:r="` + rel + `"><sheets><sheet name="Invoices" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	} {
		if err := part(name, content); err != nil {
			return err
		}
	}
	sw, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(sw)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData><row r="1">`, ns)
	for c := 0; c < head; c++ {
		fmt.Fprintf(w, `<c r="%c1" t="s"><v>%d</v></c>`, 'A'+c, c)
	}
	w.WriteString(`</row>`)
	serial := func(d app.Date) int {
		return int(d.Time().Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	}
	for i := 1; i <= rows; i++ {
		_, _, _, issue, due, amount, balance := benchRow(i, rows, today)
		c, r := i%customers, i+1
		fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" t="s"><v>%d</v></c><c r="D%d"><v>%d</v></c><c r="E%d"><v>%d</v></c><c r="F%d"><v>%d.%02d</v></c><c r="G%d"><v>%d.%02d</v></c><c r="H%d" t="s"><v>%d</v></c></row>`,
			r, r, head+i-1, r, nameAt+c, r, emailAt+c, r, serial(issue), r, serial(due), r, amount/100, amount%100, r, balance/100, balance%100, r, eurAt)
	}
	w.WriteString(`</sheetData></worksheet>`)
	if err := w.Flush(); err != nil {
		return err
	}
	ssw, err := zw.Create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	w = bufio.NewWriter(ssw)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sst %s>`, ns)
	for _, h := range strings.Split("Invoice No,Customer,Email,Date,Due Date,Amount,Balance,Currency", ",") {
		fmt.Fprintf(w, `<si><t>%s</t></si>`, h)
	}
	for i := 1; i <= rows; i++ {
		fmt.Fprintf(w, `<si><t>B-%07d</t></si>`, i)
	}
	for c := 0; c < customers; c++ {
		fmt.Fprintf(w, `<si><t>Customer %d</t></si>`, c)
	}
	for c := 0; c < customers; c++ {
		fmt.Fprintf(w, `<si><t>c%d@example.com</t></si>`, c)
	}
	w.WriteString(`<si><t>EUR</t></si></sst>`)
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
