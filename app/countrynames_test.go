package app

import "testing"

func TestCountriesAndCurrenciesForPickers(t *testing.T) {
	de := Countries("de")
	if len(de) < 240 || CountryName("DE", "de") != "Deutschland" || CountryName("DE", "en") != "Germany" {
		t.Fatalf("%d countries; DE is %q / %q", len(de), CountryName("DE", "de"), CountryName("DE", "en"))
	}
	at, oe := -1, -1 // Österreich sorts with O in German, not after Z
	for i, c := range de {
		switch c.Name {
		case "Oman":
			oe = i
		case "Österreich":
			at = i
		}
	}
	if at < 0 || at < oe || at > oe+3 {
		t.Fatalf("Österreich at %d, Oman at %d", at, oe)
	}
	for text, want := range map[string]string{"Germany (DE)": "DE", "deutschland": "DE", "uk": "GB", "Vereinigtes Königreich": "GB", "United States": "US"} {
		if got, err := FindCountry(text); err != nil || got != want {
			t.Errorf("%q: %q %v, want %s", text, got, err, want)
		}
	}
	if _, err := FindCountry("Atlantis"); err == nil {
		t.Error("an unknown country was accepted")
	}
	cur := Currencies("en")
	if cur[0].Label() != "EUR – Euro" || cur[1].Code != "USD" || cur[2].Code != "GBP" || len(cur) != len(CurrencyCodes()) {
		t.Fatalf("currencies start %v, %d of %d", cur[:3], len(cur), len(CurrencyCodes()))
	}
	for text, want := range map[string]string{"GBP – Pound sterling": "GBP", "chf": "CHF", "Schweizer Franken": "CHF"} {
		if got, err := FindCurrency(text); err != nil || got.Code != want {
			t.Errorf("%q: %v %v", text, got, err)
		}
	}
}
