package app

import "testing"

// Two invoices on "2 % within 10 days": A of 1,000.00 issued 11-01 (discount 20.00, until
// 11-11), B of 333.33 issued 11-05 (discount 6.67 from 6.6666, until 11-15); a fee of 5.00 on A.
func discountItems() []OpenItem {
	t := Terms{NetDays: 30, DiscountBP: 200, DiscountDays: 10}
	return []OpenItem{
		{InvoiceID: 1, Number: "A", IssueDate: MustDate("2026-11-01"), DueDate: MustDate("2026-12-01"), Open: 100000, Amount: 100000, Terms: t},
		{InvoiceID: 2, Number: "B", IssueDate: MustDate("2026-11-05"), DueDate: MustDate("2026-12-05"), Open: 33333, Amount: 33333, Terms: t},
	}
}

func TestAllocateWithDiscount(t *testing.T) {
	type alloc struct{ inv, amount, discount int64 }
	for _, tc := range []struct {
		name   string
		amount int64
		on     string
		named  []string
		items  func([]OpenItem) []OpenItem
		want   []alloc
		credit int64
	}{
		{"A exactly", 98000, "2026-11-11", nil, nil, []alloc{{1, 98000, 2000}}, 0},
		{"B exactly, not the oldest", 32666, "2026-11-10", nil, nil, []alloc{{2, 32666, 667}}, 0},
		{"both", 98000 + 32666, "2026-11-10", nil, nil, []alloc{{1, 98000, 2000}, {2, 32666, 667}}, 0},
		{"A a day late: a part payment", 98000, "2026-11-12", nil, nil, []alloc{{1, 98000, 0}}, 0},
		{"A a cent short", 97999, "2026-11-10", nil, nil, []alloc{{1, 97999, 0}}, 0},
		{"B named", 32666, "2026-11-10", []string{"B"}, nil, []alloc{{2, 32666, 667}}, 0},
		{"named but the sum differs", 32667, "2026-11-10", []string{"B"}, nil, []alloc{{2, 32667, 0}}, 0},
		{"A already part paid: no discount", 97000, "2026-11-10", []string{"A"},
			func(o []OpenItem) []OpenItem { o[0].Open = 97000; return o }, []alloc{{1, 97000, 0}}, 0},
		{"a fee on A is never discounted", 98000, "2026-11-10", nil,
			func(o []OpenItem) []OpenItem {
				return append(o, OpenItem{InvoiceID: 1, Number: "A", ChargeID: 9, ChargeKind: ChargeFee, Open: 500, DueDate: MustDate("2026-12-01")})
			}, []alloc{{1, 98000, 2000}}, 0},
		{"more than both: no discount, credit kept", 140000, "2026-11-10", nil, nil, []alloc{{1, 100000, 0}, {2, 33333, 0}}, 6667},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := discountItems()
			if tc.items != nil {
				items = tc.items(items)
			}
			got, credit, err := AllocateWithDiscount(tc.amount, items, tc.named, OrderPrincipalFirst, MustDate(tc.on))
			if err != nil {
				t.Fatal(err)
			}
			var principal []alloc
			for _, a := range got {
				if a.ChargeID == 0 {
					principal = append(principal, alloc{a.InvoiceID, a.Amount, a.Discount})
				}
			}
			if len(principal) != len(tc.want) || credit != tc.credit {
				t.Fatalf("%+v credit %d, want %+v credit %d", got, credit, tc.want, tc.credit)
			}
			for i := range tc.want {
				if principal[i] != tc.want[i] {
					t.Fatalf("%+v, want %+v", principal, tc.want)
				}
			}
		})
	}
}

func TestTermsCheckAndWords(t *testing.T) {
	if err := (Terms{NetDays: 30, DiscountBP: 200, DiscountDays: 10}).Check(); err != nil {
		t.Fatal(err)
	}
	if s := (Terms{NetDays: 30, DiscountBP: 250, DiscountDays: 10}).String(); s != "net 30 days, 2.5 % within 10 days" {
		t.Fatalf("%q", s)
	}
	for _, s := range []string{"2", "2 %", "2.00%"} {
		if bp, err := ParsePercent(s, FormatDot); err != nil || bp != 200 {
			t.Fatalf("%q: %d %v", s, bp, err)
		}
	}
	if _, err := ParsePercent("100", FormatDot); err == nil {
		t.Fatal("100 % accepted")
	}
}
