package letters

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"duebook/app"
	"duebook/app/cashflow"
	"duebook/app/insight"
	"duebook/app/monthly"
)

func germanReport() monthly.Report {
	a := app.NewAging("EUR")
	a.Buckets[2].Amount, a.Buckets[2].Count, a.Total = 123456, 2, 123456
	return monthly.Report{
		Shop:  app.Shop{Name: "Fahrräder Łukasz", Currency: "EUR", Language: "de", Country: "DE"},
		Month: "2026-10", First: app.MustDate("2026-10-01"), AsOf: app.MustDate("2026-10-31"),
		Aging: []app.Aging{a},
		Trend: []app.Trend{{Currency: "EUR", Months: []app.MonthFigures{
			{Month: "2026-10", End: app.MustDate("2026-10-31"), Aging: a, Sales: 1000, SalesDays: 92, DSO: 47}}}},
		Collected: []monthly.Collected{{Currency: "EUR", Method: app.MethodBank, Payments: 3, Amount: 98765},
			{Currency: "EUR", Method: app.MethodCreditNote, Payments: 1, Amount: 1000}},
		Risers: []insight.Mover{{Before: insight.Risk{Score: 10}, Now: insight.Risk{Name: "Anna Weber", Score: 40,
			Reasons: []insight.Reason{{Points: 30, Text: "hat ein Versprechen gebrochen"}}}}},
		Reserve: cashflow.Reserve{Currency: "EUR", Buckets: []cashflow.BucketReserve{{Name: "31-60", Open: 123456, Rate: 354, Reserve: 4370, Default: true}}, Total: 4370},
		Cash: cashflow.Forecast{Currency: "EUR", Opening: 50000, Weeks: []cashflow.Week{
			{Start: app.MustDate("2026-10-31"), End: app.MustDate("2026-11-06"), Receipts: 1000, Bills: 90000, Balance: -39000, Short: true}}},
	}
}

// TestMonthlyReportInGerman reads the German report back: its words, the German number format,
// the collected total without the credit note, the riser with the reason, and a stable file.
func TestMonthlyReportInGerman(t *testing.T) {
	r := germanReport()
	at := time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC)
	pdf, err := MonthlyPDF(r, at)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, s := range []string{"Monatsbericht 2026-10 · Fahrräder Łukasz", "Stand 2026-10-31", "Offene Forderungen am Monatsende",
		"EUR 1.234,56", "DSO 2026-10-31: EUR 47 Tage", "Überweisung", "Gutschrift", "EUR 987,65", "Gutschriften bringen kein Geld",
		"Anna Weber · Am 1. 10 · Jetzt 40", "+30 hat ein Versprechen gebrochen", "3,54 %", "EUR 43,70", "Standardwert",
		"Kassenbestand EUR 500,00.", "EUR -390,00", "knapp", "In 1 der 13 Wochen reicht das Geld nicht",
		"Offen an jedem Monatsende, nach Alter", "Liquidität der nächsten 13 Wochen", "aus Rechnungen", "Keine Kontakte in diesen 12 Monaten."} {
		if !strings.Contains(text, s) {
			t.Errorf("the report lacks %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "997,65") {
		t.Error("the credit note is counted as money in")
	}
	if again, _ := MonthlyPDF(r, at); !bytes.Equal(pdf, again) {
		t.Error("the same report gives different bytes")
	}
}
