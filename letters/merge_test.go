package letters

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app"
)

// The printer's file is the stored letters joined byte for byte: poppler reads every page of every
// letter, in order, with the text each letter had on its own.
func TestMergeJoinsStoredLettersExactly(t *testing.T) {
	var pdfs [][]byte
	var want []string
	pages := 0
	for i, kind := range []app.LetterKind{app.KindReminder1, app.KindStatement, app.KindFinal} {
		in := letterInput(t, kind, app.ToneStandard, []string{"en", "de", "en"}[i])
		in.Customer.Name = []string{"Anna Zimmermann", "Bernd Öztürk", "Chloé Martin"}[i]
		if i == 2 { // a letter of two pages
			for n := 0; n < 40; n++ {
				in.Invoices = append(in.Invoices, app.Invoice{ID: int64(10 + n), Number: "X-" + string(rune('A'+n%26)), IssueDate: app.MustDate("2026-09-01"),
					DueDate: app.MustDate("2026-09-30"), Currency: "EUR", Amount: 1000})
			}
		}
		pdf := mustPDF(t, in)
		pdfs = append(pdfs, pdf)
		want = append(want, pdfText(t, pdf))
		pages += pdfPages(t, pdf)
	}
	merged, n, err := JoinPDFs(pdfs, "Letters 2026-11-24", time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if n != pages || pdfPages(t, merged) != pages || pages < 4 {
		t.Fatalf("merged %d pages (poppler counts %d), the letters have %d", n, pdfPages(t, merged), pages)
	}
	got := pdfText(t, merged)
	if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(strings.Join(want, "")), " ") {
		t.Fatalf("the joined text differs from the letters':\n%s", got)
	}
	if a, b := strings.Index(got, "Anna Zimmermann"), strings.Index(got, "Chloé Martin"); a < 0 || b < a {
		t.Fatal("the letters are not in the order given")
	}
	// Anything that is not one of our PDFs is refused, not joined into a broken file.
	for _, bad := range [][]byte{nil, []byte("%PDF-1.4\nnothing"), append([]byte(nil), pdfs[0][:len(pdfs[0])/2]...)} {
		if _, _, err := JoinPDFs([][]byte{pdfs[0], bad}, "x", time.Now()); err == nil {
			t.Errorf("a broken PDF of %d bytes was joined", len(bad))
		}
	}
}

// pdfPages counts pages with poppler's pdfinfo, an independent reader.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	for _, line := range bytes.Split(out, []byte("\n")) {
		if f := strings.Fields(string(line)); len(f) == 2 && f[0] == "Pages:" {
			var n int
			for _, c := range f[1] {
				n = n*10 + int(c-'0')
			}
			return n
		}
	}
	t.Fatalf("pdfinfo gives no page count:\n%s", out)
	return 0
}

// A cancelled print run stops rendering: no letter comes back.
func TestBatchStopsOnCancel(t *testing.T) {
	var ins []app.LetterInput
	for i := 0; i < 50; i++ {
		ins = append(ins, letterInput(t, app.KindReminder1, app.ToneStandard, "en"))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b, err := Renderer{}.Batch(ctx, ins, ins[0].Date, 2)
	if !errors.Is(err, context.Canceled) || len(b.Each) != 0 {
		t.Fatalf("a cancelled batch: %d letters, %v", len(b.Each), err)
	}
	if b, err := (Renderer{}).Batch(context.Background(), ins[:3], ins[0].Date, 2); err != nil || len(b.Each) != 3 {
		t.Fatalf("a batch: %d letters, %v", len(b.Each), err)
	}
}

// Merge asks for one letter at a time, in order, and writes the printer's file as it goes: a
// print run of thousands of letters never holds them, nor the joined file, all at once.
func TestMergeStreamsOneLetterAtATime(t *testing.T) {
	pdf := mustPDF(t, letterInput(t, app.KindReminder1, app.ToneStandard, "en"))
	const n = 40
	var out bytes.Buffer
	var asked []int
	writtenWhenLastAsked := 0
	pages, err := Renderer{}.Merge(&out, n, func(i int) ([]byte, error) {
		asked = append(asked, i)
		if i == n-1 {
			writtenWhenLastAsked = out.Len()
		}
		return pdf, nil
	}, "Letters", time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC))
	if err != nil || pages != n {
		t.Fatalf("%d pages: %v", pages, err)
	}
	for i, a := range asked {
		if a != i || len(asked) != n {
			t.Fatalf("letters asked for in the order %v", asked)
		}
	}
	if writtenWhenLastAsked < out.Len()/2 {
		t.Errorf("%d of %d bytes written when the last letter was asked for", writtenWhenLastAsked, out.Len())
	}
	if pdfPages(t, out.Bytes()) != n {
		t.Errorf("poppler counts %d pages", pdfPages(t, out.Bytes()))
	}
	// A letter that cannot be read stops the join with its error.
	stop := errors.New("the book is closed")
	if _, err := (Renderer{}).Merge(io.Discard, 3, func(i int) ([]byte, error) {
		if i == 2 {
			return nil, stop
		}
		return pdf, nil
	}, "x", time.Now()); !errors.Is(err, stop) {
		t.Errorf("a letter that cannot be read gave %v", err)
	}
}
