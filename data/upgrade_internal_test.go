package data

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"duebook/app"
)

// A book written at every older schema version opens in this build: it is brought up to date,
// keeps its customers, invoices and timeline, passes the check, and takes new writes.
func TestEveryOlderSchemaUpgrades(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, last := range ms[:len(ms)-1] {
		t.Run(fmt.Sprintf("from %d", last.version), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			w, err := sql.Open("sqlite", dsn(path, false))
			if err != nil {
				t.Fatal(err)
			}
			w.SetMaxOpenConns(1)
			mustExec(t, w, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`)
			for _, m := range ms {
				if m.version > last.version {
					break
				}
				tx, _ := w.Begin()
				if _, err := tx.Exec(m.sql); err != nil {
					t.Fatalf("%s: %v", m.name, err)
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
			// What a book of that time held, written with the columns the first schema has.
			mustExec(t, w, `INSERT INTO customers (id, kind, name, name_key, created_at) VALUES (1, 'business', 'Alte Firma', 'alte firma', '2025-01-01T00:00:00Z')`)
			mustExec(t, w, `INSERT INTO invoices (id, number, customer_id, issue_date, due_date, currency, amount, created_at) VALUES (1, 'OLD-1', 1, '2025-01-01', '2025-01-31', 'EUR', 12345, '2025-01-01T00:00:00Z')`)
			tx, _ := w.Begin()
			if _, err := appendEvent(tx, app.Event{At: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC), CustomerID: 1, Kind: "invoice", Summary: "Invoice OLD-1", Data: "{}"}); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			w.Close()

			st, err := Open(path)
			if err != nil {
				t.Fatalf("a book of schema %d was refused: %v", last.version, err)
			}
			defer st.Close()
			if v := SchemaVersion(); v <= last.version {
				t.Fatalf("schema %d is not older than %d", last.version, v)
			}
			inv, err := st.Invoice(1)
			if err != nil || inv.Amount != 12345 || inv.Number != "OLD-1" {
				t.Fatalf("the invoice after the upgrade: %+v %v", inv, err)
			}
			if rep, err := st.Check(); err != nil || !rep.OK() {
				t.Fatalf("the upgraded book fails the check: %+v %v", rep, err)
			}
			l := app.NewLedger(st, app.FixedClock(time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)), nil)
			if _, err := l.AddCustomer(app.Customer{Name: "Neue Kundin"}); err != nil {
				t.Fatalf("a write after the upgrade: %v", err)
			}
			if rep, err := st.Check(); err != nil || !rep.OK() {
				t.Fatalf("after a write: %+v %v", rep, err)
			}
		})
	}
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
