package letters

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"duebook/assets"
)

var rasterFont = sync.OnceValue(func() *opentype.Font {
	f, err := opentype.Parse(assets.NotoSansRegular)
	if err != nil {
		panic("the embedded font is damaged: " + err.Error())
	}
	return f
})

// Raster draws page n of doc as an image widthPx wide: the in-app preview, drawn from the very
// positions the PDF uses.
func Raster(doc *Doc, n, widthPx int) image.Image {
	scale := float64(widthPx) / doc.Paper.W // pixels per mm
	img := image.NewRGBA(image.Rect(0, 0, widthPx, int(doc.Paper.H*scale)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	page := doc.Pages[n]
	for _, im := range page.Images {
		src, _, err := image.Decode(bytes.NewReader(im.Data))
		if err != nil {
			continue
		}
		r := image.Rect(int(im.X*scale), int(im.Y*scale), int((im.X+im.W)*scale), int((im.Y+im.H)*scale))
		xdraw.ApproxBiLinear.Scale(img, r, src, src.Bounds(), draw.Over, nil)
	}
	ink := image.NewUniform(color.Black)
	for _, r := range page.Rules {
		x1, y1, x2, y2 := int(r.X1*scale), int(r.Y1*scale), int(r.X2*scale), int(r.Y2*scale)
		for x := x1; x <= x2; x++ {
			for y := y1; y <= y2; y++ {
				img.Set(x, y, color.Black)
			}
		}
	}
	faces := map[int]font.Face{}
	face := func(size float64, bold bool) font.Face {
		k := int(size * 10)
		if f, ok := faces[k]; ok {
			return f
		}
		f, err := opentype.NewFace(rasterFont(), &opentype.FaceOptions{Size: size * ptToMM * scale, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil
		}
		faces[k] = f
		return f
	}
	texts := page.Texts
	if page.Footer != "" {
		texts = append(append([]Text(nil), texts...), Text{X: doc.Paper.W - 20 - Width(page.Footer, 8, false), Y: doc.Paper.H - 12 - 8*ptToMM*0.95, Size: 8, S: page.Footer})
	}
	for _, t := range texts {
		f := face(t.Size, t.Bold)
		if f == nil {
			continue
		}
		x := t.X
		if t.Right {
			x = t.X + t.W - Width(t.S, t.Size, t.Bold)
		}
		dot := fixed.Point26_6{X: fixed.Int26_6(x * scale * 64), Y: fixed.Int26_6((t.Y + t.Size*ptToMM*0.95) * scale * 64)}
		d := font.Drawer{Dst: img, Src: ink, Face: f, Dot: dot}
		d.DrawString(t.S)
		if t.Bold { // as in the PDF: the regular face, thickened
			d.Dot = dot.Add(fixed.Point26_6{X: fixed.Int26_6(t.Size * ptToMM * boldStroke * scale * 64)})
			d.DrawString(t.S)
		}
	}

	return img
}
