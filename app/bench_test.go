package app

import "testing"

func BenchmarkParseAmount(b *testing.B) {
	eur := MustCurrency("EUR")
	for i := 0; i < b.N; i++ {
		if _, err := ParseAmount("1.234.567,89", eur, FormatComma); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAllocate(b *testing.B) {
	open := make([]OpenItem, 50)
	for i := range open {
		open[i] = OpenItem{InvoiceID: int64(i), Number: string(rune('A' + i%26)), DueDate: MustDate("2026-01-01").AddDays(-i), Open: 1000}
	}
	for i := 0; i < b.N; i++ {
		if _, _, err := Allocate(25000, open, nil); err != nil {
			b.Fatal(err)
		}
	}
}
