package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestInsightCommands builds a small book through the commands (a reminder approved on 22 Oct,
// the invoice paid in two parts after it, another paid with no contact) and reads both reports.
func TestInsightCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	must := func(args ...string) string {
		t.Helper()
		code, out, errs := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%v: %d %s %s", args, code, out, errs)
		}
		return out
	}
	must("setup", "--db", db, "--name", "Corner Shop", "--country", "GB", "--currency", "GBP")
	csvPath := filepath.Join(dir, "inv.csv")
	os.WriteFile(csvPath, []byte("Invoice No,Customer,Date,Due Date,Amount\nA-1,Anna Weber,2026-10-01,2026-10-15,100.00\nB-2,Bruno Fischer,2026-09-26,2026-10-10,20.00\n"), 0o644)
	must("import", "invoices", "--db", db, csvPath)
	must("pay", "--db", db, "--customer", "Bruno Fischer", "--amount", "20", "--method", "cash", "--date", "2026-10-18")
	must("approve", "--db", db, "--as-of", "2026-10-22")
	must("pay", "--db", db, "--customer", "Anna Weber", "--amount", "40", "--method", "cash", "--date", "2026-10-25")
	must("pay", "--db", db, "--customer", "Anna Weber", "--amount", "60", "--method", "cash", "--date", "2026-10-30")

	out := must("report", "effectiveness", "--db", db, "--as-of", "2026-11-22", "--format", "json")
	var rep struct {
		AsOf  string   `json:"as_of"`
		Total rowOut   `json:"total"`
		Stage []rowOut `json:"stage"`
		Tone  []rowOut `json:"tone"`
		None  []money  `json:"paid_without_contact"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	control, eight := 1.0, 8.0
	want := rowOut{Key: "reminder 1", Actions: 1, PaidAll: 1, Median: &eight, Recovered: []money{{"GBP", "100.00"}},
		Within: []paidWindow{{7, 1, 0, 0, &control, 1}, {14, 1, 1, 1, &control, 1}, {30, 1, 1, 1, &control, 1}}}
	if rep.AsOf != "2026-11-22" || len(rep.Stage) != 1 || !reflect.DeepEqual(rep.Stage[0], want) {
		t.Fatalf("stage rows: %s", out)
	}
	if rep.Total.Key != "all" || rep.Total.Actions != 1 || len(rep.Tone) != 1 || !reflect.DeepEqual(rep.None, []money{{"GBP", "20.00"}}) {
		t.Fatalf("report: %s", out)
	}
	// A period that ends before the default start: the 12 months up to its end, here nothing.
	out = must("report", "effectiveness", "--db", db, "--as-of", "2026-11-22", "--to", "2025-06-30", "--format", "json")
	if !strings.Contains(out, `"from": "2024-07-01"`) || !strings.Contains(out, `"actions": 0`) {
		t.Fatalf("to 30 Jun 2025: %s", out)
	}
	if text := must("report", "effectiveness", "--db", db, "--as-of", "2026-11-22"); !strings.Contains(text, "reminder 1") || !strings.Contains(text, "GBP 100.00") {
		t.Fatalf("text: %s", text)
	}

	out = must("risk", "--db", db, "--as-of", "2026-11-22", "--format", "json")
	var risk struct {
		Customers []struct {
			Customer string `json:"customer"`
			Score    int    `json:"score"`
			Band     string `json:"band"`
			Reasons  []struct {
				Points int    `json:"points"`
				Text   string `json:"text"`
			} `json:"reasons"`
		} `json:"customers"`
		Risers []json.RawMessage `json:"risen_this_month"`
	}
	if err := json.Unmarshal([]byte(out), &risk); err != nil || len(risk.Customers) != 2 || risk.Risers == nil {
		t.Fatalf("%v: %s", err, out)
	}
	a := risk.Customers[0]
	if a.Customer != "Anna Weber" || a.Score != 10 || a.Band != "low" || len(a.Reasons) != 1 || a.Reasons[0].Points != 10 ||
		a.Reasons[0].Text != "paid 1 invoice in the last 12 months 15 days late on average" {
		t.Fatalf("Anna: %s", out)
	}
	if b := risk.Customers[1]; b.Score != 0 || b.Reasons == nil || len(b.Reasons) != 0 {
		t.Fatalf("Bruno: %s", out)
	}
}

type money struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

type paidWindow struct {
	Days     int      `json:"days"`
	Observed int      `json:"observed"`
	Paid     int      `json:"paid"`
	Share    float64  `json:"share"`
	Control  *float64 `json:"control"`
	Matched  int      `json:"control_matched"`
}

type rowOut struct {
	Key       string       `json:"key"`
	Actions   int          `json:"actions"`
	Within    []paidWindow `json:"paid_within"`
	PaidAll   int          `json:"paid_in_full"`
	Median    *float64     `json:"median_days_to_payment"`
	Recovered []money      `json:"recovered"`
}

func TestInsightCommandsRefuse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if code, _, errs := runCLI(t, "setup", "--db", db, "--name", "Shop", "--country", "DE", "--currency", "EUR"); code != 0 {
		t.Fatal(errs)
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"report"}, 2, "effectiveness"},
		{[]string{"report", "nonsense"}, 2, "Usage: duebook report"},
		{[]string{"report", "effectiveness"}, 2, "--db FILE is required"},
		{[]string{"report", "effectiveness", "--db", db, "--format", "xml"}, 2, "text or json"},
		{[]string{"report", "effectiveness", "--db", db, "--kind", "robot"}, 1, "robot"},
		{[]string{"report", "effectiveness", "--db", db, "--from", "2026-11-01", "--to", "2026-10-01"}, 1, "before it starts"},
		{[]string{"report", "effectiveness", "--db", db, "--as-of", "2025-01-01", "--from", "2025-06-01"}, 1, "after the report's day"},
		{[]string{"risk", "--db", db, "--format", "csv"}, 2, "text or json"},
		{[]string{"risk", "--db", filepath.Join(t.TempDir(), "missing.db")}, 1, "does not exist"},
	} {
		code, _, errs := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: %d %q", c.args, code, errs)
		}
	}
}
