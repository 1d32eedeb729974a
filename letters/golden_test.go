package letters

import (
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"duebook/app"
)

var update = flag.Bool("update", false, "write the golden images anew")

// render draws page 1 of a PDF with poppler's pdftoppm at 40 dpi.
func render(t *testing.T, pdf []byte) image.Image {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	os.WriteFile(in, pdf, 0o644)
	if out, err := exec.Command("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestGoldenImages guards the layout of every kind: page 1 as poppler draws it must match the
// picture in testdata (go test ./letters -update writes them anew after a deliberate change).
func TestGoldenImages(t *testing.T) {
	kinds := append([]app.LetterKind{}, app.LetterKinds...)
	for _, kind := range kinds {
		img := render(t, mustPDF(t, letterInput(t, kind, app.ToneStandard, "en")))
		checkGolden(t, string(kind), img)
	}
	// A US shop prints on Letter, its address in the #10 envelope's window.
	us := letterInput(t, app.KindFinal, app.ToneStandard, "en")
	us.Profile = app.ProfileUS
	us.Shop.Address1, us.Shop.PostalCode, us.Shop.City, us.Shop.Country = "1 Main Street", "01103", "Springfield", "US"
	us.Customer = app.Customer{ID: 12, Name: "Acme Plumbing Supply", Contact: "Accounts Payable", Address1: "1234 Commonwealth Avenue",
		Address2: "Suite 500", City: "Boston", Region: "MA", PostalCode: "02108", Country: "US"}
	checkGolden(t, "final-us", render(t, mustPDF(t, us)))
	in, invs := agreementInput(6, "en", app.ProfileEU)
	pdf, err := AgreementPDF(in, invs)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "agreement", render(t, pdf))
}

func checkGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".png")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, img)
		f.Close()
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%s: no golden image (run go test ./letters -update): %v", name, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: page size %v, golden %v", name, img.Bounds(), want.Bounds())
	}
	differ := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if absDiff(r1, r2)+absDiff(g1, g2)+absDiff(b1, b2) > 3*0x2000 {
				differ++
			}
		}
	}
	// A few pixels may differ with the renderer's version; a moved block differs in thousands.
	if limit := b.Dx() * b.Dy() / 500; differ > limit {
		t.Errorf("%s: %d pixels differ from the golden image (at most %d)", name, differ, limit)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
