package letters

import (
	"context"
	"image"
	"sync"
	"time"

	"duebook/app"
	"duebook/assets"
)

// Renderer implements app.Renderer.
type Renderer struct{}

var _ app.Renderer = Renderer{}

// PlanAgreement prints a payment-plan agreement.
func (Renderer) PlanAgreement(in app.PlanAgreementInput) ([]byte, error) {
	return AgreementPDF(AgreementInput{Shop: in.Shop, Customer: in.Customer, Plan: in.Plan, Profile: in.Profile, Date: in.Date, Record: in.Record}, in.Invoices)
}

// PreviewAgreement draws page 1 of a payment-plan agreement.
func (Renderer) PreviewAgreement(in app.PlanAgreementInput, widthPx int) image.Image {
	doc := Agreement(AgreementInput{Shop: in.Shop, Customer: in.Customer, Plan: in.Plan, Profile: in.Profile, Date: in.Date, Record: in.Record}, in.Invoices)
	return Raster(doc, 0, widthPx)
}

// Missing lists the characters of text the letter font cannot draw.
func (Renderer) Missing(text string) []rune { return Missing(text) }

// Warnings says what the layout changed so that the letter prints as it must: address lines
// joined or shortened to fit the envelope window.
func (Renderer) Warnings(in app.LetterInput) []string {
	return addressWarnings(PaperFor(in.Profile), in.Shop, in.Customer, in.Key.Lang)
}

// Letter prints one letter.
func (Renderer) Letter(in app.LetterInput) ([]byte, error) {
	return PDF(Compose(in), in.Date.Time().Add(12*time.Hour))
}

// Batch prints many letters, each as its own PDF, in the order given. gofpdf parses a font
// again for every document, so the documents are spread over the cores.
func (Renderer) Batch(ctx context.Context, ins []app.LetterInput, date app.Date, workers int) (app.Batch, error) {
	var b app.Batch
	if len(ins) == 0 {
		return b, nil
	}
	docs := make([]*Doc, len(ins))
	b.Pages = make([]int, len(ins))
	for i, in := range ins {
		if err := ctx.Err(); err != nil {
			return app.Batch{}, err
		}
		docs[i] = Compose(in)
		b.Pages[i] = len(docs[i].Pages)
	}
	b.Each = make([][]byte, len(ins))
	errs := make([]error, len(ins))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(1, workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if errs[i] = ctx.Err(); errs[i] == nil { // a cancel stops the run within one letter
					b.Each[i], errs[i] = PDF(docs[i], ins[i].Date.Time().Add(12*time.Hour))
				}
			}
		}()
	}
	for i := range ins {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return app.Batch{}, err
		}
	}
	return b, nil
}

// Pages counts the pages of a letter.
func (Renderer) Pages(in app.LetterInput) int { return len(Compose(in).Pages) }

// Preview draws page n (from 0) of a letter as an image widthPx wide, from the same layout the
// PDF is drawn from.
func (Renderer) Preview(in app.LetterInput, n, widthPx int) (image.Image, int, error) {
	doc := Compose(in)
	if n < 0 || n >= len(doc.Pages) {
		n = 0
	}
	return Raster(doc, n, widthPx), len(doc.Pages), nil
}

// DefaultTemplate returns the embedded text of a template.
func (Renderer) DefaultTemplate(key app.TemplateKey) (string, error) {
	b, err := assets.Templates.ReadFile("templates/" + key.String() + ".txt")
	if err != nil {
		return "", app.Errorf(app.CodeNotFound, "there is no template %s", key)
	}
	return string(b), nil
}
