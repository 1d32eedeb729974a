package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
)

// With a mailbox and an address, the thank-you note is an email: approving queues it, and the
// sender sends it although the customer owes nothing any more (the send-time checks stop a
// reminder to a customer who has paid, never a thank-you). It asks for nothing.
func TestThanksEmailIsQueuedAndSent(t *testing.T) {
	col, st, srv := mailBook(t)
	c, err := col.AddCustomer(app.Customer{Name: "Hanna Dank", Email: "hanna@example.com", Country: "DE", TimeZone: "Europe/Berlin"})
	if err != nil {
		t.Fatal(err)
	}
	inv, err := col.SaveInvoice(app.Invoice{Number: "TH-1", CustomerID: c.ID, IssueDate: app.MustDate("2026-09-01"), DueDate: app.MustDate("2026-09-30"), Currency: "EUR", Amount: 12000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := col.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "120.00", Date: app.MustDate("2026-11-20"), Method: app.MethodBank}); err != nil {
		t.Fatal(err)
	}
	q, err := col.Queue(app.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var note *app.Action
	for i, a := range q.Actions {
		if a.CustomerID == c.ID {
			if note != nil || a.Thanks == nil {
				t.Fatalf("Hanna's actions: %+v", a)
			}
			note = &q.Actions[i]
		}
	}
	if note == nil || note.Channel != app.ChannelEmail || note.Blocked() {
		t.Fatalf("no unblocked thank-you email for Hanna: %+v", note)
	}
	if err := col.ApproveAction(app.Date{}, *note); err != nil {
		t.Fatal(err)
	}
	queued, _ := col.Outbox(app.OutQueued)
	if len(queued) != 1 || queued[0].CustomerID != c.ID || queued[0].Stage != app.ThanksStageName {
		t.Fatalf("outbox: %+v", queued)
	}
	rep, err := col.SendQueued(context.Background(), nil)
	if err != nil || rep.Sent != 1 || rep.Failed != 0 {
		t.Fatalf("send: %+v %v", rep, err)
	}
	got := srv.Received()
	if len(got) != 1 || got[0].To[0] != "hanna@example.com" {
		t.Fatalf("received %+v", got)
	}
	raw := strings.ReplaceAll(string(got[0].Data), "=\r\n", "")
	if !strings.Contains(raw, "Subject: Thank you, Hanna Dank") || !strings.Contains(raw, "settling invoice TH-1 in full") {
		t.Fatalf("the email:\n%s", raw)
	}
	for _, bad := range []string{"EUR", "120.00", "120,00", "Total", "IBAN"} {
		if strings.Contains(raw, bad) {
			t.Errorf("the thank-you email shows %q", bad)
		}
	}
	after, _ := st.Invoice(inv.ID)
	if after.Paid != 12000 || after.LastPaidOn != app.MustDate("2026-11-20") {
		t.Fatalf("the invoice changed: %+v", after)
	}
	if q, _ := col.Queue(app.Date{}); len(q.Actions) > 0 {
		for _, a := range q.Actions {
			if a.CustomerID == c.ID {
				t.Fatalf("proposed again after approval: %+v", a)
			}
		}
	}
}

// thanksBook is a new shop with Anna, who paid a long overdue invoice, and Ben, who did too.
func thanksBook(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "shop.db")
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := app.FixedClock(app.MustDate("2026-11-20").Time().Add(10 * time.Hour))
	st.SetClock(clock)
	l := app.NewLedger(st, clock, sheets.Reader{})
	if _, err := l.SetUpShop(app.Shop{Name: "Corner Shop", Currency: "EUR", Language: "en", Country: "GB"}); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Anna Late", "Ben Later"} {
		c, err := l.AddCustomer(app.Customer{Name: name, Address1: "1 High Street", City: "York", PostalCode: "YO1 7HH", Country: "GB"})
		if err != nil {
			t.Fatal(err)
		}
		num := []string{"T-1", "B-1"}[i]
		if _, err := l.SaveInvoice(app.Invoice{Number: num, CustomerID: c.ID, IssueDate: app.MustDate("2026-09-01"), DueDate: app.MustDate("2026-09-30"), Currency: "EUR", Amount: 9900}); err != nil {
			t.Fatal(err)
		}
		if _, err := l.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "99.00", Date: app.MustDate("2026-11-18")}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// The command line: queue shows the note, approve and print make its letter, skip ends another.
func TestThanksFromTheCommandLine(t *testing.T) {
	db := thanksBook(t)
	code, stdout, errs := runCLI(t, "queue", "--db", db, "--as-of", "2026-11-22")
	if code != 0 || !strings.Contains(stdout, "#1 Anna Late: thank-you note by letter, gentle tone, asks for nothing (T-1)") ||
		!strings.Contains(stdout, "invoice T-1 was paid in full on 2026-11-18, 49 days after it fell due") {
		t.Fatalf("queue: %d %s %s", code, stdout, errs)
	}
	code, stdout, errs = runCLI(t, "approve", "--db", db, "--as-of", "2026-11-22", "--customer", "Anna Late")
	if code != 0 || !strings.Contains(stdout, "Approved: thank-you note for Anna Late (letter, asks for nothing)") {
		t.Fatalf("approve: %d %s %s", code, stdout, errs)
	}
	code, stdout, errs = runCLI(t, "skip", "--db", db, "--as-of", "2026-11-22", "--customer", "Ben Later", "--reason", "thanked him in the shop")
	if code != 0 || !strings.Contains(stdout, "Skipped: thank-you note for Ben Later.") {
		t.Fatalf("skip: %d %s %s", code, stdout, errs)
	}
	out := filepath.Join(t.TempDir(), "letters")
	if code, stdout, errs = runCLI(t, "print", "--db", db, "--out", out, "--as-of", "2026-11-22"); code != 0 {
		t.Fatalf("print: %d %s %s", code, stdout, errs)
	}
	files, _ := filepath.Glob(filepath.Join(out, "2026-11-22", "*.pdf"))
	if len(files) == 0 {
		t.Fatalf("no letter written: %s", stdout)
	}
	b, _ := os.ReadFile(files[0])
	text := strings.Join(strings.Fields(pdfText(t, b)), " ")
	if !strings.Contains(text, "Thank you very much for settling invoice T-1 in full.") || strings.Contains(text, "EUR") || strings.Contains(text, "99.00") || strings.Contains(text, "99,00") {
		t.Fatalf("the printed letter:\n%s", text)
	}
	// A thank-you note is not printed by hand: it belongs to what was settled.
	bad := filepath.Join(t.TempDir(), "thanks.pdf")
	if code, _, errs = runCLI(t, "letter", "--db", db, "--customer", "Anna Late", "--kind", "thanks", "--out", bad); code != 1 || !strings.Contains(errs, "proposed on Today") {
		t.Fatalf("letter --kind thanks: %d %s", code, errs)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Fatal("a refused letter left a file")
	}
	if _, stdout, _ = runCLI(t, "queue", "--db", db, "--as-of", "2026-11-23"); strings.Contains(stdout, "thank-you") {
		t.Fatalf("proposed again after approval and skip:\n%s", stdout)
	}
}
