package ui

import (
	"context"
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/cashflow"
	"duebook/app/chart"
	"duebook/app/insightcharts"
)

// CashTab shows the cash expected week by week for 13 weeks against the shop's bills.
type CashTab struct {
	r        *Reports
	Chart    *ChartView
	Table    *table
	Note     *widget.Label
	Bills    *widget.Button
	Forecast cashflow.Forecast
	inputs   cashflow.Inputs
	done     bool
	content  fyne.CanvasObject
}

func newCashTab(r *Reports) *CashTab {
	t := &CashTab{r: r}
	t.Chart = NewChartView(chart.Chart{}, safe2(r.win, func(key, _ string) { t.drill(key) }))
	t.Table = newTable([]string{"Week of", "Expected in", "From invoices", "From installments", "From promises", "Bills due", "Cash at the end", "Runs short"},
		[]float32{110, 130, 130, 140, 130, 130, 140, 100})
	t.Note = wrapped("")
	t.Bills = button(r.win, "Bills…", func() {
		if r.OpenBills != nil {
			r.OpenBills()
		}
	})
	t.content = container.NewBorder(container.NewVBox(container.NewHBox(r.exportButton("cash flow", t.Table), t.Bills), t.Note), nil, nil, nil,
		container.NewVSplit(t.Chart, t.Table.View))
	return t
}

func (t *CashTab) loaded() bool { return t.done }

func (t *CashTab) compute(ctx context.Context) (func(), error) {
	in, err := t.r.src.ForecastInputs(t.r.ledger.Today(), t.r.Currency)
	if err != nil {
		return nil, err
	}
	f := cashflow.Compute(in)
	return func() { t.show(in, f) }, nil
}

func (t *CashTab) money(v int64) string {
	return money(app.Money{Amount: v, Currency: t.Forecast.Currency}, t.r.nf)
}

func (t *CashTab) show(in cashflow.Inputs, f cashflow.Forecast) {
	t.inputs, t.Forecast, t.done = in, f, true
	t.Chart.SetChart(insightcharts.Cashflow(f))
	rows := make([][]string, 0, len(f.Weeks))
	for _, w := range f.Weeks {
		short := ""
		if w.Short {
			short = "short"
		}
		rows = append(rows, []string{t.r.Dates.Format(w.Start), t.money(w.Receipts), t.money(w.Invoices), t.money(w.Installments),
			t.money(w.Promises), t.money(w.Bills), t.money(w.Balance), short})
	}
	t.Table.set(rows)
	note := fmt.Sprintf("From %s at hand: open invoices on their due date plus the customer's usual delay, plan installments and promises on their days, against the unpaid bills kept under Bills.",
		t.money(f.Opening))
	if n := f.ShortWeeks(); n > 0 {
		note += fmt.Sprintf(" Cash runs short in %s (marked).", plural(n, "week", "weeks"))
	}
	setNote(t.Note, t.content, note)
}

// drill lists the customers expected to pay in the week tapped, biggest first.
func (t *CashTab) drill(key string) {
	k := -1
	for i, w := range t.Forecast.Weeks {
		if w.Start.String() == key {
			k = i
		}
	}
	if k < 0 {
		return
	}
	in, start := t.inputs, t.Forecast.Weeks[k].Start
	t.r.run(func(context.Context) (func(), error) {
		by := cashflow.WeekCustomers(in, k)
		ids := make([]int64, 0, len(by))
		for id := range by {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return by[ids[i]] > by[ids[j]] || by[ids[i]] == by[ids[j]] && ids[i] < ids[j] })
		var rows []DrillRow
		for _, id := range ids[:min(len(ids), drillLimit)] {
			rows = append(rows, DrillRow{CustomerID: id, Name: t.r.customerName(id), Detail: "expected " + t.money(by[id])})
		}
		return func() { t.r.showDrill("Expected in the week of "+t.r.Dates.Format(start), rows) }, nil
	})
}

// ReserveTab shows the suggested bad-debt reserve per aging bucket and the rule behind it.
type ReserveTab struct {
	r       *Reports
	Chart   *ChartView
	Table   *table
	Note    *widget.Label
	Reserve cashflow.Reserve
	done    bool
	content fyne.CanvasObject
}

func newReserveTab(r *Reports) *ReserveTab {
	t := &ReserveTab{r: r}
	t.Chart = NewChartView(chart.Chart{}, safe2(r.win, func(key, _ string) { t.drill(key) }))
	t.Table = newTable([]string{"Age", "Open now", "Loss rate", "Reserve", "Rate from"}, []float32{110, 150, 100, 150, 320})
	t.Note = wrapped(fmt.Sprintf("The rule: for each age, the share of what the shop's finished invoices still owed on reaching that age that was "+
		"finally written off; with fewer than %d such invoices a common default rate holds. The reserve is what is open at that age now times the rate.",
		cashflow.MinHistory))
	t.content = container.NewBorder(container.NewVBox(container.NewHBox(r.exportButton("reserve", t.Table)), t.Note), nil, nil, nil,
		container.NewVSplit(t.Chart, t.Table.View))
	return t
}

func (t *ReserveTab) loaded() bool { return t.done }

func (t *ReserveTab) compute(context.Context) (func(), error) {
	res, err := cashflow.SuggestReserve(t.r.src, t.r.ledger.Today(), t.r.Currency)
	if err != nil {
		return nil, err
	}
	return func() { t.show(res) }, nil
}

func (t *ReserveTab) show(res cashflow.Reserve) {
	t.Reserve, t.done = res, true
	t.Chart.SetChart(insightcharts.Reserve(res))
	m := func(v int64) string { return money(app.Money{Amount: v, Currency: res.Currency}, t.r.nf) }
	var rows [][]string
	var open int64
	for _, b := range res.Buckets {
		from := fmt.Sprintf("the shop's history of %s", plural(b.Invoices, "invoice", "invoices"))
		if b.Default {
			from = "default: too little history"
		}
		rows = append(rows, []string{b.Name, m(b.Open), fmt.Sprintf("%d.%02d %%", b.Rate/100, b.Rate%100), m(b.Reserve), from})
		open += b.Open
	}
	rows = append(rows, []string{"Total", m(open), "", m(res.Total), ""})
	t.Table.set(rows)
}

// drill lists the customers with invoices open in the bucket tapped, by invoice.
func (t *ReserveTab) drill(bucket string) {
	i := -1
	for k, b := range app.AgingBuckets {
		if b.Name == bucket {
			i = k
		}
	}
	if i < 0 {
		return
	}
	asOf := t.Reserve.AsOf
	from, to := app.BucketDueRange(i, asOf)
	cur := t.Reserve.Currency
	t.r.run(func(context.Context) (func(), error) {
		var rows []DrillRow
		for off := 0; len(rows) < drillLimit; off += drillLimit {
			page, err := t.r.ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOpen, AsOf: asOf, DueFrom: from, DueTo: to}, off, drillLimit)
			if err != nil {
				return nil, err
			}
			for _, inv := range page {
				if inv.Currency == cur && len(rows) < drillLimit {
					rows = append(rows, DrillRow{CustomerID: inv.CustomerID, Name: inv.CustomerName,
						Detail: fmt.Sprintf("invoice %s, %s open, due %s", inv.Number, money(app.Money{Amount: inv.Open(), Currency: cur}, t.r.nf), t.r.Dates.Format(inv.DueDate))})
				}
			}
			if len(page) < drillLimit {
				break
			}
		}
		return func() { t.r.showDrill("Open "+bucketWords(i), rows) }, nil
	})
}

// bucketWords names an aging bucket in a sentence.
func bucketWords(i int) string {
	if i == 0 {
		return "and not due yet"
	}
	return app.AgingBuckets[i].Name + " days past due"
}
