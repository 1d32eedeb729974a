package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app/chart"
	"duebook/app/insight"
	"duebook/app/insightcharts"
)

// risersShown is how many risers the chart shows; the table lists every customer.
const risersShown = 10

// RiskTab shows each customer's risk with its reasons in words, and whose risk rose this month.
type RiskTab struct {
	r             *Reports
	Bands, Risers *ChartView
	Table         *table
	Note          *widget.Label
	Report        insight.RiskReport
	done          bool
	content       fyne.CanvasObject
}

func newRiskTab(r *Reports) *RiskTab {
	t := &RiskTab{r: r}
	t.Bands = NewChartView(chart.Chart{}, safe2(r.win, func(band, _ string) { t.drillBand(band) }))
	t.Risers = NewChartView(chart.Chart{}, safe2(r.win, func(id, _ string) { t.drillRiser(id) }))
	t.Table = newTable([]string{"Customer", "Score", "Risk", "Rose this month", "Reasons"}, []float32{200, 70, 80, 130, 600})
	// A row's reasons rarely fit their column: choosing the row shows them whole.
	t.Table.View.OnSelected = safeArg(r.win, func(id widget.TableCellID) {
		t.Table.View.UnselectAll()
		if id.Row > 0 && id.Row <= len(t.Report.Customers) {
			c := t.Report.Customers[id.Row-1]
			r.showDrill(c.Name, []DrillRow{{CustomerID: c.CustomerID, Name: c.Name, Detail: fmt.Sprintf("score %d: %s", c.Score, reasonsText(c.Reasons))}})
		}
	})
	t.Note = wrapped("")
	charts := container.NewGridWithColumns(2, t.Bands, t.Risers)
	t.content = container.NewBorder(container.NewVBox(container.NewHBox(r.exportButton("risk", t.Table)), t.Note), nil, nil, nil,
		container.NewVSplit(charts, t.Table.View))
	return t
}

func (t *RiskTab) loaded() bool { return t.done }

func (t *RiskTab) compute(ctx context.Context) (func(), error) {
	rep, err := t.r.ins.Risk(ctx)
	if err != nil {
		return nil, err
	}
	return func() { t.show(rep) }, nil
}

func (t *RiskTab) show(rep insight.RiskReport) {
	t.Report, t.done = rep, true
	t.Bands.SetChart(insightcharts.RiskBands(rep))
	t.Risers.SetChart(insightcharts.Risers(rep, risersShown))
	rose := map[int64]insight.Mover{}
	for _, m := range rep.Risers {
		rose[m.Now.CustomerID] = m
	}
	rows := make([][]string, 0, len(rep.Customers))
	for _, c := range rep.Customers {
		up := ""
		if m, ok := rose[c.CustomerID]; ok {
			up = fmt.Sprintf("from %d", m.Before.Score)
		}
		rows = append(rows, []string{c.Name, strconv.Itoa(c.Score), c.Band, up, reasonsText(c.Reasons)})
	}
	t.Table.set(rows)
	setNote(t.Note, t.content, fmt.Sprintf("%s became riskier since %s while no debt of theirs is 60 days overdue yet. The score adds the points of each reason (see the table); tap a bar for the customers behind it.",
		plural(len(rep.Risers), "customer", "customers"), t.r.Dates.Format(rep.MonthStart)))
}

// reasonsText is a score's reasons in words with their points: "broke a promise (+15); ...".
func reasonsText(rs []insight.Reason) string {
	if len(rs) == 0 {
		return "pays on time"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s (%+d)", r.Text, r.Points)
	}
	return strings.Join(parts, "; ")
}

// drillBand lists the customers of a band, highest score first.
func (t *RiskTab) drillBand(band string) {
	var rows []DrillRow
	for _, c := range t.Report.Customers {
		if c.Band == band && len(rows) < drillLimit {
			rows = append(rows, DrillRow{CustomerID: c.CustomerID, Name: c.Name, Detail: fmt.Sprintf("score %d: %s", c.Score, reasonsText(c.Reasons))})
		}
	}
	t.r.showDrill("Customers at "+band+" risk", rows)
}

// drillRiser lists the one customer behind a riser's bars, with why the score rose.
func (t *RiskTab) drillRiser(id string) {
	var rows []DrillRow
	for _, m := range t.Report.Risers {
		if strconv.FormatInt(m.Now.CustomerID, 10) == id {
			rows = append(rows, DrillRow{CustomerID: m.Now.CustomerID, Name: m.Now.Name,
				Detail: fmt.Sprintf("score %d, was %d: %s", m.Now.Score, m.Before.Score, reasonsText(m.Now.Reasons))})
		}
	}
	t.r.showDrill("Risk rose this month", rows)
}
