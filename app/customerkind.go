package app

import (
	"strings"
	"unicode"
)

// customerKindWords is the one table of the words a file may use for a customer's type, written
// as kindKey folds them: lower case, one space between words. The law treats the two kinds
// differently (interest, fixed compensation, wording), so a word that is not here is refused,
// never taken for one or the other.
var customerKindWords = map[string]CustomerKind{
	// English
	"business": Business, "business customer": Business, "businesses": Business, "company": Business,
	"corporate": Business, "corporation": Business, "commercial": Business, "b2b": Business,
	"trade": Business, "trade customer": Business, "firm": Business, "organisation": Business,
	"organization": Business, "enterprise": Business, "sole trader": Business, "self employed": Business,
	"freelancer": Business,
	"consumer":   Consumer, "consumers": Consumer, "private": Consumer, "private customer": Consumer,
	"private person": Consumer, "private individual": Consumer, "individual": Consumer, "person": Consumer,
	"personal": Consumer, "natural person": Consumer, "b2c": Consumer, "retail": Consumer,
	"retail customer": Consumer, "end customer": Consumer,
	// German
	"firma": Business, "unternehmen": Business, "gewerblich": Business, "gewerbe": Business,
	"gewerbekunde": Business, "geschäftskunde": Business, "geschaeftskunde": Business,
	"unternehmer": Business, "firmenkunde": Business,
	"privat": Consumer, "privatkunde": Consumer, "privatperson": Consumer, "verbraucher": Consumer,
	"endkunde": Consumer, "endverbraucher": Consumer,
	// French
	"entreprise": Business, "professionnel": Business, "professionnelle": Business, "société": Business,
	"societe": Business, "client professionnel": Business,
	"particulier": Consumer, "particulière": Consumer, "particuliere": Consumer, "consommateur": Consumer,
	"privé": Consumer, "prive": Consumer, "personne physique": Consumer,
	// Spanish, Italian, Dutch
	"empresa": Business, "azienda": Business, "bedrijf": Business, "zakelijk": Business,
	"consumidor": Consumer, "privato": Consumer, "consumatore": Consumer, "consument": Consumer,
}

// decomposed letters some systems (a Mac, for one) write as a base letter and a combining mark;
// kindKey composes them so "Geschäftskunde" matches however it was written.
var composeMarks = strings.NewReplacer(
	"a\u0308", "ä", "o\u0308", "ö", "u\u0308", "ü", "e\u0301", "é", "e\u0300", "è", "e\u0302", "ê",
	"a\u0300", "à", "c\u0327", "ç", "i\u0302", "î", "o\u0302", "ô",
)

// kindKey folds a cell for the table: lower case, spaces and punctuation around and between the
// words made one space.
func kindKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return composeMarks.Replace(b.String())
}

// ParseCustomerKind reads a customer type as a file writes it ("Business", " b2c ", "Privatkunde.").
// An empty cell is ("", nil): the caller decides what an unsaid type means. A word not in the
// table is refused.
func ParseCustomerKind(s string) (CustomerKind, error) {
	k := kindKey(s)
	if k == "" {
		return "", nil
	}
	if kind, ok := customerKindWords[k]; ok {
		return kind, nil
	}
	return "", Errorf(CodeInvalid, "%q is not a customer type Duebook knows; write business or consumer (company, B2B, Firma, entreprise, ... or private, B2C, Privatkunde, particulier, ...)", strings.TrimSpace(s))
}

// Plural is the kind as a word for several customers: "consumers", "businesses".
func (k CustomerKind) Plural() string {
	if k == Business {
		return "businesses"
	}
	return "consumers"
}

// KindForNewCustomers is the kind the shop gives a new customer when nothing says which: the
// owner's choice at setup or in Settings. A book set up before the choice existed treats new
// customers as consumers, whose protections are the stricter ones.
func (s Shop) KindForNewCustomers() CustomerKind {
	if s.DefaultKind == Business {
		return Business
	}
	return Consumer
}

// checkKind refuses a kind that is neither consumer nor business; empty stays empty.
func checkKind(k CustomerKind) (CustomerKind, error) {
	switch CustomerKind(strings.ToLower(strings.TrimSpace(string(k)))) {
	case "":
		return "", nil
	case Consumer:
		return Consumer, nil
	case Business:
		return Business, nil
	}
	return "", Errorf(CodeInvalid, "%q is neither consumer nor business", k)
}
