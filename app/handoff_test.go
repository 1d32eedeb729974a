package app

import "testing"

// The claim sums the open invoices and the open charges as a letter does, and the itemization
// splits it at the itemization date: interest and fees charged after it, payments received after
// it, lead from the amount then to the amount now.
func TestClaimAndItemization(t *testing.T) {
	d := MustDate
	in := LetterInput{
		Invoices: []Invoice{
			{Number: "A", Currency: "EUR", Amount: 10000, Paid: 2500, IssueDate: d("2026-01-10"), DueDate: d("2026-01-24")},
			{Number: "B", Currency: "EUR", Amount: 5000, IssueDate: d("2026-03-01"), DueDate: d("2026-03-15")},
		},
		Charges: []Charge{
			{Kind: ChargeInterest, Currency: "EUR", Amount: 300, CreatedOn: d("2026-02-01")},
			{Kind: ChargeInterest, Currency: "EUR", Amount: 450, Paid: 50, CreatedOn: d("2026-06-01")},
			{Kind: ChargeFee, Currency: "EUR", Amount: 1000, CreatedOn: d("2026-06-01")},
		},
	}
	pays := []Payment{
		{ReceivedOn: d("2026-04-02"), Currency: "EUR", Amount: 2500},
		{ReceivedOn: d("2026-07-01"), Currency: "EUR", Amount: 50, Method: MethodCreditNote},
	}
	cl := claimOf(in, pays, nil)
	if cl.Principal != 15000 || cl.Interest != 750 || cl.Fees != 1000 || cl.Payments != 2550 || cl.Balance != 14200 ||
		cl.LastPayment != d("2026-07-01") || cl.FirstDelinquency != d("2026-01-25") || cl.Itemization != d("2026-07-01") {
		t.Fatalf("claim: %+v", cl)
	}
	// Itemized from an earlier day, the charges and payments after it are shown as "since".
	cl.Itemization = d("2026-04-02")
	it := itemize(cl, pays)
	want := Itemization{Date: d("2026-04-02"), Currency: "EUR", Interest: 450, Fees: 1000, Credits: 50, Now: 14200, Then: 14200 - 450 - 1000 + 50}
	if it != want {
		t.Fatalf("itemization %+v, want %+v", it, want)
	}
}
