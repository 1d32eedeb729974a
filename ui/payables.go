package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// payablesService is what the bills screen needs of the ledger.
type payablesService interface {
	Payables(offset, limit int) ([]app.Payable, error)
	CountPayables() (int, error)
	SavePayable(p app.Payable) (app.Payable, error)
	MarkPayablePaid(id int64, day app.Date) (app.Payable, error)
	CashOpening(currency string) (int64, error)
	SetCashOpening(m app.Money) error
	Today() app.Date
}

// payableColumns: supplier, due, amount, state.
var payableColumns = columns{2.2, 1, 1.2, 1.4}

// Payables lists the shop's own bills (unpaid first, soonest due first), adds and edits them and
// marks them paid. The cash-flow forecast sets them against what customers will pay.
type Payables struct {
	win      fyne.Window
	svc      payablesService
	nf       app.NumberFormat
	Dates    app.DateStyle
	currency string
	pages    *pager[app.Payable]

	List    *widget.List
	Count   *widget.Label
	Add     *widget.Button
	Cash    *textEntry     // the cash at hand the forecast starts from
	SetCash *widget.Button // keeps it
	Form    *payableForm   // the one open last (for tests)
	Dialog  *formDialog
	content fyne.CanvasObject
}

// NewPayables builds the bills screen.
func NewPayables(win fyne.Window, svc payablesService, nf app.NumberFormat, currency string) *Payables {
	v := &Payables{win: win, svc: svc, nf: nf, currency: currency, Dates: app.DateISO}
	v.pages = newPager(svc.CountPayables, svc.Payables)
	v.Count = widget.NewLabel("")
	v.List = widget.NewList(v.pages.len,
		func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, 4)
			for i := range cells {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				cells[i] = l
			}
			return container.New(payableColumns, cells...)
		},
		safeRow(win, func(i widget.ListItemID, o fyne.CanvasObject) {
			texts := []string{"…", "", "", ""}
			if p, ok := v.pages.at(i); ok {
				texts = []string{p.Supplier, v.Dates.Format(p.Due), money(app.Money{Amount: p.Amount, Currency: p.Currency}, v.nf), v.state(p)}
			}
			for j, t := range texts {
				o.(*fyne.Container).Objects[j].(*widget.Label).SetText(t)
			}
		}))
	v.List.OnSelected = safeArg(win, func(i widget.ListItemID) {
		v.List.UnselectAll()
		if p, ok := v.pages.at(i); ok {
			v.edit(p)
		}
	})
	v.Add = iconButton(win, "New bill", theme.ContentAddIcon(), func() {
		v.edit(app.Payable{Currency: v.currency, Due: v.svc.Today().AddDays(14)})
	})
	v.Cash = newEntryWith("", "e.g. 2500.00")
	v.SetCash = button(win, "Keep", v.keepCash)
	cash := container.NewBorder(nil, nil, widget.NewLabel("Cash at hand now ("+currency+")"), v.SetCash, v.Cash)
	header := container.New(payableColumns, bold("Supplier"), bold("Due"), bold("Amount"), bold("State"))
	note := wrapped("Your own bills: what you owe suppliers and when. The cash-flow forecast starts from the cash at hand and sets the bills against what customers are expected to pay.")
	v.content = container.NewBorder(container.NewVBox(heading("Bills"), note, cash, container.NewHBox(v.Count, v.Add), header), nil, nil, nil, v.List)
	return v
}

// Content is the screen's canvas object.
func (v *Payables) Content() fyne.CanvasObject { return v.content }

// Refresh counts again and reloads the visible rows.
func (v *Payables) Refresh() {
	if err := v.pages.reset(); err != nil {
		showError(err, v.win)
	}
	v.Count.SetText(plural(v.pages.len(), "bill", "bills"))
	v.List.Refresh()
	if cash, err := v.svc.CashOpening(v.currency); err == nil {
		v.Cash.SetText(app.FormatMinor(cash, app.MustCurrency(v.currency), v.nf))
	}
}

// keepCash stores the cash at hand typed (a minus sign for an overdraft).
func (v *Payables) keepCash() {
	cur := app.MustCurrency(v.currency)
	text, sign := strings.TrimSpace(v.Cash.Text), int64(1)
	if strings.HasPrefix(text, "-") {
		text, sign = strings.TrimSpace(text[1:]), -1
	}
	amount, err := parseAmount(text, cur, v.nf)
	if err == nil {
		err = v.svc.SetCashOpening(app.Money{Amount: sign * amount, Currency: cur.Code})
	}
	if err != nil {
		showError(err, v.win)
		return
	}
	inform(v.win, "Kept", "The cash at hand is "+money(app.Money{Amount: sign * amount, Currency: cur.Code}, v.nf)+".")
}

func (v *Payables) state(p app.Payable) string {
	switch today := v.svc.Today(); {
	case p.Paid():
		return "paid " + v.Dates.Format(p.PaidOn)
	case p.Due.Before(today):
		return fmt.Sprintf("overdue by %d days", today.DaysSince(p.Due))
	}
	return "to pay"
}

// edit opens the bill form; a bill with no ID is new. An unpaid bill offers "Mark paid today".
func (v *Payables) edit(p app.Payable) {
	f := newPayableForm(v.win, p, v.nf, v.Dates, v.svc.Today)
	v.Form = f
	title := "New bill"
	if p.ID != 0 {
		title = "Bill from " + p.Supplier
	}
	d := newFormDialog(v.win, title, "Save", f.fs, f.items(), func() error {
		next, err := f.payable()
		if err != nil {
			return err
		}
		if _, err := v.svc.SavePayable(next); err != nil {
			return err
		}
		v.Refresh()
		return nil
	})
	if p.ID != 0 && !p.Paid() {
		f.MarkPaid = button(v.win, "Mark paid today", func() {
			if _, err := v.svc.MarkPayablePaid(p.ID, app.Date{}); err != nil {
				showError(err, v.win)
				return
			}
			d.Hide()
			v.Refresh()
		})
		d.extra = []*widget.Button{f.MarkPaid}
	}
	v.Dialog = d
	d.Show()
}

// payableForm holds the fields of the bill dialog; what was typed stays when it is refused.
type payableForm struct {
	base                   app.Payable
	fs                     *fieldSet
	nf                     app.NumberFormat
	Supplier, Amount, Note *textEntry
	Currency               *widget.SelectEntry
	Due, PaidOn            *dateField
	MarkPaid               *widget.Button
}

func newPayableForm(win fyne.Window, p app.Payable, nf app.NumberFormat, dates app.DateStyle, today func() app.Date) *payableForm {
	f := &payableForm{base: p, fs: newFieldSet(), nf: nf, Supplier: newEntryWith(p.Supplier, "e.g. the landlord"), Note: newEntryWith(p.Note, "")}
	amount := ""
	if p.Amount > 0 {
		amount = app.FormatMinor(p.Amount, app.MustCurrency(p.Currency), nf)
	}
	f.Amount = newEntryWith(amount, "e.g. 1200.00")
	f.Currency = widget.NewSelectEntry(app.CurrencyCodes())
	f.Currency.SetText(p.Currency)
	f.Due, f.PaidOn = newDateField(win, dates, p.Due, today), newDateField(win, dates, p.PaidOn, today)
	return f
}

func (f *payableForm) items() []*widget.FormItem {
	fs := f.fs
	return []*widget.FormItem{fs.item("Supplier", f.Supplier), fs.item("Amount", f.Amount), fs.item("Currency", f.Currency),
		fs.item("Due", f.Due), fs.item("Paid on (empty: not yet)", f.PaidOn), fs.item("Note", f.Note)}
}

// payable reads the form; a mistake is marked at its field.
func (f *payableForm) payable() (app.Payable, error) {
	p := f.base
	p.Supplier, p.Note = f.Supplier.Text, f.Note.Text
	if strings.TrimSpace(p.Supplier) == "" {
		return p, inField(f.Supplier, app.Errorf(app.CodeInvalid, "say who the bill is from"))
	}
	cur, err := app.LookupCurrency(f.Currency.Text)
	if err != nil {
		return p, inField(f.Currency, err)
	}
	p.Currency = cur.Code
	if p.Amount, err = parseAmount(f.Amount.Text, cur, f.nf); err == nil && p.Amount <= 0 {
		err = app.Errorf(app.CodeInvalid, "a bill must be for more than zero")
	}
	if err != nil {
		return p, inField(f.Amount, err)
	}
	if p.Due, err = f.Due.Date(); err == nil && p.Due.IsZero() {
		err = app.Errorf(app.CodeInvalid, "give the day the bill is due")
	}
	if err != nil {
		return p, inField(f.Due, err)
	}
	if p.PaidOn, err = f.PaidOn.Date(); err != nil {
		return p, inField(f.PaidOn, err)
	}
	return p, nil
}
