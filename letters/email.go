package letters

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"duebook/app"
)

// Email composes the letter as an email: the plain text of PlainText (the same template and
// wording rules) with an HTML alternative, the letter PDF attached when given, and the headers
// a mail program expects. The output depends only on the input (boundaries come from the
// Message-ID), so the bytes stored are the bytes sent and filed in Sent.
func (r Renderer) Email(in app.EmailInput) (app.ComposedEmail, error) {
	subject, body := r.PlainText(in.Letter)
	subject = strings.Join(strings.Fields(subject), " ")
	if subject == "" {
		return app.ComposedEmail{}, app.Errorf(app.CodeInvalid, "the template for the %s gives an empty subject: correct the template's first line", in.Letter.StageName)
	}
	if err := app.CheckEmailAddress(in.To); err != nil {
		return app.ComposedEmail{}, app.Errorf(app.CodeInvalid, "the email address of %s, %q, cannot be written to: correct it on the customer's card", in.Letter.Customer.Name, in.To)
	}
	if err := app.CheckEmailAddress(in.From); err != nil {
		return app.ComposedEmail{}, app.Errorf(app.CodeInvalid, "the mailbox's from address %q is not an email address", in.From)
	}
	if len(in.PDF) > app.MaxAttachment {
		return app.ComposedEmail{}, app.Errorf(app.CodeInvalid, "the letter PDF is %d MB: an email carries at most %d MB, send it without the attachment or by post",
			len(in.PDF)>>20, app.MaxAttachment>>20)
	}
	if in.MessageID == "" || strings.ContainsAny(in.MessageID, "<> \r\n") || !strings.Contains(in.MessageID, "@") {
		return app.ComposedEmail{}, app.Errorf(app.CodeInternal, "the email has no valid Message-ID")
	}
	var b bytes.Buffer
	hdr := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	from := (&mail.Address{Name: in.Name, Address: in.From}).String()
	hdr("From", from)
	hdr("To", (&mail.Address{Name: in.Letter.Customer.Name, Address: in.To}).String())
	replyTo := in.ReplyTo
	if replyTo == "" {
		replyTo = in.From
	}
	hdr("Reply-To", (&mail.Address{Address: replyTo}).String())
	hdr("Subject", mime.QEncoding.Encode("utf-8", subject))
	hdr("Date", in.Date.Format(time.RFC1123Z))
	hdr("Message-ID", "<"+in.MessageID+">")
	if in.InReplyTo != "" {
		hdr("In-Reply-To", "<"+in.InReplyTo+">")
		refs := in.References
		if len(refs) == 0 || refs[len(refs)-1] != in.InReplyTo {
			refs = append(append([]string(nil), refs...), in.InReplyTo)
		}
		hdr("References", "<"+strings.Join(refs, "> <")+">")
	}
	hdr("MIME-Version", "1.0")
	hdr("Auto-Submitted", "no")
	seed := sha256.Sum256([]byte(in.MessageID))
	alt := "alt-" + hex.EncodeToString(seed[:12])
	if len(in.PDF) == 0 {
		hdr("Content-Type", `multipart/alternative; boundary="`+alt+`"`)
		b.WriteString("\r\n")
		writeAlternative(&b, alt, body, in.Letter.Shop.Name)
		return app.ComposedEmail{MessageID: in.MessageID, To: in.To, Subject: subject, Text: body, Raw: b.Bytes()}, nil
	}
	mixed := "mix-" + hex.EncodeToString(seed[12:24])
	hdr("Content-Type", `multipart/mixed; boundary="`+mixed+`"`)
	b.WriteString("\r\n--" + mixed + "\r\n")
	b.WriteString(`Content-Type: multipart/alternative; boundary="` + alt + "\"\r\n\r\n")
	writeAlternative(&b, alt, body, in.Letter.Shop.Name)
	name := in.PDFName
	if name == "" {
		name = "letter.pdf"
	}
	b.WriteString("\r\n--" + mixed + "\r\n")
	fmt.Fprintf(&b, "Content-Type: application/pdf; name=%q\r\nContent-Disposition: attachment; filename=%q\r\nContent-Transfer-Encoding: base64\r\n\r\n", name, name)
	enc := base64.StdEncoding.EncodeToString(in.PDF)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--" + mixed + "--\r\n")
	return app.ComposedEmail{MessageID: in.MessageID, To: in.To, Subject: subject, Text: body, Raw: b.Bytes()}, nil
}

// writeAlternative writes the plain text and its HTML twin as one multipart/alternative body.
func writeAlternative(b *bytes.Buffer, boundary, text, shop string) {
	b.WriteString("--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	writeQP(b, text)
	b.WriteString("\r\n--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	writeQP(b, htmlOf(text, shop))
	b.WriteString("\r\n--" + boundary + "--\r\n")
}

func writeQP(b *bytes.Buffer, s string) {
	w := quotedprintable.NewWriter(b)
	w.Write([]byte(s))
	w.Close()
}

// htmlOf is the plain text as simple HTML: paragraphs and line breaks, nothing remote.
func htmlOf(text, title string) string {
	var h strings.Builder
	h.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) + "</title></head>\n<body style=\"font-family: sans-serif; font-size: 14px;\">\n")
	for _, p := range strings.Split(strings.TrimSpace(text), "\n\n") {
		h.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(p), "\n", "<br>\n") + "</p>\n")
	}
	h.WriteString("</body></html>\n")
	return h.String()
}
