package data

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"duebook/app"
)

// maxProblems caps the lines of each kind a check reports; the rest are counted.
const maxProblems = 20

// Check runs every check and compares the timeline with the anchors found beside the book: its
// anchor file and the dated backups in the backups folder next to it.
func (s *Store) Check() (app.CheckReport, error) { return s.CheckWith(app.CheckOptions{}) }

// CheckWith is Check with more anchors: backups kept elsewhere and references read off letters.
// Everything is read in one snapshot, so a write meanwhile cannot make it disagree with itself.
func (s *Store) CheckWith(opts app.CheckOptions) (app.CheckReport, error) {
	var rep app.CheckReport
	// The anchor file is read first: it moves after each commit, so it may be behind the
	// snapshot below but never ahead of it, unless the book lost events.
	anchor, anchorErr := readAnchorFile(AnchorPath(s.path))
	tx, err := s.r.BeginTx(bg, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, storageErr(err, "cannot check the database")
	}
	defer tx.Rollback()
	if err := checkIntegrity(tx, &rep); err != nil {
		return rep, err
	}
	n, broken, err := verifyChain(tx)
	if err != nil {
		return rep, storageErr(err, "cannot verify the timeline")
	}
	rep.Events, rep.BrokenAt, rep.ChainOK = n, broken, broken == 0
	if rep.Head, err = headOf(tx); err != nil {
		return rep, storageErr(err, "cannot verify the timeline")
	}
	if err := checkValues(tx, &rep); err != nil {
		return rep, storageErr(err, "cannot compare the stored values with the timeline")
	}
	if err := checkDocuments(tx, &rep); err != nil {
		return rep, storageErr(err, "cannot verify the stored documents")
	}
	rep.Anchors = append(rep.Anchors, s.checkAnchorFile(tx, anchor, anchorErr, rep.Events))
	if err := s.checkAnchors(tx, opts, &rep); err != nil {
		return rep, storageErr(err, "cannot compare the timeline with its anchors")
	}
	return rep, nil
}

// checkIntegrity runs SQLite's own check, the foreign keys and the paid amounts.
func checkIntegrity(tx *sql.Tx, rep *app.CheckReport) error {
	lines, err := strings1(tx, `PRAGMA integrity_check`)
	if err != nil {
		return storageErr(err, "cannot check the database")
	}
	rep.Integrity = lines
	var fk int
	if err := tx.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err == nil && fk > 0 {
		rep.Integrity = append(rep.Integrity, fmt.Sprintf("%d rows refer to rows that do not exist", fk))
	}
	var mismatched int
	if err := tx.QueryRow(`SELECT count(*) FROM invoices i WHERE i.paid <> coalesce((SELECT sum(amount) FROM allocations a WHERE a.invoice_id = i.id), 0)
	+ coalesce((SELECT sum(amount) FROM adjustments j WHERE j.invoice_id = i.id AND j.charge_id IS NULL), 0)`).Scan(&mismatched); err != nil {
		return storageErr(err, "cannot check the paid amounts")
	}
	if mismatched > 0 {
		rep.Integrity = append(rep.Integrity, fmt.Sprintf("%d invoices have a paid amount that does not match their payments", mismatched))
	}
	return nil
}

// checkValues proves that the record of values is the one its events sealed, then replays it:
// every stored row of money or decisions must hold the values last recorded for it.
func checkValues(tx *sql.Tx, rep *app.CheckReport) error {
	seals, err := readSeals(tx)
	if err != nil {
		return err
	}
	if err := checkSeals(tx, seals, rep); err != nil {
		return err
	}
	since := int64(-1)
	for _, sl := range seals {
		if sl.baseline {
			since = sl.From
		}
	}
	if since < 0 {
		rep.Values = append(rep.Values, "the book has no record of its stored values")
		return nil
	}
	cols, err := tableColumns(tx)
	if err != nil {
		return err
	}
	for _, t := range trackedTables {
		if cols[t.name] == nil {
			continue
		}
		if err := compareTable(tx, t, cols[t.name], since, rep); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return nil
}

// seal is one event that seals part of the record.
type seal struct {
	event    int64
	baseline bool
	sealData
}

func readSeals(tx *sql.Tx) ([]seal, error) {
	rows, err := tx.Query(`SELECT id, kind, data FROM events WHERE kind IN ('values', 'baseline') ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []seal
	for rows.Next() {
		var sl seal
		var kind, data string
		if err := rows.Scan(&sl.event, &kind, &data); err != nil {
			return nil, err
		}
		if json.Unmarshal([]byte(data), &sl.sealData) != nil {
			sl.Digest = "unreadable"
		}
		sl.baseline = kind == kindBaseline
		out = append(out, sl)
	}
	return out, rows.Err()
}

// checkSeals proves that the seals follow each other without gap or overlap, that every
// recorded row lies in one, and that each range hashes to what its event sealed.
func checkSeals(tx *sql.Tx, seals []seal, rep *app.CheckReport) error {
	var problems []string
	var prev int64
	for _, sl := range seals {
		if sl.From != prev || sl.To < sl.From {
			problems = append(problems, fmt.Sprintf("event %d seals the record from %d to %d, but the seal before it ended at %d", sl.event, sl.From, sl.To, prev))
		}
		prev = max(prev, sl.To)
	}
	rows, err := tx.Query(`SELECT id, tbl, k1, k2, vals FROM changes ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	i, unsealed := 0, 0
	d := newDigester()
	finish := func() {
		n, sum := d.sum()
		if sl := seals[i]; sl.Rows != n || sl.Digest != sum {
			problems = append(problems, fmt.Sprintf("the values sealed by event %d were changed (%d rows, it sealed %d)", sl.event, n, sl.Rows))
		}
		i, d = i+1, newDigester()
	}
	for rows.Next() {
		var id int64
		var r changeRow
		if err := rows.Scan(&id, &r.tbl, &r.k1, &r.k2, &r.vals); err != nil {
			return err
		}
		for i < len(seals) && id > seals[i].To {
			finish()
		}
		if i < len(seals) && id > seals[i].From {
			d.add(r)
		} else {
			unsealed++
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i < len(seals) {
		finish()
	}
	if unsealed > 0 {
		problems = append(problems, fmt.Sprintf("%d recorded values are sealed by no event: they were added outside Duebook", unsealed))
	}
	rep.Values = append(rep.Values, capped(problems)...)
	return nil
}

// compareTable compares a table with the values last recorded for its rows since the baseline.
// Both are read in key order (the primary key's index and the record's) and merged, one pass
// each, so a book of millions of rows is checked in bounded memory.
func compareTable(tx *sql.Tx, t trackedTable, cols []string, since int64, rep *app.CheckReport) error {
	order := t.k1Of("t")
	if t.k2 != "" {
		order += ", " + t.k2Of("t")
	}
	stored, err := tx.Query(fmt.Sprintf(`SELECT %s, %s, %s FROM main.%s t ORDER BY %s`, t.k1Of("t"), t.k2Of("t"), rowJSON(cols, "t"), t.name, order))
	if err != nil {
		return err
	}
	defer stored.Close()
	recorded, err := tx.Query(`SELECT k1, k2, vals FROM changes WHERE tbl = ? AND id > ? ORDER BY k1, k2, id`, t.name, since)
	if err != nil {
		return err
	}
	defer recorded.Close()
	latest := latestRecords(recorded)
	var problems []string
	s, sok, err := nextRow(stored)
	if err != nil {
		return err
	}
	r, rok, err := latest()
	for err == nil && (sok || rok) {
		c := 0
		switch {
		case !rok:
			c = -1
		case !sok:
			c = 1
		default:
			c = compareKeys(s, r)
		}
		if p := rowProblem(t, cols, s, r, c); p != "" {
			problems = append(problems, p)
		}
		if c <= 0 {
			rep.Rows++
			if s, sok, err = nextRow(stored); err != nil {
				break
			}
		}
		if c >= 0 {
			r, rok, err = latest()
		}
	}
	if err != nil {
		return err
	}
	rep.Values = append(rep.Values, capped(problems)...)
	return nil
}

// keyedRow is a row by its key, with its values as JSON (vals invalid: recorded as deleted).
type keyedRow struct {
	k1, k2 any
	vals   sql.NullString
}

func nextRow(rows *sql.Rows) (keyedRow, bool, error) {
	var r keyedRow
	if !rows.Next() {
		return r, false, rows.Err()
	}
	err := rows.Scan(&r.k1, &r.k2, &r.vals)
	return r, err == nil, err
}

// latestRecords returns, one key after the other, the last record of each row.
func latestRecords(rows *sql.Rows) func() (keyedRow, bool, error) {
	ahead, ok, err := nextRow(rows)
	return func() (keyedRow, bool, error) {
		if err != nil || !ok {
			return keyedRow{}, false, err
		}
		cur := ahead
		for {
			ahead, ok, err = nextRow(rows)
			if err != nil || !ok || compareKeys(ahead, cur) != 0 {
				return cur, true, err
			}
			cur = ahead
		}
	}
}

// compareKeys orders keys as SQLite does: integers by value before text, text byte by byte.
func compareKeys(a, b keyedRow) int {
	if c := compareKey(a.k1, b.k1); c != 0 {
		return c
	}
	return compareKey(a.k2, b.k2)
}

func compareKey(a, b any) int {
	ai, aInt := a.(int64)
	bi, bInt := b.(int64)
	switch {
	case aInt && bInt:
		return cmpInt(ai, bi)
	case aInt:
		return -1
	case bInt:
		return 1
	}
	return strings.Compare(keyText(a), keyText(b))
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func keyText(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// rowProblem says what is wrong with a stored row s and its last record r: c < 0 when only the
// row is there, c > 0 when only the record, 0 when both.
func rowProblem(t trackedTable, cols []string, s, r keyedRow, c int) string {
	switch {
	case c < 0:
		return t.name + " row " + rowKey(t, s.k1, s.k2) + " is not on the timeline: it was added outside Duebook"
	case c > 0 && r.vals.Valid:
		return t.name + " row " + rowKey(t, r.k1, r.k2) + " is missing: the timeline records it"
	case c > 0:
		return ""
	case !r.vals.Valid:
		return t.name + " row " + rowKey(t, s.k1, s.k2) + " was deleted according to the timeline, but it is stored"
	case r.vals.String != s.vals.String:
		return t.name + " row " + rowKey(t, s.k1, s.k2) + ": " + describeDiff(cols, s.vals.String, r.vals.String)
	}
	return ""
}

// rowKey names a row by its key: "12", "3/7" for two columns, a document by its hash's start.
func rowKey(t trackedTable, k1, k2 any) string {
	s := keyText(k1)
	if t.name == "documents" && len(s) > 12 {
		s = s[:12] + "…"
	}
	if t.k2 != "" {
		s += "/" + fmt.Sprint(k2)
	}
	return s
}

// describeDiff says which columns of a row differ from the record, and how.
func describeDiff(cols []string, now, rec string) string {
	a, errA := jsonValues(now)
	b, errB := jsonValues(rec)
	if errA != nil || errB != nil || len(a) != len(b) || len(a) != len(cols) {
		return "its values differ from those the timeline records"
	}
	var diffs []string
	for i := range cols {
		if !bytes.Equal(a[i], b[i]) {
			diffs = append(diffs, fmt.Sprintf("%s is %s, the timeline records %s", cols[i], a[i], b[i]))
		}
	}
	if len(diffs) > 3 {
		diffs = append(diffs[:3], fmt.Sprintf("%d more columns differ", len(diffs)-3))
	}
	return strings.Join(diffs, "; ")
}

func jsonValues(s string) ([]json.RawMessage, error) {
	var v []json.RawMessage
	err := json.Unmarshal([]byte(s), &v)
	return v, err
}

func capped(lines []string) []string {
	if len(lines) <= maxProblems {
		return lines
	}
	return append(lines[:maxProblems:maxProblems], fmt.Sprintf("… and %d more like these", len(lines)-maxProblems))
}

// checkDocuments verifies every stored document against its SHA-256 key, and that every
// document the timeline names is there.
func checkDocuments(tx *sql.Tx, rep *app.CheckReport) error {
	rows, err := tx.Query(`SELECT sha256, size, content FROM documents ORDER BY sha256`)
	if err != nil {
		return err
	}
	var problems []string
	for rows.Next() {
		var key string
		var size int64
		var content []byte
		if err := rows.Scan(&key, &size, &content); err != nil {
			rows.Close()
			return err
		}
		sum := sha256.Sum256(content)
		switch {
		case hex.EncodeToString(sum[:]) != key:
			problems = append(problems, fmt.Sprintf("document %s: its bytes do not match its SHA-256; it was changed after it was stored", short(key)))
		case size != int64(len(content)):
			problems = append(problems, fmt.Sprintf("document %s: it holds %d bytes, %d were stored", short(key), len(content), size))
		default:
			rep.Documents++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.Query(`SELECT e.id, json_extract(e.data, '$.sha256') FROM events e
WHERE e.data LIKE '%"sha256"%' AND json_valid(e.data) AND json_type(e.data, '$.sha256') = 'text'
  AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = json_extract(e.data, '$.sha256')) ORDER BY e.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return err
		}
		problems = append(problems, fmt.Sprintf("document %s, named by event %d, is missing", short(key), id))
	}
	rep.DocumentProblems = capped(problems)
	return rows.Err()
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12] + "…"
	}
	return sha
}

// checkAnchorFile compares the timeline with the anchor file read before the snapshot.
func (s *Store) checkAnchorFile(tx *sql.Tx, h app.ChainHead, readErr error, events int64) app.AnchorCheck {
	a := app.AnchorCheck{Source: "anchor file " + AnchorPath(s.path), Events: h.Events}
	switch {
	case errors.Is(readErr, os.ErrNotExist):
		a.Missing, a.Problem = true, "not found: nothing to compare"
	case readErr != nil:
		a.Problem = "cannot be read: " + readErr.Error()
	default:
		var err error
		if a.OK, a.Problem, err = agrees(tx, h, events); err != nil {
			a.Problem = "cannot be compared: " + err.Error()
		}
	}
	s.rec.anchorMu.Lock()
	defer s.rec.anchorMu.Unlock()
	switch {
	case s.rec.anchorErr != nil && a.OK:
		a.Problem = "Duebook could not move it forward at the last write: " + s.rec.anchorErr.Error()
	case a.OK && h.Events < events:
		a.Problem = fmt.Sprintf("the newest %d events were written without moving it forward (outside Duebook, or while it could not write the file)", events-h.Events)
	}
	return a
}

// checkAnchors compares the timeline with the backups beside the book and those named, and
// with references read off letters.
func (s *Store) checkAnchors(tx *sql.Tx, opts app.CheckOptions, rep *app.CheckReport) error {
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(s.path), "backups", base+"-????-??-??.db"))
	sort.Strings(backups)
	for _, b := range append(backups, opts.Backups...) {
		a := app.AnchorCheck{Source: "backup " + b}
		h, err := backupHead(b)
		if err != nil {
			a.Missing, a.Problem = true, "cannot be read: "+err.Error()
		} else {
			a.Events = h.Events
			if a.OK, a.Problem, err = agrees(tx, h, rep.Events); err != nil {
				return err
			}
		}
		rep.Anchors = append(rep.Anchors, a)
	}
	for _, r := range opts.Records {
		a := app.AnchorCheck{Source: "record " + r.Ref(), Events: r.Events}
		var err error
		if a.OK, a.Problem, err = agrees(tx, r, rep.Events); err != nil {
			return err
		}
		if !a.OK {
			a.Problem += " (unless the reference was misread)"
		}
		rep.Anchors = append(rep.Anchors, a)
	}
	return nil
}

// backupHead reads the head of the timeline in a backup without changing the file.
func backupHead(path string) (app.ChainHead, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return app.ChainHead{}, err
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: abs}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return app.ChainHead{}, err
	}
	defer db.Close()
	return headOf(db)
}
