package ui

import (
	"fmt"
	"image"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// caseService is what the customer screen's collection tab needs.
type caseService interface {
	CaseOf(customerID int64) (app.CustomerCase, error)
	AddPromise(r app.PromiseRequest) (app.Promise, error)
	OpenDispute(number, reason string) (app.Dispute, error)
	ResolveDispute(number, resolution string) error
	Hold(customerID int64, until app.Date, reason string) error
	SetTone(customerID int64, tone app.Tone) error
	SetFlags(customerID int64, flags []string) error
	PreviewPlan(r app.PlanRequest) (app.Plan, error)
	CreatePlan(r app.PlanRequest) (app.Plan, error)
	Ladders() ([]app.Policy, error)
	PlanAgreement(customerID, planID int64) ([]byte, []string, error)
	PreviewPlanAgreement(customerID, planID int64, widthPx int) (image.Image, error)
	lettersService
	SetLadder(customerID, policyID int64) error
	Today() app.Date
}

// CaseTab is the collection side of one customer: tone, hold, flags, promises, disputes,
// payment plans and charges, with the forms to change them.
type CaseTab struct {
	win     fyne.Window
	svc     caseService
	nf      app.NumberFormat
	Dates   app.DateStyle // how dates are written in the shop's country
	cust    app.Customer
	open    []app.InvoiceRow
	reload  func()
	Case    app.CustomerCase
	Tone    *widget.Select
	Ladder  *widget.Select
	Flags   *widget.CheckGroup
	content *fyne.Container
}

var toneChoices = []string{"decided by the rule", "gentle", "standard", "firm"}

var flagLabels = []struct{ flag, label string }{
	{app.FlagCease, "asked in writing to stop contact"},
	{app.FlagAttorney, "represented by an attorney"},
	{app.FlagBankruptcy, "in bankruptcy"},
	{app.FlagDeceased, "deceased"},
	{app.FlagContractFees, "contract allows fees and interest"},
}

// NewCaseTab builds the tab for a customer; reload refreshes the whole customer view.
func NewCaseTab(win fyne.Window, svc caseService, nf app.NumberFormat, dates app.DateStyle, cust app.Customer, open []app.InvoiceRow, reload func()) *CaseTab {
	t := &CaseTab{win: win, svc: svc, nf: nf, Dates: dates, cust: cust, open: open, reload: reload}
	t.content = container.NewVBox()
	cc, err := svc.CaseOf(cust.ID)
	if err != nil {
		t.content.Add(wrapped(app.Sentence(err)))
		return t
	}
	t.Case = cc
	t.Tone = widget.NewSelect(toneChoices, nil)
	if cc.ToneChoice == "" {
		t.Tone.SetSelectedIndex(0)
	} else {
		t.Tone.SetSelected(string(cc.ToneChoice))
	}
	t.Tone.OnChanged = safeArg(win, func(s string) {
		tone := app.Tone(s)
		if s == toneChoices[0] {
			tone = ""
		}
		t.do(svc.SetTone(cust.ID, tone))
	})
	var labels []string
	var checked []string
	for _, f := range flagLabels {
		labels = append(labels, f.label)
		if cust.HasFlag(f.flag) {
			checked = append(checked, f.label)
		}
	}
	t.Flags = widget.NewCheckGroup(labels, nil)
	t.Flags.SetSelected(checked)
	t.Flags.OnChanged = safeArg(win, func(sel []string) {
		var flags []string
		for _, f := range flagLabels {
			for _, s := range sel {
				if s == f.label {
					flags = append(flags, f.flag)
				}
			}
		}
		t.do(svc.SetFlags(cust.ID, flags))
	})
	hold := "not on hold"
	if !cc.HoldUntil.IsZero() && !cc.HoldUntil.Before(svc.Today()) {
		hold = fmt.Sprintf("on hold until %s: %s", t.Dates.Format(cc.HoldUntil), orNoReason(cc.HoldReason))
	}
	holdBtn := button(win, "Put on hold…", t.holdDialog)
	if hold != "not on hold" {
		holdBtn = button(win, "Lift the hold", func() { t.do(svc.Hold(cust.ID, app.Date{}, "")) })
	}
	ladder := widget.NewSelect(nil, nil)
	if ls, err := svc.Ladders(); err == nil {
		ids := map[string]int64{}
		for _, l := range ls {
			ladder.Options = append(ladder.Options, l.Name)
			ids[l.Name] = l.ID
		}
		ladder.SetSelected(cc.Policy)
		ladder.OnChanged = safeArg(win, func(name string) { t.do(svc.SetLadder(cust.ID, ids[name])) })
	}
	t.Ladder = ladder
	form := widget.NewForm(
		widget.NewFormItem("Ladder", ladder),
		widget.NewFormItem("Tone", container.NewVBox(t.Tone, wrapped(fmt.Sprintf("letters are %s: %s", cc.Tone, cc.ToneReason)))),
		widget.NewFormItem("Hold", container.NewBorder(nil, nil, nil, holdBtn, wrapped(hold))),
		widget.NewFormItem("Flags", t.Flags),
	)
	actions := container.NewHBox(
		button(win, "Record a promise…", t.promiseDialog),
		button(win, "Dispute an invoice…", t.disputeDialog),
		button(win, "Payment plan…", t.planDialog),
	)
	t.content.Add(form)
	t.content.Add(actions)
	t.content.Add(t.history())
	return t
}

// Content is the tab's canvas object.
func (t *CaseTab) Content() fyne.CanvasObject { return t.content }

func (t *CaseTab) do(err error) {
	if err != nil {
		showError(err, t.win)
	}
	t.reload()
}

func (t *CaseTab) history() fyne.CanvasObject {
	box := container.NewVBox()
	for _, p := range t.Case.Promises {
		cur := app.MustCurrency(p.Currency)
		box.Add(wrapped(fmt.Sprintf("Promise made %s: %s %s by %s — %s", t.Dates.Format(p.MadeOn), p.Currency, app.FormatMinor(p.Amount, cur, t.nf), t.Dates.Format(p.Due), p.State)))
	}
	for _, pv := range t.Case.Plans {
		cur := app.MustCurrency(pv.Currency)
		state := string(pv.State)
		if pv.State == app.PlanActive {
			state = fmt.Sprintf("running: %d of %d paid, next %s %s on %s", pv.Standing.Covered, len(pv.Schedule), pv.Currency,
				app.FormatMinor(pv.Standing.NextAmount, cur, t.nf), t.Dates.Format(pv.Standing.NextDue))
		}
		l := wrapped(fmt.Sprintf("Payment plan %d (%s), %s %s — %s\n%s", pv.ID, strings.Join(pv.Numbers, ", "), pv.Currency,
			app.FormatMinor(pv.Total, cur, t.nf), state, app.DescribeSchedule(pv.Schedule, pv.Currency, t.nf)))
		id := pv.ID
		box.Add(container.NewBorder(nil, nil, nil, button(t.win, "Print the agreement…", func() { t.printAgreement(id) }), l))
	}
	for _, d := range t.Case.Disputes {
		d := d
		if d.ResolvedOn.IsZero() {
			box.Add(container.NewBorder(nil, nil, nil, button(t.win, "Resolve…", func() { t.resolveDialog(d) }),
				wrapped(fmt.Sprintf("Dispute of %s since %s: %s", d.Number, t.Dates.Format(d.OpenedOn), d.Reason))))
		} else {
			box.Add(wrapped(fmt.Sprintf("Dispute of %s, %s to %s: %s — resolved: %s", d.Number, t.Dates.Format(d.OpenedOn), t.Dates.Format(d.ResolvedOn), d.Reason, d.Resolution)))
		}
	}
	for _, ch := range t.Case.Charges {
		cur := app.MustCurrency(ch.Currency)
		line := fmt.Sprintf("%s on %s: %s %s (%s)", ch.Kind, ch.Number, ch.Currency, app.FormatMinor(ch.Amount, cur, t.nf), ch.Basis)
		if ch.Kind == app.ChargeInterest {
			line = fmt.Sprintf("interest on %s, %s to %s at %s %% on %s: %s %s (%s)", ch.Number, t.Dates.Format(ch.From), t.Dates.Format(ch.To), app.FormatMinor(ch.Rate, app.Currency{Exponent: 2}, t.nf),
				app.FormatMinor(ch.Principal, cur, t.nf), ch.Currency, app.FormatMinor(ch.Amount, cur, t.nf), ch.Basis)
		}
		box.Add(wrapped(line))
	}
	if len(box.Objects) == 0 {
		box.Add(widget.NewLabel("No promises, plans, disputes or charges yet."))
	}
	return widget.NewCard("History", "", box)
}

func (t *CaseTab) holdDialog() {
	fs := newFieldSet()
	until := newDateField(t.win, t.Dates, t.svc.Today().AddDays(14), t.svc.Today)
	reason := newEntryWith("", "why, for the timeline (e.g. waiting for the insurer)")
	items := []*widget.FormItem{fs.item("Until", until), fs.item("Reason", reason)}
	newFormDialog(t.win, "Put "+t.cust.Name+" on hold", "Hold", fs, items, func() error {
		d, err := until.Date()
		if err == nil && d.IsZero() {
			err = app.Errorf(app.CodeInvalid, "say until when the customer is on hold")
		}
		if err != nil {
			return inField(until, err)
		}
		if err := t.svc.Hold(t.cust.ID, d, reason.Text); err != nil {
			return err
		}
		t.reload()
		return nil
	}).Show()
}

func (t *CaseTab) currency() string {
	if len(t.open) > 0 {
		return t.open[0].Currency
	}
	return ""
}

func (t *CaseTab) promiseDialog() {
	fs := newFieldSet()
	amount, by, note := newEntryWith("", ""), newDateField(t.win, t.Dates, t.svc.Today().AddDays(7), t.svc.Today), newEntryWith("", "")
	items := []*widget.FormItem{fs.item("Amount", amount), fs.item("By", by), fs.item("Note", note)}
	newFormDialog(t.win, "Promise to pay", "Record", fs, items, func() error {
		if cur, err := app.LookupCurrency(t.currency()); err == nil {
			if _, err := parseAmount(amount.Text, cur, t.nf); err != nil {
				return inField(amount, err)
			}
		}
		d, err := by.Date()
		if err == nil && d.IsZero() {
			err = app.Errorf(app.CodeInvalid, "say by when the customer will pay")
		}
		if err != nil {
			return inField(by, err)
		}
		if _, err := t.svc.AddPromise(app.PromiseRequest{CustomerID: t.cust.ID, Amount: amount.Text, Currency: t.currency(), Due: d, Note: note.Text, Format: t.nf}); err != nil {
			return err
		}
		t.reload()
		return nil
	}).Show()
}

func (t *CaseTab) disputeDialog() {
	var nums []string
	for _, inv := range t.open {
		nums = append(nums, inv.Number)
	}
	if len(nums) == 0 {
		inform(t.win, "Dispute", t.cust.Name+" has no open invoice to dispute.")
		return
	}
	showDisputeDialog(t.win, "Dispute an invoice", nums, t.svc.OpenDispute, t.reload)
}

func (t *CaseTab) resolveDialog(d app.Dispute) {
	fs := newFieldSet()
	how := newEntryWith("", "")
	newFormDialog(t.win, "Resolve the dispute of "+d.Number, "Resolve", fs, []*widget.FormItem{fs.item("How it was resolved", how)}, func() error {
		if err := needText(how, "say how the dispute was resolved"); err != nil {
			return err
		}
		if err := t.svc.ResolveDispute(d.Number, how.Text); err != nil {
			return err
		}
		t.reload()
		return nil
	}).Show()
}

// PlanForm is the payment-plan form with its live preview of the installments.
type PlanForm struct {
	Invoices    *widget.CheckGroup
	Down, Count *textEntry
	First       *dateField
	Frequency   *widget.Select
	Preview     *widget.Label
	fs          *fieldSet
	svc         caseService
	cust        app.Customer
	currency    string
	nf          app.NumberFormat
}

// NewPlanForm builds the form for a customer's open invoices in one currency.
func NewPlanForm(win fyne.Window, svc caseService, nf app.NumberFormat, dates app.DateStyle, cust app.Customer, open []app.InvoiceRow, currency string) *PlanForm {
	f := &PlanForm{svc: svc, cust: cust, currency: currency, nf: nf, fs: newFieldSet()}
	var nums []string
	for _, inv := range open {
		if inv.Currency == currency {
			nums = append(nums, inv.Number)
		}
	}
	f.Invoices = widget.NewCheckGroup(nums, safeArg(win, func([]string) { f.update() }))
	f.Invoices.SetSelected(nums)
	f.Down, f.Count, f.First = newTextEntry(), newTextEntry(), newDateField(win, dates, svc.Today().AddDays(7), svc.Today)
	f.Count.SetText("3")
	f.Frequency = widget.NewSelect([]string{string(app.Weekly), string(app.Fortnightly), string(app.Monthly)}, safeArg(win, func(string) { f.update() }))
	f.Frequency.SetSelected(string(app.Monthly))
	f.Preview = widget.NewLabel("")
	f.Preview.Wrapping = fyne.TextWrapWord
	for _, e := range []*textEntry{f.Down, f.Count} {
		e.OnChanged = safeArg(win, func(string) { f.update() })
	}
	f.First.onEdit(func(string) { f.update() })
	f.update()
	return f
}

// Request reads the form.
func (f *PlanForm) Request() (app.PlanRequest, error) {
	n, err := strconv.Atoi(strings.TrimSpace(f.Count.Text))
	if err != nil {
		return app.PlanRequest{}, inField(f.Count, app.Errorf(app.CodeInvalid, "%q is not a number of installments", f.Count.Text))
	}
	first, err := f.First.Date()
	if err == nil && first.IsZero() {
		err = app.Errorf(app.CodeInvalid, "give the day of the first payment")
	}
	if err != nil {
		return app.PlanRequest{}, inField(f.First, err)
	}
	if len(f.Invoices.Selected) == 0 {
		return app.PlanRequest{}, inField(f.Invoices, app.Errorf(app.CodeInvalid, "choose at least one invoice for the plan"))
	}
	if cur, err := app.LookupCurrency(f.currency); err == nil && strings.TrimSpace(f.Down.Text) != "" {
		if _, err := parseAmount(f.Down.Text, cur, f.nf); err != nil {
			return app.PlanRequest{}, inField(f.Down, err)
		}
	}
	return app.PlanRequest{CustomerID: f.cust.ID, Invoices: f.Invoices.Selected, Currency: f.currency, DownPayment: f.Down.Text,
		Installments: n, Frequency: app.Frequency(f.Frequency.Selected), FirstDue: first, Format: f.nf}, nil
}

func (f *PlanForm) update() {
	if f.Preview == nil {
		return
	}
	r, err := f.Request()
	if err == nil {
		var p app.Plan
		if p, err = f.svc.PreviewPlan(r); err == nil {
			cur := app.MustCurrency(p.Currency)
			f.Preview.SetText(fmt.Sprintf("%s %s in all:\n%s", p.Currency, app.FormatMinor(p.Total, cur, f.nf), app.DescribeSchedule(p.Schedule, p.Currency, f.nf)))
			return
		}
	}
	f.Preview.SetText(app.Sentence(err))
}

func (t *CaseTab) planDialog() {
	cur := t.currency()
	if cur == "" {
		inform(t.win, "Payment plan", t.cust.Name+" has no open invoices to put in a plan.")
		return
	}
	f := NewPlanForm(t.win, t.svc, t.nf, t.Dates, t.cust, t.open, cur)
	fs := f.fs
	items := []*widget.FormItem{
		fs.item("Invoices", f.Invoices), fs.item("Down payment", f.Down),
		fs.item("Installments", f.Count), fs.item("Every", f.Frequency),
		fs.item("First payment", f.First), fs.item("Schedule", f.Preview),
	}
	newFormDialog(t.win, "Payment plan for "+t.cust.Name, "Agree the plan", fs, items, func() error {
		r, err := f.Request()
		if err != nil {
			return err
		}
		if _, err := t.svc.CreatePlan(r); err != nil {
			return err
		}
		t.reload()
		return nil
	}).Show()
}

// printAgreement shows the plan's agreement (with signature lines) as it will print, then prints
// it and lets the owner save the PDF.
func (t *CaseTab) printAgreement(planID int64) {
	img, err := t.svc.PreviewPlanAgreement(t.cust.ID, planID, 620)
	if err != nil {
		showError(err, t.win)
		return
	}
	pic := canvas.NewImageFromImage(img)
	pic.FillMode = canvas.ImageFillContain
	pic.SetMinSize(fyne.NewSize(420, 594))
	d := newCustomConfirm(t.win, "Payment plan agreement", "Print…", "Cancel", pic, func(ok bool) {
		if ok {
			t.saveAgreement(planID)
		}
	})
	d.width = 480
	d.Show()
}

func (t *CaseTab) saveAgreement(planID int64) {
	pdf, warnings, err := t.svc.PlanAgreement(t.cust.ID, planID)
	if err != nil {
		showError(err, t.win)
		return
	}
	save := func() { savePDF(t.win, fmt.Sprintf("payment-plan-%d-agreement.pdf", planID), pdf) }
	if len(warnings) > 0 {
		ask(t.win, "Before printing", strings.Join(warnings, "\n")+"\n\nSave the agreement anyway?", "Save", "Cancel", func(ok bool) {
			if ok {
				save()
			}
		})
		return
	}
	save()
}

// orNoReason says so when the owner gave no reason.
func orNoReason(reason string) string {
	if strings.TrimSpace(reason) == "" {
		return "no reason given"
	}
	return reason
}

// showDisputeDialog asks which invoice is disputed and what about, and records it; done runs
// after it is recorded (the screen reloads). One dialog for Today and the customer's page.
func showDisputeDialog(win fyne.Window, title string, nums []string, open func(number, reason string) (app.Dispute, error), done func()) {
	fs := newFieldSet()
	which := widget.NewSelect(nums, nil)
	which.SetSelectedIndex(0)
	reason := newEntryWith("", "")
	items := []*widget.FormItem{fs.item("Invoice", which), fs.item("What is disputed", reason)}
	newFormDialog(win, title, "Record", fs, items, func() error {
		if err := needText(reason, "say what the customer disputes"); err != nil {
			return err
		}
		if _, err := open(which.Selected, reason.Text); err != nil {
			return err
		}
		done()
		return nil
	}).Show()
}
