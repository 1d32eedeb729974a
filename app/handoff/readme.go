package handoff

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"duebook/app"
)

// placementDoc explains the columns of placement.csv, in the order of PlacementHeader.
var placementDoc = [][2]string{
	{"debtor_reference", "the debtor's reference in this bundle (the shop's customer number)"},
	{"name", "the debtor's name"},
	{"type", "business or consumer"},
	{"contact", "the contact person at a business"},
	{"address1", "street and number"},
	{"address2", "second address line"},
	{"postal_code", "postal code"},
	{"city", "city"},
	{"region", "state, county or region"},
	{"country", "ISO 3166 country code"},
	{"phone", "phone number"},
	{"email", "email address"},
	{"principal", "the open invoices' amounts"},
	{"interest", "interest charged on them and still claimed"},
	{"fees", "fees and fixed compensation still claimed"},
	{"payments", "payments and credits on those invoices and charges"},
	{"balance", "the amount claimed today: principal + interest + fees - payments"},
	{"currency", "ISO 4217 currency of the amounts (decimal point, no thousands separator)"},
	{"itemization_date", "the itemization date: the last payment, else the last invoice"},
	{"first_delinquency_date", "the day after the oldest open invoice fell due"},
	{"last_payment_date", "the last payment received"},
	{"last_contact_date", "the last letter, email, call, reply or promise"},
	{"disputed", "yes when a dispute is open"},
	{"cease", "yes when the debtor asked the shop to stop contact"},
	{"attorney", "yes when the debtor is represented by an attorney"},
	{"bankruptcy", "yes when the debtor is in bankruptcy"},
	{"deceased", "yes when the debtor is deceased"},
	{"creditor_reference", "the shop's invoice numbers of the claim"},
	{"folder", "the debtor's folder in this bundle"},
}

func readme(p app.HandoffPackage) []byte {
	var b bytes.Buffer
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	s := p.Shop
	line("HAND-OFF BUNDLE")
	line("")
	line("This bundle hands the debts below to %s for collection.", p.To)
	line("From: %s, %s", s.Name, strings.Join(nonEmpty(s.Address1, s.PostalCode+" "+s.City, s.Country, s.Email, s.Phone), ", "))
	line("Authorised by: %s", p.AuthorisedBy)
	line("Made: %s (UTC) with Duebook %s; the shop's record reference then: %s", p.Created.UTC().Format(time.DateTime), p.Version, p.Record)
	line("")
	line("DEBTORS")
	for _, d := range p.Debtors {
		line("  %s  %s: %s claimed (folder %s)", d.Reference, d.Customer.Name, d.ClaimsText(), d.Folder)
	}
	line("")
	line("CONTENTS")
	line("  README.txt          this file")
	line("  cover-letter.pdf    the shop's letter to you: each debtor, the amount claimed, what is enclosed")
	line("  placement.csv       one row per debtor and currency owed, for import (columns below)")
	line("  manifest.json       every other file with its size and SHA-256, and each timeline's head")
	line("  SHA256SUMS          the SHA-256 of every file, for sha256sum -c")
	line("  per debtor, a folder with:")
	line("    statement-of-account.pdf  the open invoices, the charges still claimed and the balance")
	line("                              (one per currency, named statement-of-account-EUR.pdf and so on,")
	line("                              when the debtor owes in several: amounts are never added across them)")
	line("    timeline.pdf              every event on the debtor's account, in order, to read")
	line("    timeline.csv              the same events with their hash chain, to check")
	line("    invoices/                 each invoice claimed, printed from the shop's ledger; for an")
	line("                              invoice imported from a file, its rows of that file")
	line("                              (NUMBER-imported-rows.csv: the file's header, then the")
	line("                              invoice's rows with their row numbers, the cells as the")
	line("                              file stores them: Excel keeps a date as a day number), and")
	line("                              imported-from.csv naming each file, its SHA-256 and when")
	line("                              it was imported")
	line("    payments.csv              every payment and credit received")
	line("    letters/                  every letter exactly as printed")
	line("    emails/                   every email as sent and every reply as received (.eml)")
	line("    agreements/               payment-plan agreements as printed")
	line("")
	line("PLACEMENT.CSV COLUMNS")
	for _, c := range placementDoc {
		line("  %-24s %s", c[0], c[1])
	}
	line("")
	line("HOW TO CHECK THAT NOTHING WAS CHANGED")
	line("  Unpack the ZIP, then in its folder run:")
	line("    sha256sum -c SHA256SUMS            (Linux)")
	line("    shasum -a 256 -c SHA256SUMS        (macOS)")
	line("    Get-FileHash -Algorithm SHA256 FILE   (Windows PowerShell, compare with SHA256SUMS)")
	line("  Every line must say OK. With Duebook: duebook verify BUNDLE.zip")
	line("")
	line("  Each timeline.csv row can be recomputed: hash is the SHA-256 of the JSON")
	line(`    {"id":EVENT,"at":"AT","customer":CUSTOMER,"kind":"KIND","summary":"SUMMARY","data":"DATA"}`)
	line("  (keys in this order, no spaces, <, > and & written as \\u003c, \\u003e and \\u0026);")
	line("  chain is the SHA-256 of the text prev_chain + hash;")
	line("  record is EVENT·first 8 characters of chain, as printed on the shop's letters; link is the")
	line("  SHA-256 of the previous row's link + chain, starting from 64 zeros, and the last link is the")
	line("  debtor's head_link in manifest.json. Events of other customers sit between the rows: their")
	line("  chain values are not needed, as each row carries the one before it (prev_chain).")
	return b.Bytes()
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
