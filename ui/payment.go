package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// paymentService is what the counter flow needs of the ledger.
type paymentService interface {
	ListCustomers(query string, offset, limit int) ([]app.CustomerRow, error)
	PreviewPayment(req app.PaymentRequest) (app.PaymentResult, error)
	TakePayment(req app.PaymentRequest) (app.PaymentResult, error)
	Today() app.Date
}

// TakePayment is the counter flow: find the customer by name or phone, enter the amount and
// method, see where the money goes, save.
type TakePayment struct {
	win      fyne.Window
	svc      paymentService
	nf       app.NumberFormat
	dates    app.DateStyle
	currency string
	found    []app.CustomerRow

	Find      *widget.Entry
	Matches   *widget.List
	Chosen    *widget.Label
	Amount    *widget.Entry
	Currency  *widget.SelectEntry
	Method    *widget.Select
	Date      *dateField
	Reference *widget.Entry
	Preview   *widget.Label
	Save      *widget.Button
	Result    *widget.Label

	customer app.CustomerRow
	content  fyne.CanvasObject
}

var methodLabels = map[string]app.PaymentMethod{
	"Cash": app.MethodCash, "Card": app.MethodCard, "Bank transfer": app.MethodBank, "Cheque": app.MethodCheque, "Other": app.MethodOther,
}

// NewTakePayment builds the counter flow.
func NewTakePayment(win fyne.Window, svc paymentService, nf app.NumberFormat, currency string) *TakePayment {
	p := &TakePayment{win: win, svc: svc, nf: nf, currency: currency}
	p.Find = widget.NewEntry()
	p.Find.SetPlaceHolder("Customer's name or phone number")
	p.Find.OnChanged = safeArg(win, p.search)
	p.Matches = widget.NewList(func() int { return len(p.found) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), widget.NewLabel(""))
		},
		safeRow(win, func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			r := p.found[i]
			box.Objects[0].(*widget.Label).SetText(r.Name + "  " + r.Phone)
			box.Objects[1].(*widget.Label).SetText("owes " + moneyList(r.Owed, p.nf))
		}))
	p.Matches.OnSelected = safeArg(win, func(i widget.ListItemID) {
		if i < len(p.found) {
			p.choose(p.found[i])
		}
	})
	p.Chosen = bold("No customer chosen yet.")
	p.Amount = widget.NewEntry()
	p.Amount.SetPlaceHolder("Amount received")
	p.Amount.OnChanged = safeArg(win, func(string) { p.preview() })
	p.Currency = widget.NewSelectEntry(app.CurrencyCodes())
	p.Currency.SetText(currency)
	p.Currency.OnChanged = safeArg(win, func(string) { p.preview() })
	p.Method = widget.NewSelect([]string{"Cash", "Card", "Bank transfer", "Cheque", "Other"}, nil)
	p.Method.SetSelected("Cash")
	p.Date = newDateField(win, app.DateISO, app.Date{}, svc.Today)
	p.Date.entry.SetPlaceHolder("today")
	p.Date.onEdit(func(string) { p.preview() })
	p.Reference = widget.NewEntry()
	p.Reference.SetPlaceHolder("cheque number, receipt, … (optional)")
	p.Preview = widget.NewLabel("")
	p.Preview.Wrapping = fyne.TextWrapWord
	p.Result = widget.NewLabel("")
	p.Result.Wrapping = fyne.TextWrapWord
	p.Save = button(win, "Save payment", p.save)
	p.Save.Importance = widget.HighImportance
	p.Save.Disable()
	form := widget.NewForm(
		widget.NewFormItem("Amount", p.Amount), widget.NewFormItem("Currency", p.Currency),
		widget.NewFormItem("Method", p.Method), widget.NewFormItem("Received on", p.Date),
		widget.NewFormItem("Reference", p.Reference),
	)
	left := container.NewBorder(container.NewVBox(heading("Take a payment"), p.Find), nil, nil, nil, p.Matches)
	right := container.NewVBox(p.Chosen, form, bold("Where the money goes"), p.Preview, p.Save, p.Result)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(right)))
	split.Offset = 0.4
	p.content = split
	return p
}

// SetDates writes the dates the owner's way.
func (p *TakePayment) SetDates(s app.DateStyle) {
	p.dates = s
	p.Date.SetStyle(s)
	p.Date.entry.SetPlaceHolder("today, or " + s.Hint())
}

// Content is the screen's canvas object.
func (p *TakePayment) Content() fyne.CanvasObject { return p.content }

// Refresh reruns the search, so balances shown are current.
func (p *TakePayment) Refresh() { p.search(p.Find.Text) }

func (p *TakePayment) search(q string) {
	p.found = nil
	if strings.TrimSpace(q) != "" {
		rows, err := p.svc.ListCustomers(q, 0, 30)
		if err != nil {
			showError(err, p.win)
			return
		}
		p.found = rows
	}
	p.Matches.UnselectAll()
	p.Matches.Refresh()
}

// SelectCustomer chooses a customer directly (from the customers screen).
func (p *TakePayment) SelectCustomer(c app.Customer) {
	p.Find.SetText(c.Name)
	for _, r := range p.found {
		if r.ID == c.ID {
			p.choose(r)
			return
		}
	}
	p.choose(app.CustomerRow{Customer: c})
}

func (p *TakePayment) choose(r app.CustomerRow) {
	p.customer = r
	p.Chosen.SetText(fmt.Sprintf("%s: owes %s", r.Name, moneyList(r.Owed, p.nf)))
	if len(r.Owed) == 1 {
		p.Currency.SetText(r.Owed[0].Currency)
	}
	p.Result.SetText("")
	p.preview()
}

func (p *TakePayment) request() (app.PaymentRequest, error) {
	d, err := p.Date.Date()
	if err != nil {
		return app.PaymentRequest{}, inField(p.Date, err)
	}
	cur, err := app.LookupCurrency(p.Currency.Text)
	if err != nil {
		return app.PaymentRequest{}, err
	}
	amount := strings.TrimSpace(p.Amount.Text)
	if v, err := parseAmount(amount, cur, p.nf); err == nil {
		amount = app.Decimal(v, cur) // normalised, so the other separator is accepted too
	}
	return app.PaymentRequest{CustomerID: p.customer.ID, Amount: amount, Currency: cur.Code, Method: methodLabels[p.Method.Selected],
		Date: d, Reference: p.Reference.Text, Format: app.FormatDot}, nil
}

// preview shows how the payment would be allocated, and enables Save when it can be saved.
func (p *TakePayment) preview() {
	p.Save.Disable()
	if p.customer.ID == 0 || strings.TrimSpace(p.Amount.Text) == "" {
		p.Preview.SetText("")
		return
	}
	req, err := p.request()
	if err == nil {
		var res app.PaymentResult
		if res, err = p.svc.PreviewPayment(req); err == nil {
			p.Preview.SetText(describe(res, p.nf))
			p.Save.Enable()
			return
		}
	}
	p.Preview.SetText(app.Sentence(err))
}

func describe(res app.PaymentResult, nf app.NumberFormat) string {
	cur := app.MustCurrency(res.Payment.Currency)
	var lines []string
	for _, a := range res.Allocations {
		line := fmt.Sprintf("%s to invoice %s", app.FormatMinor(a.Amount, cur, nf), a.Number)
		if a.OpenAfter == 0 {
			line += " (paid in full)"
		} else {
			line += fmt.Sprintf(" (%s still open)", app.FormatMinor(a.OpenAfter, cur, nf))
		}
		lines = append(lines, line)
	}
	if res.Credit > 0 {
		lines = append(lines, fmt.Sprintf("%s is more than is owed and will be kept as the customer's credit", app.FormatMinor(res.Credit, cur, nf)))
	}
	return strings.Join(lines, "\n")
}

func (p *TakePayment) save() {
	req, err := p.request()
	if err == nil {
		var res app.PaymentResult
		if res, err = p.svc.TakePayment(req); err == nil {
			cur := app.MustCurrency(res.Payment.Currency)
			p.Result.SetText(fmt.Sprintf("Saved: %s %s from %s.\n%s", cur.Code, app.FormatMinor(res.Payment.Amount, cur, p.nf), p.customer.Name, describe(res, p.nf)))
			p.Amount.SetText("")
			p.Reference.SetText("")
			p.Preview.SetText("")
			p.Save.Disable()
			p.search(p.Find.Text)
			return
		}
	}
	showError(err, p.win)
}
