package app

import (
	"fmt"
	"strings"
)

// HandoffRenderer prints the documents of a hand-off that no other path prints: the cover
// letter to the agency or attorney and the timeline (the letters package).
type HandoffRenderer interface {
	HandoffCover(in HandoffCoverInput) ([]byte, error)
	TimelinePDF(in TimelinePrintInput) ([]byte, error)
}

// HandoffCoverInput is what the cover letter shows. Paragraphs went through the wording rule.
type HandoffCoverInput struct {
	Shop         Shop
	To           string
	ToAddress    []string
	AuthorisedBy string
	Date         Date
	Record       string
	Profile      Profile
	Lang         string
	Debtors      []HandoffCoverDebtor
}

// HandoffCoverDebtor is one debtor's part of the cover letter.
type HandoffCoverDebtor struct {
	Reference  string
	Name       string
	Claimed    Money
	Paragraphs []string
}

// TimelinePrintInput is what timeline.pdf shows.
type TimelinePrintInput struct {
	Shop      Shop
	Customer  Customer
	Reference string
	Date      Date
	Record    string
	Profile   Profile
	Lang      string
	Events    []LinkedEvent
}

// coverWords are the cover letter's paragraphs per language. The last paragraph of "claim"
// speaks of legal action: the wording rule leaves it out for a debt that may be time-barred,
// and "barred" says so to the agency instead.
var coverWords = map[string]map[string]string{
	"en": {
		"claim": "{name} (reference {ref}, {kind}): {claimed} claimed: principal {principal}, interest {interest}, fees {fees}, less payments and credits of {payments}. " +
			"Itemization date {itemization}; first delinquency {first}; last payment {last_payment}; last contact {last_contact}.\n\n" +
			"Enclosed in the folder {folder}: the statement of account, the timeline (PDF and CSV), {invoices} invoices, {letters} letters, {emails} emails and replies, {agreements} payment-plan agreements and the payments.\n\n" +
			"The debt is not past its limitation period: you may take legal action to recover it.",
		"barred": "At least one invoice of this debt may be past its limitation period: please collect it only by asking for payment, with no threat of suit.",
		"flags":  "Please note: %s.",
		"none":   "none",
	},
	"de": {
		"claim": "{name} (Referenz {ref}, {kind}): {claimed} gefordert: Hauptforderung {principal}, Zinsen {interest}, Kosten {fees}, abzüglich Zahlungen und Gutschriften von {payments}. " +
			"Stichtag der Aufstellung {itemization}; erster Verzug {first}; letzte Zahlung {last_payment}; letzter Kontakt {last_contact}.\n\n" +
			"Beigefügt im Ordner {folder}: der Kontoauszug, der Verlauf (PDF und CSV), {invoices} Rechnungen, {letters} Briefe, {emails} E-Mails und Antworten, {agreements} Ratenzahlungsvereinbarungen und die Zahlungen.\n\n" +
			"Die Forderung ist nicht verjährt: Sie können gerichtliche Schritte einleiten.",
		"barred": "Mindestens eine Rechnung dieser Forderung kann verjährt sein: bitte fordern Sie nur zur Zahlung auf, ohne mit einer Klage zu drohen.",
		"flags":  "Bitte beachten Sie: %s.",
		"none":   "keine",
	},
}

// coverInput writes each debtor's paragraphs through LetterInput.Text, the one wording rule.
func coverInput(p HandoffPackage, lang string) HandoffCoverInput {
	if coverWords[lang] == nil {
		lang = "en"
	}
	w := coverWords[lang]
	in := HandoffCoverInput{Shop: p.Shop, To: p.To, ToAddress: p.ToAddress, AuthorisedBy: p.AuthorisedBy, Date: DateOf(p.Created, p.Created.Location()), Record: p.Record, Lang: lang}
	for _, d := range p.Debtors {
		cl := d.Claim
		cur := MustCurrency(cl.Currency)
		amt := func(v int64) string { return cl.Currency + " " + Decimal(v, cur) }
		day := func(x Date) string {
			if x.IsZero() {
				return w["none"]
			}
			return x.String()
		}
		count := map[string]int{}
		for _, f := range d.Files {
			count[strings.SplitN(f.Path, "/", 2)[0]]++
		}
		li := d.Statement
		li.Key.Lang, li.Template = lang, Template{Body: w["claim"]}
		_, body := li.Text(map[string]string{"name": d.Customer.Name, "ref": d.Reference, "kind": string(d.Customer.Kind), "claimed": amt(cl.Balance),
			"principal": amt(cl.Principal), "interest": amt(cl.Interest), "fees": amt(cl.Fees), "payments": amt(cl.Payments),
			"itemization": day(cl.Itemization), "first": day(cl.FirstDelinquency), "last_payment": day(cl.LastPayment), "last_contact": day(cl.LastContact),
			"folder": d.Folder, "invoices": fmt.Sprint(count["invoices"]), "letters": fmt.Sprint(count["letters"]), "emails": fmt.Sprint(count["emails"]),
			"agreements": fmt.Sprint(count["agreements"])})
		paras := strings.Split(body, "\n\n")
		if li.Threatless() {
			paras = append(paras, w["barred"])
		}
		if f := debtorFlags(d); len(f) > 0 {
			paras = append(paras, fmt.Sprintf(w["flags"], strings.Join(f, ", ")))
		}
		in.Debtors = append(in.Debtors, HandoffCoverDebtor{Reference: d.Reference, Name: d.Customer.Name, Claimed: Money{Amount: cl.Balance, Currency: cl.Currency}, Paragraphs: paras})
	}
	return in
}

// debtorFlags names what the agency must know before contacting the debtor.
func debtorFlags(d HandoffDebtor) []string {
	var out []string
	if d.Claim.Disputed {
		out = append(out, "disputed")
	}
	for _, f := range d.Customer.Flags {
		if f == FlagCease || f == FlagAttorney || f == FlagBankruptcy || f == FlagDeceased {
			out = append(out, f)
		}
	}
	return out
}
