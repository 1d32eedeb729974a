package letters

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"duebook/app"
)

func emailInput(t *testing.T) app.EmailInput {
	in := letterInput(t, app.KindReminder1, app.ToneStandard, "de")
	in.Customer.Name = "Łukasz Müller"
	return app.EmailInput{Letter: in, From: "shop@example.com", Name: "Eckladen Müller", To: "lukasz@customer.example",
		MessageID: app.NewMessageID("example.com", 7, in.Date, 1, 1), Date: time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)}
}

func TestEmailIsTheLetterWithHeadersAndAlternatives(t *testing.T) {
	in := emailInput(t)
	in.InReplyTo, in.References = "prev@example.com", []string{"first@example.com"}
	in.PDF, in.PDFName = mustPDF(t, in.Letter), "Erinnerung.pdf"
	got, err := Renderer{}.Email(in)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Renderer{}.Email(in)
	if !bytes.Equal(got.Raw, again.Raw) {
		t.Fatal("composing twice gives different bytes")
	}
	m, err := mail.ReadMessage(bytes.NewReader(got.Raw))
	if err != nil {
		t.Fatal(err)
	}
	h := m.Header
	subject, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	wantSubject, wantBody := Renderer{}.PlainText(in.Letter)
	if subject != wantSubject || got.Subject != wantSubject {
		t.Fatalf("subject %q, want %q", subject, wantSubject)
	}
	if h.Get("Message-ID") != "<"+in.MessageID+">" || !strings.HasSuffix(in.MessageID, "@example.com") || h.Get("In-Reply-To") != "<prev@example.com>" ||
		h.Get("References") != "<first@example.com> <prev@example.com>" || h.Get("Reply-To") != "<shop@example.com>" {
		t.Fatalf("thread headers: %v", h)
	}
	if d, err := h.Date(); err != nil || !d.Equal(in.Date) {
		t.Fatalf("date %v %v", d, err)
	}
	if to, err := h.AddressList("To"); err != nil || to[0].Name != "Łukasz Müller" || to[0].Address != in.To {
		t.Fatalf("to %v %v", to, err)
	}
	_, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	parts := map[string][]byte{}
	collect(t, multipart.NewReader(m.Body, params["boundary"]), parts)
	if string(parts["text/plain"]) != strings.ReplaceAll(wantBody, "\n", "\r\n") {
		t.Fatalf("plain text differs from the letter's:\n%s", parts["text/plain"])
	}
	if !strings.Contains(string(parts["text/html"]), "<p>") || !bytes.Equal(parts["application/pdf"], in.PDF) {
		t.Fatal("the HTML alternative or the PDF is missing")
	}
}

func collect(t *testing.T, r *multipart.Reader, out map[string][]byte) {
	for {
		p, err := r.NextPart() // decodes quoted-printable; base64 decoded below
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		mt, params, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if strings.HasPrefix(mt, "multipart/") {
			collect(t, multipart.NewReader(p, params["boundary"]), out)
			continue
		}
		b, _ := io.ReadAll(p)
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			b = unTransferTest(b)
		}
		out[mt] = b
	}
}

func unTransferTest(b []byte) []byte {
	var out bytes.Buffer
	dec := base64.NewDecoder(base64.StdEncoding, bytes.NewReader(bytes.ReplaceAll(b, []byte("\r\n"), nil)))
	io.Copy(&out, dec)
	return out.Bytes()
}

func TestEmailRefusesBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		change func(*app.EmailInput)
		want   string
	}{
		"address without dot": {func(in *app.EmailInput) { in.To = "a@b" }, "cannot be written to"},
		"address with space":  {func(in *app.EmailInput) { in.To = "anna @customer.example" }, "cannot be written to"},
		"30 MB attachment":    {func(in *app.EmailInput) { in.PDF = make([]byte, 30<<20) }, "at most 10 MB"},
		"empty subject":       {func(in *app.EmailInput) { in.Letter.Template.Subject = "   " }, "empty subject"},
		"from not an address": {func(in *app.EmailInput) { in.From = "shop" }, "from address"},
	} {
		in := emailInput(t)
		tc.change(&in)
		_, err := Renderer{}.Email(in)
		if err == nil || !strings.Contains(app.Sentence(err), tc.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// BenchmarkCompose1000Emails composes a thousand reminder emails (plain text, HTML alternative,
// headers), as a morning's email run does; the goal is at most one second.
func BenchmarkCompose1000Emails(b *testing.B) {
	t := &testing.T{}
	in := emailInput(t)
	r := Renderer{}
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		for i := 0; i < 1000; i++ {
			in.MessageID = app.NewMessageID("example.com", int64(i), in.Letter.Date, 1, int64(i))
			if _, err := r.Email(in); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/1000-emails")
	}
}

// The email follows the printed letter's wording rule: a time-barred debt is never threatened.
func TestEmailFollowsTheTimeBarredWording(t *testing.T) {
	in := emailInput(t)
	in.Letter = letterInput(t, app.KindFinal, app.ToneFirm, "en")
	m, err := Renderer{}.Email(in)
	if err != nil || !strings.Contains(m.Text, "legal action") {
		t.Fatalf("the final demand email does not say what follows: %v", err)
	}
	in.Letter.NoLegalThreat = true
	m, err = Renderer{}.Email(in)
	if err != nil || strings.Contains(m.Text, "legal action") || strings.Contains(string(m.Raw), "legal action") {
		t.Fatal("a time-barred debt is threatened with legal action by email")
	}
}
