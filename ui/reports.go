package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/cashflow"
	"duebook/app/insight"
	"duebook/app/monthly"
)

// reportSource is what the reports read from the book: the customers' histories for the
// effectiveness report and the risk scores, and what the forecast and the reserve rest on.
type reportSource interface {
	insight.Source
	cashflow.Source
}

// reportsLedger is what the Reports screen needs of the ledger besides the reports.
type reportsLedger interface {
	Today() app.Date
	ListInvoices(f app.InvoiceFilter, offset, limit int) ([]app.InvoiceRow, error)
	Customer(id int64) (app.CustomerDetail, error)
	AgingReport(asOf app.Date) ([]app.Aging, error)
}

// DrillRow is one customer behind a bar.
type DrillRow struct {
	CustomerID int64
	Name       string
	Detail     string
}

// drillLimit is how many customers a drill-down lists: the biggest, where there are more.
const drillLimit = 200

// Reports shows what gets the shop paid, who is becoming a risk, the cash ahead and the reserve,
// each as a chart over a table. Each tab computes when first shown (again after Refresh), in the
// background with a progress bar and a cancel button.
type Reports struct {
	win      fyne.Window
	src      reportSource
	ins      *insight.Service
	ledger   reportsLedger
	nf       app.NumberFormat
	Dates    app.DateStyle
	Currency string // of the cash flow and the reserve
	curPicks []*widget.Select

	Tabs     *container.AppTabs
	Progress *widget.ProgressBarInfinite
	Cancel   *widget.Button
	Status   *widget.Label
	cancel   context.CancelFunc
	runs     int // how many runs were started; only the newest shows its outcome
	busy     *fyne.Container

	Effect  *EffectTab
	Risk    *RiskTab
	Cash    *CashTab
	Reserve *ReserveTab

	// Monthly makes the monthly report (nil where the window cannot print it); the dialog's
	// choices and the file last saved, for tests.
	Monthly       *widget.Button
	MonthlyMonth  *widget.Select
	MonthlyFormat *widget.RadioGroup
	MonthlySaved  fyne.URI

	// OpenCustomer shows a customer picked from a drill-down; OpenBills the Bills screen.
	OpenCustomer func(id int64)
	OpenBills    func()

	// Drill is what the last drill-down listed; DrillList shows it (for tests).
	Drill      []DrillRow
	DrillTitle string
	DrillList  *widget.List
	drillDlg   dialog.Dialog

	header  *fyne.Container
	content fyne.CanvasObject
}

// NewReports builds the Reports screen over the book's reports in the shop's currency.
func NewReports(win fyne.Window, src reportSource, ledger reportsLedger, clock app.Clock, nf app.NumberFormat, currency string) *Reports {
	r := &Reports{win: win, src: src, ins: insight.NewService(src, clock), ledger: ledger, nf: nf, Currency: currency}
	r.Progress = widget.NewProgressBarInfinite()
	r.Progress.Stop()
	r.Progress.Hide()
	r.Cancel = button(win, "Cancel", func() {
		if r.cancel != nil {
			r.cancel()
		}
	})
	r.Cancel.Hide()
	r.Status = widget.NewLabel("")
	r.Status.Wrapping = fyne.TextWrapWord
	r.Status.Hide()
	r.Effect, r.Risk, r.Cash, r.Reserve = newEffectTab(r), newRiskTab(r), newCashTab(r), newReserveTab(r)
	r.Tabs = container.NewAppTabs(
		container.NewTabItem("Effectiveness", r.Effect.content),
		container.NewTabItem("Risk", r.Risk.content),
		container.NewTabItem("Cash flow", r.Cash.content),
		container.NewTabItem("Reserve", r.Reserve.content),
	)
	r.Tabs.OnSelected = safeArg(win, func(*container.TabItem) { r.load() })
	r.busy = container.NewBorder(nil, nil, nil, r.Cancel, r.Progress)
	r.busy.Hide()
	r.header = container.NewHBox(heading("Reports"), layout.NewSpacer())
	r.content = container.NewBorder(container.NewVBox(r.header, r.busy, r.Status), nil, nil, nil, r.Tabs)
	return r
}

// OfferMonthly puts the monthly report's button beside the heading.
func (r *Reports) OfferMonthly(book monthly.Book, print MonthlyPrinter) {
	if book == nil || print == nil {
		return
	}
	r.header.Objects = append(r.header.Objects, r.monthlyButton(book, print))
	r.header.Refresh()
}

// currencyPick is a choice of the currency the cash flow and the reserve are shown in; every
// pick shows the same choice.
func (r *Reports) currencyPick() *widget.Select {
	p := widget.NewSelect([]string{r.Currency}, nil)
	p.SetSelected(r.Currency)
	p.OnChanged = safeArg(r.win, r.setCurrency)
	r.curPicks = append(r.curPicks, p)
	return p
}

// setCurrency shows the cash flow and the reserve in another currency.
func (r *Reports) setCurrency(c string) {
	if c == r.Currency || c == "" {
		return
	}
	r.Currency = c
	for _, p := range r.curPicks {
		if p.Selected != c {
			p.Selected = c
			p.Refresh()
		}
	}
	r.Cash.done, r.Reserve.done = false, false
	r.load()
}

// bookCurrencies are the currencies something is open in, with the one shown.
func (r *Reports) bookCurrencies(asOf app.Date) ([]string, error) {
	aging, err := r.ledger.AgingReport(asOf)
	if err != nil {
		return nil, err
	}
	out := []string{}
	seen := false
	for _, a := range aging {
		out = append(out, a.Currency)
		seen = seen || a.Currency == r.Currency
	}
	if !seen {
		out = append(out, r.Currency)
	}
	return out, nil
}

// setCurrencies offers the currencies found in the book.
func (r *Reports) setCurrencies(curs []string) {
	for _, p := range r.curPicks {
		p.Options = curs
		p.Refresh()
	}
}

// setStatus says what happened above the tabs; an empty status takes no room.
func (r *Reports) setStatus(text string) {
	r.Status.SetText(text)
	if text == "" {
		r.Status.Hide()
	} else {
		r.Status.Show()
	}
	if c, ok := r.content.(*fyne.Container); ok {
		c.Refresh()
	}
}

// Content is the screen's canvas object.
func (r *Reports) Content() fyne.CanvasObject { return r.content }

// reportTab is one tab: it knows whether its figures are loaded and how to load them.
type reportTab interface {
	loaded() bool
	compute(ctx context.Context) (show func(), err error)
}

func (r *Reports) tabs() []reportTab { return []reportTab{r.Effect, r.Risk, r.Cash, r.Reserve} }

// Refresh forgets what every tab showed and loads the one in view again.
func (r *Reports) Refresh() {
	r.Effect.rep, r.Risk.done, r.Cash.done, r.Reserve.done = nil, false, false, false
	r.load()
}

// load computes the tab in view when it is not loaded yet.
func (r *Reports) load() {
	if i := r.Tabs.SelectedIndex(); i >= 0 && !r.tabs()[i].loaded() {
		r.run(r.tabs()[i].compute)
	}
}

// run computes off the UI goroutine with the progress bar and Cancel shown, then shows the result
// (or why there is none) through fyne.Do. A newer run supersedes an older one: the older is
// cancelled and its outcome dropped.
func (r *Reports) run(work func(ctx context.Context) (func(), error)) {
	if r.cancel != nil {
		r.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.runs++
	run := r.runs
	r.busy.Show()
	r.Progress.Show()
	r.Progress.Start()
	r.Cancel.Show()
	r.setStatus("")
	inBackground(func() {
		var show func()
		err := protect(func() (err error) { show, err = work(ctx); return err })
		do(r.win, func() {
			defer cancel()
			if run != r.runs {
				return // a newer question is being answered
			}
			switch {
			case ctx.Err() != nil:
				r.setStatus("Stopped. Choose Reports on the left to compute again.")
			case err != nil:
				r.setStatus(app.Sentence(err))
			case show != nil:
				show()
			}
			r.cancel = nil
			r.Progress.Stop()
			r.Progress.Hide()
			r.Cancel.Hide()
			r.busy.Hide()
		})
	})
}

// showDrill lists the customers behind a bar; picking one opens the customer.
func (r *Reports) showDrill(title string, rows []DrillRow) {
	r.Drill, r.DrillTitle = rows, title
	if len(rows) == 0 {
		r.DrillList = nil
		dialog.ShowInformation(title, "No customer is behind this bar.", r.win)
		return
	}
	r.DrillList = widget.NewList(func() int { return len(r.Drill) },
		func() fyne.CanvasObject { return container.NewVBox(bold(""), cut("")) },
		safeRow(r.win, func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(r.Drill[i].Name)
			box.Objects[1].(*widget.Label).SetText(r.Drill[i].Detail)
		}))
	r.DrillList.OnSelected = safeArg(r.win, func(i widget.ListItemID) {
		if r.drillDlg != nil {
			r.drillDlg.Hide()
		}
		if r.OpenCustomer != nil && i < len(r.Drill) {
			r.OpenCustomer(r.Drill[i].CustomerID)
		}
	})
	note := wrapped(fmt.Sprintf("%s. Choose one to open it.", plural(len(rows), "customer", "customers")))
	if len(rows) == drillLimit {
		note.SetText(fmt.Sprintf("The %d biggest. Choose one to open it.", drillLimit))
	}
	body := container.NewBorder(note, nil, nil, nil, r.DrillList)
	r.drillDlg = dialog.NewCustom(title, "Close", body, r.win)
	r.drillDlg.Resize(fyne.NewSize(520, 480))
	r.drillDlg.Show()
}

// customerName is a customer's name for a drill-down, or their number when it cannot be read.
func (r *Reports) customerName(id int64) string {
	if d, err := r.ledger.Customer(id); err == nil {
		return d.Customer.Name
	}
	return fmt.Sprintf("customer %d", id)
}

// table is a report's rows under their headings, drawn as a virtualized table and exported as
// CSV alike.
type table struct {
	Headers []string
	Rows    [][]string
	View    *widget.Table
}

func newTable(headers []string, widths []float32) *table {
	t := &table{Headers: headers}
	t.View = widget.NewTable(func() (int, int) { return len(t.Rows) + 1, len(t.Headers) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle.Bold = true
				l.SetText(t.Headers[id.Col])
				return
			}
			l.TextStyle.Bold = false
			l.SetText(t.Rows[id.Row-1][id.Col])
		})
	for i, w := range widths {
		t.View.SetColumnWidth(i, w)
	}
	return t
}

// onRow calls fn with the index of a data row chosen in the table (the heading row aside), so
// the keyboard reaches what a tap on a bar shows.
func (t *table) onRow(win fyne.Window, fn func(row int)) {
	t.View.OnSelected = safeArg(win, func(id widget.TableCellID) {
		t.View.UnselectAll()
		if id.Row > 0 && id.Row <= len(t.Rows) {
			fn(id.Row - 1)
		}
	})
}

func (t *table) set(rows [][]string) {
	t.Rows = rows
	t.View.Refresh()
}

// CSV is the table as a CSV file: the headings, then the rows.
func (t *table) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(t.Headers)
	w.WriteAll(t.Rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

// exportButton saves the table as CSV where the owner chooses.
func (r *Reports) exportButton(name string, t *table) *widget.Button {
	return button(r.win, "Export CSV…", func() {
		askWhereToSave(r.win, app.SafeFileName(name)+".csv", func(target fyne.URI) { r.export(t, target) })
	})
}

// export writes the table to target; a failure leaves no empty file behind.
func (r *Reports) export(t *table, target fyne.URI) {
	if r.save(target, t.CSV()) {
		r.setStatus(fmt.Sprintf("Saved %s.", target.Name()))
	}
}

// save writes a file the owner chose, whole; a failure is said and leaves no empty file.
func (r *Reports) save(target fyne.URI, content []byte) bool {
	if err := saveFile(target, content); err != nil {
		removeIfEmpty(target)
		showError(err, r.win)
		return false
	}
	return true
}

// pctText writes a share as a percentage, "–" where nothing was observed.
func pctText(share float64, observed int) string {
	if observed == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", share*100)
}

// setNote writes a tab's note and lays the tab out again, so a note that wraps onto a second
// line pushes the chart down instead of running over it.
func setNote(l *widget.Label, content fyne.CanvasObject, text string) {
	l.SetText(text)
	if c, ok := content.(*fyne.Container); ok {
		c.Refresh()
	}
}
