package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// GenesisChain is the chain value before the first event of a book.
const GenesisChain = "0000000000000000000000000000000000000000000000000000000000000000"

// EventContent is the canonical form that an event's hash covers. It is written down here, in
// one place, because a hand-off bundle lets people outside the shop recompute it.
func EventContent(ev Event) []byte {
	b, _ := json.Marshal(struct {
		ID       int64  `json:"id"`
		At       string `json:"at"`
		Customer int64  `json:"customer"`
		Kind     string `json:"kind"`
		Summary  string `json:"summary"`
		Data     string `json:"data"`
	}{ev.ID, ev.At.UTC().Format(time.RFC3339Nano), ev.CustomerID, ev.Kind, ev.Summary, ev.Data})
	return b
}

// EventHash is the hex SHA-256 of an event's canonical content.
func EventHash(ev Event) string {
	sum := sha256.Sum256(EventContent(ev))
	return hex.EncodeToString(sum[:])
}

// ChainLink is the chain value after an event: the SHA-256 of the previous chain value and the
// event's hash, both in hex.
func ChainLink(prev, hash string) string {
	h := sha256.Sum256([]byte(prev + hash))
	return hex.EncodeToString(h[:])
}
