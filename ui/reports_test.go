package ui

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/cashflow"
)

// tapBar taps the bar of category cat and series on the canvas, as the owner would.
func tapBar(t *testing.T, w fyne.Window, v *ChartView, cat int, series string) {
	t.Helper()
	p, ok := v.BarCenter(cat, series)
	if !ok {
		t.Fatalf("no bar %d %q in %q: %+v", cat, series, v.Chart.Title, v.Chart.Series)
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(v)
	test.TapCanvas(w.Canvas(), abs.Add(p))
}

func reportsShell(t *testing.T) (*Shell, *Reports, *app.Ledger) {
	t.Helper()
	s, ledger := sampleShell(t)
	s.Show("Reports")
	if s.Current() != "Reports" || s.Reports == nil {
		t.Fatalf("showing %q", s.Current())
	}
	return s, s.Reports, ledger
}

func TestReportsScreenDrawsEveryChartOfTheSampleShop(t *testing.T) {
	_, r, _ := reportsShell(t)
	if r.Status.Text != "" {
		t.Fatalf("status %q", r.Status.Text)
	}
	e := r.Effect
	if len(e.Chart.Chart.Categories) == 0 || len(e.Table.Rows) != len(e.Chart.Chart.Categories)+1 {
		t.Fatalf("effectiveness: %d bars, %d rows", len(e.Chart.Chart.Categories), len(e.Table.Rows))
	}
	for _, group := range effectGroups {
		e.Group.SetSelected(group)
		if len(e.Chart.Chart.Categories) == 0 {
			t.Errorf("no bars by %s", group)
		}
	}
	for i := 1; i < 4; i++ {
		r.Tabs.SelectIndex(i)
		if r.Status.Text != "" {
			t.Fatalf("tab %d: %q", i, r.Status.Text)
		}
	}
	if got := r.Risk.Bands.Chart.Categories; len(got) != 3 || len(r.Risk.Table.Rows) == 0 {
		t.Fatalf("risk: %v, %d rows", got, len(r.Risk.Table.Rows))
	}
	if len(r.Cash.Chart.Chart.Categories) != cashflow.Weeks || len(r.Cash.Table.Rows) != cashflow.Weeks || r.Cash.Chart.Chart.Overlay == nil {
		t.Fatalf("cash flow: %d weeks", len(r.Cash.Table.Rows))
	}
	if len(r.Reserve.Chart.Chart.Categories) != len(app.AgingBuckets) || len(r.Reserve.Table.Rows) != len(app.AgingBuckets)+1 {
		t.Fatalf("reserve: %v", r.Reserve.Table.Rows)
	}
}

// The invoices behind a reserve bar are those the aging report counts in its bucket.
func TestReserveBarListsTheInvoicesOfItsBucket(t *testing.T) {
	s, r, ledger := reportsShell(t)
	r.Tabs.SelectIndex(3)
	aging, err := ledger.AgingReport(ledger.Today())
	if err != nil {
		t.Fatal(err)
	}
	var bucket app.BucketTotal
	for _, a := range aging {
		if a.Currency == r.Currency {
			bucket = a.Buckets[2]
		}
	}
	if bucket.Count == 0 || bucket.Count > drillLimit {
		t.Fatalf("the sample has %d invoices 31-60 days past due", bucket.Count)
	}
	tapBar(t, s.win, r.Reserve.Chart, 2, "open")
	if int64(len(r.Drill)) != bucket.Count {
		t.Fatalf("the bar lists %d invoices, the aging report counts %d", len(r.Drill), bucket.Count)
	}
	var sum int64
	for _, d := range r.Drill {
		detail, _ := ledger.Customer(d.CustomerID)
		for _, inv := range detail.Open {
			if strings.Contains(d.Detail, "invoice "+inv.Number+",") {
				days := ledger.Today().DaysSince(inv.DueDate)
				if days < 31 || days > 60 {
					t.Errorf("%s is %d days past due", inv.Number, days)
				}
				sum += inv.Open()
			}
		}
	}
	if sum != bucket.Amount {
		t.Fatalf("the invoices listed owe %d, the bucket %d", sum, bucket.Amount)
	}
	// Choosing one opens the customer.
	r.DrillList.Select(0)
	if s.Current() != "Customers" || s.Customers.Selected.Customer.ID != r.Drill[0].CustomerID {
		t.Fatalf("showing %q, customer %d", s.Current(), s.Customers.Selected.Customer.ID)
	}
}

// The customers behind a week of the cash flow add up to what the week expects.
func TestCashFlowWeekListsTheCustomersExpected(t *testing.T) {
	s, r, _ := reportsShell(t)
	r.Tabs.SelectIndex(2)
	k := -1
	for i, w := range r.Cash.Forecast.Weeks {
		if w.Invoices > 0 && k < 0 {
			k = i
		}
	}
	if k < 0 {
		t.Fatal("the sample expects nothing from invoices")
	}
	tapBar(t, s.win, r.Cash.Chart, k, "from invoices")
	want := cashflow.WeekCustomers(r.Cash.inputs, k)
	if len(r.Drill) != min(len(want), drillLimit) || len(r.Drill) == 0 {
		t.Fatalf("%d customers listed, %d expected", len(r.Drill), len(want))
	}
	for _, d := range r.Drill {
		amt, ok := want[d.CustomerID]
		if !ok || d.Detail != "expected "+money(app.Money{Amount: amt, Currency: r.Currency}, r.nf) || d.Name == "" {
			t.Errorf("%+v (expected %d)", d, amt)
		}
	}
	test.Tap(r.Cash.Bills)
	if s.Current() != "Bills" {
		t.Fatalf("Bills… shows %q", s.Current())
	}
}

// A stage's bar lists the customers contacted at that stage, as the report counts them.
func TestEffectivenessBarListsTheCustomersContacted(t *testing.T) {
	s, r, _ := reportsShell(t)
	e := r.Effect
	key := e.Chart.Chart.Keys[0]
	tapBar(t, s.win, e.Chart, 0, e.Chart.Chart.Series[0].Name)
	if r.DrillTitle != "Contacted at "+key || len(r.Drill) == 0 {
		t.Fatalf("%q lists %d", r.DrillTitle, len(r.Drill))
	}
	var row *[]string
	for i := range e.Table.Rows {
		if e.Table.Rows[i][0] == key {
			row = &e.Table.Rows[i]
		}
	}
	contacts := 0
	for _, d := range r.Drill {
		var n int
		if _, err := fmtSscanContacts(d.Detail, &n); err != nil {
			t.Fatalf("%q: %v", d.Detail, err)
		}
		contacts += n
	}
	if row == nil || (*row)[1] != itoa(contacts) {
		t.Fatalf("the customers behind %q had %d contacts, the table says %v", key, contacts, row)
	}
	behind, err := r.ins.Behind(context.Background(), e.filter, "stage", key)
	if err != nil || len(behind) != len(r.Drill) {
		t.Fatalf("%d behind, %d listed (%v)", len(behind), len(r.Drill), err)
	}
}

func TestRiskBandListsItsCustomers(t *testing.T) {
	s, r, _ := reportsShell(t)
	r.Tabs.SelectIndex(1)
	n := map[string]int{}
	for _, c := range r.Risk.Report.Customers {
		n[c.Band]++
	}
	band := "high"
	if n[band] == 0 {
		band = "medium"
	}
	cat := map[string]int{"low": 0, "medium": 1, "high": 2}[band]
	tapBar(t, s.win, r.Risk.Bands, cat, band)
	if len(r.Drill) != min(n[band], drillLimit) || len(r.Drill) == 0 {
		t.Fatalf("%s: %d listed, %d in the band", band, len(r.Drill), n[band])
	}
	for _, d := range r.Drill {
		if !strings.HasPrefix(d.Detail, "score ") {
			t.Errorf("%+v", d)
		}
	}
}

func TestReportExportWritesTheTableRows(t *testing.T) {
	_, r, _ := reportsShell(t)
	r.Tabs.SelectIndex(2)
	path := filepath.Join(t.TempDir(), "cash flow.csv")
	r.export(r.Cash.Table, storage.NewFileURI(path))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+cashflow.Weeks || recs[0][0] != "Week of" || recs[0][6] != "Cash at the end" {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	w := r.Cash.Forecast.Weeks[12]
	if recs[13][0] != r.Dates.Format(w.Start) || recs[13][6] != money(app.Money{Amount: w.Balance, Currency: r.Currency}, r.nf) {
		t.Fatalf("last week %v, want %s %d", recs[13], w.Start, w.Balance)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// fmtSscanContacts reads the number of contacts from a drill-down line: "3 contacts, ...".
func fmtSscanContacts(s string, n *int) (int, error) { return fmt.Sscanf(s, "%d contact", n) }

// Cancel stops a computation: nothing is shown, the screen says so, and the progress goes away;
// an older run that ends after a newer began changes nothing.
func TestReportsCancelAndSupersede(t *testing.T) {
	s, r, _ := reportsShell(t)
	var jobs []func()
	inBackground = func(fn func()) { jobs = append(jobs, fn) }
	t.Cleanup(func() { inBackground = func(fn func()) { fn() } })
	s.Show("Reports") // computes the effectiveness tab afresh, in the background
	if len(jobs) != 1 || r.Effect.loaded() || !r.Progress.Visible() || !r.Cancel.Visible() {
		t.Fatalf("%d jobs, loaded %v, progress %v", len(jobs), r.Effect.loaded(), r.Progress.Visible())
	}
	test.Tap(r.Cancel)
	jobs[0]()
	if r.Effect.loaded() || r.Progress.Visible() || r.Cancel.Visible() || !strings.HasPrefix(r.Status.Text, "Stopped.") {
		t.Fatalf("after Cancel: loaded %v, progress %v, status %q", r.Effect.loaded(), r.Progress.Visible(), r.Status.Text)
	}
	// An older run finishing after a newer one started leaves the newer one's progress alone.
	r.Tabs.SelectIndex(2)
	r.Tabs.SelectIndex(3)
	if len(jobs) != 3 {
		t.Fatalf("%d jobs", len(jobs))
	}
	jobs[1]()
	if !r.Progress.Visible() || r.Cash.loaded() {
		t.Fatalf("the superseded run: progress %v, cash loaded %v", r.Progress.Visible(), r.Cash.loaded())
	}
	jobs[2]()
	if r.Progress.Visible() || !r.Reserve.loaded() || r.Status.Text != "" {
		t.Fatalf("the newest run: progress %v, reserve loaded %v, status %q", r.Progress.Visible(), r.Reserve.loaded(), r.Status.Text)
	}
}

// Choosing a row of the risk table shows the customer's reasons whole.
func TestRiskRowShowsTheReasonsWhole(t *testing.T) {
	_, r, _ := reportsShell(t)
	r.Tabs.SelectIndex(1)
	c := r.Risk.Report.Customers[0]
	if len(c.Reasons) < 2 {
		t.Fatalf("the riskiest customer has %d reasons", len(c.Reasons))
	}
	r.Risk.Table.View.Select(widget.TableCellID{Row: 1, Col: 4})
	if len(r.Drill) != 1 || r.Drill[0].CustomerID != c.CustomerID {
		t.Fatalf("drill %+v", r.Drill)
	}
	for _, reason := range c.Reasons {
		if !strings.Contains(r.Drill[0].Detail, reason.Text) {
			t.Errorf("%q misses %q", r.Drill[0].Detail, reason.Text)
		}
	}
}
