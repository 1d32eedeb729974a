package letters

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"duebook/app"
)

func sampleLetters(n int) []app.LetterInput {
	tpl, _ := app.ParseTemplate("Subject: Reminder: invoice {invoices}\n\nDear {customer},\n\nplease pay {total} by {pay_by}.\n\nKind regards,\n{shop}")
	shop := app.Shop{Name: "Corner Workshop", Address1: "Marktplatz 1", PostalCode: "10115", City: "Berlin", Country: "DE", Currency: "EUR", Language: "en",
		IBAN: "DE89 3704 0044 0532 0130 00", BIC: "COBADEFFXXX", Bank: "Commerzbank", PaymentLink: "https://pay.example/i"}
	out := make([]app.LetterInput, n)
	for i := range out {
		out[i] = app.LetterInput{Key: app.TemplateKey{Kind: app.KindReminder1, Tone: app.ToneStandard, Lang: "en"}, Template: tpl, Shop: shop,
			Customer: app.Customer{ID: int64(i), Name: fmt.Sprintf("Zoë Ñúñez %d", i), Address1: "Calle Mayor 5", PostalCode: fmt.Sprintf("%05d", 28000+i%900), City: "Madrid", Country: "ES"},
			Date:     app.MustDate("2026-11-22"), PayBy: app.MustDate("2026-12-02"), Profile: app.ProfileEU,
			Invoices: []app.Invoice{{Number: fmt.Sprintf("INV-%06d", i), IssueDate: app.MustDate("2026-10-01"), DueDate: app.MustDate("2026-10-15"), Currency: "EUR", Amount: int64(1000 + i)}}}
	}
	return out
}

// BenchmarkPrintRun1000 prints 1,000 one-page letters, each as its own PDF (spread over the
// cores), then joins the stored bytes into the printer's file.
func BenchmarkPrintRun1000(b *testing.B) {
	ins := sampleLetters(1000)
	r := Renderer{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		batch, err := r.Batch(context.Background(), ins, ins[0].Date, runtime.NumCPU())
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := JoinPDFs(batch.Each, "Letters", time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "letters/s")
}
