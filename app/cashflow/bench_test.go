package cashflow

import "testing"

// BenchmarkCompute1M is the in-memory part of the forecast at the size of a 1M-invoice book:
// 120,000 open invoices of 85,000 customers, each with a year of paid invoices.
func BenchmarkCompute1M(b *testing.B) {
	in := Inputs{AsOf: d("2026-11-22"), Currency: "EUR", DaysLate: map[int64][]int{}}
	for i := 0; i < 120000; i++ {
		in.Invoices = append(in.Invoices, Receivable{CustomerID: int64(i % 85000), Due: in.AsOf.AddDays(i%120 - 60), Open: 10000})
	}
	for c := int64(0); c < 85000; c++ {
		in.DaysLate[c] = []int{int(c % 7), int(c % 13), int(c%5) - 2}
	}
	for i := 0; i < 500; i++ {
		in.Promises = append(in.Promises, Expected{CustomerID: int64(i * 17), On: in.AsOf.AddDays(i % 20), Amount: 5000})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compute(in)
	}
}
