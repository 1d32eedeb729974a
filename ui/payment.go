package ui

import (
	"errors"
	"fmt"
	"path/filepath"
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

// receiptService prints a payment's receipt (and keeps it on the customer's timeline).
type receiptService interface {
	PrintLetter(r app.LetterRequest) ([]byte, []string, error)
}

// TakePayment is the counter flow: find the customer by name or phone, enter the amount and
// method, see where the money goes, save; then the new balance and a receipt, and the screen
// is ready for the next customer. Enter takes the only match and saves; Tab reaches everything.
type TakePayment struct {
	win      fyne.Window
	svc      paymentService
	nf       app.NumberFormat
	dates    app.DateStyle
	currency string
	found    []app.CustomerRow

	Receipts   receiptService // set by the window
	LettersDir string         // where printed receipts go

	Find      *textEntry
	Matches   *widget.List
	Chosen    *widget.Label
	Amount    *textEntry
	Currency  *widget.SelectEntry
	Method    *widget.Select
	Date      *dateField
	Reference *textEntry
	Preview   *widget.Label
	Save      *widget.Button
	Result    *widget.Label
	// After a payment is saved: its receipt, printed into the letters folder or saved elsewhere.
	PrintReceipt, SaveReceipt *widget.Button
	LastPayment               app.Payment
	LastReceipt               string // the receipt file printed last
	lastPayer                 string

	customer app.CustomerRow
	scroll   *container.Scroll
	content  fyne.CanvasObject
}

var methodLabels = map[string]app.PaymentMethod{
	"Cash": app.MethodCash, "Card": app.MethodCard, "Bank transfer": app.MethodBank, "Cheque": app.MethodCheque, "Other": app.MethodOther,
}

// NewTakePayment builds the counter flow.
func NewTakePayment(win fyne.Window, svc paymentService, nf app.NumberFormat, currency string) *TakePayment {
	p := &TakePayment{win: win, svc: svc, nf: nf, currency: currency}
	p.Find = newEntryWith("", "Customer's name or phone number")
	p.Find.OnChanged = safeArg(win, p.search)
	p.Find.setKeys(p.takeOnlyMatch, nil)
	p.Matches = widget.NewList(func() int { return len(p.found) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), name)
		},
		safeRow(win, func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.found) {
				return
			}
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
	p.Chosen.Wrapping = fyne.TextWrapWord
	p.Amount = newEntryWith("", "Amount received")
	p.Amount.OnChanged = safeArg(win, func(string) { p.preview() })
	p.Currency = widget.NewSelectEntry(app.CurrencyCodes())
	p.Currency.SetText(currency)
	p.Currency.OnChanged = safeArg(win, func(string) { p.preview() })
	p.Method = widget.NewSelect([]string{"Cash", "Card", "Bank transfer", "Cheque", "Other"}, nil)
	p.Method.SetSelected("Cash")
	p.Date = newDateField(win, app.DateISO, app.Date{}, svc.Today)
	p.Date.entry.SetPlaceHolder("today")
	p.Date.onEdit(func(string) { p.preview() })
	p.Reference = newEntryWith("", "cheque number, receipt, … (optional)")
	for _, k := range []keyed{p.Amount, p.Date, p.Reference} {
		k.setKeys(p.saveIfReady, nil)
	}
	p.Preview = widget.NewLabel("")
	p.Preview.Wrapping = fyne.TextWrapWord
	p.Result = widget.NewLabel("")
	p.Result.Wrapping = fyne.TextWrapWord
	p.Save = button(win, "Save payment", p.save)
	p.Save.Importance = widget.HighImportance
	p.Save.Disable()
	p.PrintReceipt = button(win, "Print the receipt", p.printReceipt)
	p.SaveReceipt = button(win, "Save the receipt…", p.saveReceipt)
	p.PrintReceipt.Hide()
	p.SaveReceipt.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Amount", p.Amount), widget.NewFormItem("Currency", p.Currency),
		widget.NewFormItem("Method", p.Method), widget.NewFormItem("Received on", p.Date),
		widget.NewFormItem("Reference", p.Reference),
	)
	left := container.NewBorder(container.NewVBox(heading("Take a payment"), p.Find), nil, nil, nil, p.Matches)
	right := container.NewVBox(p.Chosen, form, bold("Where the money goes"), p.Preview, container.NewHBox(p.Save),
		p.Result, container.NewHBox(p.PrintReceipt, p.SaveReceipt))
	p.scroll = container.NewVScroll(container.NewPadded(right))
	split := container.NewHSplit(left, p.scroll)
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

// takeOnlyMatch is Enter in the search field: the one customer found is chosen, and the amount is
// next.
func (p *TakePayment) takeOnlyMatch() {
	if len(p.found) == 1 {
		p.Matches.Select(0)
		p.win.Canvas().Focus(p.Amount)
	}
}

// saveIfReady is Enter in the payment's fields.
func (p *TakePayment) saveIfReady() {
	if !p.Save.Disabled() {
		p.save()
	}
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
	p.PrintReceipt.Hide()
	p.SaveReceipt.Hide()
	p.preview()
}

func (p *TakePayment) request() (app.PaymentRequest, error) {
	d, err := p.Date.Date()
	if err != nil {
		return app.PaymentRequest{}, inField(p.Date, err)
	}
	cur, err := app.LookupCurrency(p.Currency.Text)
	if err != nil {
		return app.PaymentRequest{}, inField(p.Currency, err)
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
		err = inField(p.Amount, err) // what the ledger refuses of a payment is its amount
	}
	// The field in error is marked; the line under the form says why.
	var fe *fieldError
	if errors.As(err, &fe) {
		markEntry(entryOf(fe.field), err)
	}
	p.Preview.SetText(app.Sentence(err))
}

func describe(res app.PaymentResult, nf app.NumberFormat) string {
	cur := app.MustCurrency(res.Payment.Currency)
	var lines []string
	for _, a := range res.Allocations {
		line := fmt.Sprintf("%s to invoice %s", app.FormatMinor(a.Amount, cur, nf), a.Number)
		switch {
		case a.OpenAfter == 0 && a.Discount > 0:
			line += fmt.Sprintf(" (paid in full with the early-payment discount of %s)", app.FormatMinor(a.Discount, cur, nf))
		case a.OpenAfter == 0:
			line += " (paid in full)"
		default:
			line += fmt.Sprintf(" (%s still open)", app.FormatMinor(a.OpenAfter, cur, nf))
		}
		lines = append(lines, line)
	}
	if res.Credit > 0 {
		lines = append(lines, fmt.Sprintf("%s is more than is owed and will be kept as the customer's credit", app.FormatMinor(res.Credit, cur, nf)))
	}
	return strings.Join(lines, "\n")
}

// save records the payment, says what the customer owes now, offers the receipt and clears the
// screen for the next customer.
func (p *TakePayment) save() {
	req, err := p.request()
	var res app.PaymentResult
	if err == nil {
		res, err = p.svc.TakePayment(req)
	}
	if err != nil {
		showError(err, p.win)
		return
	}
	cur := app.MustCurrency(res.Payment.Currency)
	who := p.customer
	msg := fmt.Sprintf("Saved: %s %s from %s.\n%s\n\n%s", cur.Code, app.FormatMinor(res.Payment.Amount, cur, p.nf), who.Name, describe(res, p.nf), p.balance(who))
	p.LastPayment, p.lastPayer = res.Payment, who.Name
	p.clear()
	p.Result.SetText(strings.TrimSpace(msg))
	p.PrintReceipt.Show()
	p.SaveReceipt.Show()
	p.scroll.ScrollToTop()
	p.win.Canvas().Focus(p.Find)
}

// balance says what the customer owes now the payment is in.
func (p *TakePayment) balance(who app.CustomerRow) string {
	rows, err := p.svc.ListCustomers(who.Name, 0, 50)
	if err != nil {
		return ""
	}
	for _, r := range rows {
		if r.ID == who.ID {
			if len(r.Owed) == 0 {
				return who.Name + " now owes nothing."
			}
			return who.Name + " now owes " + moneyList(r.Owed, p.nf) + "."
		}
	}
	return ""
}

// clear empties the screen for the next payment.
func (p *TakePayment) clear() {
	p.customer = app.CustomerRow{}
	p.Find.SetText("")
	p.Chosen.SetText("No customer chosen yet.")
	p.Amount.SetText("")
	p.Reference.SetText("")
	p.Date.SetText("")
	p.Currency.SetText(p.currency)
	p.Preview.SetText("")
	p.Save.Disable()
}

// receipt prints the last payment's receipt.
func (p *TakePayment) receipt() ([]byte, error) {
	if p.Receipts == nil || p.LastPayment.ID == 0 {
		return nil, app.Errorf(app.CodeInternal, "there is no payment to print a receipt for")
	}
	pdf, _, err := p.Receipts.PrintLetter(app.LetterRequest{CustomerID: p.LastPayment.CustomerID, Kind: app.KindReceipt, PaymentID: p.LastPayment.ID})
	return pdf, err
}

// printReceipt writes the receipt into the day's letters folder and opens it to print.
func (p *TakePayment) printReceipt() {
	pdf, err := p.receipt()
	if err != nil {
		showError(err, p.win)
		return
	}
	day := p.svc.Today()
	dir := filepath.Join(p.LettersDir, day.String())
	if err := app.MkdirPrivate(dir); err != nil {
		showError(err, p.win)
		return
	}
	stem := fmt.Sprintf("%s %s receipt %d", day, app.SafeFileName(p.lastPayer), p.LastPayment.ID)
	path, err := app.WriteUnique(dir, stem, ".pdf", pdf)
	if err != nil {
		showError(err, p.win)
		return
	}
	p.LastReceipt = path
	openFile(path, p.win)
}

// saveReceipt lets the owner save the receipt where they like.
func (p *TakePayment) saveReceipt() {
	pdf, err := p.receipt()
	if err != nil {
		showError(err, p.win)
		return
	}
	savePDF(p.win, fmt.Sprintf("receipt-%d.pdf", p.LastPayment.ID), pdf)
}
