package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// customerService is what the customers screen needs of the ledger.
type customerService interface {
	ListCustomers(query string, offset, limit int) ([]app.CustomerRow, error)
	CountCustomers(query string) (int, error)
	Customer(id int64) (app.CustomerDetail, error)
	AddCustomer(c app.Customer) (app.Customer, error)
	UpdateCustomer(c app.Customer) (app.Customer, error)
	ApplyCredit(customerID int64) ([]app.Money, error)
	ShopProfile() (app.Shop, bool, error)
	Today() app.Date
}

// Customers is a searchable, virtualized list of customers with the selected one's detail.
type Customers struct {
	win   fyne.Window
	svc   customerService
	col   caseService
	nf    app.NumberFormat
	pay   func(app.Customer)
	pages *pager[app.CustomerRow]
	query string

	Search      *widget.Entry
	List        *widget.List
	Count       *widget.Label
	Detail      *fyne.Container
	Selected    app.CustomerDetail
	Case        *CaseTab
	Letters     *LettersTab
	tabs        *container.AppTabs
	shownID     int64
	ApplyCredit *widget.Button // shown when the customer has both credit and open invoices
	content     fyne.CanvasObject
}

// NewCustomers builds the customers screen; pay opens "Take a payment" for a customer.
func NewCustomers(win fyne.Window, svc customerService, col caseService, nf app.NumberFormat, pay func(app.Customer)) *Customers {
	c := &Customers{win: win, svc: svc, col: col, nf: nf, pay: pay}
	c.pages = newPager(func() (int, error) { return svc.CountCustomers(c.query) },
		func(off, lim int) ([]app.CustomerRow, error) { return svc.ListCustomers(c.query, off, lim) })
	c.Search = widget.NewEntry()
	c.Search.SetPlaceHolder("Search by name or phone")
	c.Search.OnChanged = func(s string) { c.query = s; c.Refresh() }
	c.Count = widget.NewLabel("")
	c.List = widget.NewList(c.pages.len,
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row, ok := c.pages.at(i)
			box := o.(*fyne.Container)
			name, owed := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
			if !ok {
				name.SetText("…")
				owed.SetText("")
				return
			}
			name.SetText(row.Name)
			if len(row.Owed) == 0 {
				owed.SetText("")
			} else {
				owed.SetText(moneyList(row.Owed, c.nf))
			}
		})
	c.List.OnSelected = func(i widget.ListItemID) {
		if row, ok := c.pages.at(i); ok {
			c.Open(row.ID)
		}
	}
	add := widget.NewButtonWithIcon("New customer", theme.ContentAddIcon(), c.add)
	c.Detail = container.NewVBox(widget.NewLabel("Choose a customer on the left."))
	left := container.NewBorder(container.NewVBox(heading("Customers"), c.Search, container.NewHBox(c.Count, layout.NewSpacer(), add)), nil, nil, nil, c.List)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(c.Detail)))
	split.Offset = 0.38
	c.content = split
	return c
}

// Content is the screen's canvas object.
func (c *Customers) Content() fyne.CanvasObject { return c.content }

// Refresh counts again and reloads the visible rows.
func (c *Customers) Refresh() {
	if err := c.pages.reset(); err != nil {
		showError(err, c.win)
	}
	c.Count.SetText(plural(c.pages.len(), "customer", "customers"))
	c.List.UnselectAll()
	c.List.Refresh()
}

// Open shows one customer's detail.
func (c *Customers) Open(id int64) {
	d, err := c.svc.Customer(id)
	if err != nil {
		showError(err, c.win)
		return
	}
	c.Selected = d
	c.ApplyCredit = nil
	cu := d.Customer
	today := c.svc.Today()
	addr := strings.Join(nonEmpty(cu.Contact, cu.Address1, cu.Address2, strings.TrimSpace(cu.PostalCode+" "+cu.City), cu.Region, cu.Country), "\n")
	info := widget.NewForm(
		widget.NewFormItem("Kind", widget.NewLabel(string(cu.Kind))),
		widget.NewFormItem("Address", widget.NewLabel(addr)),
		widget.NewFormItem("Email", widget.NewLabel(cu.Email)),
		widget.NewFormItem("Phone", widget.NewLabel(cu.Phone)),
		widget.NewFormItem("Customer since", widget.NewLabel(cu.Since.String())),
		widget.NewFormItem("Credit", widget.NewLabel(moneyList(d.Credit, c.nf))),
	)
	var owed []app.Money
	byCur := map[string]int64{}
	for _, inv := range d.Open {
		byCur[inv.Currency] += inv.Open()
	}
	for cur, v := range byCur {
		owed = append(owed, app.Money{Amount: v, Currency: cur})
	}
	invoices := container.NewVBox(container.NewGridWithColumns(5, bold("Invoice"), bold("Due"), bold("Amount"), bold("Open"), bold("State")))
	for _, inv := range d.Open {
		invoices.Add(container.NewGridWithColumns(5,
			widget.NewLabel(inv.Number), widget.NewLabel(inv.DueDate.String()),
			widget.NewLabel(money(app.Money{Amount: inv.Amount, Currency: inv.Currency}, c.nf)),
			widget.NewLabel(money(app.Money{Amount: inv.Open(), Currency: inv.Currency}, c.nf)),
			widget.NewLabel(app.StateOf(inv.Invoice, today).String())))
	}
	if len(d.Open) == 0 {
		invoices.Add(widget.NewLabel("No open invoices."))
	}
	payments := container.NewVBox()
	for _, p := range d.Payments {
		line := fmt.Sprintf("%s  %s  %s", p.ReceivedOn, money(app.Money{Amount: p.Amount, Currency: p.Currency}, c.nf), p.Method)
		if p.Reference != "" {
			line += "  " + p.Reference
		}
		payments.Add(widget.NewLabel(line))
	}
	if len(d.Payments) == 0 {
		payments.Add(widget.NewLabel("No payments yet."))
	}
	timeline := container.NewVBox()
	for _, ev := range d.Timeline {
		l := widget.NewLabel(ev.At.Local().Format("2006-01-02 15:04") + "  " + ev.Summary)
		l.Wrapping = fyne.TextWrapWord
		timeline.Add(l)
	}
	c.Case = NewCaseTab(c.win, c.col, c.nf, cu, d.Open, func() { c.Open(cu.ID) })
	c.Letters = NewLettersTab(c.win, c.col, cu, d.Payments, d.Open, c.nf)
	items := []*container.TabItem{
		container.NewTabItem("Open invoices", invoices),
		container.NewTabItem("Payments", payments),
		container.NewTabItem("Collections", c.Case.Content()),
		container.NewTabItem("Letters", c.Letters.Content()),
	}
	if rs, ok := c.col.(replyService); ok {
		items = append(items, container.NewTabItem("Replies", repliesTab(c.win, rs, cu.ID, func() { c.Open(cu.ID) })))
	}
	tabs := container.NewAppTabs(append(items, container.NewTabItem("Timeline", timeline))...)
	// Reopening the same customer after a change keeps the tab the owner was on.
	if c.tabs != nil && c.shownID == cu.ID {
		tabs.SelectIndex(c.tabs.SelectedIndex())
	}
	c.tabs, c.shownID = tabs, cu.ID
	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { c.edit(cu) })
	pay := widget.NewButtonWithIcon("Take a payment", theme.ContentAddIcon(), func() { c.pay(cu) })
	pay.Importance = widget.HighImportance
	actions := container.NewHBox(pay, edit)
	if len(d.Credit) > 0 && len(d.Open) > 0 {
		c.ApplyCredit = widget.NewButton("Apply credit to open invoices", func() {
			applied, err := c.svc.ApplyCredit(cu.ID)
			if err != nil {
				showError(err, c.win)
				return
			}
			c.Refresh()
			c.Open(cu.ID)
			dialog.ShowInformation("Credit applied", moneyList(applied, c.nf)+" of credit now pays open invoices.", c.win)
		})
		actions.Add(c.ApplyCredit)
	}
	c.Detail.Objects = []fyne.CanvasObject{
		heading(cu.Name),
		bold("Owes " + moneyList(owed, c.nf)),
		actions,
		info, tabs,
	}
	c.Detail.Refresh()
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}

// add opens the customer form for a new customer, of the shop's default kind.
func (c *Customers) add() {
	shop, _, err := c.svc.ShopProfile()
	if err != nil {
		showError(err, c.win)
		return
	}
	c.edit(app.Customer{Kind: shop.KindForNewCustomers()})
}

// edit opens the customer form; an empty ID adds a new customer.
func (c *Customers) edit(cu app.Customer) {
	f := newCustomerForm(cu)
	title := "Edit customer"
	if cu.ID == 0 {
		title = "New customer"
	}
	d := dialog.NewForm(title, "Save", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		next, err := f.customer()
		if err == nil {
			if next.ID == 0 {
				next, err = c.svc.AddCustomer(next)
			} else {
				next, err = c.svc.UpdateCustomer(next)
			}
		}
		if err != nil {
			showError(err, c.win)
			return
		}
		c.Refresh()
		c.Open(next.ID)
	}, c.win)
	d.Resize(fyne.NewSize(520, 640))
	d.Show()
}

// customerForm holds the entries of the customer dialog.
type customerForm struct {
	base                                                   app.Customer
	name, contact, addr1, addr2, pc, city, region, country *widget.Entry
	email, phone, lang, tz, since, notes                   *widget.Entry
	kind                                                   *widget.RadioGroup
}

func newCustomerForm(c app.Customer) *customerForm {
	e := func(v string) *widget.Entry { x := widget.NewEntry(); x.SetText(v); return x }
	f := &customerForm{base: c, name: e(c.Name), contact: e(c.Contact), addr1: e(c.Address1), addr2: e(c.Address2),
		pc: e(c.PostalCode), city: e(c.City), region: e(c.Region), country: e(c.Country), email: e(c.Email),
		phone: e(c.Phone), lang: e(c.Language), tz: e(c.TimeZone), since: e(c.Since.String()), notes: widget.NewMultiLineEntry()}
	f.notes.SetText(c.Notes)
	f.tz.SetPlaceHolder("e.g. Europe/Berlin")
	f.since.SetPlaceHolder("YYYY-MM-DD")
	f.kind = widget.NewRadioGroup([]string{string(app.Consumer), string(app.Business)}, nil)
	f.kind.Horizontal = true
	f.kind.SetSelected(string(app.Consumer))
	if c.Kind != "" {
		f.kind.SetSelected(string(c.Kind))
	}
	return f
}

func (f *customerForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem("Name", f.name), widget.NewFormItem("Kind", f.kind), widget.NewFormItem("Contact person", f.contact),
		widget.NewFormItem("Address", f.addr1), widget.NewFormItem("", f.addr2), widget.NewFormItem("Postal code", f.pc),
		widget.NewFormItem("City", f.city), widget.NewFormItem("Region", f.region), widget.NewFormItem("Country", f.country),
		widget.NewFormItem("Email", f.email), widget.NewFormItem("Phone", f.phone), widget.NewFormItem("Language", f.lang),
		widget.NewFormItem("Time zone", f.tz), widget.NewFormItem("Customer since", f.since), widget.NewFormItem("Notes", f.notes),
	}
}

func (f *customerForm) customer() (app.Customer, error) {
	c := f.base
	c.Name, c.Contact, c.Address1, c.Address2 = f.name.Text, f.contact.Text, f.addr1.Text, f.addr2.Text
	c.PostalCode, c.City, c.Region, c.Country = f.pc.Text, f.city.Text, f.region.Text, f.country.Text
	c.Email, c.Phone, c.Language, c.TimeZone, c.Notes = f.email.Text, f.phone.Text, f.lang.Text, f.tz.Text, f.notes.Text
	c.Kind = app.CustomerKind(f.kind.Selected)
	since, err := parseUserDate(f.since.Text)
	if err != nil {
		return c, err
	}
	c.Since = since
	return c, nil
}
