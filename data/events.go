package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"duebook/app"
)

var bg = context.Background()

const genesis = app.GenesisChain

// eventContent is the canonical form that an event's hash covers.
func eventContent(id int64, ev app.Event) []byte {
	ev.ID = id
	return app.EventContent(ev)
}

func chainHash(prev, hash string) string { return app.ChainLink(prev, hash) }

// chainTip is the id and chain hash of the newest event.
type chainTip struct {
	id    int64
	chain string
}

func readTip(tx *sql.Tx) (chainTip, error) {
	var t chainTip
	err := tx.QueryRow(`SELECT id, chain FROM events ORDER BY id DESC LIMIT 1`).Scan(&t.id, &t.chain)
	if errors.Is(err, sql.ErrNoRows) {
		return chainTip{0, genesis}, nil
	}
	return t, err
}

// appendEvent writes ev as the next link of the timeline inside tx.
func appendEvent(tx *sql.Tx, ev app.Event) (app.Event, error) {
	tip, err := readTip(tx)
	if err != nil {
		return ev, storageErr(err, "cannot read the timeline")
	}
	return appendAfter(tx, &tip, ev, nil)
}

// appendAfter writes ev after tip and advances tip; stmt, when given, is a prepared insert.
func appendAfter(tx *sql.Tx, tip *chainTip, ev app.Event, stmt *sql.Stmt) (app.Event, error) {
	if ev.At.IsZero() {
		ev.At = time.Now().UTC()
	}
	ev.ID = tip.id + 1
	sum := sha256.Sum256(eventContent(ev.ID, ev))
	ev.Hash = hex.EncodeToString(sum[:])
	ev.Chain = chainHash(tip.chain, ev.Hash)
	var cust any
	if ev.CustomerID != 0 {
		cust = ev.CustomerID
	}
	const q = `INSERT INTO events (id, at, customer_id, kind, summary, data, hash, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	args := []any{ev.ID, ev.At.UTC().Format(time.RFC3339Nano), cust, ev.Kind, ev.Summary, ev.Data, ev.Hash, ev.Chain}
	if stmt != nil {
		_, err := stmt.Exec(args...)
		if err != nil {
			return ev, storageErr(err, "cannot write the timeline")
		}
	} else if _, err := tx.Exec(q, args...); err != nil {
		return ev, storageErr(err, "cannot write the timeline")
	}
	tip.id, tip.chain = ev.ID, ev.Chain
	return ev, nil
}

// Timeline returns a customer's events in date order, newest first (all shop events for
// customerID 0). The events that seal the record of values are left out: they are for the
// check, not for people.
func (s *Store) Timeline(customerID int64, limit int) ([]app.Event, error) {
	return s.TimelineOrdered(customerID, limit, false)
}

// TimelineOrdered returns a customer's events by the time they happened (the day worked on, so
// an entry made with --as-of for an earlier day sits among that day's), newest or oldest first;
// events of the same moment keep the order they were written in.
func (s *Store) TimelineOrdered(customerID int64, limit int, oldestFirst bool) ([]app.Event, error) {
	order := "ORDER BY at DESC, id DESC"
	if oldestFirst {
		order = "ORDER BY at, id"
	}
	q := `SELECT id, at, coalesce(customer_id, 0), kind, summary, data, hash, chain FROM events WHERE customer_id = ? AND kind NOT IN ('values', 'baseline') ` + order + ` LIMIT ?`
	args := []any{customerID, limit}
	if customerID == 0 {
		q = `SELECT id, at, coalesce(customer_id, 0), kind, summary, data, hash, chain FROM events WHERE kind NOT IN ('values', 'baseline') ` + order + ` LIMIT ?`
		args = args[1:]
	}
	rows, err := s.r.Query(q, args...)
	if err != nil {
		return nil, storageErr(err, "cannot read the timeline")
	}
	defer rows.Close()
	var out []app.Event
	for rows.Next() {
		var ev app.Event
		var at string
		if err := rows.Scan(&ev.ID, &at, &ev.CustomerID, &ev.Kind, &ev.Summary, &ev.Data, &ev.Hash, &ev.Chain); err != nil {
			return nil, storageErr(err, "cannot read the timeline")
		}
		ev.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, ev)
	}
	return out, rows.Err()
}

// verifyChain recomputes every event's hash and chain; it returns the first id that does not match.
func verifyChain(q queryer) (count, brokenAt int64, err error) {
	rows, err := q.Query(`SELECT id, at, coalesce(customer_id, 0), kind, summary, data, hash, chain FROM events ORDER BY id`)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	prev := genesis
	var expectID int64 = 1
	for rows.Next() {
		var ev app.Event
		var at string
		if err := rows.Scan(&ev.ID, &at, &ev.CustomerID, &ev.Kind, &ev.Summary, &ev.Data, &ev.Hash, &ev.Chain); err != nil {
			return count, 0, err
		}
		count++
		if brokenAt != 0 {
			continue // the events after a break are still counted
		}
		t, perr := time.Parse(time.RFC3339Nano, at)
		ev.At = t
		sum := sha256.Sum256(eventContent(ev.ID, ev))
		if perr != nil || ev.ID != expectID || hex.EncodeToString(sum[:]) != ev.Hash || chainHash(prev, ev.Hash) != ev.Chain {
			brokenAt = ev.ID
			continue
		}
		prev = ev.Chain
		expectID++
	}
	return count, brokenAt, rows.Err()
}
