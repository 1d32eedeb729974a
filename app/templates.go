package app

import (
	"fmt"
	"sort"
	"strings"
)

// LetterKind is a kind of document the shop prints.
type LetterKind string

const (
	KindInvoice   LetterKind = "invoice"
	KindCourtesy  LetterKind = "courtesy"
	KindReminder1 LetterKind = "reminder1"
	KindReminder2 LetterKind = "reminder2"
	KindFinal     LetterKind = "final"
	KindStatement LetterKind = "statement"
	KindReceipt   LetterKind = "receipt"
	KindThanks    LetterKind = "thanks" // a thank-you note once a long overdue debt or a plan is settled
)

// LetterKinds are the kinds with editable templates.
var LetterKinds = []LetterKind{KindCourtesy, KindReminder1, KindReminder2, KindFinal, KindInvoice, KindStatement, KindReceipt, KindThanks}

// ParseLetterKind reads a kind name.
func ParseLetterKind(s string) (LetterKind, error) {
	for _, k := range LetterKinds {
		if string(k) == strings.ToLower(strings.TrimSpace(s)) {
			return k, nil
		}
	}
	return "", Errorf(CodeInvalid, "%q is not a kind of letter; use courtesy, reminder1, reminder2, final, invoice, statement, receipt or thanks", s)
}

// Languages of the letters.
var Languages = []string{"en", "de"}

// TemplateFields are the named fields a template may use, with what they hold.
var TemplateFields = map[string]string{
	"customer":       "the customer's name",
	"shop":           "the shop's name",
	"date":           "the letter's date",
	"invoices":       "the invoice numbers",
	"due":            "the (oldest) due date",
	"total":          "the total due, with currency",
	"pay_by":         "the day to pay by",
	"stage":          "the ladder stage",
	"next_steps":     "what happens if the final demand is not paid (without legal threats where the debt is time-barred)",
	"payment_amount": "the amount received (receipts)",
	"payment_date":   "the day it was received (receipts)",
	"payment_method": "how it was paid (receipts)",
	"settled":        "what a thank-you note thanks for, e.g. \"settling invoices 12 and 15 in full\" (thank-you notes)",
}

// FieldNames lists the template fields in order.
func FieldNames() []string {
	var out []string
	for f := range TemplateFields {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Template is a letter text: a subject line and a body with {field} placeholders.
type Template struct {
	Subject string
	Body    string
}

// ParseTemplate reads "Subject: ..." then a blank line then the body, and checks every
// placeholder, naming the line and the problem. A broken template is never accepted.
func ParseTemplate(text string) (Template, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if len(lines) == 0 || !strings.HasPrefix(strings.ToLower(lines[0]), "subject:") {
		return Template{}, Errorf(CodeInvalid, "line 1: a template starts with \"Subject: \" and the subject line")
	}
	for i, l := range lines {
		if err := checkPlaceholders(l); err != nil {
			return Template{}, Errorf(CodeInvalid, "line %d: %s", i+1, Sentence(err))
		}
	}
	t := Template{Subject: strings.TrimSpace(lines[0][len("subject:"):])}
	if t.Subject == "" {
		return Template{}, Errorf(CodeInvalid, "line 1: the subject is empty")
	}
	t.Body = strings.TrimSpace(strings.Join(lines[1:], "\n"))
	if t.Body == "" {
		return Template{}, Errorf(CodeInvalid, "line 2: the letter has no text")
	}
	if len(text) > 20000 {
		return Template{}, Errorf(CodeInvalid, "the template is too long (at most 20,000 characters)")
	}
	return t, nil
}

func checkPlaceholders(l string) error {
	for {
		open := strings.IndexByte(l, '{')
		close := strings.IndexByte(l, '}')
		switch {
		case open < 0 && close < 0:
			return nil
		case open < 0 || (close >= 0 && close < open):
			return Errorf(CodeInvalid, "a \"}\" has no \"{\" before it")
		case close < 0:
			return Errorf(CodeInvalid, "a \"{\" is not closed with \"}\"")
		}
		name := l[open+1 : close]
		if _, ok := TemplateFields[name]; !ok {
			return Errorf(CodeInvalid, "{%s} is not a field; the fields are %s", name, strings.Join(FieldNames(), ", "))
		}
		l = l[close+1:]
	}
}

// Fill replaces the placeholders with values.
func (t Template) Fill(values map[string]string) (subject, body string) {
	fill := func(s string) string {
		for k, v := range values {
			s = strings.ReplaceAll(s, "{"+k+"}", v)
		}
		return s
	}
	return fill(t.Subject), fill(t.Body)
}

// TemplateKey names a template.
type TemplateKey struct {
	Kind LetterKind
	Tone Tone
	Lang string
}

func (k TemplateKey) String() string { return fmt.Sprintf("%s.%s.%s", k.Kind, k.Tone, k.Lang) }

// nextStepsWords are a final demand's closing sentences per language: what follows, with and
// without the threat to sue, and the late-payment rule of each profile that has one.
var nextStepsWords = map[string]struct {
	threat, noThreat string
	law              map[Profile]string
}{
	"en": {
		threat:   "If payment has not reached us by then, we will pass the matter to a collection agency or take legal action without further notice.",
		noThreat: "If payment has not reached us by then, we will pass the matter to a collection agency.",
		law: map[Profile]string{
			ProfileDE: " Late-payment interest is owed for the time of default under section 288 of the German Civil Code (BGB).",
			ProfileEU: " Late-payment interest and the fixed compensation of Directive 2011/7/EU apply.",
			ProfileUK: " We may claim interest and compensation under the Late Payment of Commercial Debts (Interest) Act 1998.",
		},
	},
	"de": {
		threat:   "Geht die Zahlung bis dahin nicht ein, übergeben wir die Forderung ohne weitere Ankündigung einem Inkassounternehmen oder leiten gerichtliche Schritte ein.",
		noThreat: "Geht die Zahlung bis dahin nicht ein, übergeben wir die Forderung einem Inkassounternehmen.",
		law: map[Profile]string{
			ProfileDE: " Für die Zeit des Verzugs schulden Sie Verzugszinsen nach § 288 BGB.",
			ProfileEU: " Es gelten die Verzugszinsen und die Pauschale nach der Richtlinie 2011/7/EU.",
			ProfileUK: " Wir können Zinsen und eine Pauschale nach dem Late Payment of Commercial Debts (Interest) Act 1998 verlangen.",
		},
	},
}

// NextSteps is what a final demand says follows: with or without the threat to sue, and with
// the late-payment rule of the jurisdiction profile where one applies to the customer (German law
// to consumers too; the EU and UK rules to businesses only).
func NextSteps(lang string, noLegalThreat bool, p Profile, kind CustomerKind) string {
	w, ok := nextStepsWords[lang]
	if !ok {
		w = nextStepsWords["en"]
	}
	out := w.threat
	if noLegalThreat {
		out = w.noThreat
	}
	if p == ProfileDE || kind == Business {
		out += w.law[p]
	}
	return out
}
