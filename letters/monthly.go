package letters

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"duebook/app"
	"duebook/app/monthly"
)

// chartHeight is the height of each chart of the monthly report, in mm.
const chartHeight = 72

// monthlyDoc lays out the report with its words, number format and paper.
type monthlyDoc struct {
	r    monthly.Report
	lang string
	w    map[string]string
	nf   app.NumberFormat
	b    *Builder
}

// MonthlyReport lays out the monthly report: tables with the exact figures, and the charts the
// Reports window shows.
func MonthlyReport(r monthly.Report) *Doc {
	lang := strings.ToLower(r.Shop.Language)
	w := monthly.Words(lang)
	paper := A4
	if strings.EqualFold(r.Shop.Country, "US") {
		paper = Letter
	}
	m := &monthlyDoc{r: r, lang: lang, w: w, nf: app.NumberFormatFor(lang), b: NewBuilder(paper, w["title"]+" "+r.Month)}
	m.b.Left, m.b.Right = 20, 20
	m.b.PageLabel = lw(lang)["page"]
	m.b.Para(w["title"]+" "+r.Month+" · "+r.Shop.Name, 16, true)
	m.b.Para(fmt.Sprintf(w["asof"], r.AsOf), 10, false)
	m.aging()
	m.dso()
	m.collected()
	m.effect()
	m.risers()
	m.reserve()
	m.cash()
	return m.b.Finish()
}

// MonthlyPDF draws the monthly report; created fixes the PDF's dates so the same book and day
// give the same bytes.
func MonthlyPDF(r monthly.Report, created time.Time) ([]byte, error) {
	return PDF(MonthlyReport(r), created)
}

func (m *monthlyDoc) money(v int64, code string) string {
	cur, err := app.LookupCurrency(code)
	if err != nil {
		cur = app.Currency{Code: code, Exponent: 2}
	}
	return cur.Code + " " + app.FormatMinor(v, cur, m.nf)
}

// heading starts a section, on a new page when the need mm after it would not fit there.
func (m *monthlyDoc) heading(s string, need float64) {
	m.b.Room(12 + need)
	m.b.Y += 2
	m.b.Para(s, 12, true)
}

func (m *monthlyDoc) aging() {
	m.heading(m.w["aging"], 30)
	cols := []Column{{m.w["bucket"], 2, false}, {m.w["invoices"], 1, true}, {m.w["open"], 2, true}}
	var rows [][]string
	for _, a := range m.r.Aging {
		var count int64
		for _, bk := range a.Buckets {
			rows = append(rows, []string{monthly.BucketWord(bk.Name, m.lang), strconv.FormatInt(bk.Count, 10), m.money(bk.Amount, a.Currency)})
			count += bk.Count
		}
		rows = append(rows, []string{m.w["total"], strconv.FormatInt(count, 10), m.money(a.Total, a.Currency)})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{m.w["total"], "0", m.money(0, m.r.Shop.Currency)})
	}
	m.b.Table(cols, rows, 9)
	m.b.Chart(monthly.AgingChart(m.r), chartHeight, m.lang)
}

func (m *monthlyDoc) dso() {
	m.heading(m.w["dso"], chartHeight+8)
	var parts []string
	for _, d := range monthly.LastDSO(m.r.Trend) {
		parts = append(parts, fmt.Sprintf("%s %d %s", d.Currency, d.Amount, m.w["days"]))
	}
	if len(parts) > 0 {
		m.b.Para(m.w["dsoline"]+" "+m.r.AsOf.String()+": "+strings.Join(parts, ", "), 10, false)
	}
	m.b.Chart(monthly.DSOChart(m.r), chartHeight, m.lang)
}

func (m *monthlyDoc) collected() {
	m.heading(m.w["collected"], 20)
	if len(m.r.Collected) == 0 {
		m.b.Para(m.w["nothing"], 10, false)
		return
	}
	cols := []Column{{m.w["method"], 2, false}, {m.w["payments"], 1, true}, {m.w["amount"], 2, true}}
	var rows [][]string
	credit := false
	for _, c := range m.r.Collected {
		rows = append(rows, []string{monthly.MethodWord(c.Method, m.lang), strconv.Itoa(c.Payments), m.money(c.Amount, c.Currency)})
		credit = credit || c.Method == app.MethodCreditNote
	}
	for _, t := range m.r.CollectedTotal() {
		rows = append(rows, []string{m.w["total"], "", m.money(t.Amount, t.Currency)})
	}
	m.b.Table(cols, rows, 9)
	if credit {
		m.b.Para(m.w["creditnote"], 8, false)
	}
}

func (m *monthlyDoc) percent(share float64, observed int) string {
	if observed == 0 {
		return "–"
	}
	return app.FormatMinor(int64(share*100+0.5), app.Currency{}, m.nf) + " %"
}

func (m *monthlyDoc) effect() {
	m.heading(m.w["effect"], 30)
	m.b.Para(fmt.Sprintf(m.w["effectnote"], m.r.AsOf), 8, false)
	stages := m.r.Stages()
	if len(stages) == 0 {
		m.b.Para(m.w["noeffect"], 10, false)
		return
	}
	cols := []Column{{m.w["stage"], 2.2, false}, {m.w["actions"], 1, true}, {m.w["p7"], 1, true}, {m.w["p14"], 1, true},
		{m.w["p30"], 1, true}, {m.w["median"], 1.2, true}, {m.w["recovered"], 2.2, true}}
	var rows [][]string
	for _, s := range stages {
		median := "–"
		if s.PaidAll > 0 {
			median = app.FormatMinor(int64(s.MedianDays*10+0.5), app.Currency{Exponent: 1}, m.nf)
		}
		var rec []string
		for _, v := range s.Recovered {
			rec = append(rec, m.money(v.Amount, v.Currency))
		}
		rows = append(rows, []string{s.Key, strconv.Itoa(s.Actions), m.percent(s.Windows[0].Share, s.Windows[0].Observed),
			m.percent(s.Windows[1].Share, s.Windows[1].Observed), m.percent(s.Windows[2].Share, s.Windows[2].Observed), median, strings.Join(rec, ", ")})
	}
	m.b.Table(cols, rows, 8)
	m.b.Chart(monthly.EffectChart(m.r), chartHeight, m.lang)
}

func (m *monthlyDoc) risers() {
	m.heading(m.w["risers"], 15)
	if len(m.r.Risers) == 0 {
		m.b.Para(m.w["norisers"], 10, false)
		return
	}
	for _, mv := range m.r.Risers {
		m.b.Para(fmt.Sprintf("%s · %s %d · %s %d", mv.Now.Name, m.w["before"], mv.Before.Score, m.w["now"], mv.Now.Score), 10, true)
		for _, rs := range mv.Now.Reasons {
			m.b.Para(fmt.Sprintf("    %+d  %s", rs.Points, rs.Text), 9, false)
		}
	}
}

func (m *monthlyDoc) reserve() {
	m.heading(m.w["reserve"]+" ("+m.r.Reserve.Currency+")", 40)
	cols := []Column{{m.w["bucket"], 1.6, false}, {m.w["open"], 2, true}, {m.w["rate"], 1.2, true}, {m.w["reservecol"], 2, true}, {m.w["basis"], 1.6, true}}
	var rows [][]string
	cur := m.r.Reserve.Currency
	for _, bk := range m.r.Reserve.Buckets {
		basis := fmt.Sprintf(m.w["history"], bk.Invoices)
		if bk.Default {
			basis = m.w["default"]
		}
		rows = append(rows, []string{monthly.BucketWord(bk.Name, m.lang), m.money(bk.Open, cur),
			app.FormatMinor(bk.Rate, app.Currency{Exponent: 2}, m.nf) + " %", m.money(bk.Reserve, cur), basis})
	}
	rows = append(rows, []string{m.w["total"], "", "", m.money(m.r.Reserve.Total, cur), ""})
	m.b.Table(cols, rows, 9)
}

func (m *monthlyDoc) cash() {
	f := m.r.Cash
	m.heading(m.w["cash"], chartHeight+8)
	m.b.Para(fmt.Sprintf(m.w["opening"], m.money(f.Opening, f.Currency)), 10, false)
	if n := f.ShortWeeks(); n > 0 {
		m.b.Para(fmt.Sprintf(m.w["shortweeks"], n), 10, false)
	} else {
		m.b.Para(m.w["noshort"], 10, false)
	}
	m.b.Chart(monthly.CashChart(m.r), chartHeight, m.lang)
	cols := []Column{{m.w["week"], 1.4, false}, {m.w["receipts"], 2, true}, {m.w["bills"], 2, true}, {m.w["balance"], 2, true}, {"", 0.8, false}}
	var rows [][]string
	for _, wk := range f.Weeks {
		short := ""
		if wk.Short {
			short = m.w["short"]
		}
		rows = append(rows, []string{wk.Start.String(), m.money(wk.Receipts, f.Currency), m.money(wk.Bills, f.Currency), m.money(wk.Balance, f.Currency), short})
	}
	m.b.Table(cols, rows, 8)
}
