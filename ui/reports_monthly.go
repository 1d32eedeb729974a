package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/monthly"
)

// MonthlyPrinter draws a monthly report as PDF (the letters package, wired by the command).
type MonthlyPrinter func(rep monthly.Report) ([]byte, error)

// monthlyFormats are the two forms of the monthly report.
var monthlyFormats = []string{"a PDF to read or print", "a CSV for a spreadsheet"}

// monthlyButton offers the monthly report when the book and the printer allow it.
func (r *Reports) monthlyButton(book monthly.Book, print MonthlyPrinter) *widget.Button {
	r.Monthly = button(r.win, "Monthly report…", func() { r.monthlyDialog(book, print) })
	return r.Monthly
}

// monthlyDialog asks which month and in which form, then makes the report in the background
// and asks where to save it.
func (r *Reports) monthlyDialog(book monthly.Book, print MonthlyPrinter) {
	today := r.ledger.Today()
	var months []string
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 12; i++ {
		months = append(months, first.AddDate(0, -i, 0).Format("2006-01"))
	}
	month := widget.NewSelect(months, nil)
	month.SetSelectedIndex(min(1, len(months)-1)) // the month just ended, most often
	format := widget.NewRadioGroup(monthlyFormats, nil)
	format.SetSelected(monthlyFormats[0])
	r.MonthlyMonth, r.MonthlyFormat = month, format
	fs := newFieldSet()
	items := []*widget.FormItem{
		widget.NewFormItem("", wrapped("Aging, DSO, what came in, which steps got paid, risk movers, the reserve and the cash ahead, as of the month's last day (today for this month).")),
		fs.item("Month", month), fs.item("As", format)}
	newFormDialog(r.win, "Monthly report", "Make the report…", fs, items, func() error {
		m, asPDF := month.Selected, format.Selected == monthlyFormats[0]
		r.run(func(ctx context.Context) (func(), error) {
			content, err := makeMonthly(ctx, book, print, m, today, asPDF)
			if err != nil {
				return nil, err
			}
			return func() { r.saveMonthly(m, asPDF, content) }, nil
		})
		return nil
	}).Show()
}

// makeMonthly gathers the report and draws it.
func makeMonthly(ctx context.Context, book monthly.Book, print MonthlyPrinter, month string, today app.Date, asPDF bool) ([]byte, error) {
	rep, err := monthly.Gather(ctx, book, month, today)
	if err != nil {
		return nil, err
	}
	if asPDF {
		return print(rep)
	}
	return monthly.CSV(rep)
}

// saveMonthly asks where to save a report made, then writes it whole.
func (r *Reports) saveMonthly(month string, asPDF bool, content []byte) {
	name := fmt.Sprintf("monthly report %s%s", month, map[bool]string{true: ".pdf", false: ".csv"}[asPDF])
	askWhereToSave(r.win, name, func(target fyne.URI) { r.writeMonthly(target, content) })
}

// writeMonthly writes the report to the file chosen.
func (r *Reports) writeMonthly(target fyne.URI, content []byte) {
	if r.save(target, content) {
		r.MonthlySaved = target
		r.setStatus("The monthly report is saved as " + target.Name() + ".")
	}
}
