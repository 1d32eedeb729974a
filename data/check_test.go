package data_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"duebook/app"
	"duebook/data"
	"duebook/letters"
)

// recordedTables are the tables whose rows the record of values covers.
var recordedTables = []string{"customers", "invoices", "invoice_lines", "payments", "allocations", "charges", "charge_allocations",
	"actions", "promises", "disputes", "plans", "plan_invoices", "installments", "calls", "documents", "policies", "settings",
	"rate_entries", "rate_series"}

// richBook is a book with rows in every recorded table, written through the use cases: a German
// business with a reminder fee (charges, a decision, its letter) partly paid (allocations to the
// invoice and to the fee), and a consumer with a promise, a dispute, a plan, a call and flags.
func richBook(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	col := f.collect("2026-02-07")
	col.Render = letters.Renderer{}
	if err := col.SaveSettings(app.CollectionSettings{Profile: app.ProfileDE, PromiseGrace: 3, PlanGrace: 7}); err != nil {
		t.Fatal(err)
	}
	pol := app.DefaultPolicy()
	pol.ID = 1
	pol.Stages[1].Fee = "5.00"
	if _, err := col.SaveLadder(pol); err != nil {
		t.Fatal(err)
	}
	biz, err := f.ledger.AddCustomer(app.Customer{Name: "Holz GmbH", Kind: app.Business, Country: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ledger.SaveInvoice(app.Invoice{Number: "H-1", CustomerID: biz.ID, IssueDate: app.MustDate("2026-01-01"), DueDate: app.MustDate("2026-01-31"),
		Currency: "EUR", Lines: []app.InvoiceLine{{Description: "Oak table", Quantity: 1000, UnitPrice: 84034, TaxRate: 1900}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := col.Approve(app.Date{}, app.ActionFilter{}); err != nil {
		t.Fatal(err)
	}
	if _, err := col.TakePayment(app.PaymentRequest{CustomerID: biz.ID, Amount: "50.00"}); err != nil {
		t.Fatal(err)
	}
	c := f.customer("Nora Brandt")
	f.invoice(c, "N-1", "2026-01-01", "2026-01-15", 20000)
	f.invoice(c, "N-2", "2026-01-05", "2026-01-20", 9000)
	if _, err := col.AddPromise(app.PromiseRequest{CustomerID: c.ID, Amount: "20.00", Due: app.MustDate("2026-02-20")}); err != nil {
		t.Fatal(err)
	}
	if _, err := col.OpenDispute("N-2", "the order was short"); err != nil {
		t.Fatal(err)
	}
	if _, err := col.CreatePlan(app.PlanRequest{CustomerID: c.ID, Installments: 2, Frequency: app.Monthly, FirstDue: app.MustDate("2026-03-01"), DownPayment: "0"}); err != nil {
		t.Fatal(err)
	}
	if _, err := col.RecordCall(c.ID, app.CallNoAnswer, false, ""); err != nil {
		t.Fatal(err)
	}
	if err := col.SetFlags(c.ID, []string{"cease"}); err != nil {
		t.Fatal(err)
	}
	for _, tbl := range recordedTables {
		if f.count(`SELECT count(*) FROM `+tbl) == 0 {
			t.Fatalf("the rich book has no %s", tbl)
		}
	}
	f.mustCheck()
	return f
}

// copyBook writes a consistent copy of the fixture's book to a new folder.
func copyBook(t *testing.T, f *fixture) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := f.store.Backup(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// edit runs statements on a book as another program would, past Duebook.
func edit(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// rowKey reads the key of a table's first row as the check names it.
func rowKey(t *testing.T, path, tbl string) string {
	t.Helper()
	keys := map[string]string{"invoice_lines": "invoice_id || '/' || pos", "allocations": "payment_id || '/' || invoice_id",
		"charge_allocations": "payment_id || '/' || charge_id", "plan_invoices": "plan_id || '/' || invoice_id",
		"installments": "plan_id || '/' || number", "documents": "substr(sha256, 1, 12) || '…'", "settings": "key", "rate_series": "series"}
	expr, ok := keys[tbl]
	if !ok {
		expr = "id"
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var k string
	if err := db.QueryRow(fmt.Sprintf(`SELECT %s FROM %s WHERE rowid = (SELECT min(rowid) FROM %s)`, expr, tbl, tbl)).Scan(&k); err != nil {
		t.Fatal(err)
	}
	return k
}

func checkOf(t *testing.T, path string, opts app.CheckOptions) app.CheckReport {
	t.Helper()
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := st.CheckWith(opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Every recorded table, changed or cut by another program, is caught and named with its row.
func TestCheckNamesEveryTableAndRowChangedOutsideDuebook(t *testing.T) {
	f := richBook(t)
	changes := map[string]string{
		"customers": "name = name || 'x'", "invoices": "amount = amount + 100", "invoice_lines": "unit_price = unit_price + 1",
		"payments": "amount = amount + 1", "allocations": "amount = amount + 1", "charges": "amount = amount + 1",
		"charge_allocations": "amount = amount + 1", "actions": "decision = 'skipped'", "promises": "state = 'kept'",
		"disputes": "resolved_on = '2026-02-07', resolution = 'dropped'", "plans": "total = total + 1",
		"plan_invoices": "invoice_id = invoice_id + 100", "installments": "amount = amount + 1", "calls": "outcome = 'promise'",
		"documents": "kind = 'receipt'", "policies": "stages = '[]'", "settings": "value = value || ' '",
		"rate_entries": "rate = rate + 1", "rate_series": "confirmed_through = '2099-12-31'",
	}
	for _, tbl := range recordedTables {
		for _, how := range []string{"changed", "deleted"} {
			t.Run(tbl+" "+how, func(t *testing.T) {
				path := copyBook(t, f)
				key := rowKey(t, path, tbl)
				q := fmt.Sprintf(`UPDATE %s SET %s WHERE rowid = (SELECT min(rowid) FROM %s)`, tbl, changes[tbl], tbl)
				if how == "deleted" {
					q = fmt.Sprintf(`DELETE FROM %s WHERE rowid = (SELECT min(rowid) FROM %s)`, tbl, tbl)
				}
				edit(t, path, q)
				rep := checkOf(t, path, app.CheckOptions{})
				want := tbl + " row " + key
				if rep.OK() || !strings.Contains(strings.Join(rep.Values, "\n"), want) {
					t.Fatalf("%s row %s %s: not named (%q)", tbl, key, how, rep.Values)
				}
			})
		}
	}
}

func TestCheckCatchesRowsAddedOutsideDuebookAndSaysWhatDiffers(t *testing.T) {
	f := richBook(t)
	path := copyBook(t, f)
	inv := rowKey(t, path, "invoices")
	edit(t, path,
		`INSERT INTO payments (customer_id, received_on, currency, amount, method, unallocated, created_at) VALUES (1, '2026-02-07', 'EUR', 500, 'cash', 500, 'x')`,
		`UPDATE invoices SET amount = 99999 WHERE id = `+inv)
	rep := checkOf(t, path, app.CheckOptions{})
	all := strings.Join(rep.Values, "\n")
	if !strings.Contains(all, "is not on the timeline") || !strings.Contains(all, "invoices row "+inv+": amount is 99999, the timeline records") {
		t.Fatalf("report %q", rep.Values)
	}
}

// A stored letter whose bytes were changed fails the check and is never handed out as printed.
func TestChangedDocumentFailsTheCheckAndIsNotReprinted(t *testing.T) {
	f := richBook(t)
	var sha string
	db, _ := sql.Open("sqlite", f.path)
	db.QueryRow(`SELECT sha256 FROM documents LIMIT 1`).Scan(&sha)
	db.Close()
	col := f.collect("2026-02-07")
	if b, err := col.Reprint(sha); err != nil || len(b) == 0 {
		t.Fatalf("reprint before: %v", err)
	}
	db, _ = sql.Open("sqlite", f.path)
	var pdf []byte
	db.QueryRow(`SELECT content FROM documents WHERE sha256 = ?`, sha).Scan(&pdf)
	pdf[len(pdf)/2] ^= 1
	if _, err := db.Exec(`UPDATE documents SET content = ? WHERE sha256 = ?`, pdf, sha); err != nil {
		t.Fatal(err)
	}
	db.Close()
	rep, err := f.store.Check()
	if err != nil || rep.OK() || len(rep.DocumentProblems) != 1 || !strings.Contains(rep.DocumentProblems[0], "do not match its SHA-256") {
		t.Fatalf("check: %+v %v", rep.DocumentProblems, err)
	}
	if _, err := col.Reprint(sha); app.CodeOf(err) != app.CodeStorage || !strings.Contains(app.Sentence(err), "does not match its SHA-256") {
		t.Fatalf("reprint of a changed letter: %v", err)
	}
}

func TestDeletedDocumentIsMissingFromTheCheck(t *testing.T) {
	f := richBook(t)
	edit(t, f.path, `DELETE FROM documents`)
	rep, err := f.store.Check()
	if err != nil || rep.OK() || len(rep.DocumentProblems) == 0 || !strings.Contains(rep.DocumentProblems[0], "is missing") {
		t.Fatalf("check: %+v %v", rep.DocumentProblems, err)
	}
}

// Removing the newest writes whole (their events, their record and their rows) leaves a book
// that agrees with itself; the anchor file and a backup made after them know it was longer.
func TestCutTailIsCaughtByTheAnchorFileAndTheBackups(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Tail Customer")
	f.invoice(c, "T-1", "2026-10-01", "2026-10-15", 10000)
	before, err := f.store.ChainHead()
	if err != nil {
		t.Fatal(err)
	}
	col := f.collect("2026-11-22")
	if _, err := col.AddPromise(app.PromiseRequest{CustomerID: c.ID, Amount: "50.00", Due: app.MustDate("2026-11-30")}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(filepath.Dir(f.path), "backups")
	if _, err := f.store.BackupRotated(dir, today, 14); err != nil {
		t.Fatal(err)
	}
	f.mustCheck()
	n := fmt.Sprint(before.Events)
	edit(t, f.path, `DROP TRIGGER events_append_only_delete`, `DROP TRIGGER changes_append_only_delete`,
		`DELETE FROM changes WHERE id > (SELECT data ->> '$.to' FROM events WHERE kind IN ('values', 'baseline') AND id <= `+n+` ORDER BY id DESC LIMIT 1)`,
		`DELETE FROM events WHERE id > `+n, `DELETE FROM promises`)
	rep, err := f.store.Check()
	if err != nil || !rep.ChainOK || len(rep.Values) > 0 {
		t.Fatalf("the cut book should agree with itself: %+v %v", rep, err)
	}
	if rep.OK() || len(rep.Anchors) != 2 {
		t.Fatalf("cut tail not caught: %+v", rep.Anchors)
	}
	for _, a := range rep.Anchors {
		if a.OK || !strings.Contains(a.Problem, "the newest events were removed") {
			t.Fatalf("%s: %+v", a.Source, a)
		}
	}
	if !strings.HasPrefix(rep.Anchors[0].Source, "anchor file "+data.AnchorPath(f.path)) || !strings.HasPrefix(rep.Anchors[1].Source, "backup ") {
		t.Fatalf("anchors named %+v", rep.Anchors)
	}
}

// The anchor file follows every write, readable by the owner only, and is replaced atomically.
func TestAnchorFileFollowsEveryWrite(t *testing.T) {
	f := newFixture(t)
	c := f.customer("Anchor Customer")
	for i := 0; i < 3; i++ {
		f.invoice(c, fmt.Sprintf("A-%d", i), "2026-10-01", "2026-10-15", 1000)
		head, _ := f.store.ChainHead()
		b, err := os.ReadFile(data.AnchorPath(f.path))
		if err != nil || !strings.Contains(string(b), fmt.Sprintf("events %d\nchain %s\n", head.Events, head.Chain)) {
			t.Fatalf("anchor %q after write %d (head %+v): %v", b, i, head, err)
		}
	}
	st, err := os.Stat(data.AnchorPath(f.path))
	if err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o600) {
		t.Fatalf("anchor file mode %v %v", st.Mode(), err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(f.path), "*.part")); len(left) > 0 {
		t.Fatalf("left behind: %v", left)
	}
	rep, _ := f.store.Check()
	if len(rep.Anchors) != 1 || !rep.Anchors[0].OK || rep.Anchors[0].Events != rep.Events || rep.Anchors[0].Problem != "" {
		t.Fatalf("anchors %+v", rep.Anchors)
	}
	// An anchor left behind (events appended past it) still agrees, and check says so.
	tl, _ := f.store.Timeline(c.ID, 1)
	os.WriteFile(data.AnchorPath(f.path), []byte(fmt.Sprintf("duebook-anchor 1\nevents %d\nchain %s\n", tl[0].ID, tl[0].Chain)), 0o600)
	rep, _ = f.store.Check()
	if !rep.OK() || !strings.Contains(rep.Anchors[0].Problem, "written without moving it forward") {
		t.Fatalf("behind: %+v", rep.Anchors)
	}
}

// An anchor the book does not reach is evidence: a write leaves it as it is, and check says so.
// A new book made at the same path sets an earlier book's anchor aside instead.
func TestAnAnchorOfAnotherTimelineIsKept(t *testing.T) {
	f := newFixture(t)
	anchor := data.AnchorPath(f.path)
	foreign := "duebook-anchor 1\nevents 2\nchain " + strings.Repeat("ab", 32) + "\n"
	os.WriteFile(anchor, []byte(foreign), 0o600)
	f.customer("After The Swap")
	if b, _ := os.ReadFile(anchor); string(b) != foreign {
		t.Fatalf("the foreign anchor was overwritten: %q", b)
	}
	rep, _ := f.store.Check()
	if rep.OK() || rep.Anchors[0].OK || !strings.Contains(rep.Anchors[0].Problem, "event 2 is not the one it saw") {
		t.Fatalf("anchors %+v", rep.Anchors)
	}

	fresh := filepath.Join(t.TempDir(), "new.db")
	os.WriteFile(data.AnchorPath(fresh), []byte(foreign), 0o600)
	st, err := data.Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if b, _ := os.ReadFile(data.AnchorPath(fresh) + ".old-1"); string(b) != foreign {
		t.Fatalf("the earlier book's anchor was not kept aside: %q", b)
	}
	if rep, err := st.Check(); err != nil || !rep.OK() {
		t.Fatalf("new book: %+v %v", rep, err)
	}
}
