package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"sync"

	"duebook/app"
)

// The record of values: temporary triggers on the writer connection add the new values of every
// row of money or decisions that a transaction writes to the changes table; before it commits,
// one timeline event (kind "values") seals the rows it added with their id range, count and
// SHA-256, so the hash chain covers them. A program that edits the file directly has no such
// triggers, so what it changes is missing from the record, and `check` finds it.

// trackedTable is a table of money or decisions, with its primary key (k2 "" for one column).
type trackedTable struct {
	name, k1, k2 string
}

var trackedTables = []trackedTable{
	{"customers", "id", ""}, {"invoices", "id", ""}, {"invoice_lines", "invoice_id", "pos"},
	{"payments", "id", ""}, {"allocations", "payment_id", "invoice_id"},
	{"charges", "id", ""}, {"charge_allocations", "payment_id", "charge_id"},
	{"actions", "id", ""}, {"promises", "id", ""}, {"disputes", "id", ""},
	{"plans", "id", ""}, {"plan_invoices", "plan_id", "invoice_id"}, {"installments", "plan_id", "number"},
	{"calls", "id", ""}, {"documents", "sha256", ""}, {"adjustments", "id", ""}, {"payables", "id", ""},
	{"policies", "id", ""}, {"settings", "key", ""}, {"rate_entries", "id", ""}, {"rate_series", "series", ""},
}

// k2Of is the second key column of a row alias, or 0 for tables keyed by one column.
func (t trackedTable) k2Of(alias string) string {
	if t.k2 == "" {
		return "0"
	}
	return col(alias, t.k2)
}

// k1Of is the first key column of a row alias.
func (t trackedTable) k1Of(alias string) string { return col(alias, t.k1) }

func col(alias, name string) string { return alias + `."` + name + `"` }

// Kinds of the timeline events that seal the record of values.
const (
	kindValues   = "values"
	kindBaseline = "baseline"
)

// recorder is the store's state of the record of values and of the anchor file.
type recorder struct {
	mu        sync.Mutex
	triggers  int   // temporary triggers installed on the writer connection
	madeAt    int64 // the schema version they were made for (their column lists)
	ready     bool  // the book has the changes table
	migrating bool  // migrations run: no triggers; the last step records the whole book
	baselined bool  // the book has a baseline
	force     string
	fresh     bool // this store created the book
	cols      map[string][]string
	colsAt    int64

	anchorMu  sync.Mutex
	anchorErr error
}

// queryer is what reads: the read pool, the writer, or a transaction.
type queryer interface {
	Query(q string, args ...any) (*sql.Rows, error)
	QueryRow(q string, args ...any) *sql.Row
}

// sealData is what a values event carries: the range of record ids it seals (after From, up to
// and including To), their count and their SHA-256.
type sealData struct {
	From   int64  `json:"from"`
	To     int64  `json:"to"`
	Rows   int64  `json:"rows"`
	Digest string `json:"digest"`
}

// beginValues makes sure the writer connection records what this transaction writes.
func (s *Store) beginValues(tx *sql.Tx) error {
	if s.rec.migrating {
		// A migration may drop or rebuild a column the triggers name: they go, and come back after.
		if s.rec.triggers == 0 {
			return nil
		}
		s.rec.triggers = 0
		return dropTriggers(tx)
	}
	var n, ready int
	var version int64
	err := tx.QueryRow(`SELECT (SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'),
(SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = 'changes'), (SELECT schema_version FROM pragma_schema_version)`).Scan(&n, &ready, &version)
	if err != nil {
		return storageErr(err, "cannot prepare the record of values")
	}
	s.rec.ready = ready == 1
	if !s.rec.ready || (n > 0 && n == s.rec.triggers && version == s.rec.madeAt) {
		return nil
	}
	if err := s.installTriggers(tx, version); err != nil {
		return storageErr(err, "cannot prepare the record of values")
	}
	return nil
}

// installTriggers (re)creates the triggers with the tables' current columns. A rolled-back
// transaction or a changed schema loses or outdates them; the count and version tell.
func (s *Store) installTriggers(tx *sql.Tx, version int64) error {
	if err := dropTriggers(tx); err != nil {
		return err
	}
	cols, err := s.columns(tx)
	if err != nil {
		return err
	}
	var stmts []string
	for _, t := range trackedTables {
		c := cols[t.name]
		if c == nil {
			continue
		}
		k1n, k2n, k1o, k2o := t.k1Of("NEW"), t.k2Of("NEW"), t.k1Of("OLD"), t.k2Of("OLD")
		put := fmt.Sprintf(`INSERT INTO changes (tbl, k1, k2, vals) VALUES ('%s', %s, %s, %s);`, t.name, k1n, k2n, rowJSON(c, "NEW"))
		gone := fmt.Sprintf(`INSERT INTO changes (tbl, k1, k2, vals) SELECT '%s', %s, %s, NULL`, t.name, k1o, k2o)
		stmts = append(stmts,
			fmt.Sprintf(`CREATE TEMP TRIGGER duebook_%s_i AFTER INSERT ON main.%s BEGIN %s END`, t.name, t.name, put),
			fmt.Sprintf(`CREATE TEMP TRIGGER duebook_%s_u AFTER UPDATE ON main.%s BEGIN %s WHERE %s IS NOT %s OR %s IS NOT %s; %s END`,
				t.name, t.name, gone, k1o, k1n, k2o, k2n, put),
			fmt.Sprintf(`CREATE TEMP TRIGGER duebook_%s_d AFTER DELETE ON main.%s BEGIN %s; END`, t.name, t.name, gone))
	}
	for _, q := range stmts {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	s.rec.triggers, s.rec.madeAt = len(stmts), version
	return nil
}

func dropTriggers(tx *sql.Tx) error {
	names, err := strings1(tx, `SELECT name FROM temp.sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := tx.Exec(`DROP TRIGGER temp."` + n + `"`); err != nil {
			return err
		}
	}
	return nil
}

// sealValues seals the rows the transaction added to the record with a timeline event, first
// recording the whole book when it has no baseline yet. It returns what to remember once the
// transaction has committed.
func (s *Store) sealValues(tx *sql.Tx) (func(), error) {
	none := func() {}
	if s.rec.migrating || !s.rec.ready {
		return none, nil
	}
	last, baselined, err := s.lastSeal(tx)
	if err != nil {
		return none, storageErr(err, "cannot record the values")
	}
	reason := s.rec.force
	if reason == "" && !baselined {
		reason = "Duebook was brought up to date"
	}
	var top int64
	if err := tx.QueryRow(`SELECT coalesce(max(id), 0) FROM changes`).Scan(&top); err != nil {
		return none, storageErr(err, "cannot record the values")
	}
	if reason == "" && top == last {
		return none, nil
	}
	return s.seal(tx, last, reason)
}

// lastSeal is where the newest seal ends, and whether the book has a baseline.
func (s *Store) lastSeal(tx *sql.Tx) (int64, bool, error) {
	var data string
	err := tx.QueryRow(`SELECT data FROM events WHERE kind IN ('values', 'baseline') ORDER BY id DESC LIMIT 1`).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	var sd sealData
	if err := json.Unmarshal([]byte(data), &sd); err != nil {
		return 0, false, fmt.Errorf("the newest seal of the record is unreadable: %w", err)
	}
	if s.rec.baselined {
		return sd.To, true, nil
	}
	var has int
	err = tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM events WHERE kind IN ('values', 'baseline') AND kind = 'baseline')`).Scan(&has)
	return sd.To, has == 1, err
}

// sealMigration records the whole book at the end of the last migration, in its transaction,
// so that the record always has the columns the tables have.
func (s *Store) sealMigration(tx *sql.Tx) error {
	last, _, err := s.lastSeal(tx)
	if err != nil {
		return err
	}
	after, err := s.seal(tx, last, "Duebook was brought up to date")
	if err != nil {
		return err
	}
	after()
	return nil
}

// seal appends the event that seals the record after id from; with a reason, it first records
// every stored row (a baseline).
func (s *Store) seal(tx *sql.Tx, from int64, reason string) (func(), error) {
	tip, err := readTip(tx)
	if err != nil {
		return nil, storageErr(err, "cannot read the timeline")
	}
	fresh := reason != "" && tip.id == 0
	if fresh {
		reason = "a new book"
	}
	if reason != "" {
		if err := s.recordAll(tx); err != nil {
			return nil, storageErr(err, "cannot record the values")
		}
	}
	sd := sealData{From: from}
	if err := tx.QueryRow(`SELECT coalesce(max(id), 0) FROM changes`).Scan(&sd.To); err != nil {
		return nil, storageErr(err, "cannot record the values")
	}
	if sd.Rows, sd.Digest, err = digestRange(tx, sd.From, sd.To); err != nil {
		return nil, storageErr(err, "cannot record the values")
	}
	ev := app.Event{At: s.clock.Now(), Kind: kindValues, Summary: fmt.Sprintf("Stored values recorded (%d rows)", sd.Rows)}
	if reason != "" {
		ev.Kind, ev.Summary = kindBaseline, fmt.Sprintf("Stored values recorded as they stand (%d rows): %s", sd.Rows, reason)
	}
	data, _ := json.Marshal(sd)
	ev.Data = string(data)
	if _, err := appendAfter(tx, &tip, ev, nil); err != nil {
		return nil, err
	}
	return func() {
		if reason != "" {
			s.rec.baselined, s.rec.force = true, ""
		}
		s.rec.fresh = s.rec.fresh || fresh
	}, nil
}

// recordAll adds every stored row of the tracked tables to the record, in key order (which
// the primary key's index gives without sorting).
func (s *Store) recordAll(tx *sql.Tx) error {
	cols, err := s.columns(tx)
	if err != nil {
		return err
	}
	for _, t := range trackedTables {
		c := cols[t.name]
		if c == nil {
			continue
		}
		order := t.k1Of("t")
		if t.k2 != "" {
			order += ", " + t.k2Of("t")
		}
		q := fmt.Sprintf(`INSERT INTO changes (tbl, k1, k2, vals) SELECT '%s', %s, %s, %s FROM main.%s t ORDER BY %s`,
			t.name, t.k1Of("t"), t.k2Of("t"), rowJSON(c, "t"), t.name, order)
		if _, err := tx.Exec(q); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return nil
}

// digestRange reads the record after id from up to id to, and returns its count and digest.
func digestRange(q queryer, from, to int64) (int64, string, error) {
	rows, err := q.Query(`SELECT tbl, k1, k2, vals FROM changes WHERE id > ? AND id <= ? ORDER BY id`, from, to)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	d := newDigester()
	for rows.Next() {
		var r changeRow
		if err := rows.Scan(&r.tbl, &r.k1, &r.k2, &r.vals); err != nil {
			return 0, "", err
		}
		d.add(r)
	}
	n, sum := d.sum()
	return n, sum, rows.Err()
}

// changeRow is one recorded row as the digest covers it.
type changeRow struct {
	tbl    string
	k1, k2 any
	vals   sql.NullString
}

type digester struct {
	h   hash.Hash
	buf []byte
	n   int64
}

func newDigester() *digester { return &digester{h: sha256.New()} }

// add hashes a row in an unambiguous form: each field typed and length-prefixed, one per line.
func (d *digester) add(r changeRow) {
	b := append(d.buf[:0], 't')
	b = field(b, r.tbl)
	for _, k := range []any{r.k1, r.k2} {
		switch v := k.(type) {
		case int64:
			b = strconv.AppendInt(append(b, 'i'), v, 10)
			b = append(b, ';')
		case string:
			b = field(append(b, 's'), v)
		case []byte:
			b = field(append(b, 's'), string(v))
		default:
			b = field(append(b, 'x'), fmt.Sprint(v))
		}
	}
	if r.vals.Valid {
		b = field(append(b, 'v'), r.vals.String)
	} else {
		b = append(b, 'n')
	}
	d.buf = append(b, '\n')
	d.h.Write(d.buf)
	d.n++
}

func field(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	return append(append(b, ':'), s...)
}

func (d *digester) sum() (int64, string) { return d.n, hex.EncodeToString(d.h.Sum(nil)) }

// rowJSON is the SQL that renders a row's columns as a JSON array.
func rowJSON(cols []string, alias string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = col(alias, c)
	}
	return "json_array(" + strings.Join(parts, ", ") + ")"
}

// columns lists the recorded columns of each tracked table that exists, in table order. A
// document's bytes are left out: its SHA-256 key proves them.
func (s *Store) columns(q queryer) (map[string][]string, error) {
	var version int64
	if err := q.QueryRow(`PRAGMA main.schema_version`).Scan(&version); err != nil {
		return nil, err
	}
	if s.rec.cols != nil && s.rec.colsAt == version {
		return s.rec.cols, nil
	}
	cols, err := tableColumns(q)
	if err != nil {
		return nil, err
	}
	s.rec.cols, s.rec.colsAt = cols, version
	return cols, nil
}

func tableColumns(q queryer) (map[string][]string, error) {
	out := map[string][]string{}
	for _, t := range trackedTables {
		rows, err := q.Query(`SELECT name, upper(type) FROM pragma_table_info(?, 'main') ORDER BY cid`, t.name)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name, typ string
			if err := rows.Scan(&name, &typ); err != nil {
				rows.Close()
				return nil, err
			}
			if typ != "BLOB" {
				out[t.name] = append(out[t.name], name)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// rebaseline records every stored row as it stands, for a book written without the record
// (the sample shop is generated in bulk, by one goroutine, before anyone else writes).
func (s *Store) rebaseline(reason string) error {
	s.rec.force = reason
	err := s.tx(bg, func(*sql.Tx) error { return nil })
	s.rec.force = ""
	return err
}

// strings1 reads the first column of a query's rows as text.
func strings1(q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
