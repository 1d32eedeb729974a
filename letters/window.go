package letters

import (
	"fmt"
	"strings"
)

const inch = 25.4

// addressWindow is where a window envelope shows the recipient, in mm from the page's top left.
type addressWindow struct {
	fieldX, fieldY, fieldW, fieldH float64 // the part of the page the window shows
	textX, textY, textW            float64 // the recipient's first line, and the width of every line
	lines                          int     // how many recipient lines fit
	pitch, size                    float64 // line distance in mm, type size in points
	returnY, ruleY, returnSize     float64 // the sender's return line and the rule under it (returnY 0: none)
}

// dinB is the address field of DIN 5008 form B on A4: 45 mm from the top, 20 mm from the left,
// 85 x 45 mm. The sender's return line in small type sits in its own 5 mm zone at the top
// (45-50 mm), the zone for additions and remarks (12.7 mm) follows, and the recipient starts
// 17.7 mm into the field, at 62.7 mm, with 27.3 mm for at most six lines. The lines start on the
// letter's left margin (25 mm), 5 mm inside the field, and end at its right edge.
var dinB = addressWindow{
	fieldX: 20, fieldY: 45, fieldW: 85, fieldH: 45,
	textX: 25, textY: 62.7, textW: 80,
	lines: 6, pitch: 27.3 / 6, size: 10,
	returnY: 45.6, ruleY: 49.4, returnSize: 7,
}

// us10 is the window of a #10 envelope (4 1/8 x 9 1/2 in) for a US Letter page folded in thirds:
// the window is 4 1/2 x 1 1/8 in, 7/8 in from the envelope's left and 1/2 in above its bottom,
// so with the folded letter (its top panel 11/3 in high) resting on the bottom the window shows
// the page from 2.04 in down. The address keeps the 1/8 in clearance the USPS asks on every side,
// and starts 1 in from the page's left edge, 3 1/2 in wide, so that a letter shifting sideways in
// the envelope still shows every line: five lines fit. Nothing but the address may show through
// the window, so there is no return line here.
var us10 = addressWindow{
	fieldX: 7.0 / 8 * inch, fieldY: (11.0/3 - 0.5 - 1.125) * inch, fieldW: 4.5 * inch, fieldH: 1.125 * inch,
	textX: inch, textY: (11.0/3 - 0.5 - 1.125 + 0.125) * inch, textW: 3.5 * inch,
	lines: 5, pitch: 4.4, size: 10,
}

func windowFor(p Paper) addressWindow {
	if p == Letter {
		return us10
	}
	return dinB
}

// addressJoins are the ways to save a line, in the order they are tried.
var addressJoins = []struct {
	note string
	do   func(a address) (address, string, bool) // the address joined, and the joined line
}{
	{"the contact was joined to the name line", func(a address) (address, string, bool) {
		if a.name == "" || a.contact == "" {
			return a, "", false
		}
		a.name, a.contact = a.name+", "+a.contact, ""
		return a, a.name, true
	}},
	{"the second street line was joined to the first", func(a address) (address, string, bool) {
		if len(a.street) < 2 {
			return a, "", false
		}
		a.street = []string{strings.Join(a.street, ", ")}
		return a, a.street[0], true
	}},
	{"the town and the postcode were put on one line", func(a address) (address, string, bool) {
		if len(a.locality) < 2 {
			return a, "", false
		}
		a.locality = []string{strings.Join(a.locality, " ")}
		return a, a.locality[0], true
	}},
}

// fit makes an address fit the window: at most w.lines lines, none wider than w.textW. Lines are
// joined first where the joined line still fits the width, then wherever needed; a line too wide
// is shortened visibly. The warnings say what was changed, in sentences for the owner.
func (w addressWindow) fit(a address) (lines, warnings []string) {
	who := a.name
	if who == "" {
		who = "this customer"
	}
	had := len(a.lines())
	var done []string
	applied := make([]bool, len(addressJoins))
	for pass := 0; pass < 2; pass++ {
		for i, j := range addressJoins {
			if applied[i] || len(a.lines()) <= w.lines {
				continue
			}
			joined, line, ok := j.do(a)
			if !ok || (pass == 0 && Width(line, w.size, false) > w.textW) {
				continue
			}
			a, applied[i] = joined, true
			done = append(done, j.note)
		}
	}
	lines = a.lines()
	if n := len(lines); n > w.lines { // cannot happen with four lines or more: kept as a guard
		done = append(done, fmt.Sprintf("%d lines were left out", n-w.lines))
		lines = append(lines[:w.lines-1:w.lines-1], lines[n-1])
	}
	if len(done) > 0 {
		warnings = append(warnings, fmt.Sprintf("the address of %s has %d lines; the envelope window holds %d: %s",
			who, had, w.lines, strings.Join(done, ", and ")))
	}
	for i, l := range lines {
		if short := fit(l, w.textW, w.size); short != l {
			warnings = append(warnings, fmt.Sprintf("the address line %q of %s is too wide for the envelope window and prints shortened as %q",
				l, who, short))
			lines[i] = short
		}
	}
	return lines, warnings
}

// place puts the return line, the rule under it and the recipient's lines into the window.
func (w addressWindow) place(b *Builder, sender string, lines []string) {
	if w.returnY > 0 && sender != "" {
		b.Put(Text{X: w.textX, Y: w.returnY, Size: w.returnSize, S: fit(sender, w.textW, w.returnSize)})
		b.Line(w.textX, w.ruleY, w.textX+w.textW, w.ruleY)
	}
	for i, l := range lines {
		b.Put(Text{X: w.textX, Y: w.textY + float64(i)*w.pitch, W: w.textW, Size: w.size, S: l})
	}
}
