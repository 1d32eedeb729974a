package mailbox

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"

	"duebook/app"
)

// maxPartDepth bounds nested multiparts in a received message.
const maxPartDepth = 8

// Parse reads a received message as well as it can: broken MIME or an unknown charset gives
// what could be read, never an error; the raw bytes are kept as received.
func Parse(raw []byte) app.IncomingMail {
	in := app.IncomingMail{Raw: raw}
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		in.Text = readable(raw)
		return in
	}
	h := m.Header
	in.MessageID = first(msgIDs(h.Get("Message-ID")))
	in.InReplyTo = msgIDs(h.Get("In-Reply-To"))
	in.References = msgIDs(h.Get("References"))
	if a, err := mail.ParseAddress(h.Get("From")); err == nil {
		in.From = strings.ToLower(a.Address)
	}
	in.Subject = decodeWords(h.Get("Subject"))
	in.Date, _ = h.Date()
	body, _ := io.ReadAll(io.LimitReader(m.Body, 32<<20))
	ct := h.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	if mt == "multipart/report" && strings.EqualFold(params["report-type"], "delivery-status") {
		in.Bounce = true
	}
	walk(&in, textproto.MIMEHeader(h), body, 0)
	if in.Bounce && len(in.Failed) == 0 && strings.Contains(strings.ToLower(in.From), "mailer-daemon") {
		in.Failed = scanRecipients(in.Text)
	}
	return in
}

// walk collects the plain text, and from a delivery report the failed recipients and the
// Message-ID of the message that bounced.
func walk(in *app.IncomingMail, h textproto.MIMEHeader, body []byte, depth int) {
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		mt = "text/plain"
	}
	switch {
	case strings.HasPrefix(mt, "multipart/") && depth < maxPartDepth:
		r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := r.NextRawPart()
			if err != nil {
				break
			}
			b, _ := io.ReadAll(p)
			walk(in, p.Header, b, depth+1)
		}
		if in.Text == "" && params["boundary"] == "" {
			in.Text = readable(body)
		}
	case mt == "message/delivery-status":
		in.Bounce = true
		in.Failed = append(in.Failed, failedRecipients(body)...)
	case mt == "text/rfc822-headers" || mt == "message/rfc822":
		if orig, err := mail.ReadMessage(bytes.NewReader(body)); err == nil {
			if id := first(msgIDs(orig.Header.Get("Message-ID"))); id != "" {
				in.References = append(in.References, id)
			}
		} else if tp, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(body, '\r', '\n', '\r', '\n')))).ReadMIMEHeader(); err == nil {
			if id := first(msgIDs(tp.Get("Message-ID"))); id != "" {
				in.References = append(in.References, id)
			}
		}
	case mt == "text/plain" && in.Text == "":
		in.Text = decodeText(unTransfer(h.Get("Content-Transfer-Encoding"), body), params["charset"])
	}
}

// failedRecipients reads the per-recipient fields of a delivery status report.
func failedRecipients(b []byte) []string {
	var out []string
	var rcpt, action string
	flush := func() {
		if rcpt != "" && (action == "" || strings.EqualFold(action, "failed")) {
			out = append(out, strings.ToLower(rcpt))
		}
		rcpt, action = "", ""
	}
	for _, line := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			if strings.TrimSpace(line) == "" {
				flush()
			}
			continue
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "final-recipient", "original-recipient":
			if _, addr, ok := strings.Cut(v, ";"); ok && rcpt == "" {
				rcpt = strings.TrimSpace(addr)
			}
		case "action":
			action = strings.TrimSpace(v)
		}
	}
	flush()
	return out
}

// scanRecipients finds addresses in a bounce that has no machine-readable report.
func scanRecipients(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		f = strings.Trim(f, "<>,;:()\"'")
		if app.CheckEmailAddress(f) == nil {
			out = append(out, strings.ToLower(f))
		}
	}
	return out
}

func unTransfer(enc string, b []byte) []byte {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "quoted-printable":
		if d, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(b))); err == nil {
			return d
		}
	case "base64":
		clean := bytes.Map(func(r rune) rune {
			if r == '\r' || r == '\n' || r == ' ' {
				return -1
			}
			return r
		}, b)
		if d, err := base64.StdEncoding.DecodeString(string(clean)); err == nil {
			return d
		}
	}
	return b
}

// decodeText turns text in its charset into UTF-8; an unknown charset is read as UTF-8 with
// what cannot be read replaced.
func decodeText(b []byte, charset string) string {
	cs := strings.ToLower(strings.TrimSpace(charset))
	if cs != "" && cs != "utf-8" && cs != "us-ascii" {
		if enc, err := htmlindex.Get(cs); err == nil {
			if d, err := enc.NewDecoder().Bytes(b); err == nil {
				return string(d)
			}
		}
	}
	return readable(b)
}

func readable(b []byte) string {
	return strings.ToValidUTF8(string(b), string(utf8.RuneError))
}

var wordDecoder = &mime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
	if enc, err := htmlindex.Get(charset); err == nil {
		return enc.NewDecoder().Reader(r), nil
	}
	return r, nil // unknown: keep the bytes, shown as well as possible
}}

func decodeWords(s string) string {
	if d, err := wordDecoder.DecodeHeader(s); err == nil {
		return readable([]byte(d))
	}
	return readable([]byte(s))
}

// msgIDs reads the ids of a Message-ID, In-Reply-To or References header, without brackets.
func msgIDs(v string) []string {
	var out []string
	for {
		i := strings.IndexByte(v, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(v[i:], '>')
		if j < 0 {
			break
		}
		if id := strings.TrimSpace(v[i+1 : i+j]); id != "" {
			out = append(out, id)
		}
		v = v[i+j+1:]
	}
	return out
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// parseHeader reads a header block as the server returned it.
func parseHeader(b []byte) mail.Header {
	m, err := mail.ReadMessage(bytes.NewReader(append(bytes.TrimRight(b, "\r\n"), "\r\n\r\n"...)))
	if err != nil {
		return mail.Header{}
	}
	return m.Header
}
