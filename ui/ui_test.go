package ui

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
	"duebook/letters"
)

var testToday = app.MustDate("2026-11-22")

// testBooks opens real SQLite files, with the clock fixed.
type testBooks struct{ t *testing.T }

func (b testBooks) Open(path string) (*app.Services, func(), error) {
	st, err := data.Open(path)
	if err != nil {
		return nil, nil, err
	}
	clock := app.FixedClock(testToday.Time().Add(14 * time.Hour)) // 14:00 UTC: daytime from New York to Moscow
	svc := app.NewServices(app.Adapters{Store: st, Clock: clock, Tables: sheets.Reader{}, Render: letters.Renderer{}, Bundle: testBundler{}})
	return svc, func() { st.Close() }, nil
}

func (b testBooks) CreateSample(ctx context.Context, path string, progress func(done, total int)) error {
	_, err := data.CreateSample(ctx, path, data.SampleOptions{Invoices: 2000, Seed: 5, Today: testToday}, progress)
	return err
}

func (b testBooks) NewestSoundBackup(path string) (string, error) {
	return data.NewestSoundBackup(path)
}

func (b testBooks) Restore(path, backup string) (string, error) {
	return data.Restore(path, backup, testToday.Time())
}

func setup(t *testing.T) fyne.Window {
	t.Helper()
	inBackground = func(fn func()) { fn() }
	test.NewApp()
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(w.Close)
	return w
}

// sampleShell opens a generated sample shop in a shell.
func sampleShell(t *testing.T) (*Shell, *app.Ledger) {
	t.Helper()
	w := setup(t)
	path := filepath.Join(t.TempDir(), "sample.db")
	b := testBooks{t}
	if err := b.CreateSample(context.Background(), path, nil); err != nil {
		t.Fatal(err)
	}
	svc, closeFn, err := b.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeFn)
	ledger := svc.Ledger
	s, err := NewShell(w, svc, false)
	if err != nil {
		t.Fatal(err)
	}
	s.Today.LettersDir = t.TempDir()
	w.SetContent(s.Content())
	return s, ledger
}

func TestWelcomeOpensTheSampleShop(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	cfg := Config{DBPath: filepath.Join(dir, "mine.db"), SamplePath: filepath.Join(dir, "sample.db"), Books: testBooks{t}}
	release := Start(w, cfg)
	defer release()
	welcome, ok := findWelcome(w)
	if !ok {
		t.Fatal("no welcome screen without a database")
	}
	test.Tap(welcome.SampleButton)
	if _, err := os.Stat(cfg.SamplePath); err != nil {
		t.Fatal("the sample was not written")
	}
	if _, err := os.Stat(cfg.DBPath); err == nil {
		t.Fatal("opening the sample created the owner's own database")
	}
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "Sample shop") {
		t.Fatal("the shell does not say it shows the sample shop")
	}
}

func findWelcome(w fyne.Window) (*Welcome, bool) {
	// The welcome screen is the only one with these two buttons; find them by text.
	var sample, setupBtn *widget.Button
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok {
			switch b.Text {
			case "Open the sample shop":
				sample = b
			case "Set up my shop":
				setupBtn = b
			}
		}
	}
	return &Welcome{SampleButton: sample, SetupButton: setupBtn}, sample != nil && setupBtn != nil
}

func TestSetUpMyShop(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	cfg := Config{DBPath: filepath.Join(dir, "mine.db"), SamplePath: filepath.Join(dir, "sample.db"), Books: testBooks{t}}
	release := Start(w, cfg)
	defer release()
	welcome, _ := findWelcome(w)
	test.Tap(welcome.SetupButton)
	svc, closeFn, err := testBooks{t}.Open(cfg.DBPath)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	ledger := svc.Ledger
	form := NewSetup(w, ledger, func() {})
	w.SetContent(form.Content())
	notes := func() string {
		var out []string
		for _, o := range test.LaidOutObjects(w.Content()) {
			if l, ok := o.(*widget.Label); ok && l.Visible() && l.Importance == widget.DangerImportance {
				out = append(out, l.Text)
			}
		}
		return strings.Join(out, " | ")
	}
	test.Tap(form.Save)
	if !strings.Contains(notes(), "needs a name") {
		t.Fatalf("empty name: %q", notes())
	}
	test.Type(form.Name, "Łukasz's Bikes")
	test.Type(form.Country.entry, "Atlantis")
	test.Tap(form.Save)
	if !strings.Contains(notes(), "not a country Duebook knows") || form.Name.Text != "Łukasz's Bikes" {
		t.Fatalf("unknown country: %q", notes())
	}
	// The country from the searchable list; the legal profile it implies is shown.
	form.Country.entry.SetText("")
	test.Type(form.Country.entry, "germ")
	form.Country.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v, _ := form.Country.Value(); v != "DE" || form.Profile.Selected != "Germany" {
		t.Fatalf("country %q, profile %q", v, form.Profile.Selected)
	}
	form.Language.SetSelected("Deutsch")
	if form.Country.entry.Text != "Deutschland (DE)" {
		t.Fatalf("the country is not named in the shop's language: %q", form.Country.entry.Text)
	}
	form.Profile.SetSelected("European Union") // the owner's own choice
	form.Currency.entry.SetText("")
	test.Type(form.Currency.entry, "Pfund")
	form.Currency.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	done := false
	form.done = func() { done = true }
	test.Tap(form.Save)
	if _, ok, _ := ledger.ShopProfile(); done || ok || !strings.Contains(notes(), "mostly businesses or consumers") {
		t.Fatalf("saved without saying what the customers mostly are: %q", notes())
	}
	form.Kind.SetSelected("businesses")
	test.Tap(form.Save)
	shop, ok, _ := ledger.ShopProfile()
	if !done || !ok || shop.Name != "Łukasz's Bikes" || shop.Currency != "GBP" || shop.Country != "DE" || shop.DefaultKind != app.Business || shop.Language != "de" {
		t.Fatalf("shop %+v saved=%v done=%v", shop, ok, done)
	}
	if cs, _ := svc.Collections.Settings(); cs.Profile != app.ProfileEU {
		t.Fatalf("the legal profile chosen was not kept: %s", cs.Profile)
	}
}

func TestDashboardShowsAgingThatAddsUp(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Dashboard")
	d := s.Dashboard.Data
	if len(d.Aging) == 0 || len(d.TopDebtors) == 0 {
		t.Fatalf("dashboard empty: %+v", d)
	}
	want, _ := ledger.AgingReport(testToday)
	if d.Aging[0].Total != want[0].Total {
		t.Fatalf("dashboard total %d, report %d", d.Aging[0].Total, want[0].Total)
	}
	markup := test.RenderToMarkup(s.win.Canvas())
	if !strings.Contains(markup, app.FormatMinor(want[0].Total, app.MustCurrency(want[0].Currency), s.nf)) {
		t.Fatal("the total owed is not on screen")
	}
}

func TestCustomersSearchAndDetail(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Customers")
	c := s.Customers
	all := c.pages.len()
	if all == 0 {
		t.Fatal("no customers listed")
	}
	first, _ := c.pages.at(0)
	word := strings.Fields(first.Name)[0]
	test.Type(c.Search, word)
	n, _ := ledger.CountCustomers(word)
	if c.pages.len() != n || n == 0 || n > all {
		t.Fatalf("search %q lists %d, store counts %d of %d", word, c.pages.len(), n, all)
	}
	c.List.Select(0)
	if c.Selected.Customer.ID == 0 || !strings.Contains(strings.ToLower(c.Selected.Customer.Name), strings.ToLower(word)) {
		t.Fatalf("selected %+v", c.Selected.Customer)
	}
	c.Search.SetText("no such customer at all")
	if c.pages.len() != 0 || c.Count.Text != "0 customers" {
		t.Fatalf("nonsense search lists %d (%s)", c.pages.len(), c.Count.Text)
	}
}

func TestCustomerFormRefusesBadInput(t *testing.T) {
	w := setup(t)
	f := newCustomerForm(w, app.DateDots, "en", app.Customer{}, func() app.Date { return testToday })
	f.name.SetText("Anna")
	f.since.SetText("2026-02-30")
	if _, err := f.customer(); err == nil {
		t.Fatal("impossible date accepted")
	}
	f.since.SetText("")
	f.tz.SetText("Mars/Olympus")
	_, err := f.customer()
	var fe *fieldError
	if !errors.As(err, &fe) || fe.field != f.tz {
		t.Fatalf("unknown time zone: %v", err)
	}
}

func TestInvoiceFilterAndForm(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Invoices")
	v := s.Invoices
	v.State.SetSelected("Overdue")
	want, _ := ledger.CountInvoices(app.InvoiceFilter{State: app.FilterOverdue})
	if v.pages.len() != want || want == 0 {
		t.Fatalf("overdue lists %d, store %d", v.pages.len(), want)
	}
	v.MinDays.SetText("90")
	want90, _ := ledger.CountInvoices(app.InvoiceFilter{State: app.FilterOverdue, MinDays: 90})
	if v.pages.len() != want90 || want90 >= want {
		t.Fatalf("over 90 lists %d, store %d (all overdue %d)", v.pages.len(), want90, want)
	}
	row, _ := v.pages.at(0)
	if app.StateOf(row.Invoice, testToday).DaysOverdue < 90 {
		t.Fatalf("row %s is not 90 days overdue", row.Number)
	}

	// A new invoice with lines: the total comes from the lines.
	f := NewInvoiceForm(s.win, ledger, s.nf, app.Invoice{Currency: "EUR", IssueDate: testToday, DueDate: testToday.AddDays(14)})
	test.Type(&f.Customer.Entry, strings.Fields(row.CustomerName)[0])
	if len(f.customers) == 0 {
		t.Fatal("typing a name offers no customers")
	}
	for label, id := range f.customers {
		if id == row.CustomerID {
			f.Customer.SetText(label)
		}
	}
	f.Number.SetText("NEW-1")
	r := f.addLine(app.InvoiceLine{Quantity: 1000})
	r.descr.SetText("Chair")
	r.qty.SetText("2")
	r.price.SetText("49.99")
	r.tax.SetText("19")
	if !strings.Contains(f.Total.Text, "118.98") {
		t.Fatalf("total %q", f.Total.Text)
	}
	f.Term.SetSelected(termChoices[app.TermNotice30])
	inv, err := f.Save()
	if err != nil || inv.Amount != 11898 || len(inv.Lines) != 1 || inv.Term != app.TermNotice30 {
		t.Fatalf("saved %+v %v", inv, err)
	}
	stored, err := ledger.Invoice(inv.ID)
	if err != nil || stored.Term != app.TermNotice30 {
		t.Fatalf("the default term was not stored: %q %v", stored.Term, err)
	}
	if again := NewInvoiceForm(s.win, ledger, s.nf, stored); again.Term.Selected != termChoices[app.TermNotice30] {
		t.Fatalf("the form shows %q", again.Term.Selected)
	}
	f2 := NewInvoiceForm(s.win, ledger, s.nf, app.Invoice{Currency: "EUR"})
	f2.Customer.SetText("somebody typed but not chosen")
	if _, err := f2.Save(); err == nil || !strings.Contains(app.Sentence(err), "choose the customer") {
		t.Fatalf("unchosen customer: %v", err)
	}
}

func TestTakeAPaymentAtTheCounter(t *testing.T) {
	s, ledger := sampleShell(t)
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOverdue}, 0, 1)
	target := rows[0]
	cust, _ := ledger.CustomerByID(target.CustomerID)
	s.Show("Take a payment")
	p := s.Payment
	test.Type(p.Find, cust.Name)
	if len(p.found) == 0 {
		t.Fatal("customer not found by name")
	}
	found := -1
	for i, r := range p.found {
		if r.ID == cust.ID {
			found = i
		}
	}
	p.Matches.Select(found)
	p.Currency.SetText(target.Currency)
	test.Type(p.Amount, "-5")
	if !p.Save.Disabled() || p.Preview.Text == "" {
		t.Fatalf("negative amount: save enabled=%v preview %q", !p.Save.Disabled(), p.Preview.Text)
	}
	p.Amount.SetText("")
	cur := app.MustCurrency(target.Currency)
	test.Type(p.Amount, app.Decimal(1, cur))
	if p.Save.Disabled() || !strings.Contains(p.Preview.Text, "to invoice") {
		t.Fatalf("preview %q", p.Preview.Text)
	}
	before, _ := ledger.Invoice(target.ID)
	open, _ := ledger.OpenItems(cust.ID, target.Currency)
	test.Tap(p.Save)
	if !strings.HasPrefix(p.Result.Text, "Saved") {
		t.Fatalf("result %q", p.Result.Text)
	}
	after, _ := ledger.Invoice(open[0].InvoiceID)
	if open[0].InvoiceID == target.ID && after.Paid != before.Paid+1 {
		t.Fatalf("paid %d -> %d", before.Paid, after.Paid)
	}
	if after.Paid == 0 {
		t.Fatal("the oldest open invoice received nothing")
	}
}

func TestImportCheckThenImport(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Import")
	m := s.Import
	path := filepath.Join(t.TempDir(), "new.csv")
	os.WriteFile(path, []byte("Invoice No,Customer,Date,Due Date,Amount\nUI-1,Zoë Ñúñez,2026-11-01,2026-11-15,\"1,250.00\"\nUI-2,Zoë Ñúñez,2026-11-02,2026-11-16,10.00\n"), 0o644)
	m.Path.SetText(path)
	test.Tap(m.CheckBtn)
	if m.LastReport.Added != 2 || m.LastReport.Applied || !strings.Contains(m.Report.Text, "would be added") {
		t.Fatalf("check: %+v\n%s", m.LastReport, m.Report.Text)
	}
	if n, _ := ledger.CountInvoices(app.InvoiceFilter{Search: "UI-"}); n != 0 {
		t.Fatal("checking imported")
	}
	test.Tap(m.ImportBtn)
	if !m.LastReport.Applied || m.LastReport.Added != 2 {
		t.Fatalf("import: %+v\n%s", m.LastReport, m.Report.Text)
	}
	if !strings.Contains(m.Report.Text, "2 invoices created") || !strings.Contains(m.Report.Text, "no customer type column: 1 new customer was recorded as a consumer (the shop's default") {
		t.Fatalf("the report does not say what the new customer is: %s", m.Report.Text)
	}
	if n, _ := ledger.CountInvoices(app.InvoiceFilter{Search: "UI-"}); n != 2 {
		t.Fatalf("%d imported", n)
	}
	test.Tap(m.ImportBtn)
	if m.LastReport.Unchanged != 2 || m.LastReport.Added != 0 {
		t.Fatalf("again: %+v", m.LastReport)
	}
	os.WriteFile(path, []byte("Invoice No,Customer,Date,Amount\nUI-3,X,2026-02-30,5\n"), 0o644)
	test.Tap(m.ImportBtn)
	if !strings.Contains(m.Report.Text, "not a date on the calendar") || !strings.Contains(m.Report.Text, "nothing was imported") {
		t.Fatalf("bad row report: %s", m.Report.Text)
	}
}

func TestApplyCreditFromTheCustomerScreen(t *testing.T) {
	s, ledger := sampleShell(t)
	c, err := ledger.AddCustomer(app.Customer{Name: "Credit Test"})
	if err != nil {
		t.Fatal(err)
	}
	ledger.SaveInvoice(app.Invoice{Number: "CR-1", CustomerID: c.ID, IssueDate: testToday.AddDays(-30), DueDate: testToday.AddDays(-20), Currency: "EUR", Amount: 1000})
	if _, err := ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "25.00", Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	ledger.SaveInvoice(app.Invoice{Number: "CR-2", CustomerID: c.ID, IssueDate: testToday, DueDate: testToday.AddDays(10), Currency: "EUR", Amount: 2000})
	s.Show("Customers")
	s.Customers.Open(c.ID)
	if s.Customers.ApplyCredit == nil {
		t.Fatal("no apply-credit button for a customer with credit and debt")
	}
	test.Tap(s.Customers.ApplyCredit)
	inv, _ := ledger.ListInvoices(app.InvoiceFilter{Search: "CR-2"}, 0, 1)
	if inv[0].Paid != 1500 {
		t.Fatalf("CR-2 paid %d", inv[0].Paid)
	}
	if s.Customers.ApplyCredit != nil {
		t.Fatal("the button stays after the credit is spent")
	}
}

func TestImportWithColumnsChosenByHand(t *testing.T) {
	s, ledger := sampleShell(t)
	m := s.Import
	path := filepath.Join(t.TempDir(), "german.csv")
	os.WriteFile(path, []byte("Beleg;Wer;Tag;Summe EUR\nDE-1;Jürgen Groß;01.11.2026;1.234,50\n"), 0o644)
	m.Path.SetText(path)
	test.Tap(m.CheckBtn)
	if !strings.Contains(m.Report.Text, "Columns…") || strings.Contains(m.Report.Text, "--map") {
		t.Fatalf("unknown headers: %s", m.Report.Text)
	}
	header, err := ledger.ReadHeader(path, "")
	if err != nil || len(header) != 4 {
		t.Fatal(header, err)
	}
	m.Mapping = map[string]app.Field{"Beleg": app.FieldNumber, "Wer": app.FieldCustomer, "Tag": app.FieldIssueDate, "Summe EUR": app.FieldAmount}
	test.Tap(m.ImportBtn)
	if !m.LastReport.Applied || m.LastReport.Added != 1 {
		t.Fatalf("mapped import: %s", m.Report.Text)
	}
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{Search: "DE-1"}, 0, 1)
	if len(rows) != 1 || rows[0].Amount != 123450 || rows[0].IssueDate.String() != "2026-11-01" {
		t.Fatalf("imported %+v", rows)
	}
}

// overlayWidgets lists the widgets of the top dialog.
func overlayWidgets(w fyne.Window) []fyne.CanvasObject {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	return test.LaidOutObjects(top)
}

func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range overlayWidgets(w) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button in the dialog", text)
	return nil
}

func overlayEntries(w fyne.Window) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range overlayWidgets(w) {
		switch e := o.(type) {
		case *widget.Entry:
			out = append(out, e)
		case *textEntry:
			out = append(out, &e.Entry)
		}
	}
	return out
}

func selectGroup(t *testing.T, td *Today, prefix string) {
	t.Helper()
	for i, o := range td.Group.Options {
		if strings.HasPrefix(o, prefix) {
			td.Group.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("no group %q in %v", prefix, td.Group.Options)
}

func TestTodayApproveSkipSnoozeAndCall(t *testing.T) {
	s, ledger := sampleShell(t)
	td := s.Today
	if len(td.queue.Actions) == 0 {
		t.Fatal("the sample's Today is empty")
	}
	selectGroup(t, td, "Letters")
	if len(td.shown) < 3 {
		t.Fatalf("only %d letters", len(td.shown))
	}
	first := td.shown[0]
	td.List.Select(0)
	if td.Selected == nil || td.Selected.Key() != first.Key() {
		t.Fatal("selecting shows nothing")
	}
	var approve *widget.Button
	for _, o := range test.LaidOutObjects(td.Detail) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Approve" {
			approve = b
		}
	}
	test.Tap(approve)
	for _, a := range td.queue.Actions {
		if a.Key() == first.Key() {
			t.Fatal("an approved action is still proposed")
		}
	}
	tl, _ := ledger.Customer(first.CustomerID)
	if !strings.Contains(tl.Timeline[0].Summary, "printed") || td.OpenPDF.Hidden {
		t.Fatalf("timeline: %s", tl.Timeline[0].Summary)
	}

	// Skip with a reason, through the dialog.
	selectGroup(t, td, "Letters")
	second := td.shown[0]
	td.List.Select(0)
	td.skip(second)
	entries := overlayEntries(s.win)
	if len(entries) != 1 {
		t.Fatalf("skip dialog has %d entries", len(entries))
	}
	test.Type(entries[0], "spoke at the counter, pays Friday")
	test.Tap(overlayButton(t, s.win, "Skip"))
	tl, _ = ledger.Customer(second.CustomerID)
	if !strings.Contains(tl.Timeline[0].Summary, "skipped: spoke at the counter") {
		t.Fatalf("skip timeline: %s", tl.Timeline[0].Summary)
	}

	// Snooze: the customer is held until the day chosen.
	selectGroup(t, td, "Letters")
	third := td.shown[0]
	td.snooze(third)
	entries = overlayEntries(s.win)
	entries[0].SetText("2026-12-01")
	test.Type(entries[1], "on holiday")
	test.Tap(overlayButton(t, s.win, "Snooze"))
	held := false
	for _, a := range td.queue.Actions {
		if a.CustomerID == third.CustomerID && a.Blocked() && a.Guards[0].Guard == "hold" {
			held = true
		}
	}
	if !held {
		t.Fatal("the snoozed customer is not shown as held")
	}

	// Guarded actions cannot be approved.
	selectGroup(t, td, "Held")
	if len(td.shown) == 0 {
		t.Fatal("nothing held")
	}
	td.List.Select(0)
	for _, o := range test.LaidOutObjects(td.Detail) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Approve" && !b.Disabled() {
			t.Fatal("a guarded action can be approved")
		}
	}

	// Approve all approves everything that is not held and not a call, once the owner confirms
	// the letters.
	test.Tap(td.ApproveAll)
	if td.PrintAllBtn != nil && !td.PrintAllBtn.Hidden {
		test.Tap(td.PrintAllBtn)
	}
	for _, a := range td.queue.Actions {
		// Emails wait while no mailbox is set up: never recorded as sent.
		if !a.Blocked() && a.Channel != app.ChannelCall && a.Channel != app.ChannelEmail {
			t.Fatalf("left after approve all: %+v", a)
		}
	}
}

func TestTodayCallOutcome(t *testing.T) {
	s, ledger := sampleShell(t)
	td := s.Today
	var call *app.Action
	for _, a := range td.queue.Actions {
		if a.Channel == app.ChannelCall && !a.Blocked() {
			a := a
			call = &a
		}
	}
	if call == nil {
		t.Fatal("no call task in the sample today")
	}
	td.show(call)
	var noAnswer *widget.Button
	for _, o := range test.LaidOutObjects(td.Detail) {
		if b, ok := o.(*widget.Button); ok && b.Text == "No answer" {
			noAnswer = b
		}
	}
	test.Tap(noAnswer)
	d, _ := ledger.Customer(call.CustomerID)
	if !strings.Contains(d.Timeline[0].Summary, "approved") || !strings.Contains(d.Timeline[1].Summary, "no answer") {
		t.Fatalf("timeline %s / %s", d.Timeline[0].Summary, d.Timeline[1].Summary)
	}
}

func TestCustomerCollectionsTab(t *testing.T) {
	s, ledger := sampleShell(t)
	c, _ := ledger.AddCustomer(app.Customer{Name: "Case Tester", Email: "case@example.com"})
	ledger.SaveInvoice(app.Invoice{Number: "CT-1", CustomerID: c.ID, IssueDate: testToday.AddDays(-40), DueDate: testToday.AddDays(-30), Currency: "EUR", Amount: 30000})
	ledger.SaveInvoice(app.Invoice{Number: "CT-2", CustomerID: c.ID, IssueDate: testToday.AddDays(-20), DueDate: testToday.AddDays(-10), Currency: "EUR", Amount: 6000})
	s.Show("Customers")
	cs := s.Customers
	cs.Open(c.ID)
	tab := cs.Case
	if tab == nil || tab.Case.Tone != app.ToneStandard {
		t.Fatalf("case tab %+v", tab)
	}
	// Tone chosen by the owner.
	tab.Tone.SetSelected("gentle")
	if cs.Case.Case.ToneChoice != app.ToneGentle || cs.Case.Case.Tone != app.ToneGentle {
		t.Fatalf("tone %+v", cs.Case.Case)
	}
	// A promise through the dialog.
	cs.Case.promiseDialog()
	entries := overlayEntries(s.win)
	test.Type(entries[0], "100.00")
	test.Tap(overlayButton(t, s.win, "Record"))
	if len(cs.Case.Case.Promises) != 1 || cs.Case.Case.Promises[0].Amount != 10000 || cs.Case.Case.Promises[0].State != app.PromiseOpen {
		t.Fatalf("promises %+v", cs.Case.Case.Promises)
	}
	// A dispute and its resolution.
	cs.Case.disputeDialog()
	test.Type(overlayEntries(s.win)[0], "never delivered")
	test.Tap(overlayButton(t, s.win, "Record"))
	if len(cs.Case.Case.Disputes) != 1 || !cs.Case.Case.Disputes[0].ResolvedOn.IsZero() {
		t.Fatalf("disputes %+v", cs.Case.Case.Disputes)
	}
	cs.Case.resolveDialog(cs.Case.Case.Disputes[0])
	test.Type(overlayEntries(s.win)[0], "delivered late; customer accepts")
	test.Tap(overlayButton(t, s.win, "Resolve"))
	if cs.Case.Case.Disputes[0].ResolvedOn.IsZero() {
		t.Fatal("dispute not resolved")
	}
	// The flags: bankruptcy stops everything.
	cs.Case.Flags.SetSelected([]string{"in bankruptcy"})
	if cu, _ := ledger.CustomerByID(c.ID); !cu.HasFlag(app.FlagBankruptcy) {
		t.Fatalf("flags %v", cu.Flags)
	}
	cs.Case.Flags.SetSelected(nil)
	// A payment plan with its live preview; a down payment above the total is refused.
	f := NewPlanForm(s.win, s.Customers.col, s.nf, s.Customers.Dates, c, cs.Selected.Open, "EUR")
	if !strings.Contains(f.Preview.Text, "installment 3") || !strings.Contains(f.Preview.Text, "120.00") {
		t.Fatalf("preview %q", f.Preview.Text)
	}
	f.Down.SetText("500")
	if !strings.Contains(f.Preview.Text, "down payment must be") {
		t.Fatalf("bad down payment: %q", f.Preview.Text)
	}
	f.Down.SetText("60")
	r, err := f.Request()
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Customers.col.CreatePlan(r)
	if err != nil || p.Total != 36000 || len(p.Schedule) != 4 {
		t.Fatalf("plan %+v %v", p, err)
	}
	if img, err := s.Customers.col.PreviewPlanAgreement(c.ID, p.ID, 300); err != nil || img.Bounds().Dx() != 300 {
		t.Fatalf("agreement preview: %v", err)
	}
	pdf, warnings, err := s.Customers.col.PlanAgreement(c.ID, p.ID)
	if err != nil || len(warnings) != 0 || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("agreement: %v %v", warnings, err)
	}
	if d, _ := ledger.Customer(c.ID); !strings.Contains(d.Timeline[0].Summary, "agreement") {
		t.Fatalf("the printed agreement is not on the timeline: %s", d.Timeline[0].Summary)
	}
}

func TestSettingsLadderProfileAndRates(t *testing.T) {
	s, _ := sampleShell(t)
	s.Show("Settings")
	st := s.Settings
	if len(st.ladders) < 2 || len(st.stageRows) != 5 || len(st.rateRows) == 0 {
		t.Fatalf("settings not loaded: %d ladders, %d stages, %d rates", len(st.ladders), len(st.stageRows), len(st.rateRows))
	}
	// Stages out of order are refused with a sentence and nothing changes.
	st.stageRows[2].days.SetText("3")
	st.saveLadder()
	if !strings.Contains(st.Message.Text, "put the stages in order") {
		t.Fatalf("message %q", st.Message.Text)
	}
	st.Refresh()
	if st.stageRows[2].days.Text != "21" {
		t.Fatal("a refused ladder was saved")
	}
	// A fee on reminder 2 is saved.
	st.stageRows[2].fee.SetText("2.50")
	st.saveLadder()
	ls, _ := st.svc.Ladders()
	if ls[0].Stages[2].Fee != "2.50" || !strings.Contains(st.Message.Text, "saved") {
		t.Fatalf("fee not saved: %+v %q", ls[0].Stages[2], st.Message.Text)
	}
	// The profile.
	st.Profile.SetSelected("UK")
	st.Limitation.SetText("6")
	st.saveRules()
	cs, _ := st.svc.Settings()
	if cs.Profile != app.ProfileUK || cs.LimitationYears != 6 {
		t.Fatalf("rules %+v", cs)
	}
	st.Limitation.SetText("-1")
	st.saveRules()
	if !strings.Contains(st.Message.Text, "limitation period") {
		t.Fatalf("negative limitation: %q", st.Message.Text)
	}
	// An absurd rate and overlapping rates are refused; a new half-year is saved, negative rates too.
	n := len(st.rateRows)
	st.addRate(app.RatePeriod{Series: app.SeriesDEBase, From: app.MustDate("2026-07-01"), To: app.MustDate("2026-12-31"), Rate: -5000})
	st.saveRates()
	if !strings.Contains(st.Message.Text, "between -10 % and 100 %") {
		t.Fatalf("absurd rate: %q", st.Message.Text)
	}
	st.rateRows[n].pct.SetText("-0.50")
	st.rateRows[n].from.SetText("2026-01-01")
	st.saveRates()
	if !strings.Contains(st.Message.Text, "overlap") {
		t.Fatalf("overlap: %q", st.Message.Text)
	}
	st.rateRows[n].from.SetText("2026-07-01")
	st.saveRates()
	rates, _ := st.svc.Rates()
	if len(rates.Periods) != n+1 || strings.Contains(st.Warnings.Text, "DE-base") || !strings.Contains(st.Confirmed.Text, "confirmed through 31.12.2026") {
		t.Fatalf("rates %d, warnings %q, confirmed %q", len(rates.Periods), st.Warnings.Text, st.Confirmed.Text)
	}
}

func TestTodayPrintRunAndPreview(t *testing.T) {
	s, _ := sampleShell(t)
	td := s.Today
	td.LettersDir = t.TempDir()
	selectGroup(t, td, "Letters")
	td.List.Select(0)
	previewed := false
	for _, o := range test.LaidOutObjects(td.Detail) {
		if _, ok := o.(*canvas.Image); ok {
			previewed = true
		}
	}
	if !previewed {
		t.Fatal("no letter preview for a letter action")
	}
	before := td.queue
	test.Tap(td.PrintBtn)
	// Nothing is approved until the owner confirms, and the question names the letters.
	if len(td.queue.Actions) != len(before.Actions) || td.PrintAllBtn == nil {
		t.Fatal("printing approved letters without asking")
	}
	test.Tap(td.PrintAllBtn)
	if len(td.LastRun.Letters) == 0 || td.LastPDF == "" {
		t.Fatalf("print run: %d letters, pdf %q", len(td.LastRun.Letters), td.LastPDF)
	}
	b, err := os.ReadFile(td.LastPDF)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("combined PDF not saved: %v", err)
	}
	if td.OpenPDF.Hidden {
		t.Fatal("no way to open the PDF")
	}
	for _, a := range td.queue.Actions {
		if !a.Blocked() && a.Channel == app.ChannelLetter {
			t.Fatalf("a letter is still proposed after the print run: %+v", a)
		}
	}
}

func TestTemplateEditorAndLetterhead(t *testing.T) {
	s, _ := sampleShell(t)
	s.Show("Settings")
	ed := s.Settings.Templates
	if !strings.HasPrefix(ed.Text.Text, "Subject:") {
		t.Fatalf("template not loaded: %q", ed.Text.Text)
	}
	good := ed.Text.Text
	ed.Text.SetText(good + "\nSee {nonsense}.")
	if !ed.Save.Disabled() || !strings.Contains(ed.Problem.Text, "{nonsense} is not a field") || !strings.Contains(ed.Problem.Text, "line") {
		t.Fatalf("broken template: %q", ed.Problem.Text)
	}
	ed.Text.SetText(strings.Replace(good, "Subject:", "Subject: Please note:", 1))
	test.Tap(ed.Save)
	if text, _ := ed.svc.TemplateText(app.TemplateKey{Kind: app.KindReminder1, Tone: app.ToneStandard, Lang: "en"}); !strings.Contains(text, "Please note:") {
		t.Fatal("the template was not saved")
	}
	lh := s.Settings.Letterhead
	lh.IBAN.SetText("DE89 3704 0044 0532 0130 01")
	lh.save()
	if !strings.Contains(lh.Message.Text, "check digit") {
		t.Fatalf("bad IBAN: %q", lh.Message.Text)
	}
	bad := filepath.Join(t.TempDir(), "logo.png")
	os.WriteFile(bad, []byte("not an image at all"), 0o644)
	lh.loadLogo(bad)
	if !strings.Contains(lh.Message.Text, "not a PNG or JPEG") {
		t.Fatalf("bad logo: %q", lh.Message.Text)
	}
	if lh.Kind.Selected != "consumers" {
		t.Fatalf("a shop set up before the choice shows %q", lh.Kind.Selected)
	}
	lh.IBAN.SetText("de89370400440532013000")
	lh.Link.SetText("https://pay.example/shop")
	lh.Kind.SetSelected("businesses")
	lh.save()
	shop, _, _ := lh.svc.ShopProfile()
	if shop.IBAN != "DE89 3704 0044 0532 0130 00" || shop.PaymentLink != "https://pay.example/shop" || shop.DefaultKind != app.Business {
		t.Fatalf("profile %+v", shop)
	}
	if !strings.Contains(lh.Message.Text, "start as businesses") {
		t.Fatalf("saved: %q", lh.Message.Text)
	}
}

func TestCustomerLettersTab(t *testing.T) {
	s, ledger := sampleShell(t)
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOverdue}, 0, 1)
	s.Show("Customers")
	s.Customers.Open(rows[0].CustomerID)
	lt := s.Customers.Letters
	lt.Kind.SetSelected("final")
	if (lt.Message.Text != "" && !strings.HasPrefix(lt.Message.Text, "Warning: ")) || lt.Preview.Image.Bounds().Dx() < 100 {
		t.Fatalf("no preview: %q", lt.Message.Text)
	}
	pdf, _, err := lt.svc.PrintLetter(lt.Request())
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatal(err)
	}
	docs, _ := lt.svc.Documents(rows[0].CustomerID)
	if len(docs) == 0 {
		t.Fatal("the printed letter is not kept")
	}
	again, _ := lt.svc.Reprint(docs[0].SHA256)
	if string(again) != string(pdf) {
		t.Fatal("the kept letter differs from the printed one")
	}
}

// The Dashboard draws DSO and the aging for each of the last twelve month ends; the last one is
// today, so its stack is what the aging report owes today, bucket by bucket.
func TestDashboardShowsTheTrendsMonthByMonth(t *testing.T) {
	s, ledger := sampleShell(t)
	s.Show("Dashboard")
	d := s.Dashboard
	if len(d.Trends) < len(d.Data.Aging) || len(d.TrendCharts) != 2*len(d.Data.Aging) || len(d.Trends) == 0 {
		t.Fatalf("%d trends, %d charts for %d currencies", len(d.Trends), len(d.TrendCharts), len(d.Data.Aging))
	}
	dso, aging := d.TrendCharts[0].Chart, d.TrendCharts[1].Chart
	if len(dso.Categories) != app.TrendMonths || len(aging.Series) != len(app.AgingBuckets) {
		t.Fatalf("DSO over %d months, aging in %d series", len(dso.Categories), len(aging.Series))
	}
	var tr app.Trend
	for _, x := range d.Trends {
		if x.Currency == d.Data.Aging[0].Currency {
			tr = x
		}
	}
	cur := app.MustCurrency(tr.Currency)
	for _, asOf := range []app.Date{testToday, tr.Months[10].End} {
		want, _ := ledger.AgingReport(asOf)
		got := tr.Months[11]
		if asOf != testToday {
			got = tr.Months[10]
		}
		if want[0].Currency != tr.Currency {
			t.Fatalf("aging of %s, trend of %s", want[0].Currency, tr.Currency)
		}
		for i, b := range want[0].Buckets {
			if got.Aging.Buckets[i].Amount != b.Amount {
				t.Errorf("%s, %s: trend %d, aging report %d", asOf, b.Name, got.Aging.Buckets[i].Amount, b.Amount)
			}
		}
	}
	last := tr.Months[11]
	if dso.Series[0].Values[11] != float64(last.DSO) || last.DSO == 0 {
		t.Fatalf("DSO drawn %v, computed %d", dso.Series[0].Values[11], last.DSO)
	}
	if v := aging.Series[4].Values[11]; v != float64(last.Aging.Buckets[4].Amount)/math.Pow10(cur.Exponent) {
		t.Fatalf("over 90 drawn %v, owed %d", v, last.Aging.Buckets[4].Amount)
	}
}
