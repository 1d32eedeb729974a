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
	if err := tx.QueryRow(`SELECT count(*) FROM invoices i WHERE i.paid <> coalesce((SELECT sum(amount) FROM allocations a WHERE a.invoice_id = i.id), 0)`).Scan(&mismatched); err != nil {
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
	var since int64
	seals := map[int64]sealData{}
	rows, err := tx.Query(`SELECT id, kind, data FROM events WHERE kind IN ('values', 'baseline') ORDER BY id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var kind, data string
		if err := rows.Scan(&id, &kind, &data); err != nil {
			rows.Close()
			return err
		}
		var sd sealData
		if json.Unmarshal([]byte(data), &sd) != nil {
			sd.Digest = "unreadable"
		}
		seals[id] = sd
		if kind == kindBaseline {
			since = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := checkSeals(tx, seals, rep); err != nil {
		return err
	}
	if since == 0 {
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

// checkSeals recomputes the digest of each sealed group of recorded rows.
func checkSeals(tx *sql.Tx, seals map[int64]sealData, rep *app.CheckReport) error {
	rows, err := tx.Query(`SELECT event_id, ` + changeLine + ` FROM changes ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	seen := map[int64]bool{}
	var cur int64 = -1
	var d *digester
	finish := func() {
		if d == nil {
			return
		}
		n, sum := d.sum()
		if sd, ok := seals[cur]; !ok {
			problems = append(problems, fmt.Sprintf("%d recorded values name event %d, which seals no values: they were added outside Duebook", n, cur))
		} else if sd.Rows != n || sd.Digest != sum {
			problems = append(problems, fmt.Sprintf("the values sealed by event %d were changed (%d rows, the event sealed %d)", cur, n, sd.Rows))
		}
		seen[cur] = true
	}
	for rows.Next() {
		var ev int64
		var line string
		if err := rows.Scan(&ev, &line); err != nil {
			return err
		}
		if ev != cur {
			finish()
			if seen[ev] {
				problems = append(problems, fmt.Sprintf("the values sealed by event %d are out of order", ev))
			}
			cur, d = ev, newDigester()
		}
		d.add(line)
	}
	finish()
	if err := rows.Err(); err != nil {
		return err
	}
	ids := make([]int64, 0, len(seals))
	for id := range seals {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		if !seen[id] && seals[id].Rows > 0 {
			problems = append(problems, fmt.Sprintf("the %d values sealed by event %d are missing", seals[id].Rows, id))
		}
	}
	rep.Values = append(rep.Values, capped(problems)...)
	return nil
}

// compareTable compares a table with the values last recorded for its rows since the baseline.
func compareTable(tx *sql.Tx, t trackedTable, cols []string, since int64, rep *app.CheckReport) error {
	var n int64
	if err := tx.QueryRow(`SELECT count(*) FROM main.` + t.name).Scan(&n); err != nil {
		return err
	}
	rep.Rows += n
	// Stored rows whose values differ from the record, or that it does not know. (The unary plus
	// keeps the key's affinity from hiding the index of the record.)
	q := fmt.Sprintf(`SELECT k1, k2, now, rec FROM (SELECT %s AS k1, %s AS k2, %s AS now,
  (SELECT coalesce(c.vals, 'deleted') FROM changes c WHERE c.tbl = '%s' AND c.k1 = +%s AND c.k2 = +%s AND c.event_id >= ?
   ORDER BY c.id DESC LIMIT 1) AS rec
  FROM main.%s t) WHERE rec IS NOT now`, t.k1Of("t"), t.k2Of("t"), rowJSON(cols, "t"), t.name, t.k1Of("t"), t.k2Of("t"), t.name)
	rows, err := tx.Query(q, since)
	if err != nil {
		return err
	}
	var problems []string
	for rows.Next() {
		var k1, k2 any
		var now string
		var rec sql.NullString
		if err := rows.Scan(&k1, &k2, &now, &rec); err != nil {
			rows.Close()
			return err
		}
		where := t.name + " row " + rowKey(t, k1, k2)
		switch {
		case !rec.Valid:
			problems = append(problems, where+" is not on the timeline: it was added outside Duebook")
		case rec.String == "deleted":
			problems = append(problems, where+" was deleted according to the timeline, but it is stored")
		default:
			problems = append(problems, where+": "+describeDiff(cols, now, rec.String))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Recorded rows that are gone.
	q = fmt.Sprintf(`SELECT c.k1, c.k2 FROM changes c WHERE c.tbl = '%s' AND c.event_id >= ? AND c.vals IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM changes n WHERE n.tbl = c.tbl AND n.k1 = c.k1 AND n.k2 = c.k2 AND n.id > c.id)
  AND NOT EXISTS (SELECT 1 FROM main.%s t WHERE %s = c.k1 AND %s = c.k2) ORDER BY c.id`, t.name, t.name, t.k1Of("t"), t.k2Of("t"))
	if rows, err = tx.Query(q, since); err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k1, k2 any
		if err := rows.Scan(&k1, &k2); err != nil {
			return err
		}
		problems = append(problems, t.name+" row "+rowKey(t, k1, k2)+" is missing: the timeline records it")
	}
	rep.Values = append(rep.Values, capped(problems)...)
	return rows.Err()
}

// rowKey names a row by its key: "12", "3/7" for two columns, a document by its hash's start.
func rowKey(t trackedTable, k1, k2 any) string {
	s := fmt.Sprint(k1)
	if b, ok := k1.([]byte); ok {
		s = string(b)
	}
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
