package letters

import "duebook/app"

// Renderer implements app.Renderer.
type Renderer struct{}

var _ app.Renderer = Renderer{}

// PlanAgreement prints a payment-plan agreement.
func (Renderer) PlanAgreement(in app.PlanAgreementInput) ([]byte, error) {
	return AgreementPDF(AgreementInput{Shop: in.Shop, Customer: in.Customer, Plan: in.Plan, Profile: in.Profile, Date: in.Date}, in.Invoices)
}

// Missing lists the characters of text the letter font cannot draw.
func (Renderer) Missing(text string) []rune { return Missing(text) }
