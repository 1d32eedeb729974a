package letters

import (
	"strings"

	"duebook/app"
)

// thanksWords say what a thank-you note thanks for, per language: "%s" is the list of numbers.
var thanksWords = map[string]struct {
	invoice, invoices, plan, plans, and, also string
}{
	"en": {invoice: "settling invoice %s in full", invoices: "settling invoices %s in full",
		plan: "completing your payment plan for invoice %s", plans: "completing your payment plan for invoices %s", and: "and", also: " and "},
	"de": {invoice: "die vollständige Zahlung der Rechnung %s", invoices: "die vollständige Zahlung der Rechnungen %s",
		plan: "den Abschluss Ihres Ratenplans für die Rechnung %s", plans: "den Abschluss Ihres Ratenplans für die Rechnungen %s", and: "und", also: " sowie "},
}

// settledPhrase is the {settled} field of a thank-you note: "settling invoices INV-12 and INV-15
// in full", "completing your payment plan for invoice INV-3", or both joined.
func settledPhrase(t *app.ThanksFor, lang string) string {
	if t == nil {
		return ""
	}
	w, ok := thanksWords[lang]
	if !ok {
		w = thanksWords["en"]
	}
	pick := func(nums []string, one, many string) string {
		if len(nums) == 1 {
			return strings.Replace(one, "%s", nums[0], 1)
		}
		return strings.Replace(many, "%s", joinWords(nums, w.and), 1)
	}
	var parts []string
	for _, p := range t.Plans {
		parts = append(parts, pick(p, w.plan, w.plans))
	}
	if len(t.Invoices) > 0 {
		parts = append(parts, pick(t.Invoices, w.invoice, w.invoices))
	}
	return strings.Join(parts, w.also)
}

// invoicesLabel names the invoices a thank-you note refers to.
func invoicesLabel(lang string, n int) string {
	if n == 1 {
		return lw(lang)["invoice"]
	}
	if lang == "de" {
		return "Rechnungen"
	}
	return "Invoices"
}

// joinWords joins as a sentence does: "A", "A and B", "A, B and C".
func joinWords(words []string, and string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}
