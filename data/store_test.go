package data_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"

	_ "modernc.org/sqlite"
)

var today = app.MustDate("2026-11-22")

type fixture struct {
	t      *testing.T
	path   string
	store  *data.Store
	ledger *app.Ledger
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := app.FixedClock(today.Time().Add(10 * time.Hour))
	st.SetClock(clock)
	l := app.NewLedger(st, clock, sheets.Reader{})
	if _, err := l.SetUpShop(app.Shop{Name: "Corner Shop", Currency: "EUR", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, path: path, store: st, ledger: l}
}

func (f *fixture) customer(name string) app.Customer {
	f.t.Helper()
	c, err := f.ledger.AddCustomer(app.Customer{Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com"})
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fixture) invoice(c app.Customer, number, issue, due string, amount int64) app.Invoice {
	f.t.Helper()
	inv, err := f.ledger.SaveInvoice(app.Invoice{Number: number, CustomerID: c.ID, IssueDate: app.MustDate(issue), DueDate: app.MustDate(due), Currency: "EUR", Amount: amount})
	if err != nil {
		f.t.Fatal(err)
	}
	return inv
}

func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	db, err := sql.Open("sqlite", f.path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) mustCheck() {
	f.t.Helper()
	rep, err := f.store.Check()
	if err != nil || !rep.OK() {
		f.t.Fatalf("check: %+v %v", rep, err)
	}
}

func TestPaymentAllocatesOldestFirstAndKeepsCredit(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Zoë Ñúñez")
	a := f.invoice(c, "A-1", "2026-09-01", "2026-09-15", 10000)
	b := f.invoice(c, "A-2", "2026-10-01", "2026-10-15", 5000)
	res, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "120.00", Method: app.MethodCash})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Allocations) != 2 || res.Allocations[0].Number != "A-1" || res.Allocations[0].Amount != 10000 || res.Allocations[1].Amount != 2000 || res.Credit != 0 {
		t.Fatalf("allocation %+v", res)
	}
	ia, _ := f.store.Invoice(a.ID)
	ib, _ := f.store.Invoice(b.ID)
	if ia.Paid != 10000 || ib.Paid != 2000 || ia.LastPaidOn != today {
		t.Fatalf("paid %d %d %s", ia.Paid, ib.Paid, ia.LastPaidOn)
	}
	// Overpayment: the rest becomes credit and is said so.
	res, err = f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "50.00"})
	if err != nil || res.Credit != 2000 {
		t.Fatalf("overpayment %+v %v", res, err)
	}
	credit, _ := f.store.Credit(c.ID)
	if len(credit) != 1 || credit[0].Amount != 2000 {
		t.Fatalf("credit %+v", credit)
	}
	tl, _ := f.store.Timeline(c.ID, 10)
	if len(tl) < 2 || !strings.Contains(tl[0].Summary, "kept as credit") {
		t.Fatalf("timeline %+v", tl)
	}
	f.mustCheck()
}

func TestBadPaymentsChangeNothing(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Łukasz Øvergård")
	f.invoice(c, "B-1", "2026-09-01", "2026-09-15", 10000)
	before := f.count(`SELECT count(*) FROM payments`) + f.count(`SELECT count(*) FROM events`)
	for _, req := range []app.PaymentRequest{
		{CustomerID: c.ID, Amount: "-5"},
		{CustomerID: c.ID, Amount: "0"},
		{CustomerID: c.ID, Amount: "1.234"},
		{CustomerID: c.ID, Amount: "abc"},
		{CustomerID: c.ID, Amount: "5", Currency: "XYZ"},
		{CustomerID: c.ID, Amount: "5", Invoices: []string{"NOPE"}},
		{CustomerID: c.ID, Amount: "5", Date: today.AddDays(3)},
		{CustomerID: 999, Amount: "5"},
	} {
		if _, err := f.ledger.TakePayment(req); err == nil {
			t.Errorf("%+v accepted", req)
		} else if app.Sentence(err) == "" || strings.Contains(app.Sentence(err), "did not expect") {
			t.Errorf("%+v: no clear sentence: %v", req, err)
		}
	}
	if after := f.count(`SELECT count(*) FROM payments`) + f.count(`SELECT count(*) FROM events`); after != before {
		t.Fatalf("rows changed %d -> %d", before, after)
	}
}

func TestInvoiceRulesInStore(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Иван Петров")
	f.invoice(c, "C-1", "2026-09-01", "2026-09-15", 10000)
	if _, err := f.ledger.SaveInvoice(app.Invoice{Number: "C-1", CustomerID: c.ID, IssueDate: today, DueDate: today, Currency: "EUR", Amount: 5}); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("duplicate number: %v", err)
	}
	// Lines decide the amount.
	inv, err := f.ledger.SaveInvoice(app.Invoice{Number: "C-2", CustomerID: c.ID, IssueDate: today, DueDate: today.AddDays(14), Currency: "EUR",
		Lines: []app.InvoiceLine{{Description: "Chair", Quantity: 2000, UnitPrice: 4999, TaxRate: 1900}}})
	if err != nil || inv.Amount != 9998+1900 {
		t.Fatalf("lines: %d %v", inv.Amount, err)
	}
	back, _ := f.store.Invoice(inv.ID)
	if len(back.Lines) != 1 || back.Lines[0].UnitPrice != 4999 {
		t.Fatalf("lines back %+v", back.Lines)
	}
	// Paying part and then lowering the amount below what was paid is refused.
	if _, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "80", Invoices: []string{"C-2"}}); err != nil {
		t.Fatal(err)
	}
	back, _ = f.store.Invoice(inv.ID)
	back.Lines = nil
	back.Amount = 5000
	if _, err := f.ledger.SaveInvoice(back); err == nil {
		t.Fatal("amount below paid accepted")
	}
	f.mustCheck()
}

func TestAgingAddsUpAndHonoursAsOf(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Acme GmbH")
	f.invoice(c, "D-1", "2026-11-01", "2026-11-30", 1000) // not due
	f.invoice(c, "D-2", "2026-10-01", "2026-11-10", 2000) // 12 days
	f.invoice(c, "D-3", "2026-08-01", "2026-09-10", 3000) // 73 days
	f.invoice(c, "D-4", "2026-01-01", "2026-02-01", 4000) // 294 days
	// Paid today in full: not open today, but open on 2026-11-01.
	f.invoice(c, "D-5", "2026-10-01", "2026-10-15", 500)
	if _, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "5", Invoices: []string{"D-5"}}); err != nil {
		t.Fatal(err)
	}
	rep, err := f.store.Aging(today)
	if err != nil || len(rep) != 1 {
		t.Fatal(rep, err)
	}
	want := []int64{1000, 2000, 0, 3000, 4000}
	var sum int64
	for i, b := range rep[0].Buckets {
		if b.Amount != want[i] {
			t.Errorf("bucket %s = %d, want %d", b.Name, b.Amount, want[i])
		}
		sum += b.Amount
	}
	if sum != rep[0].Total || rep[0].Total != 10000 {
		t.Fatalf("total %d, buckets %d", rep[0].Total, sum)
	}
	past, err := f.store.Aging(app.MustDate("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	// On 11-01: D-1 not due (issued that day), D-2 not due, D-3 52 days, D-4 273 days, D-5 17 days.
	want = []int64{3000, 500, 3000, 0, 4000}
	for i, b := range past[0].Buckets {
		if b.Amount != want[i] {
			t.Errorf("as of 11-01 bucket %s = %d, want %d", b.Name, b.Amount, want[i])
		}
	}
	if past[0].Buckets[1].Count != 1 {
		t.Errorf("paid-later invoice not counted: %+v", past[0].Buckets[1])
	}
}

func TestTimelineIsAppendOnlyAndChained(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Chain Test")
	f.invoice(c, "E-1", "2026-09-01", "2026-09-15", 100)
	f.mustCheck()
	db, err := sql.Open("sqlite", f.path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE events SET summary = 'edited' WHERE id = 2`); err == nil {
		t.Fatal("an event could be edited")
	}
	if _, err := db.Exec(`DELETE FROM events WHERE id = 2`); err == nil {
		t.Fatal("an event could be deleted")
	}
	// Someone who drops the guard and edits the row is caught by the hash chain.
	for _, q := range []string{`DROP TRIGGER events_append_only_update`, `UPDATE events SET summary = 'edited' WHERE id = 2`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := f.store.Check()
	if err != nil || rep.OK() || rep.ChainOK || rep.BrokenAt != 2 {
		t.Fatalf("tampering not found: %+v %v", rep, err)
	}
}

func TestOpenRefusesWhatIsNotADuebookFile(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "letter.db")
	os.WriteFile(notDB, []byte("Dear customer, this is not a database at all, only text."), 0o644)
	if _, err := data.Open(notDB); err == nil || !strings.Contains(app.Sentence(err), "not a Duebook file") {
		t.Fatalf("text file: %v", err)
	}
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	db.Exec(`CREATE TABLE recipes (name TEXT)`)
	db.Close()
	if _, err := data.Open(other); err == nil || !strings.Contains(app.Sentence(err), "another program") {
		t.Fatalf("foreign database: %v", err)
	}
	if os.Getuid() != 0 { // root may write anything
		ro := filepath.Join(dir, "ro.db")
		st, err := data.Open(ro)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		os.Chmod(ro, 0o444)
		if _, err := data.Open(ro); err == nil || !strings.Contains(app.Sentence(err), "read-only") {
			t.Fatalf("read-only: %v", err)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = data.Open(path)
	if app.CodeOf(err) != app.CodeUnsupported || !strings.Contains(app.Sentence(err), "newer Duebook") {
		t.Fatalf("newer schema: %v", err)
	}
}

func TestReadOnlyDirectoryBackupFailsCleanly(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(t.TempDir(), "backups", "copy.db")
	if err := f.store.Backup(out); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Backup(out); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("overwrite: %v", err)
	}
	copy, err := data.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	shop, ok, err := copy.Shop()
	if err != nil || !ok || shop.Name != "Corner Shop" {
		t.Fatal(shop, ok, err)
	}
	if rep, err := copy.Check(); err != nil || !rep.OK() {
		t.Fatal(rep, err)
	}
	dir := t.TempDir()
	for i := 0; i < 4; i++ {
		if _, err := f.store.BackupRotated(dir, today.AddDays(i), 2); err != nil {
			t.Fatal(err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.db"))
	if len(left) != 2 || !strings.HasSuffix(left[1], today.AddDays(3).String()+".db") {
		t.Fatalf("rotation left %v", left)
	}
}

func TestSampleIsDeterministicAndSound(t *testing.T) {
	dir := t.TempDir()
	opts := data.SampleOptions{Invoices: 2000, Seed: 7, Today: today}
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	sa, err := data.CreateSample(context.Background(), a, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := data.CreateSample(context.Background(), b, opts, nil)
	if err != nil || sa != sb {
		t.Fatal(sa, sb, err)
	}
	if _, err := data.CreateSample(context.Background(), a, opts, nil); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("overwrote a sample: %v", err)
	}
	st, err := data.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if rep, err := st.Check(); err != nil || !rep.OK() {
		t.Fatalf("sample check %+v %v", rep, err)
	}
	aging, err := st.Aging(today)
	if err != nil || len(aging) == 0 {
		t.Fatal(aging, err)
	}
	for _, bk := range aging[0].Buckets {
		if bk.Count == 0 {
			t.Errorf("sample leaves bucket %s empty", bk.Name)
		}
	}
	var kinds = map[app.CustomerKind]int{}
	var nonLatin, accented bool
	rows, _ := st.Customers("", 0, 1000)
	for _, r := range rows {
		kinds[r.Kind]++
		for _, ch := range r.Name {
			if ch >= 0x370 {
				nonLatin = true
			} else if ch > 0x7f {
				accented = true
			}
		}
	}
	if kinds[app.Consumer] == 0 || kinds[app.Business] == 0 || !nonLatin || !accented {
		t.Fatalf("sample lacks variety: %v nonLatin=%v accented=%v", kinds, nonLatin, accented)
	}
	// Same seed, same book: compare the aging of both files.
	sb2, _ := data.Open(b)
	defer sb2.Close()
	agingB, _ := sb2.Aging(today)
	if len(agingB) != len(aging) || agingB[0].Total != aging[0].Total {
		t.Fatal("same seed gave different books")
	}
}

func TestCustomersListSearchAndBalances(t *testing.T) {
	f := newFixture(t)
	a := f.customer("Anna Müller")
	f.customer("Bob Smith")
	if _, err := f.ledger.UpdateCustomer(app.Customer{ID: a.ID, Name: "Anna Müller", Phone: "+49 30 555 1234"}); err != nil {
		t.Fatal(err)
	}
	f.invoice(a, "F-1", "2026-09-01", "2026-09-15", 7000)
	rows, err := f.store.Customers("müll", 0, 10)
	if err != nil || len(rows) != 1 || rows[0].ID != a.ID || len(rows[0].Owed) != 1 || rows[0].Owed[0].Amount != 7000 || rows[0].Overdue[0].Amount != 7000 {
		t.Fatalf("search by name: %+v %v", rows, err)
	}
	rows, _ = f.store.Customers("5551234", 0, 10)
	if len(rows) != 1 || rows[0].ID != a.ID {
		t.Fatalf("search by phone: %+v", rows)
	}
	rows, _ = f.store.Customers("100%_", 0, 10)
	if len(rows) != 0 {
		t.Fatalf("LIKE wildcards not escaped: %+v", rows)
	}
	if n, _ := f.store.CountCustomers(""); n != 2 {
		t.Fatalf("count %d", n)
	}
}

func TestApplyCredit(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Credit Customer")
	f.invoice(c, "G-1", "2026-09-01", "2026-09-15", 3000)
	if _, err := f.ledger.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "50.00"}); err != nil {
		t.Fatal(err)
	}
	f.invoice(c, "G-2", "2026-10-01", "2026-10-15", 1500)
	f.invoice(c, "G-3", "2026-11-01", "2026-11-15", 1000)
	applied, err := f.ledger.ApplyCredit(c.ID)
	if err != nil || len(applied) != 1 || applied[0].Amount != 2000 {
		t.Fatalf("applied %+v %v", applied, err)
	}
	if p2, p3 := f.count(`SELECT paid FROM invoices WHERE number = 'G-2'`), f.count(`SELECT paid FROM invoices WHERE number = 'G-3'`); p2 != 1500 || p3 != 500 {
		t.Fatalf("G-2 %d G-3 %d", p2, p3)
	}
	if credit, _ := f.store.Credit(c.ID); len(credit) != 0 {
		t.Fatalf("credit left %+v", credit)
	}
	again, err := f.ledger.ApplyCredit(c.ID)
	if err != nil || len(again) != 0 {
		t.Fatalf("second apply %+v %v", again, err)
	}
	f.mustCheck()
}
