package app

import (
	"strings"
	"testing"
)

// wantKindWords is what the owner's files may say, written as people write it. Every word of the
// table must be here and every word here must be in the table, so a word cannot slip in or out.
var wantKindWords = map[string]CustomerKind{
	"business": Business, "Business customer": Business, "businesses": Business, "Company": Business,
	"corporate": Business, "Corporation": Business, "commercial": Business, "B2B": Business,
	"trade": Business, "Trade customer": Business, "firm": Business, "organisation": Business,
	"Organization": Business, "enterprise": Business, "sole trader": Business, "self-employed": Business,
	"freelancer": Business,
	"consumer":   Consumer, "consumers": Consumer, "Private": Consumer, "private customer": Consumer,
	"private person": Consumer, "private individual": Consumer, "individual": Consumer, "person": Consumer,
	"personal": Consumer, "natural person": Consumer, "B2C": Consumer, "retail": Consumer,
	"retail customer": Consumer, "end customer": Consumer,
	"Firma": Business, "Unternehmen": Business, "gewerblich": Business, "Gewerbe": Business,
	"Gewerbekunde": Business, "Geschäftskunde": Business, "Geschaeftskunde": Business,
	"Unternehmer": Business, "Firmenkunde": Business,
	"Privat": Consumer, "Privatkunde": Consumer, "Privatperson": Consumer, "Verbraucher": Consumer,
	"Endkunde": Consumer, "Endverbraucher": Consumer,
	"entreprise": Business, "professionnel": Business, "professionnelle": Business, "Société": Business,
	"societe": Business, "client professionnel": Business,
	"particulier": Consumer, "particulière": Consumer, "particuliere": Consumer, "consommateur": Consumer,
	"privé": Consumer, "prive": Consumer, "personne physique": Consumer,
	"empresa": Business, "azienda": Business, "bedrijf": Business, "zakelijk": Business,
	"consumidor": Consumer, "privato": Consumer, "consumatore": Consumer, "consument": Consumer,
}

func TestCustomerKindWordsAreTheTable(t *testing.T) {
	folded := map[string]bool{}
	for w := range wantKindWords {
		folded[kindKey(w)] = true
	}
	for w := range customerKindWords {
		if !folded[w] {
			t.Errorf("the table has %q, which no test expects", w)
		}
		if kindKey(w) != w {
			t.Errorf("the table's %q is not written as kindKey folds it (%q)", w, kindKey(w))
		}
	}
}

// Each word, in any case and with spaces and punctuation around it, reads as its kind.
func TestParseCustomerKindEveryWord(t *testing.T) {
	for word, want := range wantKindWords {
		t.Run(word, func(t *testing.T) {
			for _, cell := range []string{word, strings.ToUpper(word), strings.ToLower(word), "  " + word + "  ",
				"\"" + word + "\"", "(" + word + ")", word + ".", "- " + word + " -", "\t" + word + ";"} {
				got, err := ParseCustomerKind(cell)
				if err != nil || got != want {
					t.Errorf("%q read as %q (%v), want %s", cell, got, err, want)
				}
			}
		})
	}
}

func TestParseCustomerKindDecomposedAccents(t *testing.T) {
	for cell, want := range map[string]CustomerKind{"Gescha\u0308ftskunde": Business, "Socie\u0301te\u0301": Business, "particulie\u0300re": Consumer, "prive\u0301": Consumer} {
		if got, err := ParseCustomerKind(cell); err != nil || got != want {
			t.Errorf("%q read as %q (%v), want %s", cell, got, err, want)
		}
	}
}

func TestParseCustomerKindRefusesUnknownWords(t *testing.T) {
	for _, cell := range []string{"b", "c", "biz", "customer", "VIP", "wholesale", "yes", "1", "consumer business", "B2B2C", "Kunde"} {
		got, err := ParseCustomerKind(cell)
		if err == nil || CodeOf(err) != CodeInvalid || got != "" {
			t.Errorf("%q accepted as %q (%v)", cell, got, err)
			continue
		}
		if !strings.Contains(Sentence(err), "not a customer type") || !strings.Contains(Sentence(err), "business or consumer") {
			t.Errorf("%q: %q does not say what to write", cell, Sentence(err))
		}
	}
	for _, cell := range []string{"", "   ", "-", "\"\""} {
		if got, err := ParseCustomerKind(cell); err != nil || got != "" {
			t.Errorf("empty cell %q read as %q (%v)", cell, got, err)
		}
	}
}

func TestShopKindForNewCustomers(t *testing.T) {
	for kind, want := range map[CustomerKind]CustomerKind{"": Consumer, Consumer: Consumer, Business: Business} {
		if got := (Shop{DefaultKind: kind}).KindForNewCustomers(); got != want {
			t.Errorf("%q: %s, want %s", kind, got, want)
		}
	}
	if Business.Plural() != "businesses" || Consumer.Plural() != "consumers" {
		t.Error("plural words")
	}
}
