package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	Timeline(customerID int64, oldestFirst bool) ([]app.Event, error)
	ShopProfile() (app.Shop, bool, error)
	Today() app.Date
}

// Customers is a searchable, virtualized list of customers with the selected one's detail.
type Customers struct {
	win   fyne.Window
	svc   customerService
	col   caseService
	nf    app.NumberFormat
	Dates app.DateStyle // how dates are written in the shop's country
	// OldestFirst is the owner's choice of order for the timeline, kept while the window is open.
	OldestFirst  bool
	Order        *widget.Select
	TimelineList *fyne.Container // the entries of the timeline tab
	Lang         string          // the shop's language, for the names of countries
	// HandOff starts a hand-off of the shown customer; HandedOff is where the last bundle went.
	HandOff   *widget.Button
	HandOffTo *widget.SelectEntry // the dialog's choice of agency or attorney
	Receivers []string            // the address book the dialog offers
	// HandOffAddress is the agency's postal address in the hand-off dialog.
	HandOffAddress *widget.Entry
	// PaymentsSince reports a handed-off customer's payments to the agency; the dialog's choice
	// of form and the file last saved.
	// Together is the hand-off dialog's choice of other customers for the same bundle.
	Together            *together
	PaymentsSince       *widget.Button
	PaymentsSinceFormat *widget.RadioGroup
	PaymentsSinceSaved  fyne.URI
	HandedOff           fyne.URI
	lastAgency          string
	pay                 func(app.Customer)
	pages               *pager[app.CustomerRow]
	query               string

	Search *widget.Entry
	List   *widget.List
	Count  *widget.Label
	Detail *fyne.Container
	// DetailScroll holds the detail; it goes back to the top when another customer is shown.
	DetailScroll *container.Scroll
	Selected     app.CustomerDetail
	Case         *CaseTab
	Letters      *LettersTab
	tabs         *container.AppTabs
	shownID      int64
	shownBefore  int64          // the customer whose detail was shown last
	ApplyCredit  *widget.Button // shown when the customer has both credit and open invoices
	content      fyne.CanvasObject
}

// NewCustomers builds the customers screen; pay opens "Take a payment" for a customer.
func NewCustomers(win fyne.Window, svc customerService, col caseService, nf app.NumberFormat, pay func(app.Customer)) *Customers {
	c := &Customers{win: win, svc: svc, col: col, nf: nf, pay: pay}
	c.pages = newPager(func() (int, error) { return svc.CountCustomers(c.query) },
		func(off, lim int) ([]app.CustomerRow, error) { return svc.ListCustomers(c.query, off, lim) })
	c.Search = widget.NewEntry()
	c.Search.SetPlaceHolder("Search by name or phone")
	c.Search.OnChanged = safeArg(win, func(s string) { c.query = s; c.Refresh() })
	c.Count = widget.NewLabel("")
	c.List = widget.NewList(c.pages.len,
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), name)
		},
		safeRow(win, func(i widget.ListItemID, o fyne.CanvasObject) {
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
		}))
	c.List.OnSelected = safeArg(win, func(i widget.ListItemID) {
		if row, ok := c.pages.at(i); ok {
			c.Open(row.ID)
		}
	})
	add := iconButton(win, "New customer", theme.ContentAddIcon(), c.add)
	c.Detail = container.NewVBox(widget.NewLabel("Choose a customer on the left."))
	left := container.NewBorder(container.NewVBox(heading("Customers"), c.Search, container.NewHBox(c.Count, layout.NewSpacer(), add)), nil, nil, nil, c.List)
	c.DetailScroll = container.NewVScroll(container.NewPadded(c.Detail))
	split := container.NewHSplit(left, c.DetailScroll)
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
		widget.NewFormItem("Address", wrapped(addr)),
		widget.NewFormItem("Email", cut(cu.Email)),
		widget.NewFormItem("Phone", cut(cu.Phone)),
		widget.NewFormItem("Customer since", widget.NewLabel(c.Dates.Format(cu.Since))),
		widget.NewFormItem("Credit", wrapped(moneyList(d.Credit, c.nf))),
	)
	if !cu.Terms.IsZero() {
		info.Append("Payment terms", widget.NewLabel(cu.Terms.String()))
	}
	var owed []app.Money
	byCur := map[string]int64{}
	for _, inv := range d.Open {
		byCur[inv.Currency] += inv.Open()
	}
	for cur, v := range byCur {
		owed = append(owed, app.Money{Amount: v, Currency: cur})
	}
	invoices, payments := c.openInvoices(d, today), c.payments(d)
	entries := container.NewVBox()
	c.TimelineList = entries
	c.Order = widget.NewSelect([]string{"newest first", "oldest first"}, nil)
	c.Order.SetSelectedIndex(map[bool]int{false: 0, true: 1}[c.OldestFirst])
	c.Order.OnChanged = safeArg(c.win, func(string) {
		c.OldestFirst = c.Order.SelectedIndex() == 1
		c.fillTimeline(entries, cu.ID)
	})
	c.fillTimeline(entries, cu.ID)
	timeline := container.NewBorder(container.NewHBox(widget.NewLabel("Order:"), c.Order), nil, nil, nil, entries)
	c.Case = NewCaseTab(c.win, c.col, c.nf, c.Dates, cu, d.Open, func() { c.Open(cu.ID) })
	c.Letters = NewLettersTab(c.win, c.col, cu, d.Payments, d.Open, c.nf, c.Dates)
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
	edit := iconButton(c.win, "Edit", theme.DocumentCreateIcon(), func() { c.edit(cu) })
	pay := iconButton(c.win, "Take a payment", theme.ContentAddIcon(), func() { c.pay(cu) })
	pay.Importance = widget.HighImportance
	actions := container.NewHBox(pay, edit)
	c.HandOff = nil
	if hs, ok := c.col.(handoffService); ok && len(d.Open) > 0 {
		c.HandOff = button(c.win, "Hand off…", func() { c.handoffDialog(cu, hs) })
		actions.Add(c.HandOff)
	}
	c.PaymentsSince = nil
	if ps, ok := c.col.(handoffPaymentsService); ok {
		if info, handed, err := ps.LastHandoff(cu.ID); err == nil && handed {
			c.PaymentsSince = button(c.win, "Payments since hand-off…", func() { c.paymentsSinceDialog(cu, ps, info) })
			actions.Add(c.PaymentsSince)
		}
	}
	if len(d.Credit) > 0 && len(d.Open) > 0 {
		c.ApplyCredit = button(c.win, "Apply credit to open invoices", func() {
			applied, err := c.svc.ApplyCredit(cu.ID)
			if err != nil {
				showError(err, c.win)
				return
			}
			c.Refresh()
			c.Open(cu.ID)
			inform(c.win, "Credit applied", moneyList(applied, c.nf)+" of credit now pays open invoices.")
		})
		actions.Add(c.ApplyCredit)
	}
	c.Detail.Objects = []fyne.CanvasObject{
		nameHeading(cu.Name),
		wrapped("Owes " + moneyList(owed, c.nf)),
		actions,
		info, tabs,
	}
	c.Detail.Refresh()
	if c.shownBefore != cu.ID {
		c.DetailScroll.ScrollToTop()
	}
	c.shownBefore = cu.ID
}

// openInvoices is the customer's open invoices, one row each; a long state wraps in its column.
func (c *Customers) openInvoices(d app.CustomerDetail, today app.Date) fyne.CanvasObject {
	invoices := container.NewVBox(container.NewGridWithColumns(5, bold("Invoice"), bold("Due"), bold("Amount"), bold("Open"), bold("State")))
	for _, inv := range d.Open {
		invoices.Add(container.NewGridWithColumns(5,
			cut(inv.Number), cut(c.Dates.Format(inv.DueDate)),
			cut(money(app.Money{Amount: inv.Amount, Currency: inv.Currency}, c.nf)),
			cut(money(app.Money{Amount: inv.Open(), Currency: inv.Currency}, c.nf)),
			wrapped(app.StateOf(inv.Invoice, today).String())))
	}
	if len(d.Open) == 0 {
		invoices.Add(widget.NewLabel("No open invoices."))
	}
	return invoices
}

// payments is the customer's payments, one line each.
func (c *Customers) payments(d app.CustomerDetail) fyne.CanvasObject {
	payments := container.NewVBox()
	for _, p := range d.Payments {
		line := fmt.Sprintf("%s  %s  %s", c.Dates.Format(p.ReceivedOn), money(app.Money{Amount: p.Amount, Currency: p.Currency}, c.nf), p.Method)
		if p.Reference != "" {
			line += "  " + p.Reference
		}
		payments.Add(wrapped(line))
	}
	if len(d.Payments) == 0 {
		payments.Add(widget.NewLabel("No payments yet."))
	}
	return payments
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

// edit opens the customer form; an empty ID adds a new customer. The form stays open, with
// everything typed, until what it says can be saved.
func (c *Customers) edit(cu app.Customer) {
	f := newCustomerForm(c.win, c.Dates, c.Lang, cu, c.svc.Today)
	title := "Edit customer"
	if cu.ID == 0 {
		title = "New customer"
	}
	newFormDialog(c.win, title, "Save", f.fs, f.items(), func() error {
		next, err := f.customer()
		if err != nil {
			return err
		}
		if next.ID == 0 {
			next, err = c.svc.AddCustomer(next)
		} else {
			next, err = c.svc.UpdateCustomer(next)
		}
		if err != nil {
			return err
		}
		c.Refresh()
		c.Open(next.ID)
		return nil
	}).Show()
}

// customerForm holds the entries of the customer dialog.
type customerForm struct {
	base                                          app.Customer
	fs                                            *fieldSet
	name, contact, addr1, addr2, pc, city, region *textEntry
	country                                       *picker
	email, phone, lang, tz                        *textEntry
	since                                         *dateField
	notes                                         *widget.Entry
	kind                                          *widget.RadioGroup
	terms                                         *termsFields
}

func newCustomerForm(win fyne.Window, dates app.DateStyle, lang string, c app.Customer, today func() app.Date) *customerForm {
	e := func(v string) *textEntry { return newEntryWith(v, "") }
	f := &customerForm{base: c, fs: newFieldSet(), name: e(c.Name), contact: e(c.Contact), addr1: e(c.Address1), addr2: e(c.Address2),
		pc: e(c.PostalCode), city: e(c.City), region: e(c.Region), country: newCountryPicker(win, lang, c.Country), email: e(c.Email),
		phone: e(c.Phone), lang: e(c.Language), tz: e(c.TimeZone), since: newDateField(win, dates, c.Since, today), notes: widget.NewMultiLineEntry()}
	f.notes.SetText(c.Notes)
	f.terms = newTermsFields(c.Terms, app.NumberFormatFor(lang))
	f.tz.SetPlaceHolder("e.g. Europe/Berlin")
	f.kind = widget.NewRadioGroup([]string{string(app.Consumer), string(app.Business)}, nil)
	f.kind.Horizontal = true
	f.kind.SetSelected(string(app.Consumer))
	if c.Kind != "" {
		f.kind.SetSelected(string(c.Kind))
	}
	return f
}

func (f *customerForm) items() []*widget.FormItem {
	fs := f.fs
	return append([]*widget.FormItem{
		fs.item("Name", f.name), fs.item("Kind", f.kind), fs.item("Contact person", f.contact),
		fs.item("Address", f.addr1), fs.item("", f.addr2), fs.item("Postal code", f.pc),
		fs.item("City", f.city), fs.item("Region", f.region), fs.item("Country", f.country),
		fs.item("Email", f.email), fs.item("Phone", f.phone), fs.item("Language", f.lang),
		fs.item("Time zone", f.tz), fs.item("Customer since", f.since), fs.item("Notes", f.notes),
	}, f.terms.items(fs)...)
}

// customer reads the form; an error names the field it is about.
func (f *customerForm) customer() (app.Customer, error) {
	c := f.base
	c.Name, c.Contact, c.Address1, c.Address2 = f.name.Text, f.contact.Text, f.addr1.Text, f.addr2.Text
	c.PostalCode, c.City, c.Region = f.pc.Text, f.city.Text, f.region.Text
	country, err := f.country.Value()
	if err != nil {
		return c, inField(f.country, err)
	}
	c.Country = country
	c.Email, c.Phone, c.Language, c.TimeZone, c.Notes = f.email.Text, f.phone.Text, f.lang.Text, f.tz.Text, f.notes.Text
	c.Kind = app.CustomerKind(f.kind.Selected)
	since, err := f.since.Date()
	if err != nil {
		return c, inField(f.since, err)
	}
	c.Since = since
	if c.Terms, err = f.terms.read(); err != nil {
		return c, err
	}
	check := c
	if err := check.Normalize(); err != nil {
		return c, f.blame(c, err)
	}
	return c, nil
}

// blame finds the field a customer's problem is about: each field is checked alone, on a
// customer that is otherwise right.
func (f *customerForm) blame(c app.Customer, err error) error {
	for _, x := range []struct {
		obj fyne.CanvasObject
		set func(*app.Customer)
	}{
		{f.name, func(p *app.Customer) { p.Name = c.Name }}, {f.contact, func(p *app.Customer) { p.Contact = c.Contact }},
		{f.addr1, func(p *app.Customer) { p.Address1 = c.Address1 }}, {f.addr2, func(p *app.Customer) { p.Address2 = c.Address2 }},
		{f.pc, func(p *app.Customer) { p.PostalCode = c.PostalCode }}, {f.city, func(p *app.Customer) { p.City = c.City }},
		{f.region, func(p *app.Customer) { p.Region = c.Region }}, {f.country, func(p *app.Customer) { p.Country = c.Country }},
		{f.email, func(p *app.Customer) { p.Email = c.Email }}, {f.phone, func(p *app.Customer) { p.Phone = c.Phone }},
		{f.lang, func(p *app.Customer) { p.Language = c.Language }}, {f.tz, func(p *app.Customer) { p.TimeZone = c.TimeZone }},
		{f.notes, func(p *app.Customer) { p.Notes = c.Notes }},
	} {
		probe := app.Customer{Name: "x", Kind: app.Consumer}
		x.set(&probe)
		if perr := probe.Normalize(); perr != nil {
			return inField(x.obj, perr)
		}
	}
	return err
}

// fillTimeline lists the customer's timeline in the order things happened, as the owner chose.
func (c *Customers) fillTimeline(box *fyne.Container, customerID int64) {
	events, err := c.svc.Timeline(customerID, c.OldestFirst)
	if err != nil {
		showError(err, c.win)
		return
	}
	box.RemoveAll()
	for _, ev := range events {
		l := widget.NewLabel(c.Dates.Format(app.DateOf(ev.At, time.Local)) + ev.At.Local().Format(" 15:04") + "  " + ev.Summary)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	box.Refresh()
}
