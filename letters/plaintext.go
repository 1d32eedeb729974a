package letters

import (
	"fmt"
	"strings"

	"duebook/app"
)

// PlainText writes a letter as plain text, for an email or for the owner to copy into their own
// mail program: the same filled template (and so the same wording rules), then the invoices,
// the charges, the total and how to pay.
func (Renderer) PlainText(in app.LetterInput) (subject, body string) {
	c := newComposer(in)
	subject, text := in.Text(c.values())
	paras := strings.Split(text, "\n\n")
	for i := range paras {
		paras[i] = sentenceCase(paras[i], c.lang)
	}
	closing := ""
	if len(paras) > 1 {
		closing, paras = paras[len(paras)-1], paras[:len(paras)-1]
	}
	var b strings.Builder
	b.WriteString(strings.Join(paras, "\n\n"))
	b.WriteString("\n\n")
	if in.Thanks != nil { // a thank-you note asks for nothing: no amounts, no way to pay
		if closing != "" {
			b.WriteString(closing + "\n")
		}
		return subject, b.String()
	}
	for _, inv := range in.Invoices {
		fmt.Fprintf(&b, "%s %s, %s %s: %s\n", c.w["invoice"], inv.Number, c.w["due"], day(inv.DueDate, c.lang), c.amount(inv.Open(), inv.Currency))
	}
	for _, ch := range in.Charges {
		kind, ok := c.w[string(ch.Kind)]
		if !ok {
			kind = string(ch.Kind)
		}
		fmt.Fprintf(&b, "%s %s: %s\n", kind, ch.Number, c.amount(ch.Open(), ch.Currency))
	}
	if t := in.Total(); t.Amount > 0 && in.Key.Kind != app.KindReceipt {
		fmt.Fprintf(&b, "%s: %s\n", c.w["total"], c.amount(t.Amount, t.Currency))
	}
	if !in.PayBy.IsZero() {
		fmt.Fprintf(&b, "%s\n", fmt.Sprintf(c.w["pay_by"], day(in.PayBy, c.lang)))
	}
	if in.Shop.IBAN != "" {
		fmt.Fprintf(&b, "IBAN %s", in.Shop.IBAN)
		if in.Shop.BIC != "" {
			fmt.Fprintf(&b, " · BIC %s", in.Shop.BIC)
		}
		b.WriteString("\n")
	}
	if in.Shop.PaymentLink != "" {
		fmt.Fprintf(&b, "%s\n", in.Shop.PaymentLink)
	}
	if closing != "" {
		b.WriteString("\n" + closing + "\n")
	}
	return subject, b.String()
}
