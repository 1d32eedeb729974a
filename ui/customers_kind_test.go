package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

func overlayRadio(t *testing.T, w fyne.Window) *widget.RadioGroup {
	t.Helper()
	for _, o := range overlayWidgets(w) {
		if r, ok := o.(*widget.RadioGroup); ok {
			return r
		}
	}
	t.Fatal("no choice in the dialog")
	return nil
}

func TestCustomerKindEditedThroughTheForm(t *testing.T) {
	s, ledger := sampleShell(t)
	cu, err := ledger.AddCustomer(app.Customer{Name: "Kind Test", Kind: app.Consumer})
	if err != nil {
		t.Fatal(err)
	}
	s.Show("Customers")
	c := s.Customers
	c.Open(cu.ID)
	c.edit(c.Selected.Customer)
	kind := overlayRadio(t, s.win)
	if kind.Selected != "consumer" {
		t.Fatalf("the form shows %q", kind.Selected)
	}
	kind.SetSelected("business")
	test.Tap(overlayButton(t, s.win, "Save"))
	d, _ := ledger.Customer(cu.ID)
	if d.Customer.Kind != app.Business || c.Selected.Customer.Kind != app.Business {
		t.Fatalf("kind stored %s, shown %s", d.Customer.Kind, c.Selected.Customer.Kind)
	}
	if d.Timeline[0].Summary != "Customer type changed from consumer to business" {
		t.Fatalf("timeline: %q", d.Timeline[0].Summary)
	}
	c.tabs.SelectIndex(len(c.tabs.Items) - 1)
	if !strings.Contains(test.RenderToMarkup(s.win.Canvas()), "Customer type changed from consumer to business") {
		t.Fatal("the change is not on the customer's timeline on screen")
	}

	// A new customer starts as the shop's default.
	shop, _, _ := ledger.ShopProfile()
	shop.DefaultKind = app.Business
	if _, err := ledger.SetUpShop(shop); err != nil {
		t.Fatal(err)
	}
	c.add()
	if k := overlayRadio(t, s.win); k.Selected != "business" {
		t.Fatalf("a new customer starts as %q, not the shop's default", k.Selected)
	}
	test.Tap(overlayButton(t, s.win, "Cancel"))
}
