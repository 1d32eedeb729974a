package monthly

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"duebook/app"
)

// CSVHeader names the columns of the report's CSV: one figure a row. Amounts are exact decimals
// with a point ("1234.56"), shares are percentages with up to two decimals, keys are English
// and stable whatever the shop's language, so a spreadsheet can look them up month after month.
var CSVHeader = []string{"section", "key", "currency", "value"}

type csvOut struct{ rows [][]string }

func (o *csvOut) add(section, key, cur, value string) {
	o.rows = append(o.rows, []string{section, key, cur, value})
}

func (o *csvOut) money(section, key string, m int64, cur string) {
	c, err := app.LookupCurrency(cur)
	if err != nil {
		c = app.Currency{Code: cur, Exponent: 2}
	}
	o.add(section, key, cur, app.Decimal(m, c))
}

// text keeps a name a spreadsheet would run as a formula ("=cmd|...") as plain text.
func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func share(x float64) string {
	return strconv.FormatFloat(float64(int64(x*10000+0.5))/100, 'f', -1, 64)
}

// CSV writes the report as rows of section, key, currency and value.
func CSV(r Report) ([]byte, error) {
	o := &csvOut{}
	o.add("report", "shop", "", text(r.Shop.Name))
	o.add("report", "month", "", r.Month)
	o.add("report", "as_of", "", r.AsOf.String())
	for _, a := range r.Aging {
		for _, b := range a.Buckets {
			o.money("aging", b.Name, b.Amount, a.Currency)
			o.add("aging_invoices", b.Name, a.Currency, strconv.FormatInt(b.Count, 10))
		}
		o.money("aging", "total", a.Total, a.Currency)
	}
	for _, t := range r.Trend {
		for _, m := range t.Months {
			for _, b := range m.Aging.Buckets {
				o.money("aging_trend", m.Month+" "+b.Name, b.Amount, t.Currency)
			}
			if m.Sales > 0 {
				o.add("dso", m.Month, t.Currency, strconv.Itoa(m.DSO))
			}
		}
	}
	for _, c := range r.Collected {
		o.money("collected", string(c.Method), c.Amount, c.Currency)
		o.add("collected_payments", string(c.Method), c.Currency, strconv.Itoa(c.Payments))
	}
	for _, m := range r.CollectedTotal() {
		o.money("collected", "total", m.Amount, m.Currency)
	}
	for _, row := range r.Stages() {
		k := row.Key + " "
		o.add("effectiveness", k+"actions", "", strconv.Itoa(row.Actions))
		for _, w := range row.Windows {
			if w.Observed > 0 {
				o.add("effectiveness", fmt.Sprintf("%spaid_within_%d_days_percent", k, w.Days), "", share(w.Share))
			}
		}
		if row.PaidAll > 0 {
			o.add("effectiveness", k+"median_days", "", strconv.FormatFloat(row.MedianDays, 'f', -1, 64))
		}
		for _, m := range row.Recovered {
			o.money("effectiveness", k+"recovered", m.Amount, m.Currency)
		}
	}
	for _, m := range r.Risers {
		o.add("risk_movers", text(m.Now.Name)+" score_on_the_1st", "", strconv.Itoa(m.Before.Score))
		o.add("risk_movers", text(m.Now.Name)+" score", "", strconv.Itoa(m.Now.Score))
		for _, rs := range m.Now.Reasons {
			o.add("risk_movers", text(m.Now.Name)+" reason", "", text(fmt.Sprintf("%s (%+d)", rs.Text, rs.Points)))
		}
	}
	for _, b := range r.Reserve.Buckets {
		o.money("reserve", b.Name+" open", b.Open, r.Reserve.Currency)
		o.add("reserve", b.Name+" rate_percent", "", app.Decimal(b.Rate, app.Currency{Exponent: 2}))
		o.money("reserve", b.Name+" reserve", b.Reserve, r.Reserve.Currency)
	}
	o.money("reserve", "total", r.Reserve.Total, r.Reserve.Currency)
	o.money("cashflow", "opening", r.Cash.Opening, r.Cash.Currency)
	for _, wk := range r.Cash.Weeks {
		k := wk.Start.String() + " "
		o.money("cashflow", k+"expected_receipts", wk.Receipts, r.Cash.Currency)
		o.money("cashflow", k+"bills_due", wk.Bills, r.Cash.Currency)
		o.money("cashflow", k+"balance", wk.Balance, r.Cash.Currency)
		o.add("cashflow", k+"short", "", strconv.FormatBool(wk.Short))
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(CSVHeader); err != nil {
		return nil, err
	}
	if err := w.WriteAll(o.rows); err != nil {
		return nil, app.Wrap(app.CodeInternal, err, "the CSV could not be written (%v)", err)
	}
	return buf.Bytes(), nil
}
