package data_test

import (
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
)

func (f *fixture) setDefaultKind(k app.CustomerKind) {
	f.t.Helper()
	shop, _, err := f.ledger.ShopProfile()
	if err != nil {
		f.t.Fatal(err)
	}
	shop.DefaultKind = k
	if _, err := f.ledger.SetUpShop(shop); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) timeline(id int64) string {
	f.t.Helper()
	evs, err := f.store.Timeline(id, 100)
	if err != nil {
		f.t.Fatal(err)
	}
	var s []string
	for _, e := range evs {
		s = append(s, e.Summary)
	}
	return strings.Join(s, "\n")
}

func TestShopDefaultKindIsStoredAndChecked(t *testing.T) {
	f := newFixture(t)
	if shop, _, _ := f.ledger.ShopProfile(); shop.DefaultKind != "" || shop.KindForNewCustomers() != app.Consumer {
		t.Fatalf("a shop set up without the choice: %+v", shop)
	}
	f.setDefaultKind(app.Business)
	if shop, _, _ := f.ledger.ShopProfile(); shop.DefaultKind != app.Business {
		t.Fatalf("stored %q", shop.DefaultKind)
	}
	shop, _, _ := f.ledger.ShopProfile()
	shop.DefaultKind = "aliens"
	if _, err := f.ledger.SetUpShop(shop); err == nil || app.CodeOf(err) != app.CodeInvalid {
		t.Fatalf("a default kind that is neither was saved: %v", err)
	}
	if c := f.customer("Implicit Ltd"); c.Kind != app.Business {
		t.Fatalf("a customer added without a kind is a %s, not the shop's default", c.Kind)
	}
}

func TestImportWithoutTypeColumnRecordsTheShopDefault(t *testing.T) {
	f := newFixture(t)
	f.setDefaultKind(app.Business)
	stored := f.customer("Anna Consumer")
	changed := stored
	changed.Kind = app.Consumer
	if _, err := f.ledger.UpdateCustomer(changed); err != nil {
		t.Fatal(err)
	}
	path := f.file("inv.csv", "Invoice No,Customer,Date,Amount\nK-1,Bolt GmbH,2026-10-01,10.00\nK-2,Anna Consumer,2026-10-01,10.00\n")
	dry, err := f.imp(app.ImportInvoices, path, app.ImportOptions{DryRun: true})
	want := "no customer type column: 1 new customer will be recorded as a business (the shop's default; change it in Settings or per customer)"
	if err != nil || !strings.Contains(strings.Join(dry.Notes, "\n"), want) {
		t.Fatalf("dry run does not say %q: %v %v", want, dry.Notes, err)
	}
	rep, err := f.imp(app.ImportInvoices, path, app.ImportOptions{})
	if done := strings.Replace(want, "will be recorded", "was recorded", 1); err != nil || !strings.Contains(strings.Join(rep.Notes, "\n"), done) {
		t.Fatalf("report does not say %q: %v %v", done, rep.Notes, err)
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE name = 'Bolt GmbH' AND kind = 'business'`); n != 1 {
		t.Fatal("the new customer is not a business")
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE id = ? AND kind = 'consumer'`, stored.ID); n != 1 {
		t.Fatal("the import changed a stored customer's kind")
	}
	bolt := int64(f.count(`SELECT id FROM customers WHERE name = 'Bolt GmbH'`))
	if tl := f.timeline(bolt); !strings.Contains(tl, "as a business (the shop's default: the file did not say)") {
		t.Fatalf("timeline: %s", tl)
	}
	f.mustCheck()
}

func TestCustomerImportWithTypeColumnChangesTheKindOnTheTimeline(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Bolt GmbH")
	path := f.file("cust.csv", "Name,Customer Type\nBolt GmbH,Unternehmen\n")
	if _, err := f.imp(app.ImportCustomers, path, app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE id = ? AND kind = 'business'`, c.ID); n != 1 {
		t.Fatal("the kind was not changed")
	}
	if tl := f.timeline(c.ID); !strings.Contains(tl, "customer type changed from consumer to business") {
		t.Fatalf("timeline: %s", tl)
	}
}

func TestEditingAKindIsOnTheTimeline(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Carla")
	if c.Kind != app.Consumer {
		t.Fatalf("kind %s", c.Kind)
	}
	c.Kind = app.Business
	if _, err := f.ledger.UpdateCustomer(c); err != nil {
		t.Fatal(err)
	}
	tl := f.timeline(c.ID)
	if !strings.HasPrefix(tl, "Customer type changed from consumer to business\n") {
		t.Fatalf("timeline: %s", tl)
	}
	c.Kind, c.Phone = app.Consumer, "+49 30 1234"
	f.ledger.UpdateCustomer(c)
	if tl := f.timeline(c.ID); !strings.HasPrefix(tl, "Customer type changed from business to consumer, and other details changed\n") {
		t.Fatalf("timeline: %s", tl)
	}
	c.Phone = "+49 30 9999"
	f.ledger.UpdateCustomer(c)
	if tl := f.timeline(c.ID); !strings.HasPrefix(tl, "Customer details changed\n") {
		t.Fatalf("timeline: %s", tl)
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE id = ? AND kind = 'consumer'`, c.ID); n != 1 {
		t.Fatal("kind not stored")
	}
}

// A new shop is saved with the legal profile the owner chose, not the one its country implies,
// together in one transaction; a refused profile saves nothing.
func TestNewShopKeepsTheChosenLegalProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l := app.NewLedger(st, app.FixedClock(today.Time()), sheets.Reader{})
	if _, err := l.SetUpNewShop(app.Shop{Name: "Laden", Country: "AT", Currency: "EUR"}, "XX"); err == nil {
		t.Fatal("an unknown profile was accepted")
	}
	if _, ok, _ := l.ShopProfile(); ok {
		t.Fatal("a refused setup saved the shop")
	}
	if _, err := l.SetUpNewShop(app.Shop{Name: "Laden", Country: "AT", Currency: "EUR"}, app.ProfileDE); err != nil {
		t.Fatal(err)
	}
	shop, ok, _ := l.ShopProfile()
	cs, err := st.CollectionSettings()
	if !ok || shop.Country != "AT" || err != nil || cs.Profile != app.ProfileDE || cs.PromiseGrace != 3 {
		t.Fatalf("shop %+v, settings %+v %v", shop, cs, err)
	}
}
