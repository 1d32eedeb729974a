package monthly

import (
	"fmt"
	"strings"

	"duebook/app/chart"
	"duebook/app/insightcharts"
)

// EffectWindow is the "paid within" window the report's effectiveness chart shows; the table
// beside it has all three.
const EffectWindow = 30

// chartWords put the window's chart words into the report's language; a word not listed stays
// as the window has it.
var chartWords = map[string]map[string]string{
	"de": {
		"Open at each month's end, by age":                                                             "Offen an jedem Monatsende, nach Alter",
		"Each bar: what customers owed at the month's end, split by how far past due it was.":          "Jeder Balken: was Kunden am Monatsende schuldeten, nach Tagen über Fälligkeit.",
		"Days sales outstanding":                                                                       "Tage bis zur Zahlung (DSO)",
		"Open at the month's end divided by what was invoiced in the last 3 months, times their days.": "Offen am Monatsende geteilt durch den Umsatz der letzten 3 Monate, mal deren Tage.",
		"Paid within 30 days, by stage":                                                                "Binnen 30 Tagen bezahlt, nach Stufe",
		"paid within 30 days":                                                                          "binnen 30 Tagen bezahlt",
		insightcharts.Control:                                                                          "noch nicht angeschrieben",
		"Share of contacts whose invoices were all paid in full within the days; grey: invoices of the same age not contacted yet.": "Anteil der Kontakte, deren Rechnungen binnen der Tage ganz bezahlt wurden; grau: gleich alte Rechnungen ohne Kontakt.",
		"Cash flow, next 13 weeks": "Liquidität der nächsten 13 Wochen",
		"Bars: expected in (above) and bills due (below) each week; line: cash at the week's end; marked weeks run short.": "Balken: erwartete Eingänge (oben) und fällige Rechnungen (unten) je Woche; Linie: Bestand am Wochenende; markierte Wochen reichen nicht.",
		"from invoices": "aus Rechnungen", "from installments": "aus Raten", "from promises": "aus Zusagen",
		"bills due": "fällige Rechnungen", "balance": "Bestand", "days": "Tage",
		"not due": "nicht fällig", "over 90": "über 90",
	},
}

// monthNames are the short month names of the charts' date labels ("Oct 26", "2 Jan") per
// language.
var monthNames = map[string]map[string]string{
	"de": {"Jan": "Jan", "Feb": "Feb", "Mar": "Mär", "Apr": "Apr", "May": "Mai", "Jun": "Jun", "Jul": "Jul",
		"Aug": "Aug", "Sep": "Sep", "Oct": "Okt", "Nov": "Nov", "Dec": "Dez"},
}

// dateLabel writes a chart's date label in the report's language: "Oct 26" → "Okt 26", and a
// week's "2 Jan" → "2. Jan"; any other label is left as it is.
func dateLabel(label string, months map[string]string) string {
	f := strings.Fields(label)
	if len(f) != 2 {
		return label
	}
	if m, ok := months[f[0]]; ok {
		return m + " " + f[1]
	}
	if m, ok := months[f[1]]; ok && strings.Trim(f[0], "0123456789") == "" {
		return f[0] + ". " + m
	}
	return label
}

// localize puts a chart's title, note, unit and series names into lang.
func localize(c chart.Chart, lang string) chart.Chart {
	w, ok := chartWords[strings.ToLower(lang)]
	if !ok {
		return c
	}
	tr := func(s string) string {
		if t, ok := w[s]; ok {
			return t
		}
		return s
	}
	c.Title, c.Note, c.Unit = tr(c.Title), tr(c.Note), tr(c.Unit)
	if months := monthNames[strings.ToLower(lang)]; months != nil {
		c.Categories = append([]string(nil), c.Categories...)
		for i, cat := range c.Categories {
			c.Categories[i] = dateLabel(cat, months)
		}
	}
	c.Series = append([]chart.Series(nil), c.Series...)
	for i := range c.Series {
		c.Series[i].Name = tr(c.Series[i].Name)
	}
	if c.Overlay != nil {
		o := *c.Overlay
		o.Name = tr(o.Name)
		c.Overlay = &o
	}
	return c
}

// AgingChart stacks the shop currency's aging at each month end, as the Dashboard shows it.
func AgingChart(r Report) chart.Chart {
	c := insightcharts.AgingTrend(TrendIn(r.Trend, r.Shop.Currency))
	return localize(c, r.Shop.Language)
}

// DSOChart is the shop currency's DSO at each month end, as the Dashboard shows it.
func DSOChart(r Report) chart.Chart {
	return localize(insightcharts.DSOTrend(TrendIn(r.Trend, r.Shop.Currency)), r.Shop.Language)
}

// EffectChart is the Reports window's chart of the stages, paid within EffectWindow days beside
// invoices not contacted yet; a report without stages gives a chart with no categories.
func EffectChart(r Report) chart.Chart {
	c, err := insightcharts.Effectiveness(r.Effect, "stage", EffectWindow)
	if err != nil {
		c = chart.Chart{Title: fmt.Sprintf("Paid within %d days, by stage", EffectWindow), Kind: chart.Bars, Unit: "%"}
	}
	return localize(c, r.Shop.Language)
}

// CashChart is the Reports window's cash-flow chart: receipts and bills each week, the balance
// over them, and the weeks where cash runs short marked.
func CashChart(r Report) chart.Chart {
	return localize(insightcharts.Cashflow(r.Cash), r.Shop.Language)
}

// Charts are the report's charts in the order the report shows them.
func Charts(r Report) []chart.Chart {
	return []chart.Chart{AgingChart(r), DSOChart(r), EffectChart(r), CashChart(r)}
}
