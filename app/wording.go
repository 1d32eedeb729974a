package app

import (
	"fmt"
	"strings"
	"unicode"
)

// The wording rule for time-barred debts lives here, and only here: every document (the
// ladder's letters, a letter printed by hand, the owner's templates, emails and the hand-off)
// is filled through LetterInput.Text, which drops any threat to sue on a debt that may be past
// its limitation period (12 CFR 1006.26(b)).

// TimeBarred tells whether an invoice may be past the limitation period on a day: the period
// runs from the due date or the last payment, whichever is later. years 0 switches it off.
func TimeBarred(inv Invoice, on Date, years int) bool {
	if years <= 0 || on.IsZero() {
		return false
	}
	start := inv.DueDate
	if inv.LastPaidOn.After(start) {
		start = inv.LastPaidOn
	}
	return on.Time().After(start.Time().AddDate(years, 0, 0))
}

// PrepareLetter applies the rules every letter is written under: the profile, and no legal
// threat where any invoice it names may be time-barred on the letter's date.
func PrepareLetter(in *LetterInput, s CollectionSettings) {
	in.Profile = s.Profile
	in.ConsumerDefault = s.ConsumerDefault
	in.LimitationYears = s.LimitationYears
	for _, inv := range in.Invoices {
		if TimeBarred(inv, in.Date, s.LimitationYears) {
			in.NoLegalThreat = true
		}
	}
}

// threatWords are words that threaten legal action, per language, matched as whole words or
// phrases in lower case.
var threatWords = map[string][]string{
	"en": {"legal action", "legal proceedings", "legal steps", "court", "courts", "sue", "suing", "sued", "lawsuit", "litigation",
		"judgment", "judgement", "attorney", "lawyer", "solicitor", "solicitors", "proceedings", "claim form", "small claims", "garnish",
		"garnishment", "seize", "enforcement", "bailiff", "prosecute"},
	"de": {"gericht", "gerichtlich", "gerichtliche", "gerichtlichen", "gerichtliches", "klage", "klagen", "verklagen", "mahnbescheid",
		"mahnverfahren", "rechtsanwalt", "rechtsanwältin", "anwalt", "anwältin", "rechtliche schritte", "rechtlichen schritten",
		"rechtliche schritte", "vollstreckung", "zwangsvollstreckung", "pfändung", "gerichtsvollzieher", "vollstreckungsbescheid"},
}

// ThreatensSuit tells whether a text threatens legal action, in the letter's language or in
// English (an owner may write either).
func ThreatensSuit(text, lang string) bool {
	words := normalizeWords(text)
	for _, l := range []string{lang, "en", "de"} {
		for _, w := range threatWords[l] {
			if strings.Contains(words, " "+w+" ") {
				return true
			}
		}
	}
	return false
}

// normalizeWords lowers a text and reduces it to words separated by single spaces, framed by
// spaces, so phrases match whole words only.
func normalizeWords(s string) string {
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// StripThreats drops the paragraphs of a body that threaten legal action and says how many.
func StripThreats(body, lang string) (string, int) {
	paras := strings.Split(body, "\n\n")
	kept := paras[:0]
	n := 0
	for _, p := range paras {
		if ThreatensSuit(p, lang) {
			n++
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "\n\n"), n
}

// TemplateThreats lists the paragraphs (1-based, counting the body after the subject) of a
// template text that threaten legal action; the editor says they are left out for time-barred
// debts.
func TemplateThreats(t Template, lang string) []int {
	var out []int
	for i, p := range strings.Split(t.Body, "\n\n") {
		if ThreatensSuit(p, lang) {
			out = append(out, i+1)
		}
	}
	return out
}

// ThreatNote is the editor's sentence about a template's threatening paragraphs, or "".
func ThreatNote(t Template, lang string) string {
	ps := TemplateThreats(t, lang)
	subject := ThreatensSuit(t.Subject, lang)
	if len(ps) == 0 && !subject {
		return ""
	}
	var parts []string
	if subject {
		parts = append(parts, "the subject")
	}
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("paragraph %d", p))
	}
	return fmt.Sprintf("%s threatens legal action: for a debt past its limitation period, Duebook prints the letter without it", capital(strings.Join(parts, " and ")))
}

var neutralSubject = map[string]string{"en": "Payment reminder", "de": "Zahlungserinnerung"}

// Text fills a letter's template with its values and applies the wording rule: for a debt that
// may be time-barred, the closing words carry no threat, and any paragraph (or subject) of the
// template that threatens legal action is left out.
// Threatless tells whether the letter must not threaten legal action: an invoice it names may
// be time-barred on its date.
func (in LetterInput) Threatless() bool {
	noThreat := in.NoLegalThreat
	for _, inv := range in.Invoices {
		noThreat = noThreat || TimeBarred(inv, in.Date, in.LimitationYears)
	}
	return noThreat
}

func (in LetterInput) Text(values map[string]string) (subject, body string) {
	noThreat := in.Threatless()
	if _, ok := values["next_steps"]; ok || strings.Contains(in.Template.Body, "{next_steps}") {
		values["next_steps"] = NextSteps(in.Key.Lang, noThreat, in.Profile, in.Customer.Kind)
	}
	subject, body = in.Template.Fill(values)
	if !noThreat {
		return subject, body
	}
	body, _ = StripThreats(body, in.Key.Lang)
	if ThreatensSuit(subject, in.Key.Lang) {
		subject = neutralSubject[in.Key.Lang]
		if subject == "" {
			subject = neutralSubject["en"]
		}
	}
	return subject, body
}

// DefaultNotice is what an invoice to a German consumer must say for default to follow without a
// reminder (BGB 286): the 30-day notice (286(3) second sentence), or the agreed calendar date
// (286(2) no. 1). "" where neither applies: another profile, a business, or default only from the
// first reminder.
func (in LetterInput) DefaultNotice() string {
	if in.Profile != ProfileDE || in.Customer.Kind == Business || in.Key.Kind != KindInvoice || len(in.Invoices) != 1 {
		return ""
	}
	inv := in.Invoices[0]
	term := inv.Term
	if term == TermProfile {
		term = in.ConsumerDefault
	}
	due := inv.DueDate.Time()
	switch {
	case term == TermNotice30 && in.Key.Lang == "de":
		return "Hinweis: Sie kommen spätestens in Verzug, wenn Sie nicht innerhalb von 30 Tagen nach Fälligkeit und Zugang dieser Rechnung zahlen (§ 286 Abs. 3 BGB)."
	case term == TermNotice30:
		return "Please note: you will be in default if you do not pay within 30 days after this invoice is due and has reached you (section 286(3) of the German Civil Code)."
	case term == TermCalendar && in.Key.Lang == "de":
		return fmt.Sprintf("Zahlbar spätestens am %02d.%02d.%d (kalendermäßig bestimmter Zahltag, § 286 Abs. 2 Nr. 1 BGB).", due.Day(), int(due.Month()), due.Year())
	case term == TermCalendar:
		return fmt.Sprintf("Payable on %s at the latest (an agreed calendar date, section 286(2) no. 1 of the German Civil Code).", inv.DueDate)
	}
	return ""
}
