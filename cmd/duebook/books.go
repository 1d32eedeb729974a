package main

import (
	"fmt"
	"io"
	"strings"

	"duebook/app"
)

func cmdWriteOff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("writeoff", "writeoff --db FILE --invoice N --reason TEXT", stderr)
	db := fs.String("db", "", "the database file")
	number := fs.String("invoice", "", "the invoice number")
	reason := fs.String("reason", "", "why it is written off (kept on the timeline)")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 || *number == "" {
			return usageErr(stderr, fs, "name the invoice")
		}
		ledger, st, err := openLedger(*db, app.Date{})
		if err != nil {
			return err
		}
		defer st.Close()
		r, err := ledger.WriteOff(*number, *reason)
		if err != nil {
			return err
		}
		c := app.MustCurrency(r.Currency)
		fmt.Fprintf(stdout, "Invoice %s written off: %s %s", r.Number, r.Currency, app.Decimal(r.Total(), c))
		if r.Charges > 0 {
			fmt.Fprintf(stdout, " (%s of it charges)", app.Decimal(r.Charges, c))
		}
		fmt.Fprintln(stdout, ".")
		return nil
	}()
	return finish(err, stderr)
}

// cmdBill keeps the shop's own bills: add, paid, list.
func cmdBill(args []string, stdout, stderr io.Writer) int {
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	fs := newFlags("bill "+sub, "bill add --db FILE --supplier NAME --amount AMOUNT --due YYYY-MM-DD [--currency CODE] [--note TEXT]\n"+
		"       duebook bill paid --db FILE --id N [--date YYYY-MM-DD]\n       duebook bill list --db FILE", stderr)
	db := fs.String("db", "", "the database file")
	supplier := fs.String("supplier", "", "who the bill is from")
	amount := fs.String("amount", "", "the amount, e.g. 1200.00")
	currency := fs.String("currency", "", "currency (default: the shop's)")
	due := fs.String("due", "", "the day it is due")
	note := fs.String("note", "", "a note")
	id := fs.Int64("id", 0, "the bill's number (from bill list)")
	date := fs.String("date", "", "the day it was paid (default: today)")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 || (sub != "add" && sub != "paid" && sub != "list") {
			return usageErr(stderr, fs, "say add, paid or list")
		}
		ledger, st, err := openLedger(*db, app.Date{})
		if err != nil {
			return err
		}
		defer st.Close()
		shop, _, err := ledger.ShopProfile()
		if err != nil {
			return err
		}
		switch sub {
		case "add":
			p, err := parseBill(shop, *supplier, *amount, *currency, *due, *note)
			if err != nil {
				return err
			}
			if p, err = ledger.SavePayable(p); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Bill %d from %s: %s %s due %s.\n", p.ID, p.Supplier, p.Currency, app.Decimal(p.Amount, app.MustCurrency(p.Currency)), p.Due)
		case "paid":
			d, err := dateFlag(*date)
			if err != nil {
				return err
			}
			p, err := ledger.MarkPayablePaid(*id, d)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Bill %d from %s paid on %s.\n", p.ID, p.Supplier, p.PaidOn)
		case "list":
			bills, err := ledger.Payables(0, 1000000)
			if err != nil {
				return err
			}
			for _, p := range bills {
				state := "open"
				if p.Paid() {
					state = "paid " + p.PaidOn.String()
				}
				fmt.Fprintf(stdout, "%5d  %-30s %s %14s  due %s  %s\n", p.ID, p.Supplier, p.Currency, app.Decimal(p.Amount, app.MustCurrency(p.Currency)), p.Due, state)
			}
		}
		return nil
	}()
	return finish(err, stderr)
}

func parseBill(shop app.Shop, supplier, amount, currency, due, note string) (app.Payable, error) {
	p := app.Payable{Supplier: supplier, Currency: currency, Note: note}
	if p.Currency == "" {
		p.Currency = shop.Currency
	}
	cur, err := app.LookupCurrency(p.Currency)
	if err != nil {
		return p, err
	}
	if p.Amount, err = app.ParseAmount(amount, cur, app.FormatDot); err != nil {
		return p, err
	}
	if p.Due, err = dateFlag(due); err != nil {
		return p, err
	}
	return p, nil
}

func cmdCash(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("cash", "cash --db FILE --opening AMOUNT [--currency CODE]", stderr)
	db := fs.String("db", "", "the database file")
	amount := fs.String("opening", "", "the cash the shop has now, e.g. 2500.00 (may be negative)")
	currency := fs.String("currency", "", "currency (default: the shop's)")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 || *amount == "" {
			return usageErr(stderr, fs, "give the cash at hand with --opening")
		}
		ledger, st, err := openLedger(*db, app.Date{})
		if err != nil {
			return err
		}
		defer st.Close()
		code := *currency
		if code == "" {
			shop, _, err := ledger.ShopProfile()
			if err != nil {
				return err
			}
			code = shop.Currency
		}
		cur, err := app.LookupCurrency(code)
		if err != nil {
			return err
		}
		text, neg := strings.TrimSpace(*amount), false
		if strings.HasPrefix(text, "-") {
			text, neg = text[1:], true
		}
		v, err := app.ParseAmount(text, cur, app.FormatDot)
		if err != nil {
			return err
		}
		if neg {
			v = -v
		}
		if err := ledger.SetCashOpening(app.Money{Amount: v, Currency: cur.Code}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Cash at hand: %s %s.\n", cur.Code, app.Decimal(v, cur))
		return nil
	}()
	return finish(err, stderr)
}

func cmdTerms(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("terms", "terms --db FILE (--customer C | --invoice N) [--net DAYS] [--discount PERCENT --within DAYS]", stderr)
	db := fs.String("db", "", "the database file")
	customer := fs.String("customer", "", "the customer's number or exact name (terms for new invoices)")
	number := fs.String("invoice", "", "an invoice number (terms printed on it)")
	net := fs.Int("net", 0, "days to pay from the issue date (0: none agreed)")
	discount := fs.String("discount", "", "early-payment discount in percent, e.g. 2")
	within := fs.Int("within", 0, "days from the issue date the discount holds")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 || (*customer == "") == (*number == "") {
			return usageErr(stderr, fs, "name a customer or an invoice")
		}
		bp, err := app.ParsePercent(*discount, app.FormatDot)
		if err != nil {
			return err
		}
		t := app.Terms{NetDays: *net, DiscountBP: bp, DiscountDays: *within}
		ledger, st, err := openLedger(*db, app.Date{})
		if err != nil {
			return err
		}
		defer st.Close()
		if *customer != "" {
			c, err := ledger.FindCustomer(*customer)
			if err != nil {
				return err
			}
			c.Terms = t
			if _, err := ledger.UpdateCustomer(c); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: %s.\n", c.Name, termsText(t))
			return nil
		}
		b, ok := ledger.Store.(app.BooksStore)
		if !ok {
			return app.Errorf(app.CodeInternal, "this book cannot keep terms")
		}
		inv, err := b.InvoiceByNumber(*number)
		if err != nil {
			return err
		}
		if inv, err = ledger.Invoice(inv.ID); err != nil {
			return err
		}
		inv.Terms = t
		if _, err := ledger.SaveInvoice(inv); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Invoice %s: %s.\n", inv.Number, termsText(t))
		return nil
	}()
	return finish(err, stderr)
}

func termsText(t app.Terms) string {
	if t.IsZero() {
		return "no terms"
	}
	return t.String()
}
