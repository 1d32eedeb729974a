package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// invoiceService is what the invoices screen needs of the ledger.
type invoiceService interface {
	ListInvoices(f app.InvoiceFilter, offset, limit int) ([]app.InvoiceRow, error)
	CountInvoices(f app.InvoiceFilter) (int, error)
	Invoice(id int64) (app.Invoice, error)
	SaveInvoice(inv app.Invoice) (app.Invoice, error)
	WriteOff(number, reason string) (app.WriteOffResult, error)
	ListCustomers(query string, offset, limit int) ([]app.CustomerRow, error)
	CustomerByID(id int64) (app.Customer, error)
	Today() app.Date
}

var stateChoices = []string{"All", "Open", "Overdue", "Paid", "Written off"}

// Invoices lists invoices filtered by state and age, and creates and edits them.
type Invoices struct {
	win      fyne.Window
	svc      invoiceService
	nf       app.NumberFormat
	Dates    app.DateStyle // how dates are written in the shop's country
	currency string
	filter   app.InvoiceFilter
	pages    *pager[app.InvoiceRow]

	State   *widget.Select
	MinDays *widget.Entry
	Search  *widget.Entry
	Count   *widget.Label
	List    *widget.List
	Form    *InvoiceForm // the one open last
	// WriteOffDialog is the write-off dialog open last (for tests).
	WriteOffDialog *formDialog
	content        fyne.CanvasObject
}

// NewInvoices builds the invoices screen.
func NewInvoices(win fyne.Window, svc invoiceService, nf app.NumberFormat, currency string) *Invoices {
	v := &Invoices{win: win, svc: svc, nf: nf, currency: currency}
	v.pages = newPager(func() (int, error) { return svc.CountInvoices(v.filter) },
		func(off, lim int) ([]app.InvoiceRow, error) { return svc.ListInvoices(v.filter, off, lim) })
	v.State = widget.NewSelect(stateChoices, safeArg(win, func(string) { v.applyFilter() }))
	v.MinDays = widget.NewEntry()
	v.MinDays.SetPlaceHolder("days overdue, at least")
	v.MinDays.OnChanged = safeArg(win, func(string) { v.applyFilter() })
	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder("Invoice number or customer")
	v.Search.OnChanged = safeArg(win, func(string) { v.applyFilter() })
	v.Count = widget.NewLabel("")
	v.List = widget.NewList(v.pages.len,
		func() fyne.CanvasObject {
			labels := make([]fyne.CanvasObject, 6)
			for i := range labels {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				labels[i] = l
			}
			return container.New(invoiceColumns, labels...)
		},
		safeRow(win, func(i widget.ListItemID, o fyne.CanvasObject) {
			cells := o.(*fyne.Container).Objects
			row, ok := v.pages.at(i)
			texts := []string{"…", "", "", "", "", ""}
			if ok {
				texts = []string{row.Number, row.CustomerName, v.Dates.Format(row.DueDate),
					money(app.Money{Amount: row.Amount, Currency: row.Currency}, v.nf),
					money(app.Money{Amount: row.Open(), Currency: row.Currency}, v.nf),
					app.StateOf(row.Invoice, v.svc.Today()).String()}
			}
			for j, t := range texts {
				cells[j].(*widget.Label).SetText(t)
			}
		}))
	v.List.OnSelected = safeArg(win, func(i widget.ListItemID) {
		v.List.UnselectAll()
		if row, ok := v.pages.at(i); ok {
			v.edit(row.ID)
		}
	})
	header := container.New(invoiceColumns, bold("Invoice"), bold("Customer"), bold("Due"), bold("Amount"), bold("Open"), bold("State"))
	add := iconButton(win, "New invoice", theme.ContentAddIcon(), func() { v.edit(0) })
	filters := container.NewBorder(nil, nil, container.NewHBox(v.State, container.NewGridWrap(fyne.NewSize(200, v.MinDays.MinSize().Height), v.MinDays)),
		container.NewHBox(v.Count, add), v.Search)
	v.content = container.NewBorder(container.NewVBox(heading("Invoices"), filters, header), nil, nil, nil, v.List)
	v.State.SetSelected("Open")
	return v
}

// Content is the screen's canvas object.
func (v *Invoices) Content() fyne.CanvasObject { return v.content }

func (v *Invoices) applyFilter() {
	f := app.InvoiceFilter{Search: strings.TrimSpace(v.Search.Text)}
	switch v.State.Selected {
	case "Open":
		f.State = app.FilterOpen
	case "Overdue":
		f.State = app.FilterOverdue
	case "Paid":
		f.State = app.FilterPaid
	case "Written off":
		f.State = app.FilterWrittenOff
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v.MinDays.Text)); err == nil && n > 0 {
		f.State, f.MinDays = app.FilterOverdue, n
	}
	v.filter = f
	v.Refresh()
}

// Refresh counts again and reloads the visible rows.
func (v *Invoices) Refresh() {
	if err := v.pages.reset(); err != nil {
		showError(err, v.win)
	}
	v.Count.SetText(plural(v.pages.len(), "invoice", "invoices"))
	v.List.Refresh()
}

// edit opens the invoice form; id 0 creates a new invoice.
func (v *Invoices) edit(id int64) {
	inv := app.Invoice{Currency: v.currency, IssueDate: v.svc.Today(), DueDate: v.svc.Today().AddDays(14)}
	if id != 0 {
		var err error
		if inv, err = v.svc.Invoice(id); err != nil {
			showError(err, v.win)
			return
		}
	}
	f := NewInvoiceForm(v.win, v.svc, v.nf, inv)
	f.SetDates(v.Dates)
	v.Form = f
	title := "New invoice"
	if id != 0 {
		title = "Invoice " + inv.Number
	}
	d := newContentDialog(v.win, title, "Save", f.fs, f.Content(), func() error {
		saved, err := f.Save()
		if err != nil {
			return err
		}
		v.Refresh()
		inform(v.win, "Saved", fmt.Sprintf("Invoice %s is saved.", saved.Number))
		return nil
	})
	d.width = 720
	if id != 0 && inv.Open() > 0 {
		f.WriteOff = button(v.win, "Write off…", func() {
			d.Hide()
			v.writeOff(inv)
		})
		d.extra = []*widget.Button{f.WriteOff}
	}
	d.Show()
}

// writeOff asks why and writes off what is left of inv; the reason is required and kept.
func (v *Invoices) writeOff(inv app.Invoice) {
	fs := newFieldSet()
	reason := newEntryWith("", "e.g. the customer is insolvent")
	open := money(app.Money{Amount: inv.Open(), Currency: inv.Currency}, v.nf)
	note := widget.NewLabel(fmt.Sprintf("Invoice %s: %s is left. Writing it off (with any fees and interest on it) takes it off the balance and the ladder; the invoice stays, marked written off.", inv.Number, open))
	note.Wrapping = fyne.TextWrapWord
	d := newFormDialog(v.win, "Write off invoice "+inv.Number, "Write off", fs, []*widget.FormItem{widget.NewFormItem("", note), fs.item("Reason", reason)}, func() error {
		r, err := v.svc.WriteOff(inv.Number, reason.Text)
		if err != nil {
			return inField(reason, err)
		}
		v.Refresh()
		inform(v.win, "Written off", fmt.Sprintf("Invoice %s is written off: %s.", r.Number, money(app.Money{Amount: r.Total(), Currency: r.Currency}, v.nf)))
		return nil
	})
	v.WriteOffDialog = d
	d.Show()
}

// InvoiceForm edits one invoice: customer, number, dates, currency, and either an amount or lines
// of quantity, unit price and tax rate.
type InvoiceForm struct {
	win  fyne.Window
	svc  invoiceService
	nf   app.NumberFormat
	base app.Invoice

	Customer              *widget.SelectEntry
	Number, Amount, Descr *textEntry
	Issue, Due            *dateField
	Currency              *widget.SelectEntry
	fs                    *fieldSet
	Term                  *widget.Select // when a German consumer falls into default
	Terms                 *termsFields   // days to pay and early-payment discount
	WriteOff              *widget.Button // writes off what is left (an invoice with something open)
	Lines                 *fyne.Container
	lineRows              []*lineRow
	Total                 *widget.Label
	customers             map[string]int64
	content               fyne.CanvasObject
}

type lineRow struct{ descr, qty, price, tax *textEntry }

// termChoices say in the owner's words when a German consumer falls into default on an invoice;
// the 30-day notice and the calendar date are printed on the invoice.
var termChoices = map[app.DefaultTerm]string{
	app.TermProfile:  "as the legal profile says",
	app.TermCalendar: "on the due date: a calendar date was agreed (printed on the invoice)",
	app.TermNotice30: "30 days after the invoice: the notice is printed on it",
	app.TermReminder: "only from the first reminder",
}

func termLabels() []string {
	var out []string
	for _, t := range []app.DefaultTerm{app.TermProfile, app.TermCalendar, app.TermNotice30, app.TermReminder} {
		out = append(out, termChoices[t])
	}
	return out
}

// NewInvoiceForm builds the form for inv.
func NewInvoiceForm(win fyne.Window, svc invoiceService, nf app.NumberFormat, inv app.Invoice) *InvoiceForm {
	f := &InvoiceForm{win: win, svc: svc, nf: nf, base: inv, customers: map[string]int64{}, fs: newFieldSet()}
	e := newEntryWith
	f.Customer = widget.NewSelectEntry(nil)
	f.Customer.SetPlaceHolder("Type to find the customer")
	f.Customer.OnChanged = safeArg(win, f.findCustomers)
	if inv.CustomerID != 0 {
		label := fmt.Sprintf("customer #%d", inv.CustomerID)
		if c, err := svc.CustomerByID(inv.CustomerID); err == nil {
			label = fmt.Sprintf("%s (#%d)", c.Name, c.ID)
		}
		f.customers[label] = inv.CustomerID
		f.Customer.SetText(label)
	}
	f.Number = e(inv.Number, "e.g. 2026-0042")
	f.Issue, f.Due = newDateField(win, app.DateISO, inv.IssueDate, svc.Today), newDateField(win, app.DateISO, inv.DueDate, svc.Today)
	f.Currency = widget.NewSelectEntry(app.CurrencyCodes())
	f.Currency.SetText(inv.Currency)
	amount := ""
	if inv.Amount > 0 {
		amount = app.FormatMinor(inv.Amount, app.MustCurrency(inv.Currency), nf)
	}
	f.Amount = e(amount, "total, or add lines below")
	f.Descr = e(inv.Description, "")
	f.Term = widget.NewSelect(termLabels(), nil)
	f.Term.SetSelected(termChoices[inv.Term])
	f.Terms = newTermsFields(inv.Terms, nf)
	f.Total = widget.NewLabel("")
	f.Lines = container.NewVBox()
	for _, l := range inv.Lines {
		f.addLine(l)
	}
	addLine := iconButton(win, "Add a line", theme.ContentAddIcon(), func() { f.addLine(app.InvoiceLine{Quantity: 1000, TaxRate: 0}) })
	fs := f.fs
	form := fs.form(
		fs.item("Customer", f.Customer), fs.item("Number", f.Number),
		fs.item("Issued", f.Issue), fs.item("Due", f.Due),
		fs.item("Currency", f.Currency), fs.item("Amount", f.Amount),
		fs.item("Description", f.Descr),
		fs.item("Default (German consumers)", f.Term),
	)
	for _, it := range f.Terms.items(fs) {
		form.AppendItem(it)
	}
	lineHead := container.NewGridWithColumns(4, bold("Item"), bold("Quantity"), bold("Unit price"), bold("Tax %"))
	if inv.Paid > 0 {
		form.Append("Paid", widget.NewLabel(money(app.Money{Amount: inv.Paid, Currency: inv.Currency}, nf)))
	}
	f.content = container.NewVBox(fs.Problem, form, widget.NewSeparator(), bold("Lines (optional)"), lineHead, f.Lines,
		container.NewHBox(addLine, layout.NewSpacer(), f.Total))
	f.updateTotal()
	return f
}

// Content is the form's canvas object.
func (f *InvoiceForm) Content() fyne.CanvasObject { return f.content }

func (f *InvoiceForm) findCustomers(text string) {
	if _, known := f.customers[text]; known || len(strings.TrimSpace(text)) < 2 {
		return
	}
	rows, err := f.svc.ListCustomers(text, 0, 12)
	if err != nil {
		return
	}
	opts := make([]string, 0, len(rows))
	for _, r := range rows {
		label := fmt.Sprintf("%s (#%d)", r.Name, r.ID)
		f.customers[label] = r.ID
		opts = append(opts, label)
	}
	f.Customer.SetOptions(opts)
}

// AddLine adds an invoice line, for the form and tests.
func (f *InvoiceForm) addLine(l app.InvoiceLine) *lineRow {
	cur, err := app.LookupCurrency(f.Currency.Text)
	if err != nil {
		cur = app.MustCurrency("EUR")
	}
	r := &lineRow{descr: newTextEntry(), qty: newTextEntry(), price: newTextEntry(), tax: newTextEntry()}
	r.descr.SetText(l.Description)
	r.qty.SetText(app.FormatMinor(l.Quantity, app.Currency{Exponent: 3}, app.NumberFormat{Decimal: f.nf.Decimal}))
	r.price.SetText(app.FormatMinor(l.UnitPrice, cur, f.nf))
	r.tax.SetText(app.FormatMinor(l.TaxRate, app.Currency{Exponent: 2}, app.NumberFormat{Decimal: f.nf.Decimal}))
	for _, e := range []*textEntry{r.qty, r.price, r.tax} {
		e.OnChanged = safeArg(f.win, func(string) { f.updateTotal() })
	}
	f.lineRows = append(f.lineRows, r)
	f.Lines.Add(container.NewGridWithColumns(4, r.descr, r.qty, r.price, r.tax))
	f.updateTotal()
	return r
}

// lines reads the line entries.
func (f *InvoiceForm) lines(cur app.Currency) ([]app.InvoiceLine, error) {
	var out []app.InvoiceLine
	for i, r := range f.lineRows {
		if strings.TrimSpace(r.descr.Text+r.price.Text) == "" {
			continue
		}
		qty, err := parseAmount(r.qty.Text, app.Currency{Code: "quantity", Exponent: 3}, f.nf)
		if err != nil {
			return nil, inField(r.qty, app.Errorf(app.CodeInvalid, "line %d: %q is not a quantity", i+1, r.qty.Text))
		}
		price, err := parseAmount(r.price.Text, cur, f.nf)
		if err != nil {
			return nil, inField(r.price, app.Wrap(app.CodeInvalid, err, "line %d: %s", i+1, app.Sentence(err)))
		}
		tax, err := parseAmount(r.tax.Text, app.Currency{Code: "percent", Exponent: 2}, f.nf)
		if err != nil {
			return nil, inField(r.tax, app.Errorf(app.CodeInvalid, "line %d: %q is not a tax rate", i+1, r.tax.Text))
		}
		out = append(out, app.InvoiceLine{Description: r.descr.Text, Quantity: qty, UnitPrice: price, TaxRate: tax})
	}
	return out, nil
}

func (f *InvoiceForm) updateTotal() {
	cur, err := app.LookupCurrency(f.Currency.Text)
	if err != nil || len(f.lineRows) == 0 {
		f.Total.SetText("")
		return
	}
	lines, err := f.lines(cur)
	if err != nil {
		f.Total.SetText(app.Sentence(err))
		return
	}
	total, err := app.LinesTotal(lines)
	if err != nil {
		f.Total.SetText(app.Sentence(err))
		return
	}
	f.Total.SetText("Total with tax: " + money(app.Money{Amount: total, Currency: cur.Code}, f.nf))
	f.Amount.SetText(app.FormatMinor(total, cur, f.nf))
}

// Invoice reads the form into an invoice; an error names the field it is about.
func (f *InvoiceForm) Invoice() (app.Invoice, error) {
	inv := f.base
	id, ok := f.customers[f.Customer.Text]
	if !ok {
		return inv, inField(f.Customer, app.Errorf(app.CodeInvalid, "choose the customer from the list that appears as you type the name"))
	}
	inv.CustomerID = id
	inv.Number, inv.Description = strings.TrimSpace(f.Number.Text), f.Descr.Text
	if inv.Number == "" {
		return inv, inField(f.Number, app.Errorf(app.CodeInvalid, "an invoice needs a number"))
	}
	inv.Term = app.TermProfile
	for term, label := range termChoices {
		if label == f.Term.Selected {
			inv.Term = term
		}
	}
	cur, err := app.LookupCurrency(f.Currency.Text)
	if err != nil {
		return inv, inField(f.Currency, err)
	}
	inv.Currency = cur.Code
	if inv.Terms, err = f.Terms.read(); err != nil {
		return inv, err
	}
	if inv.IssueDate, err = f.date(f.Issue, "the day the invoice was issued"); err != nil {
		return inv, err
	}
	if inv.DueDate, err = f.date(f.Due, "the day the invoice is due"); err != nil {
		return inv, err
	}
	if inv.DueDate.Before(inv.IssueDate) {
		return inv, inField(f.Due, app.Errorf(app.CodeInvalid, "the invoice cannot be due before it was issued"))
	}
	if inv.Lines, err = f.lines(cur); err != nil {
		return inv, err
	}
	if len(inv.Lines) == 0 {
		if inv.Amount, err = parseAmount(f.Amount.Text, cur, f.nf); err == nil && inv.Amount <= 0 {
			err = app.Errorf(app.CodeInvalid, "the amount must be more than zero (a credit is entered as a credit note)")
		}
		if err != nil {
			return inv, inField(f.Amount, err)
		}
	}
	return inv, nil
}

// SetDates writes the dates the owner's way.
func (f *InvoiceForm) SetDates(s app.DateStyle) {
	f.Issue.SetStyle(s)
	f.Due.SetStyle(s)
}

// date reads a date field that must not be empty.
func (f *InvoiceForm) date(e *dateField, what string) (app.Date, error) {
	d, err := e.Date()
	if err == nil && d.IsZero() {
		err = app.Errorf(app.CodeInvalid, "give %s", what)
	}
	return d, inField(e, err)
}

// Save stores the invoice; a number already used is said at the number.
func (f *InvoiceForm) Save() (app.Invoice, error) {
	inv, err := f.Invoice()
	if err != nil {
		return inv, err
	}
	saved, err := f.svc.SaveInvoice(inv)
	if app.CodeOf(err) == app.CodeConflict {
		err = inField(f.Number, err)
	}
	return saved, err
}
