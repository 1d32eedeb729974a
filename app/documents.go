package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"io"
	"os"
	"time"
)

// Document is a file as the shop produced or received it, stored once by its SHA-256.
type Document struct {
	SHA256  string
	Kind    string // "plan-agreement", "letter", ...
	Mime    string
	Content []byte
}

// NewDocument wraps bytes as a document.
func NewDocument(kind, mime string, content []byte) Document {
	sum := sha256.Sum256(content)
	return Document{SHA256: hex.EncodeToString(sum[:]), Kind: kind, Mime: mime, Content: content}
}

// PlanAgreementInput is what the payment-plan agreement shows.
type PlanAgreementInput struct {
	Shop     Shop
	Customer Customer
	Plan     Plan
	Invoices []Invoice
	Profile  Profile
	Date     Date
	Record   string // the timeline's record reference, as on letters
}

// Batch is a print run's letters, each as its own PDF with its page count.
type Batch struct {
	Each  [][]byte
	Pages []int
}

// Renderer makes printable documents (the letters package).
type Renderer interface {
	PlanAgreement(in PlanAgreementInput) ([]byte, error)
	PreviewAgreement(in PlanAgreementInput, widthPx int) image.Image
	Missing(text string) []rune
	// Warnings says what the layout had to change for the letter to print as it must (an
	// address shortened to fit the envelope window, ...), in sentences for the owner.
	Warnings(in LetterInput) []string
	Letter(in LetterInput) ([]byte, error)
	// PlainText is the letter as the text of an email: subject and body, under the same rules.
	PlainText(in LetterInput) (subject, body string)
	// Email composes the letter as an email with its exact bytes (plain text, an HTML
	// alternative, the PDF when given, the headers of a thread).
	Email(in EmailInput) (ComposedEmail, error)
	Batch(ctx context.Context, ins []LetterInput, date Date, workers int) (Batch, error)
	// Merge joins n stored letters, byte for byte, into one PDF for the printer written to w,
	// asking for each letter when it needs it.
	Merge(w io.Writer, n int, letter func(i int) ([]byte, error), title string, at time.Time) (pages int, err error)
	Pages(in LetterInput) int
	Preview(in LetterInput, page, widthPx int) (image.Image, int, error)
	DefaultTemplate(key TemplateKey) (string, error)
}

// PlanAgreement prints the agreement of a payment plan as PDF, stores it exactly as printed and
// records it on the customer's timeline. Characters the letter font cannot draw are returned as
// warnings for the owner before the paper goes out.
func (c *Collections) PlanAgreement(customerID, planID int64) ([]byte, []string, error) {
	if c.Render == nil {
		return nil, nil, Errorf(CodeInternal, "printing is not set up")
	}
	in, plan, err := c.agreementInput(customerID, planID)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, field := range []string{in.Customer.Name, in.Customer.Contact, in.Customer.Address1, in.Customer.Address2, in.Customer.City, in.Shop.Name} {
		if m := c.Render.Missing(field); len(m) > 0 {
			warnings = append(warnings, fmt.Sprintf("the letter font cannot draw %q in %q: it would print as an empty box; correct the spelling or accept it", string(m), field))
		}
	}
	pdf, err := c.Render.PlanAgreement(in)
	if err != nil {
		return nil, warnings, err
	}
	doc := NewDocument("plan-agreement", "application/pdf", pdf)
	err = c.CS.SaveDocument(doc, c.event(customerID, "document", fmt.Sprintf("Payment plan agreement %d printed (%s…)", plan.ID, doc.SHA256[:12]),
		map[string]string{"sha256": doc.SHA256, "kind": doc.Kind}))
	return pdf, warnings, err
}

// PreviewPlanAgreement draws page 1 of a plan's agreement, as it will print.
func (c *Collections) PreviewPlanAgreement(customerID, planID int64, widthPx int) (image.Image, error) {
	if c.Render == nil {
		return nil, Errorf(CodeInternal, "printing is not set up")
	}
	in, _, err := c.agreementInput(customerID, planID)
	if err != nil {
		return nil, err
	}
	return c.Render.PreviewAgreement(in, widthPx), nil
}

// agreementInput gathers what a plan's agreement shows.
func (c *Collections) agreementInput(customerID, planID int64) (PlanAgreementInput, *Plan, error) {
	plans, err := c.CS.Plans(customerID)
	if err != nil {
		return PlanAgreementInput{}, nil, err
	}
	var plan *Plan
	for i := range plans {
		if plans[i].ID == planID {
			plan = &plans[i]
		}
	}
	if plan == nil {
		return PlanAgreementInput{}, nil, Errorf(CodeNotFound, "customer %d has no payment plan number %d", customerID, planID)
	}
	cust, shop, settings, err := c.letterParties(customerID)
	if err != nil {
		return PlanAgreementInput{}, nil, err
	}
	in := PlanAgreementInput{Shop: shop, Customer: cust, Plan: *plan, Profile: settings.Profile, Date: plan.CreatedOn}
	if in.Record, err = c.recordRef(); err != nil {
		return PlanAgreementInput{}, nil, err
	}
	for _, id := range plan.InvoiceIDs {
		inv, err := c.Store.Invoice(id)
		if err != nil {
			return PlanAgreementInput{}, nil, err
		}
		in.Invoices = append(in.Invoices, inv)
	}
	return in, plan, nil
}

// WriteFileAtomic writes b to a temporary file beside path and renames it into place, so a
// failure never leaves a half-written file under the name.
func WriteFileAtomic(path string, b []byte) error {
	tmp := path + ".part"
	if err := WritePrivateFile(tmp, b); err != nil {
		os.Remove(tmp)
		return Wrap(CodeStorage, err, "cannot write %s", path)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return Wrap(CodeStorage, err, "cannot write %s", path)
	}
	return nil
}
