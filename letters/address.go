package letters

import (
	"strings"

	"duebook/app"
)

// address is a postal address in its parts, in the order the destination country writes them.
// The window fitting joins parts when the envelope window has too few lines, so the parts are
// kept apart until the very end.
type address struct {
	name, contact string
	street        []string // address lines 1 and 2
	locality      []string // town, region, postcode: one or two lines in the country's order
	country       string   // the destination country in capitals; empty for mail at home
}

// lines are the address as printed, one line each, without empty lines.
func (a address) lines() []string {
	out := nonEmpty(a.name, a.contact)
	out = append(out, nonEmpty(a.street...)...)
	out = append(out, nonEmpty(a.locality...)...)
	return append(out, nonEmpty(a.country)...)
}

// AddressLines writes a customer's address the way the post of the customer's country reads it:
//
//   - US, Canada, Australia: "BOSTON MA 02108" (town in capitals, state, ZIP) on one line;
//   - United Kingdom and Ireland: the town in capitals on its own line, the postcode below it;
//   - Germany, Austria, Switzerland and the rest of Europe, and by default: "10115 Berlin".
//
// The country's name comes last, in capitals, when the letter leaves the shop's country; the
// town is then in capitals too, as the Universal Postal Union asks. lang chooses the language of
// the country name ("de": POLEN, otherwise POLAND). A customer without a country lives in the
// shop's country.
func AddressLines(c app.Customer, shopCountry, lang string) []string {
	return addressOf(c, shopCountry, lang).lines()
}

func addressOf(c app.Customer, shopCountry, lang string) address {
	home := countryCode(shopCountry)
	dest := countryCode(c.Country)
	if dest == "" {
		dest = home
	}
	abroad := dest != home
	city, region, postal := strings.TrimSpace(c.City), strings.TrimSpace(c.Region), strings.TrimSpace(c.PostalCode)
	a := address{name: strings.TrimSpace(c.Name), contact: strings.TrimSpace(c.Contact),
		street: nonEmpty(strings.TrimSpace(c.Address1), strings.TrimSpace(c.Address2))}
	if abroad {
		city = strings.ToUpper(city)
	}
	switch postalStyle(dest) {
	case styleTownStateZip:
		a.locality = []string{joinSpaced(strings.ToUpper(city), region, postal)}
	case styleTownThenPostcode:
		a.locality = nonEmpty(strings.ToUpper(city), strings.ToUpper(postal))
	case stylePostcodeTown:
		a.locality = []string{joinSpaced(postal, city)}
	default:
		a.locality = nonEmpty(joinSpaced(postal, city), region)
	}
	if abroad {
		a.country = countryName(dest, c.Country, lang)
	}
	return a
}

type style int

const (
	styleOther            style = iota // postcode and town, the region on a line of its own
	styleTownStateZip                  // BOSTON MA 02108
	styleTownThenPostcode              // LONDON / SW1A 1AA
	stylePostcodeTown                  // 10115 Berlin
)

func postalStyle(code string) style {
	switch code {
	case "US", "CA", "AU":
		return styleTownStateZip
	case "GB", "IE":
		return styleTownThenPostcode
	}
	if europe[code] {
		return stylePostcodeTown
	}
	return styleOther
}

// europe are the countries that write the postcode before the town and need no region.
var europe = map[string]bool{"AD": true, "AL": true, "AT": true, "BA": true, "BE": true, "BG": true, "CH": true, "CY": true,
	"CZ": true, "DE": true, "DK": true, "EE": true, "ES": true, "FI": true, "FR": true, "GR": true, "HR": true, "HU": true,
	"IS": true, "IT": true, "LI": true, "LT": true, "LU": true, "LV": true, "MC": true, "MD": true, "ME": true, "MK": true,
	"MT": true, "NL": true, "NO": true, "PL": true, "PT": true, "RO": true, "RS": true, "SE": true, "SI": true, "SK": true,
	"SM": true, "VA": true}

// countryCode reads an ISO alpha-2 code ("UK" counts as GB) or a country's name as the tables
// know it; anything else is kept as written, in capitals, so two spellings of an unknown
// country still compare equal.
func countryCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "UK" {
		return "GB"
	}
	if _, ok := countryNames[s]; ok || s == "" {
		return s
	}
	for code, names := range countryNames {
		for _, n := range names {
			if strings.ToUpper(n) == s {
				return code
			}
		}
	}
	return s
}

// countryName is the destination's name in capitals in the letter's language, or what the
// owner wrote when the tables do not know the country.
func countryName(code, written, lang string) string {
	names, ok := countryNames[code]
	if !ok {
		return strings.ToUpper(strings.TrimSpace(written))
	}
	if lang == "de" {
		return strings.ToUpper(names[1])
	}
	return strings.ToUpper(names[0])
}

// joinSpaced joins the non-empty parts with single spaces.
func joinSpaced(parts ...string) string { return strings.Join(nonEmpty(parts...), " ") }

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}
