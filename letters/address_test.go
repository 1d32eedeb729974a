package letters

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"duebook/app"
)

func TestAddressLinesFollowThePostalFormat(t *testing.T) {
	us := app.Customer{Name: "Acme Supplies", Contact: "Jane Doe", Address1: "12 Beacon St", Address2: "Suite 5",
		City: "Boston", Region: "MA", PostalCode: "02108", Country: "US"}
	uk := app.Customer{Name: "Tea & Co", Address1: "10 Downing Street", City: "London", PostalCode: "SW1A 2AA", Country: "GB"}
	de := app.Customer{Name: "Müller GmbH", Contact: "Frau Schmidt", Address1: "Unter den Linden 1", City: "Berlin", PostalCode: "10115", Country: "DE"}
	at := app.Customer{Name: "Wiener Rad", Address1: "Ring 3", City: "Wien", PostalCode: "1010", Country: "at"}
	jp := app.Customer{Name: "Tanaka", Address1: "1-1 Chiyoda", City: "Chiyoda-ku", Region: "Tokyo", PostalCode: "100-0001", Country: "JP"}
	noCountry := app.Customer{Name: "Local", Address1: "Main St 1", City: "Berlin", PostalCode: "10115"}
	ukAlias := uk
	ukAlias.Country = "UK"
	for _, tc := range []struct {
		name       string
		c          app.Customer
		shop, lang string
		want       []string
	}{
		{"US at home", us, "US", "en", []string{"Acme Supplies", "Jane Doe", "12 Beacon St", "Suite 5", "BOSTON MA 02108"}},
		{"US from Germany", us, "DE", "en", []string{"Acme Supplies", "Jane Doe", "12 Beacon St", "Suite 5", "BOSTON MA 02108", "UNITED STATES"}},
		{"US from Germany, in German", us, "DE", "de", []string{"Acme Supplies", "Jane Doe", "12 Beacon St", "Suite 5", "BOSTON MA 02108", "VEREINIGTE STAATEN"}},
		{"UK at home", uk, "GB", "en", []string{"Tea & Co", "10 Downing Street", "LONDON", "SW1A 2AA"}},
		{"UK written UK, shop GB", ukAlias, "GB", "en", []string{"Tea & Co", "10 Downing Street", "LONDON", "SW1A 2AA"}},
		{"UK from the US", uk, "US", "en", []string{"Tea & Co", "10 Downing Street", "LONDON", "SW1A 2AA", "UNITED KINGDOM"}},
		{"Germany at home", de, "DE", "de", []string{"Müller GmbH", "Frau Schmidt", "Unter den Linden 1", "10115 Berlin"}},
		{"Austria from Germany", at, "DE", "de", []string{"Wiener Rad", "Ring 3", "1010 WIEN", "ÖSTERREICH"}},
		{"Japan from the UK: the default", jp, "UK", "en", []string{"Tanaka", "1-1 Chiyoda", "100-0001 CHIYODA-KU", "Tokyo", "JAPAN"}},
		{"no country: the shop's", noCountry, "DE", "de", []string{"Local", "Main St 1", "10115 Berlin"}},
	} {
		if got := AddressLines(tc.c, tc.shop, tc.lang); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// windowTexts are the recipient's lines as laid out: text in the window below the return line.
func windowTexts(doc *Doc, w addressWindow) []Text {
	var out []Text
	for _, tx := range doc.Pages[0].Texts {
		if tx.Size == w.size && tx.Y >= w.fieldY && tx.Y < w.fieldY+w.fieldH && tx.X < w.fieldX+w.fieldW {
			out = append(out, tx)
		}
	}
	return out
}

// crowded is a customer whose address has seven lines abroad: name, contact, two street lines,
// town, postcode and country.
func crowded() app.Customer {
	return app.Customer{ID: 3, Name: "Harbourside Marine Engineering Ltd", Contact: "Accounts Payable, Mr J. Smith",
		Address1: "Unit 4, Riverside Industrial Estate", Address2: "Dock Road", City: "Southampton", PostalCode: "SO14 3TG", Country: "GB"}
}

func TestAddressNeverRunsPastTheWindow(t *testing.T) {
	for _, tc := range []struct {
		profile app.Profile
		shop    string
		win     addressWindow
	}{{app.ProfileUS, "US", us10}, {app.ProfileDE, "DE", dinB}} {
		in := letterInput(t, app.KindReminder1, app.ToneStandard, "en")
		in.Profile, in.Shop.Country, in.Customer = tc.profile, tc.shop, crowded()
		in.Customer.Address1 += ", Building Seventeen, Second Floor, Rear Entrance by the Loading Bay"
		doc := Compose(in)
		lines := windowTexts(doc, tc.win)
		if len(lines) == 0 || len(lines) > tc.win.lines {
			t.Fatalf("%s: %d address lines, the window holds %d", tc.profile, len(lines), tc.win.lines)
		}
		for _, tx := range lines {
			if tx.X < tc.win.fieldX || tx.X+Width(tx.S, tx.Size, tx.Bold) > tc.win.fieldX+tc.win.fieldW+1e-9 {
				t.Errorf("%s: %q runs out of the window sideways", tc.profile, tx.S)
			}
		}
		last := lines[len(lines)-1]
		if bottom := last.Y + tc.win.pitch; bottom > tc.win.fieldY+tc.win.fieldH+1e-9 || (tc.profile == app.ProfileUS && bottom > us10.fieldY+us10.fieldH-inch/8+1e-9) {
			t.Errorf("%s: the last line %q ends at %.2f mm, below the window", tc.profile, last.S, bottom)
		}
		warn := strings.Join(Renderer{}.Warnings(in), "\n")
		if !strings.Contains(warn, fmt.Sprintf("has 7 lines; the envelope window holds %d: ", tc.win.lines)) ||
			!strings.Contains(warn, "the town and the postcode were put on one line") {
			t.Errorf("%s: the owner is not told about the joined lines:\n%s", tc.profile, warn)
		}
		// Five lines need one more join: the contact goes onto the name line.
		if joined := strings.Contains(warn, "the contact was joined to the name line"); joined != (tc.win.lines == 5) {
			t.Errorf("%s: contact joined %v:\n%s", tc.profile, joined, warn)
		}
		if !strings.Contains(warn, "shortened") || !strings.Contains(strings.Join(textsOf(lines), "\n"), "…") {
			t.Errorf("%s: the overlong street line is not shortened visibly and reported:\n%s", tc.profile, warn)
		}
		if got := textsOf(lines)[len(lines)-1]; tc.shop != "GB" && got != "UNITED KINGDOM" {
			t.Errorf("%s: the country is not the last line: %q", tc.profile, textsOf(lines))
		}
	}
	if w := (Renderer{}).Warnings(letterInput(t, app.KindReminder1, app.ToneStandard, "en")); len(w) != 0 {
		t.Errorf("an address that fits is reported: %q", w)
	}
}

func textsOf(ts []Text) []string {
	var out []string
	for _, tx := range ts {
		out = append(out, tx.S)
	}
	return out
}

// TestDIN5008FormB reads the address field of A4 letters and agreements from the layout model
// and checks it in mm: the return line and its rule in the 5 mm zone at 45-50 mm, nothing in the
// remark zone, the recipient from 62.7 mm, at most six lines within 27.3 mm, 20-105 mm across.
func TestDIN5008FormB(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.01 }
	in := letterInput(t, app.KindFinal, app.ToneStandard, "de")
	in.Customer.Contact = "z. Hd. Frau Kowalska"
	ag, invs := agreementInput(3, "de", app.ProfileDE)
	for name, doc := range map[string]*Doc{"letter": Compose(in), "agreement": Agreement(ag, invs)} {
		if doc.Paper != A4 {
			t.Fatalf("%s: %s paper", name, doc.Paper.Name)
		}
		p := doc.Pages[0]
		var ret, recipient, remark []Text
		for _, tx := range p.Texts {
			switch {
			case tx.X >= 105 || tx.Y < 45 || tx.Y >= 90:
			case tx.Y < 50:
				ret = append(ret, tx)
			case tx.Y < 62.7-0.01:
				remark = append(remark, tx)
			default:
				recipient = append(recipient, tx)
			}
		}
		if len(ret) != 1 || ret[0].Size > 8 || ret[0].Y+lineHeight(ret[0].Size) > 50 || !strings.Contains(ret[0].S, "Hauptstraße 1") {
			t.Errorf("%s: the return line is not alone in small type in 45-50 mm: %+v", name, ret)
		}
		if len(remark) != 0 {
			t.Errorf("%s: text in the remark zone (50-62.7 mm): %q", name, textsOf(remark))
		}
		rules := 0
		for _, r := range p.Rules {
			if r.Y1 == r.Y2 && r.Y1 > 45 && r.Y1 <= 50 && r.X1 >= 20 && r.X2 <= 105 {
				rules++
				if len(ret) == 1 && r.Y1 <= ret[0].Y+lineHeight(ret[0].Size)-0.5 {
					t.Errorf("%s: the rule at %.2f mm crosses the return line", name, r.Y1)
				}
			}
		}
		if rules != 1 {
			t.Errorf("%s: %d rules under the return line in 45-50 mm, want 1", name, rules)
		}
		if len(recipient) == 0 || len(recipient) > 6 || !near(recipient[0].Y, 62.7) || recipient[0].S != "Иван Петров" {
			t.Fatalf("%s: the recipient does not start at 62.7 mm with at most 6 lines: %+v", name, recipient)
		}
		for i, tx := range recipient {
			if !near(tx.Y, 62.7+float64(i)*27.3/6) || tx.X < 20 || tx.X+Width(tx.S, tx.Size, false) > 105 {
				t.Errorf("%s: recipient line %d %q at %.2f/%.2f mm", name, i+1, tx.S, tx.X, tx.Y)
			}
		}
		if last := recipient[len(recipient)-1]; last.Y+27.3/6 > 90+0.01 || last.S != "POLEN" {
			t.Errorf("%s: the last line %q ends at %.2f mm", name, last.S, last.Y+27.3/6)
		}
	}
}
