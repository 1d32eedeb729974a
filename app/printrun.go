package app

import (
	"context"
	"fmt"
	"image"
	"runtime"
	"sort"
	"strings"
)

// TemplateText returns the text of a template: the owner's newest version, or the default.
func (c *Collections) TemplateText(key TemplateKey) (string, error) {
	if text, _, ok, err := c.CS.Template(key); err != nil || ok {
		return text, err
	}
	if c.Render == nil {
		return "", Errorf(CodeInternal, "printing is not set up")
	}
	return c.Render.DefaultTemplate(key)
}

// SaveTemplate checks and stores a new version of a template; a broken template is refused with
// the line and the reason, and never saved.
func (c *Collections) SaveTemplate(key TemplateKey, text string) (int, error) {
	if _, err := ParseLetterKind(string(key.Kind)); err != nil {
		return 0, err
	}
	if _, err := ParseTemplate(text); err != nil {
		return 0, err
	}
	return c.CS.SaveTemplate(key, text, c.event(0, "settings", "Template "+key.String()+" saved", nil))
}

// template resolves and parses the template for a key, falling back to English.
func (c *Collections) template(key TemplateKey) (Template, error) {
	text, err := c.TemplateText(key)
	if err != nil && key.Lang != "en" {
		key.Lang = "en"
		text, err = c.TemplateText(key)
	}
	if err != nil {
		return Template{}, err
	}
	return ParseTemplate(text)
}

func (c *Collections) langFor(cust Customer, shop Shop) string {
	for _, l := range Languages {
		if cust.Language == l {
			return l
		}
	}
	for _, l := range Languages {
		if shop.Language == l {
			return l
		}
	}
	return "en"
}

// kindOfStage maps a ladder stage's template name to a letter kind.
func kindOfStage(st Stage) LetterKind {
	switch st.Template {
	case "courtesy":
		return KindCourtesy
	case "reminder1":
		return KindReminder1
	case "final":
		return KindFinal
	}
	switch {
	case st.Final():
		return KindFinal
	case st.Days <= 0:
		return KindCourtesy
	case strings.HasPrefix(st.Template, "reminder") && st.Template != "reminder1":
		return KindReminder2
	}
	return KindReminder2
}

// letterParties loads who a letter is from and to, and the rules it is written under.
func (c *Collections) letterParties(customerID int64) (Customer, Shop, CollectionSettings, error) {
	cust, err := c.Store.Customer(customerID)
	if err != nil {
		return cust, Shop{}, CollectionSettings{}, err
	}
	shop, _, err := c.Store.Shop()
	if err != nil {
		return cust, shop, CollectionSettings{}, err
	}
	settings, err := c.CS.CollectionSettings()
	return cust, shop, settings, err
}

// letterFor builds the letter of a priced action: its invoices, the charges owed and those its
// approval adds, under the wording rules of the collection settings.
func (c *Collections) letterFor(asOf Date, a Action) (LetterInput, error) {
	if a.Thanks != nil {
		return c.thanksLetter(asOf, a)
	}
	cust, shop, settings, err := c.letterParties(a.CustomerID)
	if err != nil {
		return LetterInput{}, err
	}
	policies, err := c.policies()
	if err != nil {
		return LetterInput{}, err
	}
	pol := policies[1]
	if data, err := c.CS.CaseData([]int64{a.CustomerID}, nil, asOf); err == nil && len(data) == 1 {
		if p, ok := policies[data[0].PolicyID]; ok {
			pol = p
		}
	}
	st := Stage{Template: "reminder1", Days: 7}
	if a.Stage > 0 && a.Stage <= len(pol.Stages) {
		st = pol.Stages[a.Stage-1]
	}
	key := TemplateKey{Kind: kindOfStage(st), Tone: a.Tone, Lang: c.langFor(cust, shop)}
	if key.Tone == "" {
		key.Tone = ToneStandard
	}
	tpl, err := c.template(key)
	if err != nil {
		return LetterInput{}, err
	}
	in := LetterInput{Key: key, Template: tpl, Shop: shop, Customer: cust, Date: asOf, Charges: a.LetterCharges(), NoLegalThreat: a.NoLegalThreat,
		StageName: StageName(a.StageName, key.Lang), PayBy: a.Deadline}
	if in.PayBy.IsZero() {
		in.PayBy = asOf.AddDays(10)
		if key.Kind == KindCourtesy && len(a.Invoices) > 0 {
			in.PayBy = a.Invoices[0].Due
		}
	}
	for _, ai := range a.Invoices {
		inv, err := c.Store.Invoice(ai.ID)
		if err != nil {
			return LetterInput{}, err
		}
		in.Invoices = append(in.Invoices, inv)
	}
	PrepareLetter(&in, settings)
	if in.Record, err = c.recordRef(); err != nil {
		return LetterInput{}, err
	}
	return in, nil
}

// recordRef is the timeline's record reference that a letter prints.
func (c *Collections) recordRef() (string, error) {
	h, err := c.CS.ChainHead()
	if err != nil {
		return "", err
	}
	return h.Ref(), nil
}

// PrintedLetter is one letter of a print run.
type PrintedLetter struct {
	CustomerID int64
	Customer   string
	PostalCode string
	Stage      string
	Pages      int
	SHA256     string
	PDF        []byte // the letter approved alone; a print run leaves it empty
	Warnings   []string
}

// PrintRunResult is what a print run recorded: every letter as its own stored document, on the
// list of letters to print until OutputLetters has written it to disk.
type PrintRunResult struct {
	AsOf    Date
	Letters []PrintedLetter
	Pages   int
}

// PrintRun approves the day's letter actions: the letters are rendered (on all cores), then
// each approval is stored with its charges and the letter's exact bytes in one transaction, and
// the letter is put on the list of letters to print. OutputLetters then writes them to disk.
// The result names the letters without their bytes (Reprint reads one back).
// Running it again the same day approves nothing twice, because approved actions are no longer
// proposed. A cancel before the letters are stored leaves nothing behind.
func (c *Collections) PrintRun(ctx context.Context, asOf Date, progress func(done, total int)) (PrintRunResult, error) {
	res := PrintRunResult{AsOf: asOf}
	if c.Render == nil {
		return res, Errorf(CodeInternal, "printing is not set up")
	}
	if asOf.IsZero() {
		asOf = c.Today()
		res.AsOf = asOf
	}
	q, err := c.Queue(asOf)
	if err != nil {
		return res, err
	}
	type job struct {
		a  Action
		in LetterInput
	}
	var jobs []job
	for _, a := range q.Actions {
		if a.Blocked() || a.Stage == 0 || (a.Channel != ChannelLetter && a.Channel != ChannelBoth) {
			continue
		}
		// The queue priced each action just now: its charges are those it records.
		in, err := c.letterFor(asOf, a)
		if err != nil {
			return res, err
		}
		jobs = append(jobs, job{a, in})
	}
	sort.SliceStable(jobs, func(i, j int) bool {
		a, b := jobs[i].in.Customer, jobs[j].in.Customer
		if a.PostalCode != b.PostalCode {
			return a.PostalCode < b.PostalCode
		}
		return a.Name < b.Name
	})
	// A chunk at a time is rendered and stored, so the run holds the bytes of one chunk at
	// most, however many letters the day has; a stored letter is read back to print it.
	printed := 0
	for lo := 0; lo < len(jobs) && ctx.Err() == nil; lo += printChunk {
		chunk := jobs[lo:min(lo+printChunk, len(jobs))]
		ins := make([]LetterInput, len(chunk))
		for i, j := range chunk {
			ins[i] = j.in
		}
		batch, err := c.Render.Batch(ctx, ins, asOf, runtime.NumCPU())
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return res, err
		}
		for i, j := range chunk {
			if ctx.Err() != nil {
				break // what is stored stays whole: each letter with its approval
			}
			l, err := c.recordLetter(asOf, j.a, j.in, batch.Each[i], batch.Pages[i])
			if err != nil {
				if CodeOf(err) == CodeConflict {
					continue // decided meanwhile in another window: not printed twice
				}
				return res, err
			}
			l.PDF = nil
			res.Letters = append(res.Letters, l)
			res.Pages += l.Pages
			printed++
			if progress != nil {
				progress(printed, len(jobs))
			}
		}
	}
	if err := ctx.Err(); err != nil && printed < len(jobs) {
		if printed == 0 {
			return res, Wrap(CodeCancelled, err, "the print run was cancelled; nothing was recorded")
		}
		return res, Wrap(CodeCancelled, err, "the print run was cancelled after %d of %d letters; those are recorded and still to print", printed, len(jobs))
	}
	return res, nil
}

// printChunk is how many letters a print run renders before it stores them.
const printChunk = 64

func invoiceNumbers(a Action) string {
	var nums []string
	for _, inv := range a.Invoices {
		nums = append(nums, inv.Number)
	}
	return strings.Join(nums, ", ")
}

// Reprint returns the exact bytes of a letter as it was printed.
func (c *Collections) Reprint(sha string) ([]byte, error) {
	d, err := c.CS.Document(strings.TrimSpace(sha))
	if err != nil {
		return nil, err
	}
	// Only bytes that still hash to their key are the letter as printed.
	if NewDocument(d.Kind, d.Mime, d.Content).SHA256 != d.SHA256 {
		return nil, Errorf(CodeStorage, "the stored document %s does not match its SHA-256: it was changed after it was stored, so it is not handed out as the original", d.SHA256)
	}
	return d.Content, nil
}

// LetterRequest asks for one letter of a kind for a customer, outside the morning queue.
type LetterRequest struct {
	CustomerID int64
	Kind       LetterKind
	Tone       Tone
	Lang       string
	PaymentID  int64  // receipts
	Invoice    string // an invoice's number: only that invoice
	// Currency keeps the letter to the invoices in that currency: a letter claims one currency,
	// so a customer who owes in several needs it named.
	Currency string
	// Handoff marks the statement of a hand-off: it claims the charges of handed-off invoices,
	// which the shop's own letters leave to the agency.
	Handoff bool
}

// ComposeLetter builds the input of a letter of any kind for a customer: their open invoices
// (for reminders, final demands, invoices and statements), the payment (receipts).
func (c *Collections) ComposeLetter(r LetterRequest) (LetterInput, error) {
	if r.Kind == KindThanks {
		return LetterInput{}, Errorf(CodeInvalid, "a thank-you note is proposed on Today once a long overdue debt or a payment plan is settled: approve it there")
	}
	cust, shop, settings, err := c.letterParties(r.CustomerID)
	if err != nil {
		return LetterInput{}, err
	}
	if r.Tone == "" {
		cc, err := c.CaseOf(r.CustomerID)
		if err != nil {
			return LetterInput{}, err
		}
		r.Tone = cc.Tone
	}
	if r.Lang == "" {
		r.Lang = c.langFor(cust, shop)
	}
	key := TemplateKey{Kind: r.Kind, Tone: r.Tone, Lang: r.Lang}
	tpl, err := c.template(key)
	if err != nil {
		return LetterInput{}, err
	}
	today := c.Today()
	in := LetterInput{Key: key, Template: tpl, Shop: shop, Customer: cust, Date: today, Profile: settings.Profile, PayBy: today.AddDays(10), StageName: string(r.Kind)}
	open, err := c.Store.Invoices(InvoiceFilter{CustomerID: cust.ID, State: FilterOpen}, 0, 500)
	if err != nil {
		return LetterInput{}, err
	}
	for _, inv := range open {
		due := inv.DueDate.Before(today)
		switch {
		case r.Invoice != "" && inv.Number != r.Invoice, r.Currency != "" && inv.Currency != r.Currency:
		case r.Kind == KindCourtesy && due, (r.Kind == KindReminder1 || r.Kind == KindReminder2 || r.Kind == KindFinal) && !due:
			// A reminder names only what is overdue; a courtesy note only what is not yet due.
		default:
			in.Invoices = append(in.Invoices, inv.Invoice)
		}
	}
	if r.Kind != KindInvoice && r.Kind != KindReceipt {
		if curs := currenciesOf(in.Invoices); len(curs) > 1 {
			return LetterInput{}, Errorf(CodeInvalid, "%s owes in %s: a letter claims one currency; choose %s", cust.Name, joinAnd(curs, "and"), joinAnd(curs, "or"))
		}
	}
	if r.Kind == KindInvoice {
		// An invoice prints one invoice, with its lines: the one named, else the newest.
		sort.Slice(in.Invoices, func(i, j int) bool { return in.Invoices[i].IssueDate.After(in.Invoices[j].IssueDate) })
		if len(in.Invoices) > 1 {
			in.Invoices = in.Invoices[:1]
		}
		if len(in.Invoices) == 1 {
			full, err := c.Store.Invoice(in.Invoices[0].ID)
			if err != nil {
				return LetterInput{}, err
			}
			in.Invoices[0] = full
		}
	}
	switch r.Kind {
	case KindReceipt:
		pays, err := c.Store.Payments(cust.ID)
		if err != nil {
			return LetterInput{}, err
		}
		for i := range pays {
			if pays[i].ID == r.PaymentID {
				in.Payment = &pays[i]
			}
		}
		if in.Payment == nil {
			return LetterInput{}, Errorf(CodeNotFound, "%s has no payment number %d", cust.Name, r.PaymentID)
		}
		in.PayBy = Date{}
	case KindStatement:
		pays, err := c.Store.Payments(cust.ID)
		if err != nil {
			return LetterInput{}, err
		}
		if cur := currenciesOf(in.Invoices); len(cur) == 1 || r.Currency != "" {
			keep := r.Currency
			if keep == "" {
				keep = cur[0]
			}
			pays = paymentsIn(pays, keep) // the statement of one currency lists its payments only
		}
		if len(pays) > 10 {
			pays = pays[:10]
		}
		in.Payments, in.PayBy = pays, Date{}
	case KindFinal:
		in.PayBy = today.AddDays(14)
	}
	if r.Kind != KindReceipt && r.Kind != KindInvoice && (len(in.Invoices) > 0 || r.Kind == KindStatement) {
		if in.Charges, err = c.owedCharges(cust.ID, in.Invoices, r.Handoff); err != nil {
			return LetterInput{}, err
		}
	}
	PrepareLetter(&in, settings)
	if len(in.Invoices) == 0 && r.Kind != KindReceipt && r.Kind != KindStatement {
		return LetterInput{}, Errorf(CodeInvalid, "%s has no open invoices for a %s", cust.Name, r.Kind)
	}
	if in.Record, err = c.recordRef(); err != nil {
		return LetterInput{}, err
	}
	return in, nil
}

// currenciesOf lists the currencies of the invoices, sorted.
func currenciesOf(invs []Invoice) []string {
	seen := map[string]bool{}
	var out []string
	for _, inv := range invs {
		if !seen[inv.Currency] {
			seen[inv.Currency] = true
			out = append(out, inv.Currency)
		}
	}
	sort.Strings(out)
	return out
}

// paymentsIn keeps the payments in a currency.
func paymentsIn(pays []Payment, currency string) []Payment {
	var out []Payment
	for _, p := range pays {
		if p.Currency == currency {
			out = append(out, p)
		}
	}
	return out
}

// joinAnd joins words as a sentence does: "EUR", "EUR and USD", "EUR, GBP and USD".
func joinAnd(words []string, and string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

// LetterCurrencies are the currencies a customer owes in (open invoices), sorted: a letter by
// hand needs one of them named when there are several.
func (c *Collections) LetterCurrencies(customerID int64) ([]string, error) {
	open, err := c.Store.Invoices(InvoiceFilter{CustomerID: customerID, State: FilterOpen}, 0, 500)
	if err != nil {
		return nil, err
	}
	invs := make([]Invoice, len(open))
	for i, o := range open {
		invs[i] = o.Invoice
	}
	return currenciesOf(invs), nil
}

// owedCharges are the charges a letter claims: every charge of the customer still open in the
// letter's currency, whichever stage made it, except on invoices disputed, in a running plan or
// handed off (unless the document is the hand-off's own). Two documents of one day for the same
// debt so demand the same total.
func (c *Collections) owedCharges(customerID int64, invoices []Invoice, handoff bool) ([]Charge, error) {
	all, err := c.CS.Charges(customerID)
	if err != nil {
		return nil, err
	}
	cases, err := c.CS.CaseData([]int64{customerID}, nil, c.Today())
	if err != nil {
		return nil, err
	}
	held := map[int64]bool{}
	for _, cd := range cases {
		for _, inv := range cd.Invoices {
			held[inv.ID] = inv.Disputed || inv.InPlan || (inv.HandedOff && !handoff)
		}
	}
	currency := ""
	if len(invoices) > 0 {
		currency = invoices[0].Currency
	}
	var out []Charge
	for _, ch := range all {
		if ch.Open() > 0 && !held[ch.InvoiceID] && (currency == "" || ch.Currency == currency) {
			out = append(out, ch)
		}
	}
	return out, nil
}

// PrintLetter prints one letter of a kind, stores it as printed and records it on the timeline.
func (c *Collections) PrintLetter(r LetterRequest) ([]byte, []string, error) {
	if c.Render == nil {
		return nil, nil, Errorf(CodeInternal, "printing is not set up")
	}
	in, err := c.ComposeLetter(r)
	if err != nil {
		return nil, nil, err
	}
	warnings := c.letterWarnings(in)
	pdf, err := c.Render.Letter(in)
	if err != nil {
		return nil, warnings, err
	}
	doc := NewDocument(string(r.Kind), "application/pdf", pdf)
	err = c.CS.SaveDocument(doc, c.event(in.Customer.ID, "letter", fmt.Sprintf("%s printed (%s tone, %s); letter %s…", capital(string(r.Kind)), in.Key.Tone, in.Key.Lang, doc.SHA256[:12]),
		map[string]string{"sha256": doc.SHA256, "kind": doc.Kind}))
	return pdf, warnings, err
}

// PreviewAction draws page 1 of the letter an action would print, for the Today screen.
func (c *Collections) PreviewAction(asOf Date, a Action, widthPx int) (image.Image, error) {
	if c.Render == nil {
		return nil, Errorf(CodeInternal, "printing is not set up")
	}
	in, err := c.ActionLetter(asOf, a)
	if err != nil {
		return nil, err
	}
	img, _, err := c.Render.Preview(in, 0, widthPx)
	return img, err
}

// ActionLetter is the letter an action would print today, priced as the book stands now; a held
// entry has none.
func (c *Collections) ActionLetter(asOf Date, a Action) (LetterInput, error) {
	if a.Stage == 0 {
		return LetterInput{}, Errorf(CodeBlocked, "%s is on hold: %s", a.Customer, blockReason(a))
	}
	a, err := c.priceAction(asOf, a)
	if err != nil {
		return LetterInput{}, err
	}
	return c.letterFor(asOf, a)
}

// PaymentCustomer tells whose payment a payment number is.
func (c *Collections) PaymentCustomer(paymentID int64) (int64, error) {
	return c.CS.PaymentCustomer(paymentID)
}

// LetterWarnings says what the owner should know about a letter printed by hand before printing
// it: a rate table not confirmed (interest after that day is not charged), a debt that may be
// time-barred (no threat of suit), a character the letter font cannot draw.
func (c *Collections) LetterWarnings(r LetterRequest) ([]string, error) {
	in, err := c.ComposeLetter(r)
	if err != nil {
		return nil, err
	}
	var out []string
	if len(in.Charges) > 0 || r.Kind == KindFinal || r.Kind == KindStatement || r.Kind == KindReminder2 {
		rw, err := c.RateWarnings()
		if err != nil {
			return nil, err
		}
		out = append(out, rw...)
	}
	return append(out, c.letterWarnings(in)...), nil
}

// letterWarnings are the warnings a composed letter carries whatever its path.
func (c *Collections) letterWarnings(in LetterInput) []string {
	var out []string
	if in.Threatless() {
		out = append(out, "an invoice may be past the limitation period: the letter threatens no legal action")
	}
	if c.Render == nil {
		return out
	}
	for _, field := range []string{in.Customer.Name, in.Customer.Address1, in.Customer.City} {
		if m := c.Render.Missing(field); len(m) > 0 {
			out = append(out, fmt.Sprintf("the letter font cannot draw %q in %q: it would print as an empty box", string(m), field))
		}
	}
	return out
}

// PreviewLetter draws page 1 of a letter of a kind for a customer, without printing it.
func (c *Collections) PreviewLetter(r LetterRequest, widthPx int) (image.Image, error) {
	if c.Render == nil {
		return nil, Errorf(CodeInternal, "printing is not set up")
	}
	in, err := c.ComposeLetter(r)
	if err != nil {
		return nil, err
	}
	img, _, err := c.Render.Preview(in, 0, widthPx)
	return img, err
}

// Documents lists the documents printed for a customer, newest first.
func (c *Collections) Documents(customerID int64) ([]DocumentRef, error) {
	return c.CS.CustomerDocuments(customerID)
}

// IsLetter tells an action that prints a letter.
func IsLetter(a Action) bool { return a.Channel == ChannelLetter || a.Channel == ChannelBoth }

// ApproveLetter approves one letter action and prints its letter, stored with the approval.
func (c *Collections) ApproveLetter(asOf Date, a Action) (PrintedLetter, error) {
	if c.Render == nil {
		return PrintedLetter{}, Errorf(CodeInternal, "printing is not set up")
	}
	if a.Blocked() || a.Stage == 0 {
		return PrintedLetter{}, Errorf(CodeBlocked, "the %s for %s cannot be approved: %s", a.StageName, a.Customer, blockReason(a))
	}
	a, err := c.priceAction(asOf, a)
	if err != nil {
		return PrintedLetter{}, err
	}
	in, err := c.letterFor(asOf, a)
	if err != nil {
		return PrintedLetter{}, err
	}
	pdf, err := c.Render.Letter(in)
	if err != nil {
		return PrintedLetter{}, err
	}
	return c.recordLetter(asOf, a, in, pdf, c.Render.Pages(in))
}

// recordLetter stores a letter's approval, its charges and the letter as printed in one
// transaction, with the timeline event that links them.
func (c *Collections) recordLetter(asOf Date, a Action, in LetterInput, pdf []byte, pages int) (PrintedLetter, error) {
	charges, notes := a.Charges, a.Notes
	doc := NewDocument("letter", "application/pdf", pdf)
	cur := MustCurrency(a.Currency)
	summary := fmt.Sprintf("%s printed (%s tone) for %s: %s %s; letter %s…", capital(a.StageName), a.Tone, invoiceNumbers(a), a.Currency,
		Decimal(in.Total().Amount, cur), doc.SHA256[:12])
	if a.Thanks != nil {
		summary = fmt.Sprintf("%s printed (%s tone) for %s: nothing asked, nothing charged; letter %s…", capital(a.StageName), a.Tone, invoiceNumbers(a), doc.SHA256[:12])
	}
	if len(notes) > 0 {
		summary += "; " + strings.Join(notes, "; ")
	}
	item := &PrintItem{SHA256: doc.SHA256, CustomerID: a.CustomerID, Customer: in.Customer.Name, PostalCode: in.Customer.PostalCode,
		Stage: a.StageName, Pages: pages, OnDate: asOf}
	d := DecidedAction{CustomerID: a.CustomerID, OnDate: asOf, Action: a, Decision: Approved, Print: item}
	if a.Channel == ChannelBoth {
		summary += "; " + c.bothEmail(asOf, a, pdf, &d)
	}
	ev := c.event(a.CustomerID, "letter", summary, map[string]any{"sha256": doc.SHA256, "action": a, "charges": charges})
	if err := c.CS.Decide(d, charges, &doc, ev); err != nil {
		return PrintedLetter{}, err
	}
	warnings := append(c.Render.Warnings(in), notes...)
	if m := c.Render.Missing(in.Customer.Name + in.Customer.Address1 + in.Customer.City); len(m) > 0 {
		warnings = append(warnings, fmt.Sprintf("the font cannot draw %q", string(m)))
	}
	return PrintedLetter{CustomerID: a.CustomerID, Customer: in.Customer.Name, PostalCode: in.Customer.PostalCode,
		Stage: a.StageName, Pages: pages, SHA256: doc.SHA256, PDF: pdf, Warnings: warnings}, nil
}
