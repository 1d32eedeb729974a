// Package handoff writes and verifies the evidence bundle a shop gives a collection agency or an
// attorney: one ZIP laid out for a person to browse, with a manifest and SHA256SUMS so that the
// receiver can prove, with standard tools, that nothing in it was changed.
package handoff

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"duebook/app"
)

// Bundle format version, in the manifest.
const formatVersion = 2 // 2: a claim per currency

// Writer writes bundles; it implements app.Bundler.
type Writer struct{}

// entry is one file of the bundle.
type entry struct {
	path    string
	content []byte
	store   bool // kept uncompressed (PDFs: already compressed)
}

// ManifestFile is one file listed in manifest.json.
type ManifestFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ManifestDebtor is one debtor in manifest.json, with the head of their timeline.
type ManifestDebtor struct {
	Reference string `json:"reference"`
	Name      string `json:"name"`
	Folder    string `json:"folder"`
	// Claims holds what is claimed, one entry per currency owed.
	Claims []ManifestClaim `json:"claims"`
	Events int             `json:"events"`
	// HeadEvent and HeadChain are the book's event number and chain value of the debtor's last
	// event; HeadRecord is that point as letters print it.
	HeadEvent  int64  `json:"head_event"`
	HeadChain  string `json:"head_chain"`
	HeadRecord string `json:"head_record"`
	// HeadLink closes the link column of timeline.csv: a row removed or reordered changes it.
	HeadLink string `json:"head_link"`
}

// ManifestClaim is what is claimed from a debtor in one currency, and the statement claiming it.
type ManifestClaim struct {
	Currency  string `json:"currency"`
	Balance   string `json:"balance"`
	Statement string `json:"statement"`
}

// Manifest is manifest.json.
type Manifest struct {
	Created      string           `json:"created"`
	Version      string           `json:"version"`
	Format       int              `json:"format"`
	From         string           `json:"from"`
	To           string           `json:"to"`
	AuthorisedBy string           `json:"authorised_by"`
	Record       string           `json:"record"`
	Files        []ManifestFile   `json:"files"`
	Debtors      []ManifestDebtor `json:"debtors"`
}

// Bundle writes the ZIP. The same package gives the same bytes: fixed order, fixed times.
func (Writer) Bundle(p app.HandoffPackage) ([]byte, error) {
	var files []entry
	add := func(name string, b []byte) {
		files = append(files, entry{path: name, content: b, store: strings.HasSuffix(name, ".pdf")})
	}
	m := Manifest{Created: p.Created.UTC().Format(time.RFC3339), Version: p.Version, Format: formatVersion,
		From: p.Shop.Name, To: p.To, AuthorisedBy: p.AuthorisedBy, Record: p.Record, Files: []ManifestFile{}}
	add("README.txt", readme(p))
	add("cover-letter.pdf", p.CoverPDF)
	add("placement.csv", placementCSV(p))
	for _, d := range p.Debtors {
		tl, md := timelineCSV(d.Timeline)
		md.Reference, md.Name, md.Folder = d.Reference, d.Customer.Name, d.Folder
		for i, cl := range d.Claims {
			md.Claims = append(md.Claims, ManifestClaim{Currency: cl.Currency, Balance: amount(cl.Balance, cl.Currency), Statement: d.StatementFile(i)})
			add(d.Folder+"/"+d.StatementFile(i), cl.StatementPDF)
		}
		m.Debtors = append(m.Debtors, md)
		add(d.Folder+"/timeline.pdf", d.TimelinePDF)
		add(d.Folder+"/timeline.csv", tl)
		add(d.Folder+"/payments.csv", paymentsCSV(d.Payments))
		for _, f := range d.Files {
			add(path.Join(d.Folder, f.Path), f.Content)
		}
	}
	for _, f := range files {
		m.Files = append(m.Files, ManifestFile{Path: f.path, Size: int64(len(f.content)), SHA256: sum(f.content)})
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	add("manifest.json", append(mj, '\n'))
	var sums bytes.Buffer
	for _, f := range files {
		fmt.Fprintf(&sums, "%s  %s\n", sum(f.content), f.path)
	}
	add("SHA256SUMS", sums.Bytes())
	return writeZip(files, p.Created)
}

func writeZip(files []entry, at time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.path, Method: zip.Deflate, Modified: at.UTC()}
		if f.store {
			h.Method = zip.Store
		}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func amount(a int64, currency string) string {
	if currency == "" {
		return strconv.FormatInt(a, 10)
	}
	return app.Decimal(a, app.MustCurrency(currency))
}

func day(d app.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func csvBytes(rows [][]string) []byte { return app.CSVBytes(rows) }

// TimelineHeader is the header of timeline.csv.
var TimelineHeader = []string{"seq", "event", "at", "customer", "kind", "summary", "data", "hash", "prev_chain", "chain", "record", "link"}

// timelineCSV writes the debtor's events with everything needed to recompute each link: the
// event's content gives hash; prev_chain and hash give chain (the book's chain); record is the
// reference a letter printed after that event carries; link chains the rows of this file.
func timelineCSV(tl []app.LinkedEvent) ([]byte, ManifestDebtor) {
	rows := [][]string{TimelineHeader}
	md := ManifestDebtor{Events: len(tl), HeadLink: app.GenesisChain}
	for i, le := range tl {
		md.HeadLink = app.ChainLink(md.HeadLink, le.Chain)
		rec := app.ChainHead{Events: le.ID, Chain: le.Chain}.Ref()
		rows = append(rows, []string{strconv.Itoa(i + 1), strconv.FormatInt(le.ID, 10), le.At.UTC().Format(time.RFC3339Nano),
			strconv.FormatInt(le.CustomerID, 10), le.Kind, le.Summary, le.Data, le.Hash, le.Prev, le.Chain, rec, md.HeadLink})
		md.HeadEvent, md.HeadChain, md.HeadRecord = le.ID, le.Chain, rec
	}
	return csvBytes(rows), md
}

func paymentsCSV(pays []app.Payment) []byte {
	rows := [][]string{{"received_on", "amount", "currency", "method", "reference", "unallocated"}}
	for _, p := range pays {
		rows = append(rows, []string{day(p.ReceivedOn), amount(p.Amount, p.Currency), p.Currency, string(p.Method), p.Reference, amount(p.Unallocated, p.Currency)})
	}
	return csvBytes(rows)
}

// PlacementHeader is the header of placement.csv; README.txt explains each column.
var PlacementHeader = []string{"debtor_reference", "name", "type", "contact", "address1", "address2", "postal_code", "city", "region", "country",
	"phone", "email", "principal", "interest", "fees", "payments", "balance", "currency", "itemization_date", "first_delinquency_date",
	"last_payment_date", "last_contact_date", "disputed", "cease", "attorney", "bankruptcy", "deceased", "creditor_reference", "folder"}

func placementCSV(p app.HandoffPackage) []byte {
	rows := [][]string{PlacementHeader}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	for _, d := range p.Debtors {
		c := d.Customer
		flags := map[string]bool{}
		for _, f := range c.Flags {
			flags[f] = true
		}
		for _, cl := range d.Claims { // a row per currency owed
			cur := cl.Currency
			rows = append(rows, []string{d.Reference, c.Name, string(c.Kind), c.Contact, c.Address1, c.Address2, c.PostalCode, c.City, c.Region, c.Country,
				c.Phone, c.Email, amount(cl.Principal, cur), amount(cl.Interest, cur), amount(cl.Fees, cur), amount(cl.Payments, cur), amount(cl.Balance, cur), cur,
				day(cl.Itemization), day(cl.FirstDelinquency), day(cl.LastPayment), day(cl.LastContact), yes(cl.Disputed),
				yes(flags[app.FlagCease]), yes(flags[app.FlagAttorney]), yes(flags[app.FlagBankruptcy]), yes(flags[app.FlagDeceased]),
				strings.Join(cl.InvoiceNumbers, " "), d.Folder})
		}
	}
	return csvBytes(rows)
}

// PaymentsSinceHeader is the header of the payments-since-hand-off file.
var PaymentsSinceHeader = []string{"debtor_reference", "name", "handed_off_on", "handed_off_to", "bundle_sha256",
	"received_on", "amount", "currency", "method", "reference"}

// PaymentsSinceCSV writes the payments a debtor made since the hand-off, one row each, every
// row naming the debtor and the bundle so that the agency can match it.
func PaymentsSinceCSV(hp app.HandoffPayments) []byte {
	rows := [][]string{PaymentsSinceHeader}
	for _, p := range hp.Payments {
		rows = append(rows, []string{hp.Reference, hp.Customer.Name, day(hp.Since), hp.To, hp.Bundle,
			day(p.ReceivedOn), amount(p.Amount, p.Currency), p.Currency, string(p.Method), p.Reference})
	}
	return csvBytes(rows)
}
