package letters

import (
	"bytes"
	"fmt"
	"time"

	"github.com/jung-kurt/gofpdf"

	"duebook/app"
	"duebook/assets"
)

// PDF draws a laid-out document. The output is byte-for-byte the same for the same document and
// date: a fixed creation date and a sorted catalog.
func PDF(doc *Doc, created time.Time) ([]byte, error) {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", Size: gofpdf.SizeType{Wd: doc.Paper.W, Ht: doc.Paper.H}})
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetTitle(doc.Title, true)
	pdf.SetCreator("Duebook", true)
	pdf.SetAutoPageBreak(false, 0)
	// Each document gets its own copy of the font bytes: gofpdf writes into them.
	pdf.AddUTF8FontFromBytes("NotoSans", "", bytes.Clone(assets.NotoSansRegular))
	pdf.AddUTF8FontFromBytes("NotoSans", "B", bytes.Clone(assets.NotoSansBold))
	for n, page := range doc.Pages {
		pdf.AddPage()
		for _, r := range page.Rules {
			pdf.SetLineWidth(r.Width)
			pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
		}
		for _, t := range page.Texts {
			style := ""
			if t.Bold {
				style = "B"
			}
			pdf.SetFont("NotoSans", style, t.Size)
			x := t.X
			if t.Right {
				x = t.X + t.W - Width(t.S, t.Size, t.Bold)
			}
			// Y is the top of the line box; the baseline sits at about 0.8 of the font size.
			pdf.Text(x, t.Y+t.Size*ptToMM*0.95, t.S)
		}
		pdf.SetFont("NotoSans", "", 8)
		footer := fmt.Sprintf("%d / %d", n+1, len(doc.Pages))
		pdf.Text(doc.Paper.W-20-Width(footer, 8, false), doc.Paper.H-12, footer)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, app.Wrap(app.CodeInternal, err, "the PDF could not be written")
	}
	return buf.Bytes(), nil
}
