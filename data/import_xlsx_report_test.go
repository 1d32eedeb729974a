package data_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"duebook/app"
)

// cellRef is the A1 name of a cell.
func cellRef(col, row int) string { return fmt.Sprintf("%c%d", 'A'+col, row) }

// reportXLSX writes rows as a workbook the way a report is saved to Excel: text as text, dates as
// date serial numbers, amounts as numbers, empty cells left out.
func reportXLSX(t *testing.T, rows [][]any) []byte {
	t.Helper()
	var sheet strings.Builder
	sheet.WriteString(`<worksheet><sheetData>`)
	for i, row := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, i+1)
		for j, v := range row {
			switch v := v.(type) {
			case string:
				if v != "" {
					fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, cellRef(j, i+1), strings.ReplaceAll(v, "&", "&amp;"))
				}
			case time.Time:
				fmt.Fprintf(&sheet, `<c r="%s" s="1"><v>%d</v></c>`, cellRef(j, i+1), int(v.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours()/24))
			case float64:
				fmt.Fprintf(&sheet, `<c r="%s"><v>%g</v></c>`, cellRef(j, i+1), v)
			}
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	parts := map[string]string{
		"[Content_Types].xml":        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
		"xl/workbook.xml":            `<workbook xmlns:r="r"><sheets><sheet name="Open Invoices" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheet.String(),
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

func day(s string) time.Time { return app.MustDate(s).Time() }

// The "Open Invoices" report saved as an Excel file: the same layout, dates and amounts as
// numbers (no £ sign: the amounts are in the shop's currency).
func TestImportQuickBooksReportSavedAsExcel(t *testing.T) {
	f := newFixture(t)
	rows := [][]any{
		{"Open Invoices"}, {"Harbour Lights Joinery Ltd"}, {"As of November 22, 2026"}, {},
		{"", "Date", "Transaction type", "Num", "Terms", "Due date", "Open balance"},
		{"Amy's Bird Sanctuary"},
		{"", day("2026-09-10"), "Invoice", "1021", "Net 30", day("2026-10-10"), 239.0},
		{"", day("2026-10-15"), "Invoice", "1035", "Net 30", day("2026-11-14"), 1250.5},
		{"Total for Amy's Bird Sanctuary", "", "", "", "", "", 1489.5},
		{"Cool Cars"},
		{"", day("2026-10-02"), "Invoice", "1030", "Net 15", day("2026-10-17"), 694.0},
		{"Total for Cool Cars", "", "", "", "", "", 694.0},
		{"TOTAL", "", "", "", "", "", 2183.5},
		{}, {"Sunday, November 22, 2026 10:15 AM GMT+00:00"},
	}
	path := f.file("Open Invoices.xlsx", string(reportXLSX(t, rows)))
	rep, err := f.imp(app.ImportInvoices, path, app.ImportOptions{})
	if err != nil || rep.Added != 3 || rep.Rejected != 0 {
		t.Fatalf("%+v %v\n%s", rep, err, strings.Join(reportAll(rep), "\n"))
	}
	sameRows(t, "invoices", f.ledgerRows(), []string{
		"1021 | Amy's Bird Sanctuary | EUR | 239.00 | 0.00 | 2026-09-10 | 2026-10-10",
		"1035 | Amy's Bird Sanctuary | EUR | 1250.50 | 0.00 | 2026-10-15 | 2026-11-14",
		"1030 | Cool Cars | EUR | 694.00 | 0.00 | 2026-10-02 | 2026-10-17",
	})
	notesSay(t, rep, "3 title lines", "2 group headings", "2 subtotal rows", "1 grand total row", "1 footer line")
}
