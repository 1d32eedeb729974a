package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"duebook/app"
)

// After a hand-off the customer screen offers the payments since, for the agency: as a letter
// (read back with an independent reader) or as rows to import; before it, it offers nothing.
func TestPaymentsSinceHandOffFromTheCustomerScreen(t *testing.T) {
	s, ledger := sampleShell(t)
	c := s.Customers
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOverdue}, 0, 1)
	id := rows[0].CustomerID
	c.Open(id)
	if c.PaymentsSince != nil {
		t.Fatal("payments since a hand-off offered for a customer never handed off")
	}
	hs := c.col.(handoffService)
	dir := t.TempDir()
	c.runHandoff(hs, app.HandoffRequest{CustomerIDs: []int64{id}, To: "Acme Collections", AuthorisedBy: "Jane Owner"}, storage.NewFileURI(filepath.Join(dir, "b.zip")))
	cu := c.Selected.Customer
	if _, err := ledger.TakePayment(app.PaymentRequest{CustomerID: id, Amount: "12.34", Method: app.MethodBank, Reference: "after"}); err != nil {
		t.Fatal(err)
	}
	c.Open(id)
	if c.PaymentsSince == nil {
		t.Fatal("no Payments since hand-off… button after the hand-off")
	}
	test.Tap(c.PaymentsSince)
	if texts := strings.Join(overlayTexts(c.win), "\n"); !strings.Contains(texts, "handed off to Acme Collections") || c.PaymentsSinceFormat == nil {
		t.Fatalf("no dialog: %q", texts)
	}
	ps := c.col.(handoffPaymentsService)
	pdf := storage.NewFileURI(filepath.Join(dir, "since.pdf"))
	c.savePaymentsSince(cu, ps, true, pdf)
	b, err := os.ReadFile(pdf.Path())
	if err != nil || c.PaymentsSinceSaved == nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfTextOf(t, b)), " ")
	if !strings.Contains(text, "Acme Collections") || !strings.Contains(text, cu.Name) || !strings.Contains(text, "12.34") && !strings.Contains(text, "12,34") {
		t.Fatalf("the letter:\n%s", text)
	}
	csvURI := storage.NewFileURI(filepath.Join(dir, "since.csv"))
	c.savePaymentsSince(cu, ps, false, csvURI)
	if b, _ := os.ReadFile(csvURI.Path()); !strings.Contains(string(b), "Acme Collections") || !strings.Contains(string(b), "12.34,") {
		t.Fatalf("the rows: %s", b)
	}
	// A folder that cannot be written leaves nothing and says so.
	bad := storage.NewFileURI(filepath.Join(dir, "missing", "since.pdf"))
	c.savePaymentsSince(cu, ps, true, bad)
	if texts := strings.Join(overlayTexts(c.win), "\n"); !strings.Contains(texts, "since.pdf") && !strings.Contains(texts, "missing") {
		t.Fatalf("no error shown: %q", texts)
	}
}
