package app

import (
	"sort"
	"strings"
)

// commonCurrencies come first in a picker, the most used by small shops first.
var commonCurrencies = []string{"EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
	"RON", "BGN", "ISK", "TRY", "JPY", "CNY", "INR", "SGD", "HKD", "ZAR", "MXN", "BRL"}

// currencyNames are the names of the currencies a picker names, in English and German.
var currencyNames = map[string][2]string{
	"EUR": {"Euro", "Euro"}, "USD": {"US dollar", "US-Dollar"}, "GBP": {"Pound sterling", "Britisches Pfund"},
	"CHF": {"Swiss franc", "Schweizer Franken"}, "CAD": {"Canadian dollar", "Kanadischer Dollar"},
	"AUD": {"Australian dollar", "Australischer Dollar"}, "NZD": {"New Zealand dollar", "Neuseeland-Dollar"},
	"SEK": {"Swedish krona", "Schwedische Krone"}, "NOK": {"Norwegian krone", "Norwegische Krone"},
	"DKK": {"Danish krone", "Dänische Krone"}, "PLN": {"Polish złoty", "Polnischer Złoty"},
	"CZK": {"Czech koruna", "Tschechische Krone"}, "HUF": {"Hungarian forint", "Ungarischer Forint"},
	"RON": {"Romanian leu", "Rumänischer Leu"}, "BGN": {"Bulgarian lev", "Bulgarischer Lew"},
	"ISK": {"Icelandic króna", "Isländische Krone"}, "TRY": {"Turkish lira", "Türkische Lira"},
	"JPY": {"Japanese yen", "Japanischer Yen"}, "CNY": {"Chinese yuan", "Chinesischer Yuan"},
	"INR": {"Indian rupee", "Indische Rupie"}, "SGD": {"Singapore dollar", "Singapur-Dollar"},
	"HKD": {"Hong Kong dollar", "Hongkong-Dollar"}, "ZAR": {"South African rand", "Südafrikanischer Rand"},
	"MXN": {"Mexican peso", "Mexikanischer Peso"}, "BRL": {"Brazilian real", "Brasilianischer Real"},
	"RSD": {"Serbian dinar", "Serbischer Dinar"}, "UAH": {"Ukrainian hryvnia", "Ukrainische Hrywnja"},
	"ILS": {"Israeli new shekel", "Israelischer Schekel"}, "AED": {"UAE dirham", "VAE-Dirham"},
	"SAR": {"Saudi riyal", "Saudi-Rial"}, "KRW": {"South Korean won", "Südkoreanischer Won"},
	"TWD": {"New Taiwan dollar", "Neuer Taiwan-Dollar"}, "THB": {"Thai baht", "Thailändischer Baht"},
	"MYR": {"Malaysian ringgit", "Malaysischer Ringgit"}, "IDR": {"Indonesian rupiah", "Indonesische Rupiah"},
	"PHP": {"Philippine peso", "Philippinischer Peso"}, "ARS": {"Argentine peso", "Argentinischer Peso"},
	"CLP": {"Chilean peso", "Chilenischer Peso"}, "COP": {"Colombian peso", "Kolumbianischer Peso"},
	"EGP": {"Egyptian pound", "Ägyptisches Pfund"}, "MAD": {"Moroccan dirham", "Marokkanischer Dirham"},
	"NGN": {"Nigerian naira", "Nigerianischer Naira"}, "KES": {"Kenyan shilling", "Kenia-Schilling"},
	"BAM": {"Bosnia convertible mark", "Konvertible Mark"}, "MKD": {"Macedonian denar", "Mazedonischer Denar"},
	"ALL": {"Albanian lek", "Albanischer Lek"}, "GEL": {"Georgian lari", "Georgischer Lari"},
	"MDL": {"Moldovan leu", "Moldauischer Leu"}, "RUB": {"Russian rouble", "Russischer Rubel"},
}

// CurrencyChoice is a currency as a picker lists it.
type CurrencyChoice struct{ Code, Name string }

// Label is how a picker shows a currency: "EUR – Euro", or the code alone.
func (c CurrencyChoice) Label() string {
	if c.Name == "" {
		return c.Code
	}
	return c.Code + " – " + c.Name
}

func currencyName(code, lang string) string {
	n, ok := currencyNames[code]
	if !ok {
		return ""
	}
	if strings.EqualFold(lang, "de") {
		return n[1]
	}
	return n[0]
}

// Currencies lists every currency with its name in lang where Duebook has one: the common ones
// first, then the others by code.
func Currencies(lang string) []CurrencyChoice {
	out := make([]CurrencyChoice, 0, len(currencies))
	seen := map[string]bool{}
	for _, c := range commonCurrencies {
		out = append(out, CurrencyChoice{Code: c, Name: currencyName(c, lang)})
		seen[c] = true
	}
	var rest []string
	for c := range currencies {
		if !seen[c] {
			rest = append(rest, c)
		}
	}
	sort.Strings(rest)
	for _, c := range rest {
		out = append(out, CurrencyChoice{Code: c, Name: currencyName(c, lang)})
	}
	return out
}

// FindCurrency reads a currency as the owner typed or chose it: a code, a picker's label
// ("EUR – Euro") or a name in English or German.
func FindCurrency(text string) (Currency, error) {
	t := strings.TrimSpace(text)
	if code, _, ok := strings.Cut(t, " – "); ok {
		t = code
	}
	if c, err := LookupCurrency(t); err == nil {
		return c, nil
	}
	for code, names := range currencyNames {
		if strings.EqualFold(names[0], t) || strings.EqualFold(names[1], t) {
			return MustCurrency(code), nil
		}
	}
	return LookupCurrency(t)
}
