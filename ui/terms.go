package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// termsFields edit payment terms: days to pay and an early-payment discount, in the customer
// and invoice forms alike.
type termsFields struct {
	Net, Percent, Within *textEntry
	nf                   app.NumberFormat
}

func newTermsFields(t app.Terms, nf app.NumberFormat) *termsFields {
	days := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	pct := ""
	if t.DiscountBP > 0 {
		pct = app.FormatMinor(t.DiscountBP, app.Currency{Exponent: 2}, app.NumberFormat{Decimal: nf.Decimal})
	}
	return &termsFields{Net: newEntryWith(days(t.NetDays), "e.g. 30 (empty: none agreed)"), Percent: newEntryWith(pct, "e.g. 2 (empty: no discount)"),
		Within: newEntryWith(days(t.DiscountDays), "e.g. 10"), nf: nf}
}

func (f *termsFields) items(fs *fieldSet) []*widget.FormItem {
	return []*widget.FormItem{fs.item("Days to pay", f.Net), fs.item("Early-payment discount %", f.Percent), fs.item("Discount within days", f.Within)}
}

// read returns the terms typed; a mistake is marked at its field.
func (f *termsFields) read() (app.Terms, error) {
	var t app.Terms
	day := func(e *textEntry, what string) (int, error) {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, inField(e, app.Errorf(app.CodeInvalid, "%s must be a whole number of days", what))
		}
		return n, nil
	}
	var err error
	if t.NetDays, err = day(f.Net, "the days to pay"); err != nil {
		return t, err
	}
	if t.DiscountBP, err = app.ParsePercent(f.Percent.Text, f.nf); err != nil {
		return t, inField(f.Percent, err)
	}
	if t.DiscountDays, err = day(f.Within, "the days of the discount"); err != nil {
		return t, err
	}
	if err := t.Check(); err != nil {
		var field fyne.CanvasObject = f.Within
		if t.NetDays < 0 || t.NetDays > 3650 {
			field = f.Net
		} else if t.DiscountBP == 0 || t.DiscountBP >= 10000 {
			field = f.Percent
		}
		return t, inField(field, err)
	}
	return t, nil
}
