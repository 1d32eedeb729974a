package app

import (
	"math"
	"slices"
	"strings"
	"time"
)

// A file may bring a million new invoices. Each is kept as a small record whose text lives in
// shared blocks, instead of a full Invoice with its own strings: the plan of a million rows stays
// well under a hundred megabytes.

// invoiceRecord is one planned new invoice: 56 bytes.
type invoiceRecord struct {
	text       string // the number, then \x1f, description, \x1f, reference when either is set; in the arena
	amount     int64
	paid       int64
	customer   int32 // index into invoiceRecords.keys
	row        int32
	issue, due int32 // days since 1970-01-01
	currency   uint16
}

// recordBlock is how many records are allocated at once: the list grows by blocks, never by
// copying what it holds.
const recordBlock = 1 << 14

type invoiceRecords struct {
	blocks     [][]invoiceRecord
	n          int
	keys       []string         // customer keys, each once
	index      map[string]int32 // key -> its place in keys
	currencies []string
}

// add keeps pi; its Number must be the start of text, a string of the plan's arena.
func (s *invoiceRecords) add(pi PlannedInvoice, text string) {
	k, ok := s.index[pi.CustomerKey]
	if !ok {
		if s.index == nil {
			s.index = map[string]int32{}
		}
		k = int32(len(s.keys))
		s.keys = append(s.keys, pi.CustomerKey)
		s.index[pi.CustomerKey] = k
	}
	cur := slices.Index(s.currencies, pi.Currency)
	if cur < 0 {
		cur = len(s.currencies)
		s.currencies = append(s.currencies, pi.Currency)
	}
	if s.n%recordBlock == 0 {
		s.blocks = append(s.blocks, make([]invoiceRecord, 0, recordBlock))
	}
	b := &s.blocks[len(s.blocks)-1]
	*b = append(*b, invoiceRecord{text: text, amount: pi.Amount, paid: pi.PaidBefore, customer: k, row: int32(pi.Row),
		issue: dayNumber(pi.IssueDate), due: dayNumber(pi.DueDate), currency: uint16(cur)})
	s.n++
}

// recordText joins what an invoice keeps as text, the number first.
func recordText(number, desc, ref string) string {
	if desc == "" && ref == "" {
		return number
	}
	return number + "\x1f" + desc + "\x1f" + ref
}

// NewInvoiceCount is how many invoices the plan adds.
func (p *ImportPlan) NewInvoiceCount() int { return p.newInvoices.n }

// NewInvoice returns the i-th invoice the plan adds, in the order of the file.
func (p *ImportPlan) NewInvoice(i int) PlannedInvoice {
	s := &p.newInvoices
	r := &s.blocks[i/recordBlock][i%recordBlock]
	number, rest, _ := strings.Cut(r.text, "\x1f")
	desc, ref, _ := strings.Cut(rest, "\x1f")
	return PlannedInvoice{Row: int(r.row), CustomerKey: s.keys[r.customer], PaidBefore: r.paid,
		Invoice: Invoice{Number: number, Currency: s.currencies[r.currency], Amount: r.amount, Description: desc, ExternalRef: ref,
			IssueDate: dayDate(r.issue), DueDate: dayDate(r.due)}}
}

const noDay = math.MinInt32

func dayNumber(d Date) int32 {
	if d.IsZero() {
		return noDay
	}
	return int32(d.t.Unix() / 86400)
}

func dayDate(n int32) Date {
	if n == noDay {
		return Date{}
	}
	return Date{time.Unix(int64(n)*86400, 0).UTC()}
}

// textArena keeps many short strings in few large blocks: one allocation per block rather than
// one per string. A block is never written where a string was handed out.
type textArena struct{ b strings.Builder }

func (a *textArena) add(s string) string {
	if a.b.Cap()-a.b.Len() < len(s) {
		a.b = strings.Builder{}
		a.b.Grow(max(64<<10, len(s)))
	}
	start := a.b.Len()
	a.b.WriteString(s)
	return a.b.String()[start:]
}
