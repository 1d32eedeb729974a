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
	PaymentsSincePDF(in HandoffPayments) ([]byte, error)
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
	Claimed    []Money // one per currency owed
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

// coverWords are the cover letter's paragraphs per language: "claim" once per currency owed,
// then "enclosed". The last paragraph of "enclosed" speaks of legal action: the wording rule leaves it out for a debt that may be time-barred,
// and "barred" says so to the agency instead.
var coverWords = map[string]map[string]string{
	"en": {
		"claim": "{name} (reference {ref}, {kind}): {claimed} claimed: principal {principal}, interest {interest}, fees {fees}, less payments and credits of {payments}. " +
			"Itemization date {itemization}; first delinquency {first}; last payment {last_payment}; last contact {last_contact}.",
		"enclosed": "Enclosed in the folder {folder}: the statement of account ({statements}), the timeline (PDF and CSV), {invoices} invoices, {letters} letters, {emails} emails and replies, {agreements} payment-plan agreements and the payments.\n\n" +
			"The debt is not past its limitation period: you may take legal action to recover it.",
		"barred": "At least one invoice of this debt may be past its limitation period: please collect it only by asking for payment, with no threat of suit.",
		"flags":  "Please note: %s.",
		"none":   "none",
	},
	"de": {
		"claim": "{name} (Referenz {ref}, {kind}): {claimed} gefordert: Hauptforderung {principal}, Zinsen {interest}, Kosten {fees}, abzüglich Zahlungen und Gutschriften von {payments}. " +
			"Stichtag der Aufstellung {itemization}; erster Verzug {first}; letzte Zahlung {last_payment}; letzter Kontakt {last_contact}.",
		"enclosed": "Beigefügt im Ordner {folder}: der Kontoauszug ({statements}), der Verlauf (PDF und CSV), {invoices} Rechnungen, {letters} Briefe, {emails} E-Mails und Antworten, {agreements} Ratenzahlungsvereinbarungen und die Zahlungen.\n\n" +
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
		li := d.Statement
		li.Key.Lang, li.Invoices = lang, nil
		var paras []string
		for i, cl := range d.Claims {
			li.Invoices = append(li.Invoices, cl.Statement.Invoices...) // every claimed invoice counts for the wording rule
			para := w["claim"]
			for _, k := range claimKeys {
				para = strings.ReplaceAll(para, "{"+k+"}", fmt.Sprintf("{%s_%d}", k, i))
			}
			paras = append(paras, para)
		}
		li.Template = Template{Body: strings.Join(append(paras, w["enclosed"]), "\n\n")}
		_, body := li.Text(coverValues(d, w))
		paras = strings.Split(body, "\n\n")
		if li.Threatless() {
			paras = append(paras, w["barred"])
		}
		if f := debtorFlags(d); len(f) > 0 {
			paras = append(paras, fmt.Sprintf(w["flags"], strings.Join(f, ", ")))
		}
		cd := HandoffCoverDebtor{Reference: d.Reference, Name: d.Customer.Name, Paragraphs: paras}
		for _, cl := range d.Claims {
			cd.Claimed = append(cd.Claimed, Money{Amount: cl.Balance, Currency: cl.Currency})
		}
		in.Debtors = append(in.Debtors, cd)
	}
	return in
}

// claimKeys are the values of the "claim" paragraph that differ per currency.
var claimKeys = []string{"claimed", "principal", "interest", "fees", "payments", "itemization", "first", "last_payment", "last_contact"}

// coverValues fill a debtor's paragraphs: one "claim" paragraph per currency (its values named
// with the claim's number), then what is enclosed, then the word on legal action.
func coverValues(d HandoffDebtor, w map[string]string) map[string]string {
	day := func(x Date) string {
		if x.IsZero() {
			return w["none"]
		}
		return x.String()
	}
	count := map[string]int{}
	for _, f := range d.Files {
		if folder := strings.SplitN(f.Path, "/", 2)[0]; folder != "invoices" || strings.HasSuffix(f.Path, ".pdf") {
			count[folder]++ // an invoice's imported rows are not another invoice
		}
	}
	var statements []string
	for i := range d.Claims {
		statements = append(statements, d.StatementFile(i))
	}
	v := map[string]string{"name": d.Customer.Name, "ref": d.Reference, "kind": string(d.Customer.Kind), "folder": d.Folder,
		"statements": strings.Join(statements, ", "), "invoices": fmt.Sprint(count["invoices"]), "letters": fmt.Sprint(count["letters"]),
		"emails": fmt.Sprint(count["emails"]), "agreements": fmt.Sprint(count["agreements"])}
	for i, cl := range d.Claims {
		cur := MustCurrency(cl.Currency)
		amt := func(x int64) string { return cl.Currency + " " + Decimal(x, cur) }
		for k, x := range map[string]string{"claimed": amt(cl.Balance), "principal": amt(cl.Principal), "interest": amt(cl.Interest), "fees": amt(cl.Fees),
			"payments": amt(cl.Payments), "itemization": day(cl.Itemization), "first": day(cl.FirstDelinquency), "last_payment": day(cl.LastPayment),
			"last_contact": day(cl.LastContact)} {
			v[fmt.Sprintf("%s_%d", k, i)] = x
		}
	}
	return v
}

// debtorFlags names what the agency must know before contacting the debtor.
func debtorFlags(d HandoffDebtor) []string {
	var out []string
	for _, cl := range d.Claims {
		if cl.Disputed {
			out = append(out, "disputed")
			break
		}
	}
	for _, f := range d.Customer.Flags {
		if f == FlagCease || f == FlagAttorney || f == FlagBankruptcy || f == FlagDeceased {
			out = append(out, f)
		}
	}
	return out
}
