package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"duebook/app"
	"duebook/app/insight"
)

func init() {
	commands["risk"] = command{"print each customer's risk score with its reasons", cmdRisk}
	reports["effectiveness"] = command{"which ladder steps get the shop paid", cmdEffectiveness}
}

// openInsight opens the book to read and wires the insight use cases with the clock at asOf.
func openInsight(db, asOf string, stderr io.Writer) (*insight.Service, func(), error) {
	d, err := dateFlag(asOf)
	if err != nil {
		return nil, nil, err
	}
	ledger, st, err := openLedgerToRead(db, d, stderr)
	if err != nil {
		return nil, nil, err
	}
	return insight.NewService(st, ledger.Clock), func() { st.Close() }, nil
}

type moneyJSON struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

func moneyRows(ms []app.Money) []moneyJSON {
	out := []moneyJSON{}
	for _, m := range ms {
		out = append(out, moneyJSON{Currency: m.Currency, Amount: app.Decimal(m.Amount, app.MustCurrency(m.Currency))})
	}
	return out
}

type windowJSON struct {
	Days    int      `json:"days"`
	Actions int      `json:"observed"`
	Paid    int      `json:"paid"`
	Share   float64  `json:"share"`
	Control *float64 `json:"control"` // null where no uncontacted invoice of the same age exists
	Matched int      `json:"control_matched"`
}

type rowJSON struct {
	Key        string       `json:"key"`
	Actions    int          `json:"actions"`
	PaidWithin []windowJSON `json:"paid_within"`
	PaidAll    int          `json:"paid_in_full"`
	Median     *float64     `json:"median_days_to_payment"`
	Recovered  []moneyJSON  `json:"recovered"`
}

type effectJSON struct {
	AsOf       string      `json:"as_of"`
	From       string      `json:"from"`
	To         string      `json:"to"`
	Kind       string      `json:"kind"`
	Total      rowJSON     `json:"total"`
	Stage      []rowJSON   `json:"stage"`
	Template   []rowJSON   `json:"template"`
	Tone       []rowJSON   `json:"tone"`
	Channel    []rowJSON   `json:"channel"`
	Unprompted []moneyJSON `json:"paid_without_contact"`
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }

func effectRow(r insight.Row) rowJSON {
	out := rowJSON{Key: r.Key, Actions: r.Actions, PaidAll: r.PaidAll, Recovered: moneyRows(r.Recovered)}
	if r.PaidAll > 0 {
		m := r.MedianDays
		out.Median = &m
	}
	for _, w := range r.Windows {
		wj := windowJSON{Days: w.Days, Actions: w.Observed, Paid: w.Paid, Share: round4(w.Share), Matched: w.Matched}
		if w.Matched > 0 {
			c := round4(w.Control)
			wj.Control = &c
		}
		out.PaidWithin = append(out.PaidWithin, wj)
	}
	return out
}

func cmdEffectiveness(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report effectiveness", "report effectiveness --db FILE [--as-of DATE] [--from DATE] [--to DATE] [--kind business|consumer] [--format text|json]", stderr)
	db := fs.String("db", "", "the database file")
	asOf := fs.String("as-of", "", "the day of the report (default: today)")
	from := fs.String("from", "", "count contacts from this day")
	to := fs.String("to", "", "count contacts up to this day")
	kind := fs.String("kind", "", "business or consumer (default: both)")
	format := fs.String("format", "text", "text or json")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		if *format != "text" && *format != "json" {
			return usageErr(stderr, fs, "the format is text or json")
		}
		var f insight.Filter
		if f.From, err = dateFlag(*from); err != nil {
			return err
		}
		if f.To, err = dateFlag(*to); err != nil {
			return err
		}
		if *kind != "" {
			if f.Kind, err = app.ParseCustomerKind(*kind); err != nil {
				return err
			}
		}
		svc, done, err := openInsight(*db, *asOf, stderr)
		if err != nil {
			return err
		}
		defer done()
		rep, err := svc.Effectiveness(context.Background(), f)
		if err != nil {
			return err
		}
		return writeEffectiveness(stdout, *format, rep)
	}()
	return finish(err, stderr)
}

func dateOrEmpty(d app.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func writeEffectiveness(w io.Writer, format string, rep insight.Effectiveness) error {
	out := effectJSON{AsOf: rep.AsOf.String(), From: dateOrEmpty(rep.Filter.From), To: dateOrEmpty(rep.Filter.To), Kind: string(rep.Filter.Kind),
		Total: effectRow(rep.Total), Unprompted: moneyRows(rep.Unprompted)}
	dims := map[string]*[]rowJSON{"stage": &out.Stage, "template": &out.Template, "tone": &out.Tone, "channel": &out.Channel}
	for _, d := range rep.Dimensions {
		rows := []rowJSON{}
		for _, r := range d.Rows {
			rows = append(rows, effectRow(r))
		}
		*dims[d.Name] = rows
	}
	if format == "json" {
		return writeJSON(w, out)
	}
	fmt.Fprintf(w, "Effectiveness of each step as of %s", out.AsOf)
	if out.From != "" || out.To != "" {
		fmt.Fprintf(w, ", contacts from %s to %s", or(out.From, "the start"), or(out.To, "today"))
	}
	if out.Kind != "" {
		fmt.Fprintf(w, ", %s customers", out.Kind)
	}
	fmt.Fprintln(w, "\nPaid within N days: share of contacts whose invoices were all paid (uncontacted invoices of the same age in brackets).")
	for _, d := range []struct {
		name string
		rows []rowJSON
	}{{"Stage", out.Stage}, {"Template", out.Template}, {"Tone", out.Tone}, {"Channel", out.Channel}, {"", []rowJSON{out.Total}}} {
		if d.name != "" {
			fmt.Fprintf(w, "\n%-20s %8s %14s %14s %14s %8s  %s\n", d.name, "actions", "7 days", "14 days", "30 days", "median", "recovered")
		}
		for _, r := range d.rows {
			cells := make([]string, 3)
			for i, wj := range r.PaidWithin {
				cells[i] = pct(wj.Share, wj.Actions > 0)
				if wj.Control != nil {
					cells[i] += " (" + pct(*wj.Control, true) + ")"
				}
			}
			median := "-"
			if r.Median != nil {
				median = fmt.Sprintf("%.1f", *r.Median)
			}
			fmt.Fprintf(w, "%-20s %8d %14s %14s %14s %8s  %s\n", r.Key, r.Actions, cells[0], cells[1], cells[2], median, moneyText(r.Recovered))
		}
	}
	fmt.Fprintf(w, "\nPaid with no contact before it: %s\n", moneyText(out.Unprompted))
	return nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func pct(x float64, ok bool) string {
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", x*100)
}

func moneyText(ms []moneyJSON) string {
	if len(ms) == 0 {
		return "-"
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.Currency + " " + m.Amount
	}
	return strings.Join(parts, ", ")
}

type reasonJSON struct {
	Points int    `json:"points"`
	Text   string `json:"text"`
}

type riskJSON struct {
	CustomerID     int64        `json:"customer_id"`
	Customer       string       `json:"customer"`
	Kind           string       `json:"kind"`
	Score          int          `json:"score"`
	Band           string       `json:"band"`
	Reasons        []reasonJSON `json:"reasons"`
	PaidInvoices   int          `json:"paid_last_12_months"`
	AvgDaysLate    float64      `json:"average_days_late"`
	RecentAvg      float64      `json:"recent_days_late"`
	EarlierAvg     float64      `json:"earlier_days_late"`
	PromisesKept   int          `json:"promises_kept"`
	PromisesBroken int          `json:"promises_broken"`
	PlansCompleted int          `json:"plans_completed"`
	PlansBroken    int          `json:"plans_broken"`
	Disputes       int          `json:"disputes"`
	OldestOverdue  int          `json:"oldest_overdue_days"`
}

type riserJSON struct {
	CustomerID int64        `json:"customer_id"`
	Customer   string       `json:"customer"`
	Before     int          `json:"score_at_month_start"`
	Now        int          `json:"score"`
	Reasons    []reasonJSON `json:"reasons"`
}

type riskReportJSON struct {
	AsOf       string      `json:"as_of"`
	MonthStart string      `json:"month_start"`
	Customers  []riskJSON  `json:"customers"`
	Risers     []riserJSON `json:"risen_this_month"`
}

func reasons(rs []insight.Reason) []reasonJSON {
	out := []reasonJSON{}
	for _, r := range rs {
		out = append(out, reasonJSON{Points: r.Points, Text: r.Text})
	}
	return out
}

func cmdRisk(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("risk", "risk --db FILE [--as-of DATE] [--format text|json]", stderr)
	db := fs.String("db", "", "the database file")
	asOf := fs.String("as-of", "", "the day of the scores (default: today)")
	format := fs.String("format", "text", "text or json")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		if *format != "text" && *format != "json" {
			return usageErr(stderr, fs, "the format is text or json")
		}
		svc, done, err := openInsight(*db, *asOf, stderr)
		if err != nil {
			return err
		}
		defer done()
		rep, err := svc.Risk(context.Background())
		if err != nil {
			return err
		}
		return writeRisk(stdout, *format, rep)
	}()
	return finish(err, stderr)
}

func writeRisk(w io.Writer, format string, rep insight.RiskReport) error {
	out := riskReportJSON{AsOf: rep.AsOf.String(), MonthStart: rep.MonthStart.String(), Customers: []riskJSON{}, Risers: []riserJSON{}}
	for _, r := range rep.Customers {
		out.Customers = append(out.Customers, riskJSON{CustomerID: r.CustomerID, Customer: r.Name, Kind: string(r.Kind), Score: r.Score, Band: r.Band,
			Reasons: reasons(r.Reasons), PaidInvoices: r.PaidInvoices, AvgDaysLate: round4(r.AvgDaysLate), RecentAvg: round4(r.RecentAvg),
			EarlierAvg: round4(r.EarlierAvg), PromisesKept: r.PromisesKept, PromisesBroken: r.PromisesBroken, PlansCompleted: r.PlansCompleted,
			PlansBroken: r.PlansBroken, Disputes: r.Disputes, OldestOverdue: r.OldestOverdue})
	}
	for _, m := range rep.Risers {
		out.Risers = append(out.Risers, riserJSON{CustomerID: m.Now.CustomerID, Customer: m.Now.Name, Before: m.Before.Score, Now: m.Now.Score, Reasons: reasons(m.Now.Reasons)})
	}
	if format == "json" {
		return writeJSON(w, out)
	}
	fmt.Fprintf(w, "Risk as of %s (%d customers)\n", out.AsOf, len(out.Customers))
	if len(out.Risers) > 0 {
		fmt.Fprintf(w, "\nRisen since %s, before their debts are old:\n", out.MonthStart)
		for _, m := range out.Risers {
			fmt.Fprintf(w, "  %-32s %3d -> %3d\n", m.Customer, m.Before, m.Now)
		}
	}
	fmt.Fprintln(w)
	for _, c := range out.Customers {
		if c.Score == 0 {
			continue
		}
		fmt.Fprintf(w, "%-32s %3d %-6s\n", c.Customer, c.Score, c.Band)
		for _, r := range c.Reasons {
			fmt.Fprintf(w, "    %+4d  %s\n", r.Points, r.Text)
		}
	}
	return nil
}
