package data_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"duebook/app"
)

func problems(rep app.ImportReport) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

func TestImportRefusesMixedEncodingsUnlessTheOwnerChooses(t *testing.T) {
	f := newFixture(t)
	head := "Invoice No,Customer,Date,Amount\nE-1,Zoë Ñúñez,2026-10-01,10.00\nE-2,J"
	path := f.file("mixed.csv", head+"\xfcrgen,2026-10-01,10.00\n")
	_, err := f.imp(app.ImportInvoices, path, app.ImportOptions{DryRun: true})
	want := fmt.Sprintf("line 3 (byte %d) is not UTF-8", len(head))
	if err == nil || !strings.Contains(app.Sentence(err), want) || !strings.Contains(app.Sentence(err), "--encoding") {
		t.Fatalf("mixed file: %v, want %q", err, want)
	}
	if n := f.count(`SELECT count(*) FROM customers`); n != 0 {
		t.Fatal("a refused file wrote customers")
	}
	// Read as UTF-8 by choice: the line that is not UTF-8 is refused, the rest is as written.
	rep, err := f.imp(app.ImportInvoices, path, app.ImportOptions{Encoding: "utf-8", SkipInvalid: true})
	if err != nil || rep.Added != 1 || rep.Rejected != 1 || !strings.Contains(problems(rep), "row 3") {
		t.Fatalf("as utf-8: %+v %v", rep, err)
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE name = 'Zoë Ñúñez'`); n != 1 {
		t.Fatal("the UTF-8 name was not kept")
	}
	// Read as Windows-1252 by choice: every byte is a character of it, as the owner said.
	rep, err = newFixture(t).imp(app.ImportInvoices, path, app.ImportOptions{Encoding: "windows-1252", DryRun: true})
	if err != nil || rep.Rejected != 0 || !strings.Contains(strings.Join(rep.Notes, "\n"), "read as windows-1252, as you chose") {
		t.Fatalf("as windows-1252: %+v %v", rep, err)
	}
}

func TestImportReadsLinesEndingInCRAlone(t *testing.T) {
	f := newFixture(t)
	csv := "Invoice No,Customer,Date,Amount\rC-1,Ann,2026-10-01,1.00\rC-2,Bob,2026-02-30,2.00\rC-3,\"Cy\rDe\",2026-10-03,3.00\r"
	rep, err := f.imp(app.ImportInvoices, f.file("mac.csv", csv), app.ImportOptions{SkipInvalid: true})
	if err != nil || rep.Rows != 3 || rep.Added != 2 || rep.Rejected != 1 || rep.Problems[0].Row != 3 {
		t.Fatalf("%+v %v", rep, err)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE number IN ('C-1', 'C-3')`); n != 2 {
		t.Fatalf("%d of 2 invoices", n)
	}
}

func TestImportReportListsTheFirstHundredProblemsThenSumsUp(t *testing.T) {
	f := newFixture(t)
	var b strings.Builder
	b.WriteString("Invoice No,Customer,Date,Amount\n")
	for i := 1; i <= 300; i++ {
		switch {
		case i <= 250:
			fmt.Fprintf(&b, "P-%d,Ann,2026-02-30,1.00\n", i)
		default:
			fmt.Fprintf(&b, "P-%d,Ann,2026-10-01,lots\n", i)
		}
	}
	rep, err := f.imp(app.ImportInvoices, f.file("bad.csv", b.String()), app.ImportOptions{})
	if err == nil || rep.Rejected != 300 || rep.ProblemCount != 300 || len(rep.Problems) != app.MaxReportLines {
		t.Fatalf("%d problems listed of %d, %d rows rejected: %v", len(rep.Problems), rep.ProblemCount, rep.Rejected, err)
	}
	if want := `… and 200 more problems (150 in column "Date", 50 in column "Amount")`; !strings.HasPrefix(rep.MoreProblems, want) {
		t.Fatalf("summary %q, want %q", rep.MoreProblems, want)
	}
}

func TestImportRefusesTwoDigitYearsUnlessTheCenturyIsNamed(t *testing.T) {
	f := newFixture(t)
	path := f.file("short.csv", "Invoice No,Customer,Date,Due Date,Amount\nY-1,Ann,15/10/26,30/10/26,10.00\nY-2,Ann,15/10/49,30/10/49,5.00\nY-3,Ann,15/10/2026,30/10/2026,1.00\n")
	rep, err := f.imp(app.ImportInvoices, path, app.ImportOptions{DryRun: true})
	if err != nil || rep.Rejected != 2 || rep.Added != 1 || !strings.Contains(problems(rep), `row 2, column "Date": "15/10/26" has a two-digit year`) {
		t.Fatalf("%+v %v\n%s", rep, err, problems(rep))
	}
	rep, err = f.imp(app.ImportInvoices, path, app.ImportOptions{Century: 1950})
	if err != nil || rep.Added != 3 {
		t.Fatalf("with a century: %+v %v", rep, err)
	}
	if !strings.Contains(strings.Join(rep.Notes, "\n"), `two-digit years are read as the years 1950 to 2049, as you chose: for example "15/10/26" is 2026-10-15`) {
		t.Fatalf("notes do not say how years were read: %v", rep.Notes)
	}
	if n := f.count(`SELECT count(*) FROM invoices WHERE (number = 'Y-1' AND issue_date = '2026-10-15') OR (number = 'Y-2' AND due_date = '2049-10-30')`); n != 2 {
		t.Fatal("two-digit years not read in the window")
	}
	if _, err := f.imp(app.ImportInvoices, path, app.ImportOptions{Century: 26}); err == nil {
		t.Fatal("a century of 26 accepted")
	}
}

func TestReimportingChangedInvoicesIsAConflictAppliedOnlyWhenAsked(t *testing.T) {
	f := newFixture(t)
	if _, err := f.imp(app.ImportInvoices, f.file("first.csv", quickbooksCSV), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(quickbooksCSV, "300.00,300.00", "350.00,350.00", 1)
	changed = strings.Replace(changed, "02/10/2026,16/10/2026", "02/10/2026,30/10/2026", 1)
	path := f.file("changed.csv", changed)
	dry, err := f.imp(app.ImportInvoices, path, app.ImportOptions{DryRun: true})
	if err != nil || dry.ConflictCount != 2 || dry.Updated != 0 || len(dry.Conflicts) != 2 {
		t.Fatalf("dry run %+v %v", dry, err)
	}
	if got := dry.Conflicts[0].String(); got != "row 3, invoice 1002: amount 300.00 → 350.00" {
		t.Fatalf("conflict %q", got)
	}
	if got := dry.Conflicts[1].String(); got != "row 4, invoice 1003: due date 2026-10-16 → 2026-10-30" {
		t.Fatalf("conflict %q", got)
	}
	if _, err := f.imp(app.ImportInvoices, path, app.ImportOptions{}); app.CodeOf(err) != app.CodeConflict || !strings.Contains(app.Sentence(err), `tick "Apply the file's changes to stored invoices"`) || strings.Contains(app.Sentence(err), "--") {
		t.Fatalf("import without saying: %v", err)
	}
	if n := f.count(`SELECT amount FROM invoices WHERE number = '1002'`); n != 30000 {
		t.Fatalf("a conflict was applied without asking: %d", n)
	}
	rep, err := f.imp(app.ImportInvoices, path, app.ImportOptions{Update: true})
	if err != nil || rep.Updated != 2 || rep.ConflictCount != 2 || !rep.Applied {
		t.Fatalf("update %+v %v", rep, err)
	}
	if n := f.count(`SELECT amount FROM invoices WHERE number = '1002'`); n != 35000 {
		t.Fatalf("1002 is %d", n)
	}
	ivan := int64(f.count(`SELECT customer_id FROM invoices WHERE number = '1002'`))
	ev := findEvent(t, f, ivan, "Invoice 1002 changed")
	if !strings.Contains(ev.Summary, "amount 300.00 → 350.00") {
		t.Fatalf("timeline says %q", ev.Summary)
	}
	var data struct {
		Old, New struct{ Amount int64 }
	}
	if err := json.Unmarshal([]byte(ev.Data), &data); err != nil || data.Old.Amount != 30000 || data.New.Amount != 35000 {
		t.Fatalf("event data %s %v", ev.Data, err)
	}
	f.mustCheck()
}

func TestReimportMovesAnInvoiceToAnotherCustomerOnlyWhileNothingHangsOnIt(t *testing.T) {
	f := newFixture(t)
	if _, err := f.imp(app.ImportInvoices, f.file("first.csv", quickbooksCSV), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	zoe, ivan := int64(f.count(`SELECT customer_id FROM invoices WHERE number = '1001'`)), int64(f.count(`SELECT customer_id FROM invoices WHERE number = '1002'`))
	moved := strings.Replace(quickbooksCSV, "1002,Иван Петров,ivan@example.com", "1002,Zoë Ñúñez,zoe@example.com", 1)
	rep, err := f.imp(app.ImportInvoices, f.file("moved.csv", moved), app.ImportOptions{Update: true})
	if err != nil || rep.Updated != 1 || !strings.Contains(rep.Conflicts[0].String(), "customer Иван Петров → Zoë Ñúñez") {
		t.Fatalf("%+v %v", rep, err)
	}
	if got := int64(f.count(`SELECT customer_id FROM invoices WHERE number = '1002'`)); got != zoe {
		t.Fatal("not moved")
	}
	findEvent(t, f, zoe, "Invoice 1002 changed")
	findEvent(t, f, ivan, "Invoice 1002 changed")
	// 1001 has payments under Zoë: it stays hers.
	paid := strings.Replace(moved, "1001,Zoë Ñúñez,zoe@example.com", "1001,Иван Петров,ivan@example.com", 1)
	rep, err = f.imp(app.ImportInvoices, f.file("paid.csv", paid), app.ImportOptions{Update: true})
	if err == nil || !strings.Contains(problems(rep), "has payments") {
		t.Fatalf("%+v %v", rep, err)
	}
	f.mustCheck()
}

func findEvent(t *testing.T, f *fixture, customer int64, prefix string) app.Event {
	t.Helper()
	evs, err := f.store.Timeline(customer, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if strings.HasPrefix(ev.Summary, prefix) {
			return ev
		}
	}
	t.Fatalf("no event %q on the timeline of customer %d", prefix, customer)
	return app.Event{}
}

func TestImportCleansNamesAndReportsLikelyDuplicates(t *testing.T) {
	f := newFixture(t)
	f.customer("Zoë Ñúñez")
	csv := "Invoice No,Customer,Date,Amount\n" +
		"N-1,Ann\u202e Lee,2026-10-01,1.00\n" +
		"N-2,Zo\u200bë Ñúñez,2026-10-01,1.00\n" +
		"N-3,\u200b\u2066\u200d,2026-10-01,1.00\n" +
		"N-4,ZOE NUNEZ,2026-10-01,1.00\n" +
		"N-5,\"Bob\tSmith\",2026-10-01,1.00\n"
	rep, err := f.imp(app.ImportInvoices, f.file("names.csv", csv), app.ImportOptions{SkipInvalid: true})
	if err != nil || rep.Added != 4 || rep.Rejected != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	notes := strings.Join(rep.Notes, "\n")
	for _, want := range []string{
		`row 2: 1 direction override removed from the name "Ann Lee"`,
		`row 3: 1 zero-width character removed from the name "Zoë Ñúñez"`,
		`row 5: the new customer "ZOE NUNEZ" looks like the stored customer "Zoë Ñúñez"`,
		`row 6: 1 control character removed from the name "Bob Smith"`,
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes do not say %q:\n%s", want, notes)
		}
	}
	if !strings.Contains(problems(rep), `row 4, column "Customer": the name is empty once its invisible and control characters are removed`) {
		t.Errorf("empty name: %s", problems(rep))
	}
	if n := f.count(`SELECT count(*) FROM customers`); n != 4 {
		t.Errorf("%d customers, want Zoë, Ann Lee, ZOE NUNEZ and Bob Smith", n)
	}
	if n := f.count(`SELECT count(*) FROM customers WHERE name IN ('Ann Lee', 'Bob Smith')`); n != 2 {
		t.Error("names not stored clean")
	}
}

func TestImportReportsABadEmailUnderTheEmailColumn(t *testing.T) {
	f := newFixture(t)
	rep, err := f.imp(app.ImportCustomers, f.file("c.csv", "Name,Email,Phone\nAnn,not-an-email,123\nBob,bob@example.com,none\n"), app.ImportOptions{DryRun: true})
	if err != nil || len(rep.Problems) != 2 {
		t.Fatalf("%+v %v", rep, err)
	}
	if p := rep.Problems[0]; p.Column != "Email" || !strings.Contains(p.Message, "not an email address") {
		t.Errorf("email problem %+v", p)
	}
	if p := rep.Problems[1]; p.Column != "Phone" {
		t.Errorf("phone problem %+v", p)
	}
}
