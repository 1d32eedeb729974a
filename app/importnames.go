package app

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Names from a file may carry characters that change how they look or compare without being
// seen: control characters, bidirectional overrides (which can show "Ann" for a name stored
// backwards) and zero-width characters (which make two equal-looking names differ). They are
// removed before a name is matched or stored, and the report says so.

// invisibleKind tells what an invisible character is, or "" for a character that stays.
func invisibleKind(r rune) string {
	switch {
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return "control character"
	case r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		return "direction override"
	case r >= 0x200b && r <= 0x200d || r >= 0x2060 && r <= 0x2064 || r == 0xfeff || r == 0x180e || r == 0x00ad || r == 0x034f:
		return "zero-width character"
	}
	return ""
}

// CleanName removes control, direction-override and zero-width characters from a name, puts it
// in one Unicode form (NFC) and makes each run of spaces one space. removed describes what was
// taken out ("" when nothing was).
func CleanName(s string) (clean, removed string) {
	var counts map[string]int
	var order []string
	var b strings.Builder
	for _, r := range s {
		kind := invisibleKind(r)
		if kind == "" {
			b.WriteRune(r)
			continue
		}
		if counts == nil {
			counts = map[string]int{}
		}
		if counts[kind]++; counts[kind] == 1 {
			order = append(order, kind)
		}
		if r == '\t' || r == '\n' || r == '\r' {
			b.WriteByte(' ') // a line break inside a name separates words
		}
	}
	clean = strings.Join(strings.Fields(norm.NFC.String(b.String())), " ")
	if len(order) == 0 {
		return clean, ""
	}
	parts := make([]string, len(order))
	for i, k := range order {
		parts[i] = fmt.Sprintf("%d %s", counts[k], k)
		if counts[k] > 1 {
			parts[i] += "s"
		}
	}
	return clean, strings.Join(parts, " and ")
}

// LikeKey is a name with case, accents, punctuation and spacing set aside: two customers whose
// keys are equal are likely one.
func LikeKey(name string) string {
	clean, _ := CleanName(name)
	var b strings.Builder
	for _, r := range norm.NFKD.String(strings.ToLower(clean)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
