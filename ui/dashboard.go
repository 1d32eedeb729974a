package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/insightcharts"
)

// dashboardService is what the dashboard needs of the ledger.
type dashboardService interface {
	Dashboard(asOf app.Date) (app.Dashboard, error)
	Trends(asOf app.Date) ([]app.Trend, error)
}

// Dashboard shows what is owed, how old it is, and who owes most.
type Dashboard struct {
	win     fyne.Window
	svc     dashboardService
	nf      app.NumberFormat
	Dates   app.DateStyle // how dates are written in the shop's country
	content *fyne.Container
	body    *fyne.Container
	scroll  *container.Scroll

	Data   app.Dashboard // what is shown, for tests
	Trends []app.Trend
	// TrendCharts are the DSO and aging trend charts shown, two per currency.
	TrendCharts []*ChartView
	Loaded      func(what string) // hears when the figures are shown
}

// NewDashboard builds the dashboard screen.
func NewDashboard(win fyne.Window, svc dashboardService, nf app.NumberFormat) *Dashboard {
	d := &Dashboard{win: win, svc: svc, nf: nf}
	d.body = container.NewVBox(widget.NewLabel("Loading…"))
	d.scroll = container.NewVScroll(d.body)
	d.content = container.NewBorder(heading("Dashboard"), nil, nil, nil, d.scroll)
	return d
}

// Content is the dashboard's canvas object.
func (d *Dashboard) Content() fyne.CanvasObject { return d.content }

// Refresh reloads the figures in the background and shows them when ready.
func (d *Dashboard) Refresh() {
	inBackground(func() {
		var data app.Dashboard
		var trends []app.Trend
		err := protect(func() (err error) {
			if data, err = d.svc.Dashboard(app.Date{}); err != nil {
				return err
			}
			trends, err = d.svc.Trends(data.AsOf)
			return err
		})
		do(d.win, func() {
			if d.Loaded != nil {
				defer d.Loaded("Dashboard")
			}
			if err != nil {
				d.body.Objects = []fyne.CanvasObject{widget.NewLabel(app.Sentence(err))}
				d.body.Refresh()
				return
			}
			d.Data, d.Trends = data, trends
			d.show(data)
		})
	})
}

func (d *Dashboard) show(data app.Dashboard) {
	var objs []fyne.CanvasObject
	d.TrendCharts = nil
	if len(data.Aging) == 0 {
		objs = append(objs, widget.NewLabel(fmt.Sprintf("Nothing is owed to the shop as of %s. Add invoices or import them to begin.", d.Dates.Format(data.AsOf))))
	}
	for _, a := range data.Aging {
		cur := app.MustCurrency(a.Currency)
		owed := widget.NewCard("Owed to the shop", fmt.Sprintf("%s, as of %s", a.Currency, d.Dates.Format(data.AsOf)),
			bigText(app.FormatMoney(app.Money{Amount: a.Total, Currency: a.Currency}, d.nf)))
		overdue := widget.NewCard("Overdue", "past the due date",
			bigText(app.FormatMoney(app.Money{Amount: a.Overdue(), Currency: a.Currency}, d.nf)))
		dso := widget.NewCard("Days to get paid", fmt.Sprintf("DSO over the last %d days", app.DSOPeriod),
			bigText(fmt.Sprintf("%d days", data.DSO[a.Currency])))
		objs = append(objs, container.NewGridWithColumns(3, owed, overdue, dso),
			widget.NewCard("Age of what is owed", a.Currency, agingChart(a, cur, d.nf)))
		if tr := d.trendCard(a.Currency); tr != nil {
			objs = append(objs, tr)
		}
	}
	objs = append(objs, widget.NewCard("Who owes the most", "", d.debtors(data.TopDebtors)))
	d.body.Objects = objs
	d.body.Refresh()
	d.scroll.ScrollToTop()
}

// trendCard shows DSO and the aging month by month for the last twelve months of a currency.
func (d *Dashboard) trendCard(currency string) fyne.CanvasObject {
	for _, t := range d.Trends {
		if t.Currency != currency {
			continue
		}
		dso := NewChartView(insightcharts.DSOTrend(t), nil)
		aging := NewChartView(insightcharts.AgingTrend(t), nil)
		d.TrendCharts = append(d.TrendCharts, dso, aging)
		return widget.NewCard("Month by month", currency+", the last twelve month ends", container.NewGridWithColumns(2, dso, aging))
	}
	return nil
}

func bigText(s string) fyne.CanvasObject {
	t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
	t.TextSize = 26
	t.TextStyle.Bold = true
	return t
}

// agingChart draws the five buckets as bars scaled to the largest, with amount and count.
func agingChart(a app.Aging, cur app.Currency, nf app.NumberFormat) fyne.CanvasObject {
	const maxHeight = 160
	var top int64 = 1
	for _, b := range a.Buckets {
		top = max(top, b.Amount)
	}
	colors := []color.Color{
		color.NRGBA{0x4c, 0xaf, 0x50, 0xff}, color.NRGBA{0xcd, 0xdc, 0x39, 0xff}, color.NRGBA{0xff, 0xc1, 0x07, 0xff},
		color.NRGBA{0xff, 0x98, 0x00, 0xff}, color.NRGBA{0xe5, 0x39, 0x35, 0xff},
	}
	cols := make([]fyne.CanvasObject, len(a.Buckets))
	for i, b := range a.Buckets {
		h := float32(b.Amount) / float32(top) * maxHeight
		bar := canvas.NewRectangle(colors[i])
		bar.CornerRadius = 4
		bar.SetMinSize(fyne.NewSize(48, max(h, 2)))
		name := b.Name
		if i > 0 {
			name += " days"
		}
		about := widget.NewLabelWithStyle(name+"\n"+plural(int(b.Count), "invoice", "invoices"), fyne.TextAlignCenter, fyne.TextStyle{})
		about.Wrapping = fyne.TextWrapWord
		cols[i] = container.NewVBox(
			container.NewGridWrap(fyne.NewSize(1, maxHeight-h)), // spacer: bars stand on one line
			container.NewCenter(bar),
			widget.NewLabelWithStyle(app.FormatMinor(b.Amount, cur, nf), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
			about,
		)
	}
	return container.NewGridWithColumns(len(cols), cols...)
}

func (d *Dashboard) debtors(list []app.Debtor) fyne.CanvasObject {
	if len(list) == 0 {
		return widget.NewLabel("Nobody owes the shop anything.")
	}
	rows := []fyne.CanvasObject{container.NewGridWithColumns(3, bold("Customer"), bold("Owes"), bold("Of it overdue"))}
	for _, deb := range list {
		rows = append(rows, container.NewGridWithColumns(3,
			cut(deb.Name),
			cut(money(deb.Money, d.nf)),
			cut(money(app.Money{Amount: deb.Overdue, Currency: deb.Currency}, d.nf))))
	}
	return container.NewVBox(append(rows, layout.NewSpacer())...)
}
