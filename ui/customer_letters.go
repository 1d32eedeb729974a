package ui

import (
	"fmt"
	"image"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// lettersService is what the customer's letters tab needs.
type lettersService interface {
	PreviewLetter(r app.LetterRequest, widthPx int) (image.Image, error)
	PrintLetter(r app.LetterRequest) ([]byte, []string, error)
	LetterWarnings(r app.LetterRequest) ([]string, error)
	Documents(customerID int64) ([]app.DocumentRef, error)
	Reprint(sha string) ([]byte, error)
}

// LettersTab previews and prints a letter of any kind for a customer (statement, reminder,
// final demand, receipt, ...) and lists the letters printed before, to save again exactly.
type LettersTab struct {
	win     fyne.Window
	svc     lettersService
	cust    app.Customer
	Kind    *widget.Select
	Tone    *widget.Select
	Lang    *widget.Select
	Payment *widget.Select
	Invoice *widget.Select
	// Currency chooses what a letter claims when the customer owes in several currencies (a
	// letter never adds amounts across them); nil when there is one.
	Currency *widget.Select
	Preview  *canvas.Image
	Message  *widget.Label
	Docs     []app.DocumentRef
	payIDs   map[string]int64
	content  fyne.CanvasObject
}

// NewLettersTab builds the tab; payments are the customer's, for receipts, and open their open
// invoices, for printing one invoice.
func NewLettersTab(win fyne.Window, svc lettersService, cust app.Customer, payments []app.Payment, open []app.InvoiceRow, nf app.NumberFormat, dates app.DateStyle) *LettersTab {
	t := &LettersTab{win: win, svc: svc, cust: cust, payIDs: map[string]int64{}}
	var kinds []string
	for _, k := range app.LetterKinds {
		if k != app.KindThanks { // proposed on Today once a debt is settled, never by hand
			kinds = append(kinds, string(k))
		}
	}
	t.Kind = widget.NewSelect(kinds, safeArg(win, func(string) { t.update() }))
	t.Tone = widget.NewSelect([]string{"the customer's tone", "gentle", "standard", "firm"}, safeArg(win, func(string) { t.update() }))
	t.Lang = widget.NewSelect([]string{"the customer's language", "en", "de"}, safeArg(win, func(string) { t.update() }))
	var pays []string
	for _, p := range payments {
		label := fmt.Sprintf("#%d %s %s", p.ID, dates.Format(p.ReceivedOn), app.FormatMoney(app.Money{Amount: p.Amount, Currency: p.Currency}, nf))
		t.payIDs[label] = p.ID
		pays = append(pays, label)
	}
	t.Payment = widget.NewSelect(pays, safeArg(win, func(string) { t.update() }))
	if len(pays) > 0 {
		t.Payment.SetSelectedIndex(0)
	}
	invs := []string{"all that apply"}
	for _, inv := range open {
		invs = append(invs, inv.Number)
	}
	t.Invoice = widget.NewSelect(invs, safeArg(win, func(string) { t.update() }))
	t.Invoice.SetSelectedIndex(0)
	if curs := openCurrencies(open); len(curs) > 1 {
		t.Currency = widget.NewSelect(curs, safeArg(win, func(string) { t.update() }))
		t.Currency.SetSelectedIndex(0)
	}
	t.Message = widget.NewLabel("")
	t.Message.Wrapping = fyne.TextWrapWord
	t.Preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	t.Preview.FillMode = canvas.ImageFillContain
	t.Preview.SetMinSize(fyne.NewSize(420, 594))
	printBtn := button(win, "Print…", t.print)
	printBtn.Importance = widget.HighImportance
	docs := container.NewVBox()
	if list, err := svc.Documents(cust.ID); err == nil {
		t.Docs = list
		for _, d := range list {
			d := d
			docs.Add(container.NewBorder(nil, nil, nil, button(win, "Save a copy…", func() { t.reprint(d) }),
				wrapped(dates.Format(app.DateOf(d.At, time.Local))+"  "+d.Summary)))
		}
	}
	if len(docs.Objects) == 0 {
		docs.Add(widget.NewLabel("Nothing printed for this customer yet."))
	}
	form := widget.NewForm(widget.NewFormItem("Kind", t.Kind), widget.NewFormItem("Tone", t.Tone), widget.NewFormItem("Language", t.Lang),
		widget.NewFormItem("Invoice", t.Invoice), widget.NewFormItem("Payment (receipts)", t.Payment))
	if t.Currency != nil {
		form.Append("Currency", t.Currency)
	}
	t.content = container.NewVBox(form, printBtn, t.Message, t.Preview, widget.NewCard("Printed before", "kept exactly as printed", docs))
	t.Tone.SetSelectedIndex(0)
	t.Lang.SetSelectedIndex(0)
	t.Kind.SetSelected(string(app.KindStatement))
	return t
}

// Content is the tab's canvas object.
func (t *LettersTab) Content() fyne.CanvasObject { return t.content }

// Request reads the choices.
func (t *LettersTab) Request() app.LetterRequest {
	r := app.LetterRequest{CustomerID: t.cust.ID, Kind: app.LetterKind(t.Kind.Selected), PaymentID: t.payIDs[t.Payment.Selected]}
	if t.Tone.SelectedIndex() > 0 {
		r.Tone = app.Tone(t.Tone.Selected)
	}
	if t.Lang.SelectedIndex() > 0 {
		r.Lang = t.Lang.Selected
	}
	if t.Invoice.SelectedIndex() > 0 {
		r.Invoice = t.Invoice.Selected
	}
	if t.Currency != nil && r.Invoice == "" {
		r.Currency = t.Currency.Selected
	}
	return r
}

// openCurrencies are the currencies of the open invoices, sorted.
func openCurrencies(open []app.InvoiceRow) []string {
	seen := map[string]bool{}
	var out []string
	for _, inv := range open {
		if !seen[inv.Currency] {
			seen[inv.Currency] = true
			out = append(out, inv.Currency)
		}
	}
	sort.Strings(out)
	return out
}

func (t *LettersTab) update() {
	if t.Kind == nil || t.Kind.Selected == "" || t.Preview == nil || t.Tone.Selected == "" || t.Lang.Selected == "" || t.Invoice == nil {
		return
	}
	img, err := t.svc.PreviewLetter(t.Request(), 620)
	if err != nil {
		t.Message.SetText(app.Sentence(err))
		return
	}
	msg := ""
	if warn, err := t.svc.LetterWarnings(t.Request()); err == nil && len(warn) > 0 {
		msg = "Warning: " + strings.Join(warn, "\nWarning: ")
	}
	t.Message.SetText(msg)
	t.Preview.Image = img
	t.Preview.Refresh()
}

func (t *LettersTab) print() {
	pdf, warnings, err := t.svc.PrintLetter(t.Request())
	if err != nil {
		showError(err, t.win)
		return
	}
	if len(warnings) > 0 {
		t.Message.SetText(fmt.Sprint(warnings))
	}
	savePDF(t.win, fmt.Sprintf("%s-%d.pdf", t.Kind.Selected, t.cust.ID), pdf)
}

func (t *LettersTab) reprint(d app.DocumentRef) {
	b, err := t.svc.Reprint(d.SHA256)
	if err != nil {
		showError(err, t.win)
		return
	}
	savePDF(t.win, d.Kind+"-"+d.SHA256[:12]+".pdf", b)
}

// savePDF asks where to save a PDF and writes it whole.
func savePDF(win fyne.Window, name string, pdf []byte) {
	askWhereToSave(win, name, func(target fyne.URI) {
		if err := saveFile(target, pdf); err != nil {
			removeIfEmpty(target)
			showError(err, win)
		}
	})
}
