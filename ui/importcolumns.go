package ui

import (
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// ColumnsDialog lets the owner say what each column of a file holds: every column with a few of
// its values, the fields in the owner's words, what is still needed. It scrolls and fits the
// window; the choice is kept in the book for files with the same columns.
type ColumnsDialog struct {
	Selects map[string]*widget.Select // by column name
	Needed  *widget.Label             // what the import still needs, or that nothing is missing
	Scroll  *container.Scroll
	dlg     *dialog.ConfirmDialog
	kind    app.ImportKind
	header  []string
	words   map[string]app.Field // the choices in the owner's words
}

// Confirm uses the columns as chosen, as the dialog's button does.
func (d *ColumnsDialog) Confirm() {
	d.dlg.Confirm()
}

// chosen is the mapping as the selects say it.
func (d *ColumnsDialog) chosen() map[string]app.Field {
	m := map[string]app.Field{}
	for _, col := range d.header {
		if s := d.Selects[col]; s != nil {
			m[col] = d.words[s.Selected]
		}
	}
	return m
}

// refresh says what the import still needs with the columns as chosen.
func (d *ColumnsDialog) refresh() {
	_, _, err := app.BuildMapping(d.kind, d.header, d.chosen())
	if me := (*app.MappingError)(nil); asMappingError(err, &me) {
		var w []string
		for _, f := range me.Missing {
			w = append(w, app.FieldWords(f))
		}
		d.Needed.SetText("Still needed: " + strings.Join(w, ", ") + ". Choose the column that holds it.")
		d.Needed.Importance = widget.DangerImportance
	} else {
		d.Needed.SetText("Every field an import needs has a column.")
		d.Needed.Importance = widget.SuccessImportance
	}
	d.Needed.Refresh()
}

// fieldChoices are the fields of a kind of file in the owner's words, "Not used" first.
func fieldChoices(kind app.ImportKind) ([]string, map[string]app.Field) {
	words := map[string]app.Field{app.FieldWords(app.FieldIgnore): app.FieldIgnore}
	var opts []string
	for _, f := range app.Fields(kind) {
		w := app.FieldWords(f)
		words[w] = f
		opts = append(opts, w)
	}
	sort.Strings(opts)
	return append([]string{app.FieldWords(app.FieldIgnore)}, opts...), words
}

// chooseColumns opens the Columns dialog for the file chosen.
func (m *Importer) chooseColumns() {
	path := strings.TrimSpace(m.Path.Text)
	if path == "" {
		m.Report.SetText("Choose a file first.")
		return
	}
	kind, _ := app.ParseImportKind(m.Kind.Selected)
	pv, err := m.svc.PreviewColumns(kind, path, m.encoding())
	if err != nil {
		m.Report.SetText(app.Sentence(err))
		return
	}
	opts, words := fieldChoices(kind)
	d := &ColumnsDialog{Selects: map[string]*widget.Select{}, Needed: widget.NewLabel(""), kind: kind, header: pv.Header, words: words}
	d.Needed.Wrapping = fyne.TextWrapWord
	rows := container.NewVBox()
	for i, col := range pv.Header {
		if col == "" {
			continue // a column without a name (QuickBooks' grouping column) holds nothing of its own
		}
		sel := widget.NewSelect(opts, safeArg(m.win, func(string) { d.refresh() }))
		f := pv.Fields[col]
		if m.Mapping != nil {
			f = m.Mapping[col]
		}
		if f == "" {
			f = app.FieldIgnore
		}
		sel.Selected = app.FieldWords(f)
		d.Selects[col] = sel
		name := widget.NewLabelWithStyle(col, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		sample := widget.NewLabel(sampleText(pv.Samples[i]))
		sample.Truncation = fyne.TextTruncateEllipsis
		sample.Importance = widget.LowImportance
		rows.Add(container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(240, sel.MinSize().Height), sel),
			container.NewVBox(name, sample)))
		rows.Add(widget.NewSeparator())
	}
	intro := widget.NewLabel("Each column of the file is listed with a few of its values. Choose what it holds; \"Not used\" leaves it out. Your choice is kept for files with the same columns.")
	intro.Wrapping = fyne.TextWrapWord
	if pv.Saved && m.Mapping == nil {
		intro.SetText(intro.Text + " The choices shown are the ones you made before.")
	}
	d.Scroll = container.NewVScroll(rows)
	content := container.NewBorder(container.NewVBox(intro, d.Needed), nil, nil, nil, d.Scroll)
	d.dlg = dialog.NewCustomConfirm("Which column holds what", "Use these columns", "Cancel", content, safeArg(m.win, func(ok bool) {
		if ok {
			m.useColumns(d)
		}
	}), m.win)
	d.refresh()
	m.Columns = d
	d.dlg.Resize(columnsDialogSize(m.win, fyne.NewSize(760, 620)))
	d.dlg.Show()
}

// useColumns takes the owner's choice and keeps it for next time.
func (m *Importer) useColumns(d *ColumnsDialog) {
	m.Mapping = d.chosen()
	msg := "Columns chosen; they are kept for files with the same columns. \"Check the file\" shows what they give."
	if err := m.svc.RememberMapping(d.kind, d.header, m.Mapping); err != nil {
		msg = "Columns chosen. " + app.Sentence(err)
	}
	m.Report.SetText(msg)
}

// sampleText shows a few values of a column, or says it is empty.
func sampleText(values []string) string {
	if len(values) == 0 {
		return "(empty in the first rows)"
	}
	return "e.g. " + strings.Join(values, " · ")
}

// columnsDialogSize is a dialog size no larger than the window, with a margin around it.
func columnsDialogSize(w fyne.Window, want fyne.Size) fyne.Size {
	have := w.Canvas().Size()
	if have.Width <= 0 || have.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, have.Width-2*dialogMargin), min(want.Height, have.Height-2*dialogMargin))
}

// dialogMargin is the margin kept between a dialog and the window's edges.
const dialogMargin = 40

func asMappingError(err error, target **app.MappingError) bool { return errors.As(err, target) }
