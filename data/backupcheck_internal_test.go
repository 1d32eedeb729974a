package data

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"duebook/app"
)

// noise overwrites the middle of a closed file, as a failing disk or stick would.
func noise(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	for i := len(b) * 3 / 10; i < len(b)*7/10; i++ {
		b[i] = byte(r.UintN(256))
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBackupToWritesACheckedCopyAndNeverAHalfOne(t *testing.T) {
	st := smallBook(t, filepath.Join(t.TempDir(), "shop.db"))
	defer st.Close()
	dir := filepath.Join(t.TempDir(), "Clé USB", "Sauvegardes de Zoë")
	out := filepath.Join(dir, "Corner Shop backup 2026-11-22.db")
	if err := st.BackupTo(out, false); err != nil {
		t.Fatal(err)
	}
	if err := CheckBackupFile(out); err != nil {
		t.Fatalf("the copy does not pass its check: %v", err)
	}
	want, _ := st.ChainHead()
	if got, err := backupHead(out); err != nil || got != want {
		t.Fatalf("the copy's timeline %+v %v, the book's %+v", got, err, want)
	}
	// An existing copy is refused, not overwritten.
	before, _ := os.ReadFile(out)
	if err := st.BackupTo(out, false); app.CodeOf(err) != app.CodeConflict {
		t.Fatalf("a second copy under the same name: %v", err)
	}
	// A copy that does not read back intact is removed, and the old one stays as it was.
	afterCopy = func(tmp string) { noise(t, tmp) }
	defer func() { afterCopy = nil }()
	err := st.BackupTo(out, true)
	if err == nil || !strings.Contains(app.Sentence(err), "did not read back intact") {
		t.Fatalf("a damaged copy: %v", err)
	}
	if now, _ := os.ReadFile(out); string(now) != string(before) {
		t.Fatal("the copy there before was changed")
	}
	fresh := filepath.Join(dir, "fresh.db")
	if err := st.BackupTo(fresh, false); err == nil {
		t.Fatal("a damaged copy was accepted")
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 1 || left[0].Name() != filepath.Base(out) {
		t.Fatalf("left in the folder: %v", left)
	}
	afterCopy = nil
	if err := st.BackupTo(out, true); err != nil {
		t.Fatalf("replacing a copy: %v", err)
	}
	if err := st.BackupTo(st.Path(), true); app.CodeOf(err) != app.CodeInvalid {
		t.Fatalf("a copy over the book itself: %v", err)
	}
}

func TestListBackupsSaysWhichPassTheCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	st := smallBook(t, path)
	defer st.Close()
	dir := BackupDir(path)
	good, err := st.BackupRotated(dir, checkDay.AddDays(-1), 14)
	if err != nil {
		t.Fatal(err)
	}
	bad, err := st.BackupRotated(dir, checkDay, 14)
	if err != nil {
		t.Fatal(err)
	}
	// Backups this store wrote are known to pass: listing them reads nothing.
	if got := ListBackups(path); len(got) != 2 || !got[0].Checked || got[0].Problem != "" || !got[1].Checked || got[1].Problem != "" {
		t.Fatalf("two sound backups: %+v", got)
	}
	noise(t, bad)
	got := ListBackups(path)
	if len(got) != 2 || got[0].Path != bad || got[1].Path != good {
		t.Fatalf("backups, newest first: %+v", got)
	}
	if got[0].Day != checkDay || got[0].Size == 0 || got[0].Checked {
		t.Fatalf("the changed backup is listed as checked: %+v", got[0])
	}
	if problem, err := CheckBackup(bad); err != nil || problem == "" {
		t.Fatalf("the damaged backup passes: %q %v", problem, err)
	}
	if problem, err := CheckBackup(good); err != nil || problem != "" {
		t.Fatalf("the sound backup fails: %q %v", problem, err)
	}
	got = ListBackups(path)
	if !got[0].Checked || got[0].Problem == "" {
		t.Fatalf("the damaged backup: %+v", got[0])
	}
	if got[1].Day != checkDay.AddDays(-1) || got[1].Size == 0 || got[1].Problem != "" {
		t.Fatalf("the sound backup: %+v", got[1])
	}
	info, err := st.BookInfo()
	if err != nil || info.Path != path || info.Size == 0 || len(info.Backups) != 2 {
		t.Fatalf("book info: %+v %v", info, err)
	}
}

func TestSafetyStateIsKeptInTheBookAndSealed(t *testing.T) {
	st := smallBook(t, filepath.Join(t.TempDir(), "shop.db"))
	defer st.Close()
	if s, err := st.SafetyState(); err != nil || s != (app.SafetyState{}) {
		t.Fatalf("a new book: %+v %v", s, err)
	}
	want := app.SafetyState{LastOutside: checkDay, LastOutsideFile: "/media/stick/x.db", Said: checkDay.AddDays(-3)}
	ev := app.Event{Kind: "backup", Summary: "A copy of the book was made outside its folder: x.db"}
	if err := st.SaveSafetyState(want, &ev); err != nil {
		t.Fatal(err)
	}
	if got, err := st.SafetyState(); err != nil || got != want {
		t.Fatalf("read back %+v %v", got, err)
	}
	if started, err := st.BookStarted(); err != nil || started != checkDay {
		t.Fatalf("started %v %v", started, err)
	}
	if rep, err := st.Check(); err != nil || !rep.OK() {
		t.Fatalf("the book after noting a copy: %+v %v", rep, err)
	}
}

// A book open for reading only can still be copied: the copy is checked like any other.
func TestABookOpenForReadingOnlyIsBackedUp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	smallBook(t, path).Close()
	st, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := st.BackupTo(out, false); err != nil {
		t.Fatal(err)
	}
	if err := CheckBackupFile(out); err != nil {
		t.Fatal(err)
	}
	if info, err := st.BookInfo(); err != nil || info.Size == 0 {
		t.Fatalf("book info: %+v %v", info, err)
	}
}
