package app

import (
	"strings"
	"testing"
)

func TestCheckCountry(t *testing.T) {
	if n := len(strings.Fields(countryCodes)); n != 250 {
		t.Errorf("%d country codes, want the 249 of ISO 3166-1 and XK", n)
	}
	for in, want := range map[string]string{"DE": "DE", " de ": "DE", "us": "US", "UK": "GB", "gb": "GB", "fr": "FR"} {
		if got, err := CheckCountry(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "D", "DEU", "Germany", "ZZ", "EU", "D E"} {
		if got, err := CheckCountry(in); err == nil || CodeOf(err) != CodeInvalid {
			t.Errorf("%q accepted as %q", in, got)
		}
	}
}
