package letters

import (
	"strings"

	"duebook/app"
)

// labelGap is the space between the widest label of a block and its values, in mm.
const labelGap = 3.0

// letterhead lays out the sender, the recipient's address where a window envelope shows it
// (DIN 5008 form B on A4, the #10 window on US Letter), and the reference block. lang is the
// letter's language (the country names of addresses abroad).
func letterhead(b *Builder, shop app.Shop, c app.Customer, lang string, refs [][2]string) {
	b.Put(Text{X: b.Left, Y: 15, Size: 15, Bold: true, S: fit(shop.Name, b.Width(), 15)})
	// The shop's own address in its country's format, without the name printed above it.
	own := AddressLines(app.Customer{Address1: shop.Address1, Address2: shop.Address2, PostalCode: shop.PostalCode, City: shop.City,
		Country: shop.Country}, shop.Country, lang)
	contact := strings.Join(append(own, nonEmpty(shop.Phone, shop.Email)...), " · ")
	b.Put(Text{X: b.Left, Y: 23, Size: 8, S: fit(contact, b.Width(), 8)})
	win := windowFor(b.Doc.Paper)
	lines, _ := win.fit(addressOf(c, shop.Country, lang))
	win.place(b, returnLine(shop, c, lang), lines)
	// The reference block (DIN 5008's information block at 125 mm) stays clear of the window.
	x := max(125, win.fieldX+win.fieldW+4)
	labelled(b, x, 50, b.Doc.Paper.W-b.Right, refs, 9)
	b.Y = 100
}

// returnLine is the shop's address on one line, written for the customer's country: with the
// shop's country in capitals when the letter goes abroad.
func returnLine(shop app.Shop, c app.Customer, lang string) string {
	dest := c.Country
	if strings.TrimSpace(dest) == "" {
		dest = shop.Country
	}
	self := app.Customer{Name: shop.Name, Address1: shop.Address1, Address2: shop.Address2, PostalCode: shop.PostalCode,
		City: shop.City, Country: shop.Country}
	return strings.Join(AddressLines(self, dest, lang), " · ")
}

// addressWarnings says what the window fitting changed in the customer's address.
func addressWarnings(paper Paper, shop app.Shop, c app.Customer, lang string) []string {
	_, warnings := windowFor(paper).fit(addressOf(c, shop.Country, lang))
	return warnings
}

// labelled places rows of label and value: each value starts after the widest label plus a gap,
// so no label overprints its value, and is shortened visibly to end at right. Rows without a
// value are left out. It returns the position below the last row.
func labelled(b *Builder, x, y, right float64, rows [][2]string, size float64) float64 {
	labelW := 0.0
	for _, r := range rows {
		if r[1] != "" {
			labelW = max(labelW, Width(r[0], size, false))
		}
	}
	vx := x + labelW + labelGap
	for _, r := range rows {
		if r[1] == "" {
			continue
		}
		b.Put(Text{X: x, Y: y, Size: size, S: r[0]})
		b.Put(Text{X: vx, Y: y, W: right - vx, Size: size, S: fit(r[1], right-vx, size)})
		y += lineHeight(size)
	}
	return y
}
