package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// importService is what the import screen needs of the ledger.
type importService interface {
	Import(ctx context.Context, kind app.ImportKind, path string, opts app.ImportOptions, progress func(done, total int)) (app.ImportReport, error)
	PreviewColumns(kind app.ImportKind, path, encoding string) (app.ColumnPreview, error)
	RememberMapping(kind app.ImportKind, header []string, m map[string]app.Field) error
}

// Importer checks a file (a dry run that says what is wrong, row by row) and imports it in the
// background with a progress bar and a cancel button.
type Importer struct {
	win fyne.Window
	svc importService

	Kind       *widget.Select
	Path       *widget.Entry
	Order      *widget.Select
	Encoding   *widget.Select
	Century    *widget.Select
	Currency   *widget.Select // the currency of amounts the file does not say ("$" in a euro shop)
	SkipBad    *widget.Check
	Update     *widget.Check
	CheckBtn   *widget.Button
	ImportBtn  *widget.Button
	CancelBtn  *widget.Button
	Progress   *widget.ProgressBar
	Report     *widget.Label
	LastReport app.ImportReport
	ColumnsBtn *widget.Button
	Mapping    map[string]app.Field // the owner's choices of columns, by column name
	Columns    *ColumnsDialog       // the Columns dialog last opened
	cancel     context.CancelFunc
	content    fyne.CanvasObject
}

// NewImporter builds the import screen.
func NewImporter(win fyne.Window, svc importService) *Importer {
	m := &Importer{win: win, svc: svc}
	m.Kind = widget.NewSelect([]string{"invoices", "customers", "payments"}, nil)
	m.Kind.SetSelected("invoices")
	m.Path = widget.NewEntry()
	m.Path.SetPlaceHolder("CSV or XLSX file")
	browse := button(win, "Choose file…", func() {
		d := dialog.NewFileOpen(safe2(win, func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			m.Path.SetText(r.URI().Path())
			r.Close()
		}), win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".tsv", ".xlsx"}))
		d.Show()
	})
	m.Order = widget.NewSelect([]string{"decide from the file", "day/month/year", "month/day/year", "year-month-day"}, nil)
	m.Order.SetSelected("decide from the file")
	m.Encoding = widget.NewSelect(append([]string{"decide from the file"}, app.Encodings...), nil)
	m.Encoding.SetSelected("decide from the file")
	m.Century = widget.NewSelect(append([]string{centuryRefuse}, centuryChoices...), nil)
	m.Century.SetSelected(centuryRefuse)
	m.Currency = widget.NewSelect(importCurrencyChoices(), nil)
	m.Currency.SetSelected(shopCurrency)
	m.SkipBad = widget.NewCheck("Import the good rows even if some are wrong", nil)
	m.Update = widget.NewCheck("Apply the file's changes to stored invoices (amount, dates, customer)", nil)
	m.ColumnsBtn = button(win, "Columns…", m.chooseColumns)
	m.Kind.OnChanged = safeArg(win, func(string) { m.Mapping = nil })
	m.Path.OnChanged = safeArg(win, func(string) { m.Mapping = nil })
	m.CheckBtn = button(win, "Check the file", func() { m.run(true) })
	m.ImportBtn = button(win, "Import", func() { m.run(false) })
	m.ImportBtn.Importance = widget.HighImportance
	m.CancelBtn = button(win, "Cancel", func() {
		if m.cancel != nil {
			m.cancel()
		}
	})
	m.CancelBtn.Hide()
	m.Progress = widget.NewProgressBar()
	m.Progress.Hide()
	m.Report = widget.NewLabel("Choose what the file holds and the file. \"Check the file\" shows, row by row, what would be imported and what is wrong, without changing anything.")
	m.Report.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("The file holds", m.Kind),
		widget.NewFormItem("File", container.NewBorder(nil, nil, nil, container.NewHBox(browse, m.ColumnsBtn), m.Path)),
		widget.NewFormItem("Dates are written", m.Order),
		widget.NewFormItem("Two-digit years", m.Century),
		widget.NewFormItem("Encoding", m.Encoding),
		widget.NewFormItem("Currency if not said", m.Currency),
		widget.NewFormItem("", m.SkipBad),
		widget.NewFormItem("", m.Update),
	)
	m.content = container.NewBorder(container.NewVBox(heading("Import"), form,
		container.NewHBox(m.CheckBtn, m.ImportBtn, m.CancelBtn), m.Progress), nil, nil, nil, container.NewVScroll(m.Report))
	return m
}

// Content is the screen's canvas object.
func (m *Importer) Content() fyne.CanvasObject { return m.content }

// The two-digit-year choices: the first year of the hundred they are read in.
const centuryRefuse = "refuse them (write four digits)"

var centuryChoices = []string{"as 2000 to 2099", "as 1950 to 2049", "as 1930 to 2029", "as 1900 to 1999"}

// shopCurrency is the choice that leaves amounts without a currency in the shop's currency.
const shopCurrency = "the shop's currency"

// importCurrencyChoices puts the currencies most files are in first, then every other.
func importCurrencyChoices() []string {
	common := []string{"EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY"}
	out := append([]string{shopCurrency}, common...)
	for _, c := range app.CurrencyCodes() {
		if !slices.Contains(common, c) {
			out = append(out, c)
		}
	}
	return out
}

func (m *Importer) encoding() string {
	if m.Encoding.Selected == "decide from the file" {
		return ""
	}
	return m.Encoding.Selected
}

func (m *Importer) options(dry bool) app.ImportOptions {
	opts := app.ImportOptions{DryRun: dry, SkipInvalid: m.SkipBad.Checked, Mapping: m.Mapping, Update: m.Update.Checked, Encoding: m.encoding()}
	if m.Currency.Selected != shopCurrency {
		opts.DefaultCurrency = m.Currency.Selected
	}
	if from, ok := strings.CutPrefix(m.Century.Selected, "as "); ok {
		opts.Century, _ = app.ParseCentury(from[:4])
	}
	switch m.Order.Selected {
	case "day/month/year":
		opts.DateOrder = app.OrderDMY
	case "month/day/year":
		opts.DateOrder = app.OrderMDY
	case "year-month-day":
		opts.DateOrder = app.OrderYMD
	}
	return opts
}

// run checks or imports in the background; the window stays responsive and can cancel.
func (m *Importer) run(dry bool) {
	path := strings.TrimSpace(m.Path.Text)
	if path == "" {
		m.Report.SetText("Choose a file first.")
		return
	}
	kind, _ := app.ParseImportKind(m.Kind.Selected)
	opts := m.options(dry)
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.CheckBtn.Disable()
	m.ImportBtn.Disable()
	m.CancelBtn.Show()
	m.Progress.SetValue(0)
	m.Progress.Show()
	m.Report.SetText("Reading " + path + "…")
	inBackground(func() {
		var rep app.ImportReport
		err := protect(func() (err error) {
			rep, err = m.svc.Import(ctx, kind, path, opts, func(done, total int) {
				do(m.win, func() { m.Progress.SetValue(float64(done) / float64(max(1, total))) })
			})
			return err
		})
		do(m.win, func() {
			cancel()
			m.cancel = nil
			m.CheckBtn.Enable()
			m.ImportBtn.Enable()
			m.CancelBtn.Hide()
			m.Progress.Hide()
			m.LastReport = rep
			m.Report.SetText(reportText(rep, err))
			if me := (*app.MappingError)(nil); asMappingError(err, &me) {
				m.chooseColumns() // the owner finishes the mapping where it is asked for
			}
		})
	})
}

func reportText(rep app.ImportReport, err error) string {
	var b strings.Builder
	if rep.File != "" {
		b.WriteString(rep.Summary() + ".\n")
	}
	if err != nil {
		b.WriteString("\n" + app.Sentence(err) + "\n")
	}
	notes, conflicts, problems := rep.Lines()
	for _, n := range notes {
		b.WriteString("• " + n + "\n")
	}
	if len(conflicts) > 0 {
		b.WriteString(fmt.Sprintf("\nStored invoices the file says otherwise (%d), old → new:\n", rep.ConflictCount))
		for _, c := range conflicts {
			b.WriteString("• " + c + "\n")
		}
		if !rep.Applied {
			b.WriteString("Tick \"Apply the file's changes to stored invoices\" to apply them; each change goes on the customer's timeline.\n")
		}
	}
	if len(problems) > 0 {
		b.WriteString(fmt.Sprintf("\nWhat is wrong (%d):\n", rep.ProblemCount))
		for _, p := range problems {
			b.WriteString("• " + p + "\n")
		}
	}
	return b.String()
}
