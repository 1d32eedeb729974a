package app

import (
	"fmt"
	"strconv"
	"strings"
)

// ChainHead is the newest link of the timeline's hash chain: how many events the book holds and
// the chain hash of the last. Kept outside the book (the anchor file, backups, the reference
// printed on letters), it shows when the timeline was cut short or rewritten.
type ChainHead struct {
	Events int64
	Chain  string // the full hash, or its first characters when read from a printed reference
}

// refHex is how many characters of the chain hash a printed reference carries.
const refHex = 8

// Ref is the short record reference printed on letters: "1234·3fa9c21b".
func (h ChainHead) Ref() string {
	c := h.Chain
	if len(c) > refHex {
		c = c[:refHex]
	}
	return fmt.Sprintf("%d·%s", h.Events, c)
}

// ParseRecordRef reads a record reference as printed on a letter ("Record 1234·3fa9c21b"); a
// dash, dot, colon or space may stand for the middle dot.
func ParseRecordRef(s string) (ChainHead, error) {
	t := strings.TrimSpace(s)
	for _, w := range []string{"Record", "record", "Protokoll", "protokoll"} {
		t = strings.TrimSpace(strings.TrimPrefix(t, w))
	}
	num, hash, ok := strings.Cut(strings.NewReplacer("·", " ", "-", " ", ".", " ", ":", " ").Replace(t), " ")
	hash = strings.ToLower(strings.TrimSpace(hash))
	n, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil || n < 0 || len(hash) < 6 || len(hash) > 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return ChainHead{}, Errorf(CodeInvalid, "%q is not a record reference; it looks like 1234·3fa9c21b (the number of events, then the start of the hash)", s)
	}
	return ChainHead{Events: n, Chain: hash}, nil
}

// CheckOptions name anchors to compare beside those found next to the book.
type CheckOptions struct {
	Backups []string    // backup files kept elsewhere
	Records []ChainHead // references read off printed letters
}

// AnchorCheck is one comparison of the timeline with a record of it kept outside the book.
type AnchorCheck struct {
	Source  string // "anchor file …", "backup …", "record 1234·3fa9c21b"
	Events  int64  // how many events the anchor saw
	OK      bool
	Missing bool   // nothing to compare (no anchor file yet): not a failure
	Problem string // what disagrees, in words
}

// CheckReport is the result of a database check.
type CheckReport struct {
	Integrity []string // "ok" or the problems SQLite found
	Events    int64
	ChainOK   bool
	BrokenAt  int64 // first event whose hash does not match, when !ChainOK
	Head      ChainHead
	// Rows is how many stored rows of money and decisions were compared with the values the
	// timeline records; Values lists those that differ, by table and row.
	Rows   int64
	Values []string
	// Documents counts the stored documents whose bytes match their SHA-256; DocumentProblems
	// names those that do not, or that the timeline names and are gone.
	Documents        int
	DocumentProblems []string
	Anchors          []AnchorCheck
}

// OK is true when the file is sound, the timeline unedited, the stored values those the
// timeline records, every document intact and every anchor in agreement.
func (r CheckReport) OK() bool {
	if len(r.Integrity) != 1 || r.Integrity[0] != "ok" || !r.ChainOK || len(r.Values) > 0 || len(r.DocumentProblems) > 0 {
		return false
	}
	for _, a := range r.Anchors {
		if !a.OK && !a.Missing {
			return false
		}
	}
	return true
}
