package letters

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app/chart"
)

// cashChart is a four-week outlook whose last week runs short.
func cashChart() chart.Chart {
	return chart.Chart{Title: "Cash ahead", Kind: chart.Bars, Unit: "EUR", Categories: []string{"w-one", "w-two", "w-three", "w-four"},
		Series: []chart.Series{{Name: "Expected in", Role: chart.Good, Values: []float64{12000, 3000, 8000, 500}},
			{Name: "Bills due", Role: chart.Bad, Values: []float64{0, 9000, math.NaN(), 16000}}},
		Overlay: &chart.Series{Name: "Balance", Role: chart.Accent, Values: []float64{12000, 6000, 14000, -1500}},
		Marked:  []bool{false, false, false, true}, Note: "Cash runs short in 1 of the 4 weeks."}
}

func chartPDF(t *testing.T, c chart.Chart, lang string) []byte {
	t.Helper()
	b := NewBuilder(A4, "chart")
	b.Chart(c, 80, lang)
	pdf, err := PDF(b.Finish(), time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// pdfImage renders the first page with poppler's pdftoppm at 40 pixels per inch.
func pdfImage(t *testing.T, pdf []byte) image.Image {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm (poppler-utils) is needed to look at the PDFs; make test installs it")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "c.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "40", "-png", "-singlefile", path, filepath.Join(dir, "c")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.ReadFile(filepath.Join(dir, "c.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pixels counts the pixels near a colour in a box given in mm from the page's top left.
func pixels(img image.Image, c rgb, x0, y0, x1, y1 float64) int {
	const dpmm = 40 / 25.4
	n := 0
	for y := int(y0 * dpmm); y < int(y1*dpmm); y++ {
		for x := int(x0 * dpmm); x < int(x1*dpmm); x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			d := math.Abs(float64(r>>8)-float64(c.r)) + math.Abs(float64(g>>8)-float64(c.g)) + math.Abs(float64(b>>8)-float64(c.b))
			if d < 6 {
				n++
			}
		}
	}
	return n
}

func TestChartPDFWritesItsWords(t *testing.T) {
	text := pdfText(t, chartPDF(t, cashChart(), "en"))
	for _, s := range []string{"Cash ahead", "EUR", "w-one", "w-four", "Expected in", "Bills due", "Balance", "20,000", "-5,000",
		"Cash runs short in 1 of the 4 weeks."} {
		if !strings.Contains(text, s) {
			t.Errorf("the chart lacks %q:\n%s", s, text)
		}
	}
	if de := pdfText(t, chartPDF(t, cashChart(), "de")); !strings.Contains(de, "20.000") {
		t.Errorf("German ticks:\n%s", de)
	}
	lines := chart.Chart{Title: "DSO", Kind: chart.Lines, Unit: "days", Categories: []string{"2026-09", "2026-10"},
		Series: []chart.Series{{Name: "DSO", Role: chart.Accent, Values: []float64{41, 57}}}}
	if text := pdfText(t, chartPDF(t, lines, "en")); !strings.Contains(text, "41") || !strings.Contains(text, "57") {
		t.Errorf("a line's points carry their values:\n%s", text)
	}
}

// TestChartPDFDrawsBarsAndMarks looks at the page: the marked last week has its warning band,
// the receipts and bills their colours, and the first weeks no band.
func TestChartPDFDrawsBarsAndMarks(t *testing.T) {
	img := pdfImage(t, chartPDF(t, cashChart(), "en"))
	// The chart spans x 25..190 mm, y 20..100 mm; the last of four slots is the right quarter.
	if n := pixels(img, markColour, 160, 30, 190, 80); n < 100 {
		t.Errorf("the short week has %d band pixels", n)
	}
	if n := pixels(img, markColour, 25, 30, 150, 80); n != 0 {
		t.Errorf("%d band pixels outside the short week", n)
	}
	if g, r := pixels(img, roleColours[chart.Good], 25, 20, 190, 90), pixels(img, roleColours[chart.Bad], 25, 20, 190, 90); g < 100 || r < 100 {
		t.Errorf("receipts %d, bills %d pixels", g, r)
	}
	stacked := cashChart()
	stacked.Kind, stacked.Marked, stacked.Overlay = chart.Stacked, nil, nil
	if n := pixels(pdfImage(t, chartPDF(t, stacked, "en")), markColour, 25, 20, 190, 90); n != 0 {
		t.Errorf("%d band pixels with nothing marked", n)
	}
}

// TestSeriesOfOneRoleStayApart: a second series of a role, and an overlay sharing a series'
// role, are drawn in a darker shade of it.
func TestSeriesOfOneRoleStayApart(t *testing.T) {
	c := chart.Chart{Categories: []string{"a"}, Series: []chart.Series{{Role: chart.Neutral, Values: []float64{1}},
		{Role: chart.Good, Values: []float64{1}}, {Role: chart.Neutral, Values: []float64{1}}},
		Overlay: &chart.Series{Role: chart.Good, Values: []float64{1}}}
	cols := seriesColours(c)
	if cols[0] != roleColours[chart.Neutral] || cols[1] != roleColours[chart.Good] || cols[2] == cols[0] || cols[3] == cols[1] {
		t.Fatalf("colours %v", cols)
	}
}
