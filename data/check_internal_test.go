package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duebook/app"
)

var checkDay = app.MustDate("2026-11-22")

// smallBook opens a new book at path with a shop, a customer, two invoices and a payment.
func smallBook(t *testing.T, path string) *Store {
	t.Helper()
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	clock := app.FixedClock(checkDay.Time().Add(10 * time.Hour))
	st.SetClock(clock)
	fillBook(t, app.NewLedger(st, clock, nil))
	return st
}

func fillBook(t *testing.T, l *app.Ledger) {
	t.Helper()
	if _, err := l.SetUpShop(app.Shop{Name: "Corner Shop", Currency: "EUR", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	c, err := l.AddCustomer(app.Customer{Name: "Ada Brook"})
	if err != nil {
		t.Fatal(err)
	}
	for i, amount := range []int64{10000, 2500} {
		if _, err := l.SaveInvoice(app.Invoice{Number: fmt.Sprintf("S-%d", i+1), CustomerID: c.ID, IssueDate: app.MustDate("2026-10-01"),
			DueDate: app.MustDate("2026-10-15"), Currency: "EUR", Amount: amount}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.TakePayment(app.PaymentRequest{CustomerID: c.ID, Amount: "40.00"}); err != nil {
		t.Fatal(err)
	}
}

// rewrite opens the book as another program and recomputes every event's hash and chain, as
// someone would who edited the book and wanted the timeline to agree with itself again.
func rewrite(t *testing.T, db *sql.DB) {
	t.Helper()
	rows, err := db.Query(`SELECT id, at, coalesce(customer_id, 0), kind, summary, data FROM events ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var evs []app.Event
	for rows.Next() {
		var ev app.Event
		var at string
		rows.Scan(&ev.ID, &at, &ev.CustomerID, &ev.Kind, &ev.Summary, &ev.Data)
		ev.At, _ = time.Parse(time.RFC3339Nano, at)
		evs = append(evs, ev)
	}
	rows.Close()
	prev := genesis
	for _, ev := range evs {
		sum := sha256.Sum256(eventContent(ev.ID, ev))
		hash := hex.EncodeToString(sum[:])
		prev = chainHash(prev, hash)
		if _, err := db.Exec(`UPDATE events SET hash = ?, chain = ? WHERE id = ?`, hash, prev, ev.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// An edit made consistent everywhere inside the book (the row, its record, the seal's digest,
// every hash after it) passes every check of the book against itself; the anchor file, a backup
// and the reference printed on a letter still catch it.
func TestRecomputedChainIsCaughtByEveryAnchor(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	st := smallBook(t, path)
	defer st.Close()
	printed, _ := st.ChainHead()
	if _, err := st.BackupRotated(filepath.Join(dir, "backups"), checkDay, 14); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cols, _ := tableColumns(db)
	var change int64
	db.QueryRow(`SELECT max(id) FROM changes WHERE tbl = 'invoices' AND k1 = 1`).Scan(&change)
	var event int64
	var sd sealData
	rows, _ := db.Query(`SELECT id, data FROM events WHERE kind IN ('values', 'baseline') ORDER BY id`)
	for rows.Next() {
		var id int64
		var data string
		var d sealData
		rows.Scan(&id, &data)
		if json.Unmarshal([]byte(data), &d) == nil && change > d.From && change <= d.To {
			event, sd = id, d
		}
	}
	rows.Close()
	for _, q := range []string{
		`DROP TRIGGER events_append_only_update`, `DROP TRIGGER changes_append_only_update`,
		`UPDATE invoices SET amount = 9000 WHERE id = 1`,
		`UPDATE changes SET vals = (SELECT ` + rowJSON(cols["invoices"], "t") + ` FROM invoices t WHERE t.id = 1) WHERE id = ` + fmt.Sprint(change),
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if sd.Rows, sd.Digest, err = digestRange(db, sd.From, sd.To); err != nil {
		t.Fatal(err)
	}
	seal, _ := json.Marshal(sd)
	if _, err := db.Exec(`UPDATE events SET data = ? WHERE id = ?`, string(seal), event); err != nil {
		t.Fatal(err)
	}
	rewrite(t, db)

	rep, err := st.CheckWith(app.CheckOptions{Records: []app.ChainHead{{Events: printed.Events, Chain: printed.Chain[:8]}}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Integrity[0] != "ok" || !rep.ChainOK || len(rep.Values) > 0 || len(rep.DocumentProblems) > 0 {
		t.Fatalf("the rewritten book should agree with itself: %+v", rep)
	}
	if rep.OK() || len(rep.Anchors) != 3 {
		t.Fatalf("rewritten chain not caught: %+v", rep.Anchors)
	}
	for i, src := range []string{"anchor file", "backup", "record " + printed.Ref()} {
		a := rep.Anchors[i]
		if !strings.HasPrefix(a.Source, src) || a.OK || !strings.Contains(a.Problem, "rewritten") {
			t.Errorf("anchor %d: %+v", i, a)
		}
	}
}

// oldBook writes a book as Duebook wrote it before the record of values (schema 5): its
// timeline carries no values, and it has no anchor file.
func oldBook(t *testing.T, path string) {
	t.Helper()
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	w.SetMaxOpenConns(1)
	if _, err := w.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		t.Fatal(err)
	}
	ms, _ := migrations()
	for _, m := range ms {
		if m.version > 5 {
			break
		}
		tx, _ := w.Begin()
		if _, err := tx.Exec(m.sql); err != nil {
			t.Fatal(err)
		}
		if seed := migrationSeeds[m.version]; seed != nil {
			if err := seed(tx); err != nil {
				t.Fatal(err)
			}
		}
		tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, m.version, m.name, nowText())
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	// The store's writes of that time were the same but for columns added since (payment terms),
	// which the fill leaves at none: they are there while it writes and gone after, as then. The
	// record of values did not exist yet.
	later := []string{"customers.net_days", "customers.discount_bp", "customers.discount_days",
		"invoices.net_days", "invoices.discount_bp", "invoices.discount_days", "invoices.written_off"}
	for _, c := range later {
		tbl, col, _ := strings.Cut(c, ".")
		if _, err := w.Exec(`ALTER TABLE ` + tbl + ` ADD COLUMN ` + col + ` ANY NOT NULL DEFAULT 0`); err != nil {
			t.Fatal(err)
		}
	}
	st := &Store{path: path, w: w, r: w, clock: app.FixedClock(checkDay.Time().Add(9 * time.Hour))}
	fillBook(t, app.NewLedger(st, st.clock, nil))
	for _, c := range later {
		tbl, col, _ := strings.Cut(c, ".")
		if _, err := w.Exec(`ALTER TABLE ` + tbl + ` DROP COLUMN ` + col); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	os.Remove(AnchorPath(path))
}

// A book from before the record of values passes the check once opened (a baseline records what
// it holds), and from then on an edit outside Duebook is caught.
func TestUpgradedBookPassesTheCheckAndThenCatchesEdits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	oldBook(t, path)
	var n int
	db, _ := sql.Open("sqlite", path)
	db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'changes'`).Scan(&n)
	db.Close()
	if n != 0 {
		t.Fatal("the old book already has the record of values")
	}
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := st.Check()
	if err != nil || !rep.OK() || rep.Rows < 4 {
		t.Fatalf("upgraded book: %+v %v", rep, err)
	}
	if tl, _ := st.Timeline(0, 100); len(tl) == 0 || tl[0].Kind == kindBaseline {
		t.Fatal("the baseline shows on the timeline")
	}
	if _, err := os.Stat(AnchorPath(path)); err != nil {
		t.Fatalf("no anchor after the upgrade: %v", err)
	}
	db, _ = sql.Open("sqlite", path)
	db.Exec(`UPDATE payments SET amount = 1 WHERE id = 1`)
	db.Close()
	rep, _ = st.Check()
	if rep.OK() || len(rep.Values) != 1 || !strings.HasPrefix(rep.Values[0], "payments row 1: amount is 1") {
		t.Fatalf("edit after the upgrade: %q", rep.Values)
	}
}

// A later migration that changes a recorded table's columns runs without the triggers (they
// would stop a column from being dropped) and records the whole book again, so the check
// compares rows with their new columns, and the writes after it are recorded with them.
func TestMigrationRecordsTheBookAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	st := smallBook(t, path)
	defer st.Close()
	// As migrate runs a step: without the triggers, the last step recording the whole book.
	for _, q := range []string{`ALTER TABLE invoices ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue'`, `ALTER TABLE invoices DROP COLUMN description`} {
		st.rec.migrating = true
		err := st.tx(bg, func(tx *sql.Tx) error {
			if _, err := tx.Exec(q); err != nil {
				return err
			}
			return st.sealMigration(tx)
		})
		st.rec.migrating = false
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	l := app.NewLedger(st, app.FixedClock(checkDay.Time().Add(11*time.Hour)), nil)
	if _, err := l.TakePayment(app.PaymentRequest{CustomerID: 1, Amount: "1.00"}); err != nil {
		t.Fatal(err)
	}
	if rep, err := st.Check(); err != nil || !rep.OK() {
		t.Fatalf("after a migration: %+v %v", rep, err)
	}
}
