package app

import (
	"sort"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Country is a country as a picker lists it: its code and its name in the reader's language.
type Country struct{ Code, Name string }

// Label is how a picker shows a country: "Germany (DE)".
func (c Country) Label() string { return c.Name + " (" + c.Code + ")" }

func langTag(lang string) language.Tag {
	if strings.EqualFold(lang, "de") {
		return language.German
	}
	return language.English
}

// CountryName is the name of a country in lang ("en" or "de"); the code where none is known.
func CountryName(code, lang string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.Regions(langTag(lang)).Name(r); n != "" {
		return n
	}
	return code
}

// Countries lists every country with its name in lang, in the order a reader of that language
// looks for it.
func Countries(lang string) []Country {
	codes := strings.Fields(countryCodes)
	out := make([]Country, len(codes))
	for i, c := range codes {
		out[i] = Country{Code: c, Name: CountryName(c, lang)}
	}
	col := collate.New(langTag(lang), collate.IgnoreCase, collate.IgnoreDiacritics)
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(out[i].Name, out[j].Name) < 0 })
	return out
}

// FindCountry reads a country as the owner typed or chose it: a code ("DE", "uk"), a name in
// English or German ("Germany", "deutschland") or a picker's label ("Germany (DE)").
func FindCountry(text string) (string, error) {
	t := strings.TrimSpace(text)
	if i := strings.LastIndex(t, "("); i >= 0 && strings.HasSuffix(t, ")") {
		t = t[i+1 : len(t)-1]
	}
	if len(t) == 2 || strings.EqualFold(t, "UK") || t == "" {
		return CheckCountry(t)
	}
	for _, lang := range Languages {
		for _, c := range Countries(lang) {
			if strings.EqualFold(c.Name, t) {
				return c.Code, nil
			}
		}
	}
	return "", Errorf(CodeInvalid, "%q is not a country Duebook knows; choose it from the list", strings.TrimSpace(text))
}
