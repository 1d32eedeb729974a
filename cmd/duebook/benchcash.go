package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"duebook/app"
	"duebook/app/cashflow"
	"duebook/data"
)

// benchCash times the 13-week cash-flow forecast, the reserve and the Dashboard's DSO and aging
// trends on a sample shop of n invoices with their payments (the shop benchShop wrote, when it
// is there) and a year of weekly bills.
func benchCash(w io.Writer, dir string, n int, today app.Date) error {
	st, err := openBenchShop(dir, n, today)
	if err != nil {
		return err
	}
	defer st.Close()
	clock := app.FixedClock(today.Time().Add(12 * time.Hour))
	st.SetClock(clock)
	ledger := services(st, clock).Ledger
	shop, _, err := ledger.ShopProfile()
	if err != nil {
		return err
	}
	if k, _ := ledger.CountPayables(); k == 0 {
		for i := 0; i < 52; i++ {
			if _, err := ledger.SavePayable(app.Payable{Supplier: "Supplier", Amount: 150000, Currency: shop.Currency, Due: today.AddDays(7*i - 14)}); err != nil {
				return err
			}
		}
	}
	var f cashflow.Forecast
	forecast, err := median(3, func() error { var err error; f, err = cashflow.Outlook(st, today, shop.Currency); return err })
	if err != nil {
		return err
	}
	reserve, err := median(3, func() error { _, err := cashflow.SuggestReserve(st, today, shop.Currency); return err })
	if err != nil {
		return err
	}
	trends, err := median(3, func() error { _, err := ledger.Trends(today); return err })
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "| %d | %s | %s | %d | %s |\n", n, ms(forecast), ms(reserve), f.ShortWeeks(), ms(trends))
	return nil
}

// openBenchShop opens the sample shop of n invoices the bench wrote into dir (benchShop's), or
// writes it first when it is not there.
func openBenchShop(dir string, n int, today app.Date) (*data.Store, error) {
	path := filepath.Join(dir, fmt.Sprintf("shop-%d.db", n))
	if _, err := os.Stat(path); err != nil {
		if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: n, Seed: 1, Today: today}, nil); err != nil {
			return nil, err
		}
	}
	return data.Open(path)
}
