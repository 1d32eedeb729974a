package ui

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"duebook/app"
)

// A customer who owes in two currencies: the Letters tab asks which one the letter claims and
// previews it; without the choice a statement would be refused (it never adds across them).
func TestLettersTabChoosesTheCurrency(t *testing.T) {
	s, ledger := sampleShell(t)
	rows, _ := ledger.ListInvoices(app.InvoiceFilter{State: app.FilterOverdue}, 0, 1)
	id := rows[0].CustomerID
	if _, err := ledger.SaveInvoice(app.Invoice{Number: "US-1", CustomerID: id, IssueDate: testToday.AddDays(-40), DueDate: testToday.AddDays(-20), Currency: "USD", Amount: 25000}); err != nil {
		t.Fatal(err)
	}
	s.Show("Customers")
	s.Customers.Open(id)
	lt := s.Customers.Letters
	if lt.Currency == nil || strings.Join(lt.Currency.Options, ",") != "EUR,USD" {
		t.Fatal("no currency choice for a customer owing in EUR and USD")
	}
	lt.Kind.SetSelected("statement")
	lt.Currency.SetSelected("USD")
	if strings.Contains(lt.Message.Text, "one currency") || lt.Preview.Image.Bounds().Dx() < 100 {
		t.Fatalf("no preview: %q", lt.Message.Text)
	}
	r := lt.Request()
	r.Currency = ""
	if _, _, err := lt.svc.PrintLetter(r); err == nil || !strings.Contains(app.Sentence(err), "EUR and USD") {
		t.Fatalf("a statement across currencies: %v", err)
	}
	pdf, _, err := lt.svc.PrintLetter(lt.Request())
	if err != nil || !strings.Contains(pdfTextOf(t, pdf), "US-1") || strings.Contains(pdfTextOf(t, pdf), "EUR") {
		t.Fatalf("the USD statement: %v", err)
	}
}

// pdfTextOf reads a PDF back with poppler's pdftotext, an independent reader.
func pdfTextOf(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
