package app

import (
	"fmt"
	"image"
	"math"
)

// SampleLetter is a made-up letter of key's kind for the template editor's preview: the shop's
// own letterhead, a customer in the shop's country, invoices as the kind would name them and the
// day to pay by, so the owner sees the template as customers will; no customer of the book and
// nothing of the book's own bookkeeping (imports, opening balances) shows in it.
func SampleLetter(key TemplateKey, shop Shop, today Date) LetterInput {
	cust := Customer{ID: 1001, Name: "Alex Sample", Address1: "12 Sample Street", PostalCode: shop.PostalCode, City: shop.City,
		Country: shop.Country, Language: key.Lang, Kind: shop.KindForNewCustomers()}
	if key.Lang == "de" {
		cust.Name, cust.Address1 = "Erika Mustermann", "Musterstraße 12"
	}
	if cust.City == "" {
		cust.City = "Sampletown"
	}
	cur := shop.Currency
	if cur == "" {
		cur = "EUR"
	}
	scale := int64(math.Pow10(MustCurrency(cur).Exponent))
	number := func(n int) string { return fmt.Sprintf("%d-%04d", today.Year(), n) }
	inv := func(n, issuedAgo, dueIn int, amount int64) Invoice {
		return Invoice{ID: int64(n), Number: number(n), IssueDate: today.AddDays(-issuedAgo), DueDate: today.AddDays(-issuedAgo + dueIn),
			Currency: cur, Amount: amount * scale, Description: "Repair and parts"}
	}
	in := LetterInput{Key: key, Shop: shop, Customer: cust, Date: today, PayBy: today.AddDays(10), StageName: string(key.Kind)}
	switch key.Kind {
	case KindCourtesy:
		in.Invoices = []Invoice{inv(41, 11, 14, 240)}
		in.PayBy = in.Invoices[0].DueDate
		in.StageName = "courtesy note"
	case KindReminder1, KindReminder2:
		in.Invoices = []Invoice{inv(37, 35, 14, 240), inv(39, 28, 14, 125)}
		in.StageName = map[LetterKind]string{KindReminder1: "reminder 1", KindReminder2: "reminder 2"}[key.Kind]
	case KindFinal:
		in.Invoices = []Invoice{inv(31, 63, 14, 240), inv(33, 56, 14, 125)}
		in.PayBy, in.StageName = today.AddDays(14), "final demand"
	case KindInvoice:
		i := inv(42, 0, 14, 0)
		i.Lines = []InvoiceLine{{Description: "Repair", Quantity: 1000, UnitPrice: 180 * scale}, {Description: "Parts", Quantity: 2000, UnitPrice: 30 * scale}}
		i.Amount, _ = LinesTotal(i.Lines)
		in.Invoices, in.PayBy = []Invoice{i}, i.DueDate
	case KindStatement:
		in.Invoices = []Invoice{inv(37, 35, 14, 240), inv(41, 11, 14, 125)}
		in.Payments = []Payment{{ID: 2, ReceivedOn: today.AddDays(-40), Currency: cur, Amount: 90 * scale, Method: MethodBank, Reference: number(29)}}
		in.PayBy = Date{}
	case KindThanks:
		a, b := inv(31, 70, 14, 240), inv(33, 63, 14, 125)
		a.Paid, b.Paid = a.Amount, b.Amount
		a.LastPaidOn, b.LastPaidOn = today.AddDays(-3), today.AddDays(-3)
		in.Invoices, in.PayBy, in.StageName = []Invoice{a, b}, Date{}, ThanksStageName
		in.Thanks = &ThanksFor{Invoices: []string{a.Number, b.Number}}
	case KindReceipt:
		in.Payment = &Payment{ID: 3, ReceivedOn: today, Currency: cur, Amount: 125 * scale, Method: MethodCard, Reference: number(39)}
		in.PayBy = Date{}
	}
	return in
}

// TemplateSample is the letter the template editor previews for key: the sample letter with the
// shop's profile and settings.
func (c *Collections) TemplateSample(key TemplateKey) (LetterInput, error) {
	shop, _, err := c.Store.Shop()
	if err != nil {
		return LetterInput{}, err
	}
	settings, err := c.Settings()
	if err != nil {
		return LetterInput{}, err
	}
	in := SampleLetter(key, shop, c.Today())
	if in.Template, err = c.template(key); err != nil {
		return LetterInput{}, err
	}
	PrepareLetter(&in, settings)
	return in, nil
}

// PreviewTemplate draws the sample letter with a template text that is not saved yet, for the
// template editor and the business profile.
func (c *Collections) PreviewTemplate(key TemplateKey, text string, widthPx int) (image.Image, error) {
	if c.Render == nil {
		return nil, Errorf(CodeInternal, "printing is not set up")
	}
	tpl, err := ParseTemplate(text)
	if err != nil {
		return nil, err
	}
	in, err := c.TemplateSample(key)
	if err != nil {
		return nil, err
	}
	in.Template = tpl
	img, _, err := c.Render.Preview(in, 0, widthPx)
	return img, err
}
