package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"duebook/app/chart"
)

func testChart() chart.Chart {
	return chart.Chart{Title: "t", Kind: chart.Bars, Unit: "%",
		Categories: []string{"reminder 1", "final demand"}, Keys: []string{"r1", "fd"},
		Series: []chart.Series{
			{Name: "paid", Role: chart.Accent, Values: []float64{50, 80}},
			{Name: "control", Role: chart.Muted, Values: []float64{20, math.NaN()}},
		},
		Marked: []bool{false, true},
	}
}

func TestChartTapOnABarCallsBackWithItsKeyAndSeries(t *testing.T) {
	w := setup(t)
	var key, series string
	v := NewChartView(testChart(), func(k, s string) { key, series = k, s })
	w.SetContent(v)
	w.Resize(fyne.NewSize(600, 400))
	p, ok := v.BarCenter(1, "paid")
	if !ok {
		t.Fatal("no bar for final demand")
	}
	test.TapCanvas(w.Canvas(), p.Add(v.Position()))
	if key != "fd" || series != "paid" {
		t.Fatalf("tap gave %q %q", key, series)
	}
	if _, ok := v.BarCenter(1, "control"); ok {
		t.Fatal("a bar was drawn for no data")
	}
	// The taller value stands higher: 80 % reaches above 50 %.
	a, _ := v.BarCenter(0, "paid")
	b, _ := v.BarCenter(1, "paid")
	if !(b.Y < a.Y) {
		t.Fatalf("80 %% at %v, 50 %% at %v", b, a)
	}
	key = ""
	test.TapCanvas(w.Canvas(), fyne.NewPos(2, 2).Add(v.Position()))
	if key != "" {
		t.Fatalf("a tap beside the bars drilled into %q", key)
	}
}

func TestChartDrawsLegendTicksLabelsAndMarks(t *testing.T) {
	w := setup(t)
	v := NewChartView(testChart(), nil)
	w.SetContent(v)
	w.Resize(fyne.NewSize(600, 400))
	texts := map[string]bool{}
	marked := false
	warn := withAlpha(theme.Color(theme.ColorNameError), 0x38)
	for _, o := range test.LaidOutObjects(v) {
		switch x := o.(type) {
		case *canvas.Text:
			texts[x.Text] = true
		case *canvas.Rectangle:
			marked = marked || sameColor(x.FillColor, warn)
		}
	}
	for _, want := range []string{"paid", "control", "(%)", "reminder 1", "final demand", "0", "80"} {
		if !texts[want] {
			t.Errorf("%q is not drawn; texts %v", want, texts)
		}
	}
	if !marked {
		t.Error("the marked category is not shaded")
	}
}

func TestChartColoursFollowTheTheme(t *testing.T) {
	setup(t)
	c := seriesColors(chart.Chart{Series: []chart.Series{{Role: chart.Bad}, {Role: chart.Bad}, {Role: chart.Good}}})
	if sameColor(c[0], c[1]) {
		t.Fatal("two series of one role look alike")
	}
	if !sameColor(c[0], theme.Color(theme.ColorNameError)) || !sameColor(c[2], theme.Color(theme.ColorNameSuccess)) {
		t.Fatalf("colours %v", c)
	}
}

func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}
