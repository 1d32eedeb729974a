package ui

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestScreenshots writes pictures of the Reports screen and the Dashboard of the sample shop in
// the light and dark themes to the folder DUEBOOK_SHOTS names (for the README and docs); without
// it the test is skipped.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("DUEBOOK_SHOTS")
	if dir == "" {
		t.Skip("DUEBOOK_SHOTS names no folder")
	}
	for _, v := range []struct {
		name string
		th   fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} {
		s, _ := sampleShell(t)
		test.ApplyTheme(t, v.th)
		s.win.Resize(fyne.NewSize(1280, 860))
		shot := func(name string) {
			img := s.win.Canvas().Capture()
			if blank(img) {
				t.Fatalf("%s is blank", name)
			}
			f, err := os.Create(filepath.Join(dir, name+"-"+v.name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := png.Encode(f, img); err != nil {
				t.Fatal(err)
			}
		}
		s.Show("Dashboard")
		// Scroll to the shop currency's trends.
		d := fyne.CurrentApp().Driver()
		top := d.AbsolutePositionForObject(s.Dashboard.TrendCharts[0]).Y - d.AbsolutePositionForObject(s.Dashboard.body).Y
		s.Dashboard.scroll.Offset = fyne.NewPos(0, top-120)
		s.Dashboard.scroll.Refresh()
		shot("dashboard-trends")
		s.Show("Reports")
		for i, name := range []string{"reports-effectiveness", "reports-risk", "reports-cashflow", "reports-reserve"} {
			s.Reports.Tabs.SelectIndex(i)
			shot(name)
		}
	}
}

func blank(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}
