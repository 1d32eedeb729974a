package app

import (
	"strings"
	"testing"
)

type fakeSnapshot struct{ customers []Customer }

func (f fakeSnapshot) ImportCustomers() ([]Customer, error) { return f.customers, nil }

func (f fakeSnapshot) ImportSnapshot(numbers, keys []string) (ImportSnapshot, error) {
	return ImportSnapshot{Invoices: map[string]Invoice{}, PaymentKeys: map[string]bool{}}, nil
}

// table builds a file from CSV-like lines: a header and rows, comma-separated.
func table(lines ...string) *Table {
	t := &Table{Name: "file.csv", Source: "csv", Header: strings.Split(lines[0], ",")}
	for i, l := range lines[1:] {
		t.Rows = append(t.Rows, strings.Split(l, ","))
		t.Lines = append(t.Lines, i+2)
	}
	return t
}

func plan(t *testing.T, kind ImportKind, tb *Table, def CustomerKind, stored ...Customer) *ImportPlan {
	t.Helper()
	p, err := PlanImport(kind, tb, ImportOptions{DefaultKind: def}, fakeSnapshot{stored})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func kinds(p *ImportPlan) map[string]CustomerKind {
	out := map[string]CustomerKind{}
	for _, c := range p.NewCustomers {
		out[c.Name] = c.Kind
	}
	return out
}

func notes(p *ImportPlan) string { return strings.Join(p.Report.Notes, "\n") }

func TestImportWithoutTypeColumnUsesTheShopDefaultAndSaysSo(t *testing.T) {
	tb := table("Name,Email", "Anna,anna@example.com", "Bob,bob@example.com")
	for _, def := range []CustomerKind{Consumer, Business} {
		p := plan(t, ImportCustomers, tb, def)
		if k := kinds(p); k["Anna"] != def || k["Bob"] != def {
			t.Fatalf("default %s: %v", def, k)
		}
		want := "no customer type column: 2 new customers will be recorded as " + def.Plural() + " (the shop's default; change it in Settings or per customer)"
		if !strings.Contains(notes(p), want) {
			t.Fatalf("notes do not say %q:\n%s", want, notes(p))
		}
	}
	one := plan(t, ImportCustomers, table("Name", "Anna"), Business)
	if !strings.Contains(notes(one), "1 new customer will be recorded as a business (the shop's default") {
		t.Fatalf("singular: %s", notes(one))
	}
}

func TestImportTypeColumnReadsWordsAndEmptyCellsGetTheDefault(t *testing.T) {
	tb := table("Name,Customer Type", "Anna, Privatkunde ", "Bolt GmbH,FIRMA", "Carl,", "Dora,B2B.")
	p := plan(t, ImportCustomers, tb, Consumer)
	want := map[string]CustomerKind{"Anna": Consumer, "Bolt GmbH": Business, "Carl": Consumer, "Dora": Business}
	if k := kinds(p); len(k) != 4 || k["Anna"] != want["Anna"] || k["Bolt GmbH"] != Business || k["Carl"] != Consumer || k["Dora"] != Business {
		t.Fatalf("kinds %v", k)
	}
	for _, c := range p.NewCustomers {
		if c.KindByDefault != (c.Name == "Carl") {
			t.Errorf("%s: by default %v", c.Name, c.KindByDefault)
		}
	}
	if !strings.Contains(notes(p), "the customer type is empty: 1 new customer will be recorded as a consumer") {
		t.Fatalf("notes: %s", notes(p))
	}
}

func TestImportRefusesAnUnknownTypeWithRowAndColumn(t *testing.T) {
	p := plan(t, ImportCustomers, table("Name,Kind", "Anna,consumer", "Bob,wholesale"), Consumer)
	if p.Report.Rejected != 1 || len(p.Report.Problems) != 1 {
		t.Fatalf("report %+v", p.Report)
	}
	pr := p.Report.Problems[0]
	if pr.Row != 3 || pr.Column != "Kind" || !strings.Contains(pr.Message, `"wholesale" is not a customer type`) {
		t.Fatalf("problem %+v", pr)
	}
	if k := kinds(p); len(k) != 1 || k["Anna"] != Consumer {
		t.Fatalf("kinds %v", k)
	}
}

func TestImportNeverChangesAStoredKindWithoutSayingIt(t *testing.T) {
	stored := Customer{ID: 7, Name: "Bolt GmbH", Kind: Business, Email: "old@bolt.example"}
	p := plan(t, ImportCustomers, table("Name,Email", "Bolt GmbH,new@bolt.example"), Consumer, stored)
	if len(p.UpdCustomers) != 1 || p.UpdCustomers[0].Kind != Business || len(p.KindChanges) != 0 {
		t.Fatalf("no type column changed the kind: %+v", p.UpdCustomers)
	}
	p = plan(t, ImportCustomers, table("Name,Customer type", "Bolt GmbH,"), Consumer, stored)
	if len(p.UpdCustomers) != 0 || p.Report.Unchanged != 1 {
		t.Fatalf("an empty cell changed the customer: %+v", p.UpdCustomers)
	}
	if strings.Contains(notes(p), "will be recorded as") {
		t.Fatalf("a stored customer counted as new: %s", notes(p))
	}
	p = plan(t, ImportCustomers, table("Name,Customer type", "Bolt GmbH,private"), Consumer, stored)
	if len(p.UpdCustomers) != 1 || p.UpdCustomers[0].Kind != Consumer || p.KindChanges[7] != Business {
		t.Fatalf("a said type did not change the kind: %+v %v", p.UpdCustomers, p.KindChanges)
	}
	if !strings.Contains(notes(p), `row 2 changes "Bolt GmbH" from a business to a consumer`) {
		t.Fatalf("notes: %s", notes(p))
	}
}

func TestInvoiceRowsCreateCustomersOfTheDefaultOrTheirType(t *testing.T) {
	tb := table("Invoice,Customer,Date,Amount", "1,Anna,2026-01-05,10", "2,Anna,2026-01-06,10", "3,Bob,2026-01-07,10")
	p := plan(t, ImportInvoices, tb, Business)
	if k := kinds(p); k["Anna"] != Business || k["Bob"] != Business {
		t.Fatalf("kinds %v", k)
	}
	if !strings.Contains(notes(p), "no customer type column: 2 new customers will be recorded as businesses") {
		t.Fatalf("notes: %s", notes(p))
	}
	tb = table("Invoice,Customer,Customer type,Date,Amount", "1,Anna,,2026-01-05,10", "2,Anna,Privat,2026-01-06,10",
		"3,Bob,company,2026-01-07,10", "4,Bob,consumer,2026-01-08,10", "5,Cleo,lemonade,2026-01-08,10")
	p = plan(t, ImportInvoices, tb, Business)
	if k := kinds(p); k["Anna"] != Consumer || k["Bob"] != Business || len(k) != 2 {
		t.Fatalf("kinds %v", k)
	}
	if strings.Contains(notes(p), "will be recorded as") {
		t.Fatalf("Anna's type was said on row 3, yet: %s", notes(p))
	}
	if len(p.Report.Problems) != 2 {
		t.Fatalf("problems %v", p.Report.Problems)
	}
	if pr := p.Report.Problems[0]; pr.Row != 5 || pr.Column != "Customer type" || !strings.Contains(pr.Message, `row 4 says "Bob" is a business`) {
		t.Fatalf("conflict %+v", pr)
	}
	if pr := p.Report.Problems[1]; pr.Row != 6 || pr.Column != "Customer type" || !strings.Contains(pr.Message, `"lemonade" is not a customer type`) {
		t.Fatalf("unknown %+v", pr)
	}
}

func TestInvoiceRowsDoNotChangeAStoredCustomersType(t *testing.T) {
	stored := Customer{ID: 3, Name: "Anna", Kind: Consumer}
	tb := table("Invoice,Customer,Customer type,Date,Amount", "1,Anna,business,2026-01-05,10", "2,Anna,business,2026-01-06,10", "3,Anna,nonsense,2026-01-06,10")
	p := plan(t, ImportInvoices, tb, Consumer, stored)
	if len(p.NewCustomers) != 0 || len(p.UpdCustomers) != 0 {
		t.Fatalf("customers changed: %+v %+v", p.NewCustomers, p.UpdCustomers)
	}
	if n := strings.Count(notes(p), `calls "Anna" a business, but the customer is recorded as a consumer`); n != 1 {
		t.Fatalf("said %d times: %s", n, notes(p))
	}
	if len(p.Report.Problems) != 1 || p.Report.Problems[0].Row != 4 {
		t.Fatalf("an unknown word for a stored customer was not refused: %v", p.Report.Problems)
	}
}

func TestImportRefusesABadDefaultKind(t *testing.T) {
	if _, err := PlanImport(ImportCustomers, table("Name", "Anna"), ImportOptions{DefaultKind: "alien"}, fakeSnapshot{}); err == nil {
		t.Fatal("a default kind that is neither was accepted")
	}
}
