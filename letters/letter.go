package letters

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"rsc.io/qr"

	"duebook/app"
)

// composer holds what every part of a letter needs: its language, words and money format.
type composer struct {
	in    app.LetterInput
	lang  string
	w     map[string]string
	nf    app.NumberFormat
	total app.Money
	cur   app.Currency
	nums  []string // the invoices' numbers
}

func newComposer(in app.LetterInput) *composer {
	c := &composer{in: in, lang: in.Key.Lang, w: lw(in.Key.Lang), nf: app.NumberFormatFor(in.Key.Lang), total: in.Total()}
	cur, err := app.LookupCurrency(c.total.Currency)
	if err != nil {
		cur = app.MustCurrency(in.Shop.Currency)
		c.total.Currency = cur.Code
	}
	c.cur = cur
	for _, inv := range in.Invoices {
		c.nums = append(c.nums, inv.Number)
	}
	return c
}

// amount writes "EUR 1.234,57" in the letter's number format.
func (c *composer) amount(v int64, code string) string {
	cur, err := app.LookupCurrency(code)
	if err != nil {
		cur = c.cur
	}
	return cur.Code + " " + app.FormatMinor(v, cur, c.nf)
}

// percent writes a rate in basis points as the letter's language does: "1,27 %" in German.
func (c *composer) percent(bp int64) string {
	return app.FormatMinor(bp, app.Currency{Exponent: 2}, c.nf) + " %"
}

// values are the template's named fields.
func (c *composer) values() map[string]string {
	in, lang := c.in, c.lang
	oldest := app.Date{}
	for _, inv := range in.Invoices {
		if oldest.IsZero() || inv.DueDate.Before(oldest) {
			oldest = inv.DueDate
		}
	}
	values := map[string]string{
		"customer": in.Customer.Name, "shop": in.Shop.Name, "date": day(in.Date, lang), "invoices": strings.Join(c.nums, ", "),
		"due": day(oldest, lang), "total": c.amount(c.total.Amount, c.total.Currency), "pay_by": day(in.PayBy, lang), "stage": in.StageName,
		"next_steps": "", // the wording rule fills it (app.LetterInput.Text)
		"settled":    settledPhrase(in.Thanks, lang),
	}
	if p := in.Payment; p != nil {
		values["payment_amount"] = c.amount(p.Amount, p.Currency)
		values["payment_date"] = day(p.ReceivedOn, lang)
		values["payment_method"] = method(p.Method, lang)
	}
	return values
}

// Compose lays out a reminder, final demand, courtesy note, invoice, statement or receipt: the
// letterhead and window address, the filled template, the invoices, the itemized charges, the
// total and the day to pay by, and how to pay (bank details, payment link, QR codes).
func Compose(in app.LetterInput) *Doc {
	c := newComposer(in)
	subject, body := in.Text(c.values())
	b := NewBuilder(PaperFor(in.Profile), subject)
	b.PageLabel = c.w["page"]
	b.Record = recordLine(in.Record, c.lang)
	refs := [][2]string{{c.w["date"], cell(in.Date, c.lang)}, {c.w["customer"], fmt.Sprint(in.Customer.ID)}}
	if len(c.nums) > 0 {
		label := c.w["ref"]
		if in.Thanks != nil {
			label = invoicesLabel(c.lang, len(c.nums)) // not a payment reference: nothing is to be paid
		}
		refs = append(refs, [2]string{label, strings.Join(c.nums, ", ")})
	}
	letterhead(b, in.Shop, in.Customer, c.lang, refs)
	if len(in.Shop.Logo) > 0 {
		b.page.Images = append(b.page.Images, Image{X: b.Doc.Paper.W - b.Right - 30, Y: 10, W: 30, H: 18, Data: in.Shop.Logo})
	}
	b.Para(subject, 12, true)
	// The text, then the tables and how to pay, then the closing (the template's last paragraph).
	paras := strings.Split(body, "\n\n")
	closing := ""
	if len(paras) > 1 {
		closing, paras = paras[len(paras)-1], paras[:len(paras)-1]
	}
	for _, para := range paras {
		b.Para(sentenceCase(para, c.lang), 10, false)
	}
	if in.Thanks == nil { // a thank-you note asks for nothing: no tables, no total, no way to pay
		c.receiptTable(b)
		c.invoiceTable(b)
		c.lineTable(b)
		if notice := in.DefaultNotice(); notice != "" {
			b.Para(notice, 9, false)
		}
		c.termsBlock(b)
		c.chargeTable(b)
		c.paymentsTable(b)
		c.itemizationTable(b)
		c.totalBlock(b)
	}
	if closing != "" {
		b.Y += 2
		b.Para(sentenceCase(closing, c.lang), 10, false)
	}
	return b.Finish()
}

// receiptTable shows the payment a receipt confirms.
func (c *composer) receiptTable(b *Builder) {
	p, w := c.in.Payment, c.w
	if p == nil {
		return
	}
	b.Table([]Column{{w["payment"], 1.5, false}, {w["received"], 1.2, false}, {w["method"], 1.5, false}, {w["amount"], 1.3, true}},
		[][]string{{fmt.Sprintf("#%d %s", p.ID, p.Reference), cell(p.ReceivedOn, c.lang), method(p.Method, c.lang), c.amount(p.Amount, p.Currency)}}, 9)
}

// invoiceTable lists the invoices with what is open and how many days late.
func (c *composer) invoiceTable(b *Builder) {
	in, w, lang := c.in, c.w, c.lang
	if len(in.Invoices) == 0 {
		return
	}
	var rows [][]string
	for _, inv := range in.Invoices {
		days := ""
		if d := in.Date.DaysSince(inv.DueDate); d > 0 && inv.Open() > 0 {
			days = fmt.Sprint(d)
		}
		rows = append(rows, []string{inv.Number, cell(inv.IssueDate, lang), cell(inv.DueDate, lang), c.amount(inv.Amount, inv.Currency),
			c.amount(inv.Paid, inv.Currency), c.amount(inv.Open(), inv.Currency), days})
	}
	b.Table([]Column{{w["invoice"], 1.5, false}, {w["issued"], 1.15, false}, {w["due"], 1.15, false}, {w["amount"], 1.3, true},
		{w["paid"], 1.3, true}, {w["open"], 1.3, true}, {w["days"], 0.9, true}}, rows, 8)
}

// lineTable shows the lines of an invoice.
func (c *composer) lineTable(b *Builder) {
	in, w := c.in, c.w
	if in.Key.Kind != app.KindInvoice || len(in.Invoices) != 1 || len(in.Invoices[0].Lines) == 0 {
		return
	}
	inv := in.Invoices[0]
	var rows [][]string
	for _, l := range inv.Lines {
		net, _ := app.MulDivRound(l.Quantity, l.UnitPrice, 1000)
		rows = append(rows, []string{l.Description, app.FormatMinor(l.Quantity, app.Currency{Exponent: 3}, c.nf), c.amount(l.UnitPrice, inv.Currency),
			c.percent(l.TaxRate), c.amount(net, inv.Currency)})
	}
	b.Table([]Column{{w["item"], 3, false}, {w["qty"], 0.8, true}, {w["price"], 1.3, true}, {w["tax"], 0.8, true}, {w["net"], 1.3, true}}, rows, 8)
}

// chargeTable itemizes the charges, then says what they rest on, in the letter's language.
func (c *composer) chargeTable(b *Builder) {
	in, w, lang := c.in, c.w, c.lang
	if len(in.Charges) == 0 {
		return
	}
	var rows [][]string
	var bases []string
	seen := map[string]bool{}
	for _, ch := range in.Charges {
		// An interest line shows its base, period, days and rate, so it can be checked by hand.
		base, period, days, rate := "", "", "", ""
		if ch.Kind == app.ChargeInterest {
			base = c.amount(ch.Principal, ch.Currency)
			period = cell(ch.From, lang) + " – " + cell(ch.To, lang)
			days = fmt.Sprint(ch.To.DaysSince(ch.From) + 1)
			rate = c.percent(ch.Rate)
		}
		if basis := strings.TrimSpace(app.ChargeBasis(ch, lang)); basis != "" && !seen[basis] {
			seen[basis] = true
			bases = append(bases, basis)
		}
		kind, ok := w[string(ch.Kind)]
		if !ok {
			kind = string(ch.Kind)
		}
		rows = append(rows, []string{ch.Number, kind, base, period, days, rate, c.amount(ch.Open(), ch.Currency)})
	}
	b.Para(w["charges"], 10, true)
	b.Table([]Column{{w["invoice"], 1.3, false}, {w["charge"], 1.5, false}, {w["base"], 1.3, true}, {w["period"], 2.1, false}, {w["ndays"], 0.6, true},
		{w["rate"], 0.8, true}, {w["amount"], 1.2, true}}, rows, 8)
	if len(bases) > 0 {
		b.Para(w["basis"]+": "+strings.Join(bases, "; "), 8, false)
	}
}

// paymentsTable lists the recent payments on a statement.
func (c *composer) paymentsTable(b *Builder) {
	in, w := c.in, c.w
	if len(in.Payments) == 0 {
		return
	}
	var rows [][]string
	for _, p := range in.Payments {
		rows = append(rows, []string{cell(p.ReceivedOn, c.lang), method(p.Method, c.lang), p.Reference, c.amount(p.Amount, p.Currency)})
	}
	b.Para(w["payments"], 10, true)
	b.Table([]Column{{w["received"], 1.2, false}, {w["method"], 1.2, false}, {w["ref"], 2, false}, {w["amount"], 1.2, true}}, rows, 8)
}

// totalBlock shows the total, the day to pay by and how to pay.
func (c *composer) totalBlock(b *Builder) {
	in, w, total := c.in, c.w, c.total
	if total.Amount <= 0 || in.Key.Kind == app.KindReceipt {
		return
	}
	b.Room(12)
	label := w["total"]
	if in.Key.Kind == app.KindStatement {
		label = w["balance"]
	}
	sum := c.amount(total.Amount, total.Currency)
	b.Put(Text{X: b.Left, Y: b.Y, W: b.Width(), Size: 11, Bold: true, S: fit(label, b.Width()-Width(sum, 11, true)-labelGap, 11)})
	b.Put(Text{X: b.Left, Y: b.Y, W: b.Width(), Size: 11, Bold: true, Right: true, S: sum})
	b.Y += lineHeight(11)
	if !in.PayBy.IsZero() {
		b.Para(fmt.Sprintf(w["pay_by"], day(in.PayBy, c.lang)), 10, false)
	}
	howToPay(b, in, total, w)
}

// howToPay prints bank details, the payment link and QR codes: an EPC QR code (SEPA credit
// transfer) when the letter is in euro and the shop has an IBAN, and the payment link's.
func howToPay(b *Builder, in app.LetterInput, total app.Money, w map[string]string) {
	s := in.Shop
	if s.IBAN == "" && s.PaymentLink == "" {
		return
	}
	ref := w["customer"] + " " + fmt.Sprint(in.Customer.ID)
	if len(in.Invoices) > 0 && len(in.Invoices) <= 3 {
		var nums []string
		for _, inv := range in.Invoices {
			nums = append(nums, inv.Number)
		}
		ref = strings.Join(nums, ", ")
	}
	var codes [][2]string // caption, payload
	if s.IBAN != "" && total.Currency == "EUR" {
		codes = append(codes, [2]string{w["epc"], EPCPayload(s, total, ref)})
	}
	if s.PaymentLink != "" {
		codes = append(codes, [2]string{w["link"], s.PaymentLink})
	}
	rows := [][2]string{{w["bank"], s.Bank}, {w["iban"], s.IBAN}, {w["bic"], s.BIC}, {w["ref"], ref}, {w["online"], s.PaymentLink}}
	n := 0
	for _, r := range rows {
		if r[1] != "" {
			n++
		}
	}
	h := lineHeight(10) + float64(n)*lineHeight(9) + 3
	if len(codes) > 0 {
		h = max(h, 40)
	}
	b.Room(h)
	b.Put(Text{X: b.Left, Y: b.Y, Size: 10, Bold: true, S: w["how"]})
	// The QR codes stand at the right; the values end before the first of them.
	x := b.Left + b.Width() - 30
	right := b.Left + b.Width()
	for i := len(codes) - 1; i >= 0; i-- {
		if png := qrPNG(codes[i][1]); png != nil {
			b.page.Images = append(b.page.Images, Image{X: x, Y: b.Y, W: 28, H: 28, Data: png})
			b.Put(Text{X: x - 2, Y: b.Y + 29, W: 32, Size: 6, S: fit(codes[i][0], 32, 6)})
			right = x - 2 - labelGap
		}
		x -= 34
	}
	labelled(b, b.Left, b.Y+lineHeight(10), right, rows, 9)
	b.Y += h
}

// EPCPayload is the European Payments Council QR code content for a SEPA credit transfer.
func EPCPayload(s app.Shop, total app.Money, ref string) string {
	name := []rune(s.Name)
	if len(name) > 70 {
		name = name[:70]
	}
	r := []rune(ref)
	if len(r) > 140 {
		r = r[:140]
	}
	return strings.Join([]string{"BCD", "002", "1", "SCT", strings.ReplaceAll(s.BIC, " ", ""), string(name), strings.ReplaceAll(s.IBAN, " ", ""),
		"EUR" + app.Decimal(total.Amount, app.MustCurrency("EUR")), "", "", string(r)}, "\n")
}

// qrCache keeps the QR codes of a run: the payment link's is the same on every letter.
var qrCache sync.Map

// qrPNG draws a QR code (error correction M, as the EPC guidelines ask) as a PNG.
func qrPNG(payload string) []byte {
	if v, ok := qrCache.Load(payload); ok {
		return v.([]byte)
	}
	code, err := qr.Encode(payload, qr.M)
	if err != nil {
		return nil
	}
	code.Scale = 6
	png := code.PNG()
	qrCache.Store(payload, png)
	return png
}

// sentenceCase starts an English paragraph with a capital letter: a template may continue the
// greeting's sentence ("Dear Anna,\n\nhere is ...") the German way, which English does not.
func sentenceCase(para, lang string) string {
	if lang == "de" || para == "" {
		return para
	}
	r, size := utf8.DecodeRuneInString(para)
	if !unicode.IsLower(r) {
		return para
	}
	return string(unicode.ToUpper(r)) + para[size:]
}
