package letters

import (
	"fmt"
	"strings"
	"sync"

	"rsc.io/qr"

	"duebook/app"
)

var letterWords = map[string]map[string]string{
	"en": {"date": "Date", "customer": "Customer no.", "invoice": "Invoice", "issued": "Date", "due": "Due", "amount": "Amount",
		"paid": "Paid", "open": "Open", "days": "Days late", "charges": "Charges", "charge": "Charge", "period": "Period", "rate": "Rate",
		"total": "Total due", "pay_by": "Please pay by %s.", "how": "How to pay", "bank": "Bank", "iban": "IBAN", "bic": "BIC",
		"ref": "Reference", "online": "Pay online", "epc": "Scan to pay by bank transfer", "link": "Scan to pay online",
		"payment": "Payment", "received": "Received", "method": "Method", "payments": "Recent payments", "balance": "Balance still open",
		"fee": "reminder fee", "interest": "Interest", "compensation": "fixed compensation",
		"item": "Item", "qty": "Qty", "price": "Unit price", "tax": "Tax", "net": "Net"},
	"de": {"date": "Datum", "customer": "Kunden-Nr.", "invoice": "Rechnung", "issued": "Datum", "due": "Fällig", "amount": "Betrag",
		"paid": "Bezahlt", "open": "Offen", "days": "Tage", "charges": "Kosten", "charge": "Posten", "period": "Zeitraum", "rate": "Satz",
		"total": "Zu zahlen", "pay_by": "Bitte zahlen Sie bis zum %s.", "how": "So zahlen Sie", "bank": "Bank", "iban": "IBAN", "bic": "BIC",
		"ref": "Verwendungszweck", "online": "Online zahlen", "epc": "Scannen für eine Überweisung", "link": "Scannen zum Online-Zahlen",
		"payment": "Zahlung", "received": "Eingegangen", "method": "Art", "payments": "Letzte Zahlungen", "balance": "Noch offen",
		"fee": "Mahngebühr", "interest": "Zinsen", "compensation": "Verzugspauschale",
		"item": "Position", "qty": "Menge", "price": "Einzelpreis", "tax": "USt.", "net": "Netto"},
}

// day writes a date as the letter's language does: 06.12.2026 in German, 2026-12-06 otherwise.
func day(d app.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "de" {
		return d.Time().Format("02.01.2006")
	}
	return d.String()
}

func lw(lang string) map[string]string {
	if w, ok := letterWords[lang]; ok {
		return w
	}
	return letterWords["en"]
}

// Compose lays out a reminder, final demand, courtesy note, invoice, statement or receipt: the
// letterhead and window address, the filled template, the invoices, the itemized charges, the
// total and the day to pay by, and how to pay (bank details, payment link, QR codes).
func Compose(in app.LetterInput) *Doc {
	lang := in.Key.Lang
	w := lw(lang)
	nf := app.NumberFormatFor(lang)
	total := in.Total()
	cur, err := app.LookupCurrency(total.Currency)
	if err != nil {
		cur = app.MustCurrency(in.Shop.Currency)
		total.Currency = cur.Code
	}
	amount := func(v int64, code string) string {
		c, err := app.LookupCurrency(code)
		if err != nil {
			c = cur
		}
		return c.Code + " " + app.FormatMinor(v, c, nf)
	}
	var nums []string
	oldest := app.Date{}
	for _, inv := range in.Invoices {
		nums = append(nums, inv.Number)
		if oldest.IsZero() || inv.DueDate.Before(oldest) {
			oldest = inv.DueDate
		}
	}
	values := map[string]string{
		"customer": in.Customer.Name, "shop": in.Shop.Name, "date": day(in.Date, lang), "invoices": strings.Join(nums, ", "),
		"due": day(oldest, lang), "total": amount(total.Amount, total.Currency), "pay_by": day(in.PayBy, lang), "stage": in.StageName,
		"next_steps": app.NextSteps(lang, in.NoLegalThreat, in.Profile, in.Customer.Kind),
	}
	if p := in.Payment; p != nil {
		values["payment_amount"] = amount(p.Amount, p.Currency)
		values["payment_date"] = day(p.ReceivedOn, lang)
		values["payment_method"] = string(p.Method)
	}
	subject, body := in.Template.Fill(values)
	b := NewBuilder(PaperFor(in.Profile), subject)
	refs := [][2]string{{w["date"], day(in.Date, lang)}, {w["customer"], fmt.Sprint(in.Customer.ID)}}
	if len(nums) > 0 {
		refs = append(refs, [2]string{w["ref"], fit(strings.Join(nums, ", "), 38, 9)})
	}
	letterhead(b, in.Shop, in.Customer, refs)
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
		b.Para(para, 10, false)
	}
	if p := in.Payment; p != nil {
		b.Table([]Column{{w["payment"], 1.5, false}, {w["received"], 1.2, false}, {w["method"], 1.5, false}, {w["amount"], 1.3, true}},
			[][]string{{fmt.Sprintf("#%d %s", p.ID, p.Reference), day(p.ReceivedOn, lang), string(p.Method), amount(p.Amount, p.Currency)}}, 9)
	}
	if len(in.Invoices) > 0 {
		var rows [][]string
		for _, inv := range in.Invoices {
			days := ""
			if d := in.Date.DaysSince(inv.DueDate); d > 0 && inv.Open() > 0 {
				days = fmt.Sprint(d)
			}
			rows = append(rows, []string{inv.Number, day(inv.IssueDate, lang), day(inv.DueDate, lang), amount(inv.Amount, inv.Currency),
				amount(inv.Paid, inv.Currency), amount(inv.Open(), inv.Currency), days})
		}
		b.Table([]Column{{w["invoice"], 1.5, false}, {w["issued"], 1.15, false}, {w["due"], 1.15, false}, {w["amount"], 1.3, true},
			{w["paid"], 1.3, true}, {w["open"], 1.3, true}, {w["days"], 0.9, true}}, rows, 8)
	}
	if in.Key.Kind == app.KindInvoice && len(in.Invoices) == 1 && len(in.Invoices[0].Lines) > 0 {
		inv := in.Invoices[0]
		var rows [][]string
		for _, l := range inv.Lines {
			net, _ := app.MulDivRound(l.Quantity, l.UnitPrice, 1000)
			rows = append(rows, []string{l.Description, app.FormatMinor(l.Quantity, app.Currency{Exponent: 3}, nf), amount(l.UnitPrice, inv.Currency),
				app.FormatMinor(l.TaxRate, app.Currency{Exponent: 2}, nf) + " %", amount(net, inv.Currency)})
		}
		b.Table([]Column{{w["item"], 3, false}, {w["qty"], 0.8, true}, {w["price"], 1.3, true}, {w["tax"], 0.8, true}, {w["net"], 1.3, true}}, rows, 8)
	}
	if len(in.Charges) > 0 {
		var rows [][]string
		var bases []string
		seen := map[string]bool{}
		for _, c := range in.Charges {
			period, rate := "", ""
			if c.Kind == app.ChargeInterest {
				period = day(c.From, lang) + " – " + day(c.To, lang)
				rate = app.FormatMinor(c.Rate, app.Currency{Exponent: 2}, nf) + " %"
				if !seen[c.Basis] {
					seen[c.Basis] = true
					bases = append(bases, c.Basis)
				}
			}
			rows = append(rows, []string{c.Number, w[string(c.Kind)], period, rate, amount(c.Amount, c.Currency)})
		}
		b.Para(w["charges"], 10, true)
		b.Table([]Column{{w["invoice"], 1.4, false}, {w["charge"], 1.8, false}, {w["period"], 2.1, false}, {w["rate"], 0.8, true}, {w["amount"], 1.3, true}}, rows, 8)
		if len(bases) > 0 {
			b.Para(w["interest"]+": "+strings.Join(bases, "; "), 8, false)
		}
	}
	if len(in.Payments) > 0 {
		var rows [][]string
		for _, p := range in.Payments {
			rows = append(rows, []string{day(p.ReceivedOn, lang), string(p.Method), p.Reference, amount(p.Amount, p.Currency)})
		}
		b.Para(w["payments"], 10, true)
		b.Table([]Column{{w["received"], 1.2, false}, {w["method"], 1.2, false}, {w["ref"], 2, false}, {w["amount"], 1.2, true}}, rows, 8)
	}
	if total.Amount > 0 && in.Key.Kind != app.KindReceipt {
		b.Room(12)
		label := w["total"]
		if in.Key.Kind == app.KindStatement {
			label = w["balance"]
		}
		b.Put(Text{X: b.Left, Y: b.Y, W: b.Width(), Size: 11, Bold: true, S: label})
		b.Put(Text{X: b.Left, Y: b.Y, W: b.Width(), Size: 11, Bold: true, Right: true, S: amount(total.Amount, total.Currency)})
		b.Y += lineHeight(11)
		if !in.PayBy.IsZero() {
			b.Para(fmt.Sprintf(w["pay_by"], day(in.PayBy, lang)), 10, false)
		}
		howToPay(b, in, total, w)
	}
	if closing != "" {
		b.Y += 2
		b.Para(closing, 10, false)
	}
	return b.Finish()
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
	h := 8 + float64(4)*lineHeight(9)
	if len(codes) > 0 {
		h = max(h, 40)
	}
	b.Room(h)
	b.Put(Text{X: b.Left, Y: b.Y, Size: 10, Bold: true, S: w["how"]})
	y := b.Y + lineHeight(10)
	rows := [][2]string{{w["bank"], s.Bank}, {w["iban"], s.IBAN}, {w["bic"], s.BIC}, {w["ref"], ref}, {w["online"], s.PaymentLink}}
	labelW := 0.0
	for _, kv := range rows {
		if kv[1] != "" {
			labelW = max(labelW, Width(kv[0], 9, false))
		}
	}
	for _, kv := range rows {
		if kv[1] == "" {
			continue
		}
		b.Put(Text{X: b.Left, Y: y, Size: 9, S: kv[0]})
		b.Put(Text{X: b.Left + labelW + 4, Y: y, Size: 9, S: fit(kv[1], 96-labelW, 9)})
		y += lineHeight(9)
	}
	x := b.Left + b.Width() - 30
	for i := len(codes) - 1; i >= 0; i-- {
		if png := qrPNG(codes[i][1]); png != nil {
			b.page.Images = append(b.page.Images, Image{X: x, Y: b.Y, W: 28, H: 28, Data: png})
			b.Put(Text{X: x - 2, Y: b.Y + 29, W: 32, Size: 6, S: fit(codes[i][0], 32, 6)})
		}
		x -= 34
	}
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
