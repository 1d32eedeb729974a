package ui

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/chart"
	"duebook/app/insight"
	"duebook/app/insightcharts"
)

// Choices of the effectiveness tab, in the owner's words, with what they mean.
var (
	effectPeriods = []string{"Last 12 months", "Last 3 months", "This year", "Everything"}
	effectKinds   = []string{"All customers", "Businesses", "Consumers"}
	effectGroups  = []string{"By ladder step", "By template", "By tone", "By channel"}
	effectDims    = map[string]string{"By ladder step": "stage", "By template": "template", "By tone": "tone", "By channel": "channel"}
	effectWindows = []string{"Paid within 7 days", "Paid within 14 days", "Paid within 30 days"}
)

// EffectTab shows which steps of the ladder get the shop paid.
type EffectTab struct {
	r                           *Reports
	Period, Kind, Group, Window *widget.Select
	Chart                       *ChartView
	Table                       *table
	Note                        *widget.Label
	rep                         *insight.Effectiveness
	filter                      insight.Filter
	content                     fyne.CanvasObject
}

func newEffectTab(r *Reports) *EffectTab {
	t := &EffectTab{r: r}
	reload := func(string) {
		if t.rep != nil {
			t.rep = nil
			r.load()
		}
	}
	redraw := func(string) { t.draw() }
	t.Period = widget.NewSelect(effectPeriods, safeArg(r.win, reload))
	t.Period.SetSelectedIndex(0)
	t.Kind = widget.NewSelect(effectKinds, safeArg(r.win, reload))
	t.Kind.SetSelectedIndex(0)
	t.Group = widget.NewSelect(effectGroups, safeArg(r.win, redraw))
	t.Group.SetSelectedIndex(0)
	t.Window = widget.NewSelect(effectWindows, safeArg(r.win, redraw))
	t.Window.SetSelectedIndex(1)
	t.Chart = NewChartView(chart.Chart{}, safe2(r.win, func(key, _ string) { t.drill(key) }))
	t.Table = newTable([]string{"Step", "Contacts", "Paid within 7 days", "Within 14", "Within 30", "Not contacted, 30 days", "Median days to pay", "Recovered"},
		[]float32{170, 80, 130, 90, 90, 160, 140, 200})
	t.Note = wrapped("")
	filters := container.NewGridWithColumns(5, t.Period, t.Kind, t.Group, t.Window, r.exportButton("effectiveness", t.Table))
	t.content = container.NewBorder(container.NewVBox(filters, t.Note), nil, nil, nil,
		container.NewVSplit(t.Chart, t.Table.View))
	return t
}

func (t *EffectTab) loaded() bool { return t.rep != nil }

// Filter is what the period and kind chosen mean on the day.
func (t *EffectTab) Filter(today app.Date) insight.Filter {
	var f insight.Filter
	switch t.Period.Selected {
	case effectPeriods[0]:
		f.From, f.To = today.AddDays(-364), today
	case effectPeriods[1]:
		f.From, f.To = today.AddDays(-90), today
	case effectPeriods[2]:
		f.From, f.To = app.DateOf(time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC), time.UTC), today
	case effectPeriods[3]:
		f.From, f.To = app.MustDate("1900-01-01"), today
	}
	switch t.Kind.Selected {
	case effectKinds[1]:
		f.Kind = app.Business
	case effectKinds[2]:
		f.Kind = app.Consumer
	}
	return f
}

func (t *EffectTab) compute(ctx context.Context) (func(), error) {
	f := t.Filter(t.r.ins.Today())
	rep, err := t.r.ins.Effectiveness(ctx, f)
	if err != nil {
		return nil, err
	}
	return func() {
		t.rep, t.filter = &rep, f
		t.draw()
	}, nil
}

func (t *EffectTab) dimension() string { return effectDims[t.Group.Selected] }

func (t *EffectTab) window() int { return insight.Windows[max(0, t.Window.SelectedIndex())] }

// draw shows the chart and table of the grouping chosen.
func (t *EffectTab) draw() {
	if t.rep == nil {
		return
	}
	c, err := insightcharts.Effectiveness(*t.rep, t.dimension(), t.window())
	if err != nil {
		t.r.Status.SetText(app.Sentence(err))
		return
	}
	t.Chart.SetChart(c)
	var rows [][]string
	for _, d := range t.rep.Dimensions {
		if d.Name != t.dimension() {
			continue
		}
		for _, row := range append(d.Rows, t.rep.Total) {
			rows = append(rows, t.row(row))
		}
		rows[len(rows)-1][0] = "All steps"
	}
	t.Table.set(rows)
	setNote(t.Note, t.content, fmt.Sprintf("%d contacts from %s to %s. A payment counts for the last contact before it. Tap a bar for the customers behind it.",
		t.rep.Total.Actions, t.r.Dates.Format(t.filter.From), t.r.Dates.Format(t.filter.To)))
}

func (t *EffectTab) row(r insight.Row) []string {
	median := "–"
	if r.PaidAll > 0 {
		median = strconv.FormatFloat(r.MedianDays, 'f', -1, 64)
	}
	w := r.Windows
	ctl := "–"
	if w[2].Matched > 0 {
		ctl = pctText(w[2].Control, 1)
	}
	return []string{r.Key, strconv.Itoa(r.Actions), pctText(w[0].Share, w[0].Observed), pctText(w[1].Share, w[1].Observed),
		pctText(w[2].Share, w[2].Observed), ctl, median, moneyList(r.Recovered, t.r.nf)}
}

// drill lists the customers behind a step.
func (t *EffectTab) drill(key string) {
	f, dim := t.filter, t.dimension()
	t.r.run(func(ctx context.Context) (func(), error) {
		behind, err := t.r.ins.Behind(ctx, f, dim, key)
		if err != nil {
			return nil, err
		}
		var rows []DrillRow
		for _, b := range behind {
			if len(rows) == drillLimit {
				break
			}
			rows = append(rows, DrillRow{CustomerID: b.CustomerID, Name: b.Name,
				Detail: fmt.Sprintf("%s, %d paid in full, recovered %s", plural(b.Actions, "contact", "contacts"), b.PaidAll, moneyList(b.Recovered, t.r.nf))})
		}
		return func() { t.r.showDrill("Contacted at "+key, rows) }, nil
	})
}
