package app

import (
	"strings"
	"testing"
)

func TestDateStyleByCountry(t *testing.T) {
	for country, want := range map[string]DateStyle{
		"DE": DateDots, "at": DateDots, "CH": DateDots, "GB": DateDMY, "FR": DateDMY, "IE": DateDMY,
		"US": DateMDY, "SE": DateISO, "": DateISO,
	} {
		if got := DateStyleFor(country); got != want {
			t.Errorf("%q: %q, want %q", country, got, want)
		}
	}
}

// Each style reads its own way of writing, ISO always and dots as day first, shows dates its
// way, and refuses what could be misread with a sentence that says how to write it.
func TestDateStyleParsesAndFormats(t *testing.T) {
	day := MustDate("2026-11-22")
	for _, c := range []struct {
		style DateStyle
		in    string
		want  string // "" for a refusal
		why   string // in the refusal
	}{
		{DateDots, "22.11.2026", "2026-11-22", ""},
		{DateDots, "2026-11-22", "2026-11-22", ""},
		{DateDots, "1.2.2026", "2026-02-01", ""},
		{DateDots, "22/11/2026", "2026-11-22", ""},
		{DateDots, "22.11.26", "", "four digits"},
		{DateDots, "31.11.2026", "", "not a date on the calendar"},
		{DateDMY, "22/11/2026", "2026-11-22", ""},
		{DateDMY, "03/04/2026", "2026-04-03", ""},
		{DateDMY, "22-11-2026", "2026-11-22", ""},
		{DateDMY, "11/22/2026", "", "for 22 November 2026 write 22/11/2026"},
		{DateDMY, "next friday", "", "write it as 22/11/2026"},
		{DateMDY, "11/22/2026", "2026-11-22", ""},
		{DateMDY, "03/04/2026", "2026-03-04", ""},
		{DateMDY, "22/11/2026", "", "for 22 November 2026 write 11/22/2026"},
		{DateMDY, "22.11.2026", "2026-11-22", ""},
		{DateISO, "2026-11-22", "2026-11-22", ""},
		{DateISO, "22/11/2026", "2026-11-22", ""},
		{DateISO, "03/04/2026", "", "could be day/month or month/day"},
		{DateISO, "", "", ""},
	} {
		d, err := c.style.Parse(c.in)
		switch {
		case c.why != "" && (err == nil || !strings.Contains(Sentence(err), c.why)):
			t.Errorf("%s %q: %v, want a refusal saying %q", c.style.Hint(), c.in, err, c.why)
		case c.why == "" && (err != nil || d.String() != c.want):
			t.Errorf("%s %q: %s %v, want %s", c.style.Hint(), c.in, d, err, c.want)
		}
	}
	for style, want := range map[DateStyle]string{DateDots: "22.11.2026", DateDMY: "22/11/2026", DateMDY: "11/22/2026", DateISO: "2026-11-22"} {
		if got := style.Format(day); got != want {
			t.Errorf("%s: %q, want %q", style.Hint(), got, want)
		}
		if back, err := style.Parse(style.Format(day)); err != nil || back != day {
			t.Errorf("%s does not read its own %q: %v", style.Hint(), style.Format(day), err)
		}
	}
}
