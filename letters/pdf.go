package letters

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"
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
	// Page streams stay uncompressed: a letter page is a few kilobytes of text, and a compressor
	// per page is a large share of what a letter costs.
	pdf.SetCompression(false)
	// Each document gets its own copy of the font bytes: gofpdf writes into them.
	// One font per document: bold is the regular face filled and stroked, which halves what
	// gofpdf spends on fonts for every letter.
	regular := fontFor(doc)
	pdf.AddUTF8FontFromBytes("NotoSans", "", bytes.Clone(regular))
	pdf.SetDrawColor(0, 0, 0)
	for _, page := range doc.Pages {
		pdf.AddPage()
		for _, im := range page.Images {
			name := fmt.Sprintf("img%x", sha256.Sum256(im.Data))
			kind := "PNG"
			if bytes.HasPrefix(im.Data, []byte{0xFF, 0xD8}) {
				kind = "JPG"
			}
			pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(im.Data))
			pdf.ImageOptions(name, im.X, im.Y, im.W, im.H, false, gofpdf.ImageOptions{ImageType: kind}, 0, "")
		}
		for _, r := range page.Rules {
			pdf.SetLineWidth(r.Width)
			pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
		}
		for _, c := range page.Charts {
			drawChart(pdf, c)
		}
		pdf.SetLineWidth(0.2)
		for _, t := range page.Texts {
			pdf.SetFont("NotoSans", "", t.Size)
			if t.Bold {
				pdf.SetTextRenderingMode(2)
				pdf.SetLineWidth(t.Size * ptToMM * boldStroke)
			}
			x := t.X
			if t.Right {
				x = t.X + t.W - Width(t.S, t.Size, t.Bold)
			}
			// Y is the top of the line box; the baseline sits at about 0.8 of the font size.
			pdf.Text(x, t.Y+t.Size*ptToMM*0.95, t.S)
			if t.Bold {
				pdf.SetTextRenderingMode(0)
			}
		}
		if page.Footer != "" {
			pdf.SetFont("NotoSans", "", 8)
			pdf.Text(doc.Paper.W-20-Width(page.Footer, 8, false), doc.Paper.H-12, page.Footer)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, app.Wrap(app.CodeInternal, err, "the PDF could not be written (%v)", err)
	}
	return buf.Bytes(), nil
}

// The letters' character set: Latin with its extensions, Greek, Cyrillic and general
// punctuation. The fonts are cut down to it once per process; gofpdf then parses, fingerprints
// and subsets a font a fifth of the size for every document, which is most of what a letter costs.
var letterRanges = [][2]rune{{0x20, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x2000, 0x206F}, {0x20A0, 0x20BF}}

func inLetterSet(r rune) bool {
	for _, rg := range letterRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// boldStroke is the stroke width of bold text, as a share of its size.
const boldStroke = 0.035

var cutFont = sync.OnceValue(func() []byte {
	var set strings.Builder
	for _, rg := range letterRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			set.WriteRune(r)
		}
	}
	return gofpdf.UTF8CutFont(bytes.Clone(assets.NotoSansRegular), set.String())
})

// fontFor picks the cut font, or the whole font for a document with characters beyond it.
func fontFor(doc *Doc) []byte {
	for _, p := range doc.Pages {
		texts := make([]string, 0, len(p.Texts))
		for _, t := range p.Texts {
			texts = append(texts, t.S)
		}
		for _, c := range p.Charts {
			texts = append(texts, chartText(c.Chart)...)
		}
		for _, s := range texts {
			for _, r := range s {
				if !inLetterSet(r) {
					return assets.NotoSansRegular
				}
			}
		}
	}
	return cutFont()
}
