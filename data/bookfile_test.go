package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
)

const duebookAppID = 0x44756562

// appIDOf reads SQLite's application_id from the file's header, as any tool would.
func appIDOf(t *testing.T, path string) uint32 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 100 {
		t.Fatalf("read %s: %v (%d bytes)", path, err, len(b))
	}
	return binary.BigEndian.Uint32(b[68:72])
}

// sideFiles lists what lies in dir besides the named files.
func sideFiles(t *testing.T, dir string, known ...string) []string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		found := false
		for _, k := range known {
			found = found || e.Name() == k
		}
		if !found {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestNewAndOlderBooksCarryDuebooksMark(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if id := appIDOf(t, path); id != duebookAppID {
		t.Fatalf("a new book's application_id is %#x", id)
	}
	// A book written before the mark existed (application_id 0) is recognised and marked.
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec(`PRAGMA application_id = 0`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if id := appIDOf(t, path); id != 0 {
		t.Fatalf("could not unmark the book: %#x", id)
	}
	st, err = data.Open(path)
	if err != nil {
		t.Fatalf("an older Duebook book was refused: %v", err)
	}
	st.Close()
	if id := appIDOf(t, path); id != duebookAppID {
		t.Fatalf("an older book was not marked: %#x", id)
	}
	// Backups and samples are books too.
	st, err = data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backups", "copy.db")
	err = st.Backup(backup)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	sample := filepath.Join(dir, "sample.db")
	if _, err := data.CreateSample(context.Background(), sample, data.SampleOptions{Invoices: 20, Seed: 1, Today: today}, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{backup, sample} {
		if id := appIDOf(t, f); id != duebookAppID {
			t.Errorf("%s carries %#x", filepath.Base(f), id)
		}
	}
}

func TestABookOfTheFirstSchemaIsUpgradedAndMarked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "first.db")
	first, err := os.ReadFile(filepath.Join("migrations", "0001_ledger.sql"))
	if err != nil {
		t.Fatal(err)
	}
	db, _ := sql.Open("sqlite", path)
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
		string(first),
		`INSERT INTO schema_migrations VALUES (1, '0001_ledger.sql', '2025-01-01T00:00:00Z')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if id := appIDOf(t, path); id != 0 {
		t.Fatalf("mark %#x", id)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatalf("a book of the first schema was refused: %v", err)
	}
	st.Close()
	if id := appIDOf(t, path); id != duebookAppID {
		t.Fatalf("the upgraded book carries %#x", id)
	}
	st, err = data.OpenReadOnly(path)
	if err != nil {
		t.Fatalf("the upgraded book is not at this build's schema: %v", err)
	}
	st.Close()
}

func TestOpenWritesNothingIntoOtherFiles(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "recipes.db")
	db, _ := sql.Open("sqlite", foreign)
	db.Exec(`CREATE TABLE recipes (name TEXT)`)
	db.Exec(`INSERT INTO recipes VALUES ('bread')`)
	db.Close()
	emptyDB := filepath.Join(dir, "empty.db") // an SQLite file with no tables at all
	db, _ = sql.Open("sqlite", emptyDB)
	db.Exec(`PRAGMA user_version = 7`)
	db.Close()
	marked := filepath.Join(dir, "marked.db") // another program's mark
	db, _ = sql.Open("sqlite", marked)
	db.Exec(`PRAGMA application_id = 1234`)
	db.Exec(`CREATE TABLE schema_migrations (version INTEGER)`)
	db.Close()
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("Dear customer, this is not a database at all, only text."), 0o644)
	cases := []struct{ path, want string }{
		{foreign, "another program"}, {emptyDB, "another program"}, {marked, "another program"}, {text, "not a Duebook file"},
	}
	for _, c := range cases {
		before, _ := os.ReadFile(c.path)
		if len(before) == 0 {
			t.Fatalf("%s was not written", c.path)
		}
		_, err := data.Open(c.path)
		if err == nil || !strings.Contains(app.Sentence(err), c.want) {
			t.Errorf("%s: %v", filepath.Base(c.path), err)
		}
		if _, err := data.OpenReadOnly(c.path); err == nil {
			t.Errorf("%s opened read-only", filepath.Base(c.path))
		}
		after, _ := os.ReadFile(c.path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was changed by opening it", filepath.Base(c.path))
		}
	}
	if extra := sideFiles(t, dir, "recipes.db", "empty.db", "marked.db", "notes.db"); len(extra) > 0 {
		t.Errorf("files written beside them: %v", extra)
	}
}

func TestEmptyFileIsDamagedNotANewBook(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	os.WriteFile(path, nil, 0o600)
	_, err := data.Open(path)
	if app.CodeOf(err) != app.CodeDamaged || !strings.Contains(app.Sentence(err), "empty") {
		t.Fatalf("empty file: %v", err)
	}
	if st, _ := os.Stat(path); st.Size() != 0 {
		t.Fatalf("the empty file was written: %d bytes", st.Size())
	}
	if extra := sideFiles(t, dir, "shop.db", "shop.db.anchor"); len(extra) > 0 { // the anchor file is from the writes before
		t.Fatalf("files written beside it: %v", extra)
	}
}

// bookWithShop writes a small book with a shop, a customer and an invoice, and closes it.
func bookWithShop(t *testing.T, path string) {
	t.Helper()
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l := app.NewLedger(st, app.FixedClock(today.Time()), sheets.Reader{})
	if _, err := l.SetUpShop(app.Shop{Name: "Corner Shop", Currency: "EUR", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	c, err := l.AddCustomer(app.Customer{Name: "Ada Byron"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.SaveInvoice(app.Invoice{Number: "A-1", CustomerID: c.ID, IssueDate: today.AddDays(-60), DueDate: today.AddDays(-30), Currency: "EUR", Amount: 12000}); err != nil {
		t.Fatal(err)
	}
}

func TestReadOnlyOpenReadsEverythingAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	bookWithShop(t, path)
	before, _ := os.ReadFile(path)
	st, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	clock := app.FixedClock(today.Time().Add(10 * time.Hour))
	st.SetClock(clock)
	l := app.NewLedger(st, clock, sheets.Reader{})
	if !l.ReadOnly() {
		t.Fatal("the ledger does not know it is read-only")
	}
	rep, err := l.AgingReport(today)
	if err != nil || len(rep) != 1 || rep[0].Total != 12000 {
		t.Fatalf("aging: %+v %v", rep, err)
	}
	col := app.NewCollections(l, st)
	q, err := col.Queue(today)
	if err != nil || len(q.Actions) == 0 || !strings.Contains(strings.Join(q.Warnings, " "), "read-only") {
		t.Fatalf("queue: %+v %v", q, err)
	}
	if chk, err := st.Check(); err != nil || !chk.OK() {
		t.Fatalf("check: %+v %v", chk, err)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := st.Backup(backup); err != nil {
		t.Fatalf("backup: %v", err)
	}
	_, err = l.AddCustomer(app.Customer{Name: "Grace Hopper"})
	if app.CodeOf(err) != app.CodeReadOnly || !strings.Contains(app.Sentence(err), "read-only") {
		t.Fatalf("a write to a read-only book: %v", err)
	}
	if _, err := col.Approve(today, app.ActionFilter{}); app.CodeOf(err) != app.CodeReadOnly {
		t.Fatalf("approving in a read-only book: %v", err)
	}
	st.Close()
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("the read-only book was changed")
	}
	if extra := sideFiles(t, dir, "shop.db", "shop.db.anchor"); len(extra) > 0 { // the anchor file is from the writes before
		t.Fatalf("files written beside the read-only book: %v", extra)
	}
	// The backup is a whole book of its own.
	copy, err := data.Open(backup)
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	if shop, ok, err := copy.Shop(); err != nil || !ok || shop.Name != "Corner Shop" {
		t.Fatal(shop, ok, err)
	}
}

// makeReadOnly makes a file or folder unwritable: by its mode, or for root (whom modes do not
// bind) with the immutable attribute; without either the test is skipped.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no read-only folders of this kind")
	}
	if os.Getuid() != 0 {
		st, _ := os.Stat(path)
		old := st.Mode().Perm()
		os.Chmod(path, old&^0o222)
		t.Cleanup(func() { os.Chmod(path, old) })
		return
	}
	if err := exec.Command("chattr", "+i", path).Run(); err != nil {
		t.Skipf("cannot make %s read-only as root (chattr: %v)", path, err)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

func TestReadOnlyFileAndFolderOpenForReading(t *testing.T) {
	for _, what := range []string{"file", "folder"} {
		dir := filepath.Join(t.TempDir(), "books")
		os.Mkdir(dir, 0o700)
		path := filepath.Join(dir, "shop.db")
		bookWithShop(t, path)
		if what == "file" {
			makeReadOnly(t, path)
		} else {
			makeReadOnly(t, dir)
		}
		if _, err := data.Open(path); app.CodeOf(err) != app.CodeReadOnly {
			t.Fatalf("%s: writable open: %v", what, err)
		}
		st, err := data.OpenReadOnly(path)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if shop, ok, err := st.Shop(); err != nil || !ok || shop.Name != "Corner Shop" {
			t.Fatalf("%s: %v %v %v", what, shop, ok, err)
		}
		st.Close()
	}
}

func TestReadOnlyRefusesABookThatNeedsUpdating(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	bookWithShop(t, path)
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec(`DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := data.OpenReadOnly(path)
	if app.CodeOf(err) != app.CodeReadOnly || !strings.Contains(app.Sentence(err), "older Duebook") {
		t.Fatalf("old schema read-only: %v", err)
	}
}

// damage overwrites pages in the middle of a closed book with noise, as a failing disk would.
func damage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	r := rand.New(rand.NewPCG(1, 2))
	pages := len(b) / page
	for p := pages * 3 / 10; p < pages*7/10; p++ {
		for i := p * page; i < (p+1)*page; i++ {
			b[i] = byte(r.UintN(256))
		}
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// sampleBook writes a generated book with some thousand invoices and its dated backups.
func sampleBook(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "shop.db")
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 3000, Seed: 4, Today: today}, nil); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDamageIsReportedAndStopsWrites(t *testing.T) {
	path := sampleBook(t, t.TempDir())
	damage(t, path)
	// The first pages (the schema) are sound, so the book opens; the damage shows when read.
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := app.FixedClock(today.Time().Add(10 * time.Hour))
	l := app.NewLedger(st, clock, sheets.Reader{})
	// Reading over the damaged pages reports damage, never an edit.
	_, rerr := st.Invoices(app.InvoiceFilter{}, 0, 1_000_000)
	if app.CodeOf(rerr) != app.CodeDamaged || strings.Contains(app.Sentence(rerr), "edited") {
		t.Fatalf("reading damaged pages: %v", rerr)
	}
	// Any write after that is refused, even one that would touch only sound pages.
	_, werr := l.AddCustomer(app.Customer{Name: "Grace Hopper"})
	if app.CodeOf(werr) != app.CodeDamaged || !strings.Contains(app.Sentence(werr), "damaged") || strings.Contains(app.Sentence(werr), "edited") {
		t.Fatalf("a write to a damaged book: %v", werr)
	}
	if err := l.CheckFile(); app.CodeOf(err) != app.CodeDamaged {
		t.Fatalf("quick check: %v", err)
	}
}

func TestQuickCheckAloneStopsWrites(t *testing.T) {
	path := sampleBook(t, t.TempDir())
	damage(t, path)
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.QuickCheck(); app.CodeOf(err) != app.CodeDamaged {
		t.Fatalf("quick check: %v", err)
	}
	l := app.NewLedger(st, app.FixedClock(today.Time()), sheets.Reader{})
	if _, err := l.AddCustomer(app.Customer{Name: "Grace Hopper"}); app.CodeOf(err) != app.CodeDamaged {
		t.Fatalf("a write after the check found damage: %v", err)
	}
}

func TestNewestSoundBackupAndRestore(t *testing.T) {
	dir := t.TempDir()
	path := sampleBook(t, dir)
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	old, err := st.BackupRotated(data.BackupDir(path), today.AddDays(-2), 14)
	if err != nil {
		t.Fatal(err)
	}
	newer, err := st.BackupRotated(data.BackupDir(path), today.AddDays(-1), 14)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	damage(t, newer) // the newest backup is damaged too: the older one is offered
	damage(t, path)
	damaged, _ := os.ReadFile(path)
	got, err := data.NewestSoundBackup(path)
	if err != nil || got != old {
		t.Fatalf("newest sound backup: %q %v (want %q)", got, err, old)
	}
	// A backup that fails the check changes nothing.
	now := time.Date(2026, 11, 22, 15, 4, 5, 0, time.UTC)
	if _, err := data.Restore(path, newer, now); app.CodeOf(err) != app.CodeDamaged {
		t.Fatalf("restoring a damaged backup: %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, damaged) {
		t.Fatal("a refused restore changed the book")
	}
	if extra := sideFiles(t, dir, "shop.db", "shop.db.anchor", "backups"); len(extra) > 0 {
		t.Fatalf("a refused restore left %v", extra)
	}
	kept, err := data.Restore(path, old, now)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(kept) != "shop-before-restore-20261122-150405.db" {
		t.Fatalf("kept aside as %s", kept)
	}
	if b, _ := os.ReadFile(kept); !bytes.Equal(b, damaged) {
		t.Fatal("the damaged book was not kept aside as it was")
	}
	st, err = data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if rep, err := st.Check(); err != nil || !rep.OK() {
		t.Fatalf("the restored book: %+v %v", rep, err)
	}
	if _, err := st.Invoices(app.InvoiceFilter{}, 0, 1_000_000); err != nil {
		t.Fatal(err)
	}
	if extra := sideFiles(t, dir, "shop.db", "shop.db-wal", "shop.db-shm", "backups", filepath.Base(kept), filepath.Base(kept)+".anchor"); len(extra) > 0 {
		t.Fatalf("restore left %v", extra)
	}
}
