package app

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"
)

// importedFiles encloses, for each claimed invoice an import created, its rows of the original
// file: the file's header and the invoice's own rows (its first row, and every row carrying its
// number: the lines of a file that gives them), each with its row number, and never another
// customer's rows. invoices/imported-from.csv names the file each came from, the SHA-256 of the
// whole file (the shop keeps it, and can show it) and when it was imported.
func (c *Collections) importedFiles(customerID int64, claimed []Invoice) ([]BundleFile, error) {
	br, ok := c.Tables.(TableBytesReader)
	if !ok || c.HS == nil {
		return nil, nil
	}
	srcs, err := c.HS.InvoiceSources(customerID)
	if err != nil {
		return nil, err
	}
	want := map[int64]bool{}
	for _, inv := range claimed {
		want[inv.ID] = true
	}
	var files []string // SHA-256s, in the order the book kept them
	byFile := map[string][]InvoiceSource{}
	for _, s := range srcs {
		if !want[s.InvoiceID] {
			continue
		}
		sha := s.File.Doc.SHA256
		if _, seen := byFile[sha]; !seen {
			files = append(files, sha)
		}
		byFile[sha] = append(byFile[sha], s)
	}
	var out []BundleFile
	from := [][]string{{"invoice", "file", "file_sha256", "imported_at", "rows", "enclosed"}}
	for _, sha := range files {
		got, header, err := c.sourceRows(br, byFile[sha])
		if err != nil {
			return nil, err
		}
		for _, s := range byFile[sha] {
			rows := got[s.Number]
			name := "invoices/" + SafeFileName(s.Number) + "-imported-rows.csv"
			var lines []string
			for _, r := range rows {
				lines = append(lines, r[0])
			}
			from = append(from, []string{s.Number, s.File.Name, sha, s.ImportedAt.UTC().Format(time.RFC3339), strings.Join(lines, " "), name})
			out = append(out, BundleFile{Path: name, Content: CSVBytes(append([][]string{append([]string{"row"}, header...)}, rows...))})
		}
	}
	if len(out) > 0 {
		out = append(out, BundleFile{Path: "invoices/imported-from.csv", Content: CSVBytes(from)})
	}
	return out, nil
}

// sourceRows reads one kept file and picks each invoice's rows, with the row number first.
func (c *Collections) sourceRows(br TableBytesReader, srcs []InvoiceSource) (map[string][][]string, []string, error) {
	f := srcs[0].File
	doc, err := c.CS.Document(f.Doc.SHA256) // refuses bytes that no longer give their SHA-256
	if err != nil {
		return nil, nil, err
	}
	tbl, err := br.OpenTableBytes(f.Name, doc.Content, ReadOptions{Encoding: f.Encoding})
	if err != nil {
		return nil, nil, Wrap(CodeOf(err), err, "the imported file %s kept in the book cannot be read again", f.Name)
	}
	defer tbl.Close()
	first, numbers := map[int]string{}, map[string]bool{}
	for _, s := range srcs {
		first[s.Row], numbers[s.Number] = s.Number, true
	}
	got := map[string][][]string{}
	err = tbl.EachRow(func(cells []string, line int) error {
		number, ok := first[line]
		for _, cell := range cells {
			if ok {
				break
			}
			if t := strings.TrimSpace(cell); numbers[t] {
				number, ok = t, true
			}
		}
		if ok {
			got[number] = append(got[number], append([]string{strconv.Itoa(line)}, cells...))
		}
		return nil
	})
	if err != nil {
		return nil, nil, Wrap(CodeOf(err), err, "the imported file %s kept in the book cannot be read again", f.Name)
	}
	return got, tbl.Info().Header, nil
}

// CSVBytes writes rows as CSV.
func CSVBytes(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}
