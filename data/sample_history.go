package data

import (
	"encoding/json"
	"math/rand/v2"
	"sort"

	"duebook/app"
)

// The sample's collection history: the ladder's contacts on the invoices of the last half year, as
// if the shop had used Duebook that long, so the effectiveness and risk reports have contacts
// followed by payments to show. One customer in eight was never chased (the owner left them
// alone), which gives the reports uncontacted invoices to compare with. A customer often paid a
// few days after a reminder arrived, which is what the reports should find.
const historyDays = 182

type sampleContact struct {
	on                      app.Date
	stage                   int
	st                      app.Stage
	amount                  int64
	numbers                 []string
	currency, tone, channel string
}

// history is the per-customer collection of contacts, merged per stage and day as Today would
// have proposed them (one action per customer, currency, stage and day).
type history struct {
	r        *rand.Rand
	contacts map[string]*sampleContact
}

func newHistory(seed uint64) *history {
	return &history{r: rand.New(rand.NewPCG(seed^0xc0ffee, seed+31)), contacts: map[string]*sampleContact{}}
}

// invoice adds the contacts the ladder made on inv: each stage whose day came while the invoice
// was open (before it was paid in full, or a few days before today for one still open).
func (h *history) invoice(c *sampleCustomer, inv app.Invoice, today app.Date) {
	if c.ID%8 == 3 || today.DaysSince(inv.DueDate) > historyDays+60 {
		return
	}
	ladder := app.DefaultPolicy()
	if c.ID%5 == 2 {
		ladder = phoneFirst()
	}
	tone := app.ToneStandard
	switch c.kind {
	case prompt:
		tone = app.ToneGentle
	case chronic:
		tone = app.ToneFirm
	}
	settled := app.Date{}
	if inv.Paid >= inv.Amount {
		settled = inv.LastPaidOn
	}
	limit := today.AddDays(-4) // the ladder has surely reached these stages (see sampleCollections)
	if !settled.IsZero() && settled.Before(limit) {
		limit = settled.AddDays(-1)
	}
	for n, st := range ladder.Stages {
		on := inv.DueDate.AddDays(st.Days + h.r.IntN(3))
		if on.After(limit) || today.DaysSince(on) > historyDays || (st.Days < 0 && today.DaysSince(on) > historyDays/2) {
			continue // not reached, older than the history, or courtesy notes before the owner began them
		}
		// The stage the payment followed: three times in four it came a few days after it.
		if !settled.IsZero() && (n+1 == len(ladder.Stages) || inv.DueDate.AddDays(ladder.Stages[n+1].Days).After(settled)) && h.r.IntN(4) > 0 {
			if near := settled.AddDays(-1 - h.r.IntN(5)); near.After(on) {
				on = near
			}
		}
		key := inv.Currency + "/" + st.Name + "/" + on.String()
		sc := h.contacts[key]
		if sc == nil {
			sc = &sampleContact{on: on, stage: n + 1, st: st, currency: inv.Currency, tone: string(tone), channel: string(st.Channel)}
			h.contacts[key] = sc
		}
		sc.amount += inv.Amount
		sc.numbers = append(sc.numbers, inv.Number)
	}
}

// flush writes the customer's contacts as approved actions.
func (h *history) flush(w *sampleWriter, customerID int64) (int, error) {
	list := make([]*sampleContact, 0, len(h.contacts))
	for _, sc := range h.contacts {
		list = append(list, sc)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if !a.on.Time().Equal(b.on.Time()) {
			return a.on.Before(b.on)
		}
		if a.stage != b.stage {
			return a.stage < b.stage
		}
		return a.currency < b.currency
	})
	clear(h.contacts)
	for _, sc := range list {
		w.actionID++
		nums, _ := json.Marshal(sc.numbers)
		deadline := ""
		if sc.st.Deadline > 0 {
			deadline = sc.on.AddDays(sc.st.Deadline).String()
		}
		if err := w.actions.add(w.actionID, customerID, sc.on.String(), sc.currency, sc.stage, sc.st.Name, sc.channel, sc.tone, sc.amount,
			string(nums), string(app.Approved), "", deadline, w.now); err != nil {
			return 0, err
		}
	}
	return len(list), nil
}
