package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"duebook/app"
)

// The record of values: temporary triggers on the writer connection note every row of money or
// decisions that a transaction writes; before it commits, the new values of those rows are
// added to the changes table and sealed by one timeline event (kind "values") whose data holds
// their count and SHA-256. A program that edits the file directly has no such triggers, so what
// it changes is missing from the record, and `check` finds it.

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
	{"calls", "id", ""}, {"documents", "sha256", ""},
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

// migrationCode marks in the pending list that a migration ran: the record starts afresh.
const migrationCode = -1

// Kinds of the timeline events that seal the record of values.
const (
	kindValues   = "values"
	kindBaseline = "baseline"
)

// recorder is the store's state of the record of values and of the anchor file.
type recorder struct {
	mu        sync.Mutex
	triggers  int  // temporary triggers installed on the writer connection
	ready     bool // the book has the changes table
	baselined bool // the book has a baseline
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

// beginValues makes sure the writer connection notes what this transaction writes.
func (s *Store) beginValues(tx *sql.Tx) error {
	var n, ready int
	err := tx.QueryRow(`SELECT (SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'),
(SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = 'changes')`).Scan(&n, &ready)
	if err != nil {
		return storageErr(err, "cannot prepare the record of values")
	}
	s.rec.ready = ready == 1
	if !s.rec.ready || (n > 0 && n == s.rec.triggers) {
		return nil
	}
	if err := s.installTriggers(tx); err != nil {
		return storageErr(err, "cannot prepare the record of values")
	}
	return nil
}

// installTriggers (re)creates the pending list and the triggers that fill it. A rolled-back
// transaction or a rebuilt table loses them; the count tells, and they are made again.
func (s *Store) installTriggers(tx *sql.Tx) error {
	names, err := strings1(tx, `SELECT name FROM temp.sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := tx.Exec(`DROP TRIGGER temp."` + n + `"`); err != nil {
			return err
		}
	}
	stmts := []string{
		`CREATE TEMP TABLE IF NOT EXISTS duebook_pending (seq INTEGER PRIMARY KEY, tbl INTEGER NOT NULL, k1 NOT NULL, k2 NOT NULL)`,
		fmt.Sprintf(`CREATE TEMP TRIGGER duebook_migration AFTER INSERT ON main.schema_migrations BEGIN %s END`, notePending(migrationCode, "0", "0")),
	}
	cols, err := s.columns(tx)
	if err != nil {
		return err
	}
	for code, t := range trackedTables {
		if cols[t.name] == nil {
			continue
		}
		k1n, k2n, k1o, k2o := t.k1Of("NEW"), t.k2Of("NEW"), t.k1Of("OLD"), t.k2Of("OLD")
		stmts = append(stmts,
			fmt.Sprintf(`CREATE TEMP TRIGGER duebook_%s_i AFTER INSERT ON main.%s BEGIN %s END`, t.name, t.name, notePending(code, k1n, k2n)),
			fmt.Sprintf(`CREATE TEMP TRIGGER duebook_%s_u AFTER UPDATE ON main.%s BEGIN %s %s END`, t.name, t.name, notePending(code, k1n, k2n),
				strings.TrimSuffix(notePending(code, k1o, k2o), ";")+fmt.Sprintf(` WHERE %s IS NOT %s OR %s IS NOT %s;`, k1o, k1n, k2o, k2n)),
			fmt.Sprintf(`CREATE TEMP TRIGGER duebook_%s_d AFTER DELETE ON main.%s BEGIN %s END`, t.name, t.name, notePending(code, k1o, k2o)))
	}
	for _, q := range stmts {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	s.rec.triggers = len(stmts) - 1
	return nil
}

// notePending is the trigger step that notes a row. A row noted twice is recorded once: the
// record groups the list (a check for duplicates here would cost more, row by row).
func notePending(code int, k1, k2 string) string {
	return fmt.Sprintf(`INSERT INTO duebook_pending (tbl, k1, k2) SELECT %d, %s, %s;`, code, k1, k2)
}

// sealValues records the new values of every row the transaction wrote and seals them with a
// timeline event. It returns what to remember once the transaction has committed.
func (s *Store) sealValues(tx *sql.Tx) (func(), error) {
	none := func() {}
	if !s.rec.ready {
		// The migration that creates the record may have run in this very transaction.
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = 'changes'`).Scan(&n); err != nil {
			return none, storageErr(err, "cannot record the values")
		}
		if n == 0 {
			return none, nil
		}
		s.rec.ready = true
	}
	var codes []int
	if s.rec.triggers > 0 {
		var err error
		if codes, err = ints(tx, `SELECT DISTINCT tbl FROM duebook_pending ORDER BY tbl`); err != nil {
			return none, storageErr(err, "cannot record the values")
		}
	}
	reason := s.rec.force
	if reason == "" && !s.rec.baselined {
		var has int
		if err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM events WHERE kind IN ('values', 'baseline') AND kind = 'baseline')`).Scan(&has); err != nil {
			return none, storageErr(err, "cannot record the values")
		}
		if has == 0 {
			reason = "Duebook was brought up to date"
		}
	}
	if reason == "" && len(codes) > 0 && codes[0] == migrationCode {
		reason = "Duebook was brought up to date"
	}
	if reason == "" && len(codes) == 0 {
		return none, nil
	}
	tip, err := readTip(tx)
	if err != nil {
		return none, storageErr(err, "cannot read the timeline")
	}
	fresh := reason != "" && tip.id == 0
	if fresh {
		reason = "a new book"
	}
	rows, digest, err := s.recordRows(tx, tip.id+1, reason != "", codes)
	if err != nil {
		return none, storageErr(err, "cannot record the values")
	}
	if s.rec.triggers > 0 {
		if _, err := tx.Exec(`DELETE FROM duebook_pending`); err != nil {
			return none, storageErr(err, "cannot record the values")
		}
	}
	ev := app.Event{At: s.clock.Now(), Kind: kindValues, Summary: fmt.Sprintf("Stored values recorded (%d rows)", rows)}
	if reason != "" {
		ev.Kind, ev.Summary = kindBaseline, fmt.Sprintf("Stored values recorded as they stand (%d rows): %s", rows, reason)
	}
	data, _ := json.Marshal(sealData{Rows: rows, Digest: digest})
	ev.Data = string(data)
	if _, err := appendAfter(tx, &tip, ev, nil); err != nil {
		return none, err
	}
	return func() {
		if reason != "" {
			s.rec.baselined, s.rec.force = true, ""
		}
		s.rec.fresh = s.rec.fresh || fresh
	}, nil
}

// sealData is what a values event carries: the count and SHA-256 of the rows it seals.
type sealData struct {
	Rows   int64  `json:"rows"`
	Digest string `json:"digest"`
}

// recordRows adds the changed rows (or, for a baseline, every row) to the changes table under
// eventID and returns how many it added and their digest.
func (s *Store) recordRows(tx *sql.Tx, eventID int64, baseline bool, codes []int) (int64, string, error) {
	var start int64
	if err := tx.QueryRow(`SELECT coalesce(max(id), 0) FROM changes`).Scan(&start); err != nil {
		return 0, "", err
	}
	cols, err := s.columns(tx)
	if err != nil {
		return 0, "", err
	}
	for code, t := range trackedTables {
		c := cols[t.name]
		if c == nil {
			continue
		}
		var q string
		if baseline {
			q = fmt.Sprintf(`INSERT INTO changes (event_id, tbl, k1, k2, vals) SELECT ?, '%s', %s, %s, %s FROM main.%s t ORDER BY 3, 4`,
				t.name, t.k1Of("t"), t.k2Of("t"), rowJSON(c, "t"), t.name)
		} else if hasCode(codes, code) {
			q = fmt.Sprintf(`INSERT INTO changes (event_id, tbl, k1, k2, vals) SELECT ?, '%s', p.k1, p.k2,
(SELECT %s FROM main.%s t WHERE %s = p.k1 AND %s = p.k2)
FROM (SELECT k1, k2, min(seq) AS seq FROM duebook_pending WHERE tbl = %d GROUP BY k1, k2) p ORDER BY p.seq`,
				t.name, rowJSON(c, "t"), t.name, t.k1Of("t"), t.k2Of("t"), code)
		} else {
			continue
		}
		if _, err := tx.Exec(q, eventID); err != nil {
			return 0, "", fmt.Errorf("%s: %w", t.name, err)
		}
	}
	d := newDigester()
	rows, err := tx.Query(`SELECT `+changeLine+` FROM changes WHERE id > ? ORDER BY id`, start)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return 0, "", err
		}
		d.add(line)
	}
	n, sum := d.sum()
	return n, sum, rows.Err()
}

// changeLine is the canonical text of one recorded row that the digest covers.
const changeLine = `json_array(tbl, k1, k2, vals)`

type digester struct {
	h interface {
		Write([]byte) (int, error)
		Sum([]byte) []byte
	}
	n int64
}

func newDigester() *digester { return &digester{h: sha256.New()} }

func (d *digester) add(line string) {
	d.h.Write([]byte(line))
	d.h.Write([]byte{'\n'})
	d.n++
}

func (d *digester) sum() (int64, string) { return d.n, hex.EncodeToString(d.h.Sum(nil)) }

func hasCode(codes []int, c int) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}

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
// (the sample shop is generated in bulk).
func (s *Store) rebaseline(reason string) error {
	s.rec.force = reason
	err := s.tx(bg, func(*sql.Tx) error { return nil })
	s.rec.force = ""
	return err
}

func ints(q queryer, query string, args ...any) ([]int, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

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
