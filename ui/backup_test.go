package ui

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
	"duebook/letters"
)

// movingClock is a clock the test moves on, day by day.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *movingClock) days(n int)     { c.mu.Lock(); c.t = c.t.AddDate(0, 0, n); c.mu.Unlock() }

// ownShell opens a new book of the owner's own (not the sample) set up on the clock's day.
func ownShell(t *testing.T, clock app.Clock) (*Shell, string) {
	t.Helper()
	w := setup(t)
	path := filepath.Join(t.TempDir(), "Zoë's data", "duebook.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := app.NewServices(app.Adapters{Store: st, Clock: clock, Tables: sheets.Reader{}, Render: letters.Renderer{}})
	if _, err := svc.Ledger.SetUpShop(app.Shop{Name: "Mine & Co", Country: "DE", Currency: "EUR", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	s, err := NewShell(w, svc, false)
	if err != nil {
		t.Fatal(err)
	}
	s.Today.LettersDir = t.TempDir()
	s.Settings.BookPath = path
	w.SetContent(s.Content())
	return s, path
}

func TestSettingsListsTheBackupsWithTheirCheck(t *testing.T) {
	clock := &movingClock{t: testToday.Time().Add(14 * time.Hour)}
	s, path := ownShell(t, clock)
	st := s.ledger.Store.(*data.Store)
	good, err := st.BackupRotated(data.BackupDir(path), testToday.AddDays(-1), 14)
	if err != nil {
		t.Fatal(err)
	}
	bad, err := st.BackupRotated(data.BackupDir(path), testToday, 14)
	if err != nil {
		t.Fatal(err)
	}
	damageBook(t, bad)
	s.Show("Settings")
	b := s.Settings.Safety
	if !strings.Contains(b.Where.Text, path) || !strings.Contains(b.Where.Text, "KB") {
		t.Fatalf("where the book is: %q", b.Where.Text)
	}
	if len(b.Rows) != 2 {
		t.Fatalf("backups listed: %q", b.Rows)
	}
	if !strings.HasPrefix(b.Rows[0], "22.11.2026") || !strings.Contains(b.Rows[0], "FAILS the check") {
		t.Errorf("the damaged backup %s: %q", bad, b.Rows[0])
	}
	if !strings.HasPrefix(b.Rows[1], "21.11.2026") || !strings.Contains(b.Rows[1], "passes the check") || !strings.Contains(b.Rows[1], "KB") {
		t.Errorf("the sound backup %s: %q", good, b.Rows[1])
	}
	if !strings.Contains(b.Outside.Text, "No copy outside") {
		t.Errorf("no copy made yet: %q", b.Outside.Text)
	}
}

func TestBackUpNowWritesACheckedCopyWhereTheOwnerChose(t *testing.T) {
	clock := &movingClock{t: testToday.Time().Add(14 * time.Hour)}
	s, _ := ownShell(t, clock)
	w := s.win
	s.Show("Settings")
	b := s.Settings.Safety
	stick := filepath.Join(t.TempDir(), "USB STICK", "Sicherung März")
	b.Flow.chooseFolder = func(chosen func(string)) { chosen(stick) }
	test.Tap(b.BackupNow)
	out := filepath.Join(stick, "Mine & Co backup 2026-11-22.db")
	if err := data.CheckBackupFile(out); err != nil {
		t.Fatalf("the copy: %v (%s)", err, b.Flow.Result)
	}
	if !strings.Contains(shownText(w), "is written and checked") {
		t.Fatalf("the owner is not told:\n%s", shownText(w))
	}
	if !strings.Contains(b.Outside.Text, "22.11.2026") || !strings.Contains(b.Outside.Text, out) {
		t.Fatalf("the copy outside is not shown: %q", b.Outside.Text)
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

	// The same day again: asked before the copy there is replaced.
	test.Tap(b.BackupNow)
	replace := findButton(w, "Replace it")
	if replace == nil {
		t.Fatalf("no question before replacing:\n%s", shownText(w))
	}
	test.Tap(replace)
	if files, _ := os.ReadDir(stick); len(files) != 1 {
		t.Fatalf("in the folder: %v", files)
	}

	// A copy into the book's own folder is made, but the owner is told it does not count.
	b.Flow.Into(filepath.Join(filepath.Dir(s.Settings.BookPath), "copies"), false)
	if !strings.Contains(b.Flow.Result, "in the book's own folder") {
		t.Fatalf("a copy beside the book: %q", b.Flow.Result)
	}

	// A place that cannot take the copy: a sentence, and nothing half-written.
	blocked := filepath.Join(t.TempDir(), "not a folder")
	os.WriteFile(blocked, []byte("x"), 0o600)
	b.Flow.Into(blocked, false)
	if !strings.Contains(b.Flow.Result, "cannot use "+blocked+" as a folder") {
		t.Fatalf("a failing destination: %q", b.Flow.Result)
	}
	if left, _ := filepath.Glob(blocked + "*"); len(left) != 1 {
		t.Fatalf("left behind: %v", left)
	}
}

// Today reminds the owner once a week when no copy has been made outside the data folder for
// 30 days, and stops once one is made.
func TestTodayRemindsToCopyTheBookElsewhere(t *testing.T) {
	clock := &movingClock{t: testToday.Time().Add(14 * time.Hour)}
	s, _ := ownShell(t, clock)
	note := s.Today.Backup
	shown := func(day int) bool {
		s.Show("Dashboard")
		s.Show("Today")
		return note.Box.Visible()
	}
	clock.days(30)
	if shown(30) {
		t.Fatal("reminded on day 30")
	}
	clock.days(1)
	if !shown(31) || !strings.Contains(note.Text.Text, "31 days") {
		t.Fatalf("not reminded on day 31: %q", note.Text.Text)
	}
	if !shown(31) {
		t.Fatal("the reminder went away the same day without being put away")
	}
	test.Tap(note.Hide)
	if note.Box.Visible() || shown(31) {
		t.Fatal("Not now does not put it away")
	}
	for d := 32; d < 38; d++ {
		clock.days(1)
		if shown(d) {
			t.Fatalf("reminded again on day %d, within the week", d)
		}
	}
	clock.days(1)
	if !shown(38) {
		t.Fatal("not reminded again a week later")
	}
	stick := filepath.Join(t.TempDir(), "stick")
	note.Flow.chooseFolder = func(chosen func(string)) { chosen(stick) }
	test.Tap(note.Now)
	if note.Box.Visible() {
		t.Fatal("the reminder stays after a copy was made")
	}
	for d := 39; d <= 68; d++ {
		clock.days(1)
		if shown(d) {
			t.Fatalf("reminded on day %d, within 30 days of the copy", d)
		}
	}
	clock.days(1)
	if !shown(69) || !strings.Contains(note.Text.Text, "31 days") {
		t.Fatalf("not reminded 31 days after the copy: %q", note.Text.Text)
	}
}

// On a new computer the welcome screen restores the book from the copy made on the old one;
// a copy that fails its check writes nothing and the welcome screen stays.
func TestANewComputerRestoresTheBookFromACopy(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	stick := filepath.Join(t.TempDir(), "USB stick", "Mine & Co backup 2026-11-20.db")
	os.MkdirAll(filepath.Dir(stick), 0o700)
	writeSample(t, stick)
	broken := filepath.Join(filepath.Dir(stick), "broken.db")
	writeSample(t, broken)
	damageBook(t, broken)
	cfg := Config{DBPath: filepath.Join(dir, "Duebook", "duebook.db"), SamplePath: filepath.Join(dir, "Duebook", "sample.db"), LettersDir: t.TempDir(), Books: testBooks{t}}
	st := &starter{win: w, cfg: cfg, own: cfg.DBPath}
	defer st.release()
	welcome := st.welcome()
	welcome.Show()

	welcome.RestoreFrom(broken)
	test.Tap(findButton(w, "Restore"))
	if _, err := os.Stat(cfg.DBPath); err == nil {
		t.Fatal("a copy that fails its check was restored")
	}
	if !strings.Contains(shownText(w), "Welcome to Duebook") {
		t.Fatalf("the welcome screen is gone:\n%s", shownText(w))
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

	welcome.RestoreFrom(stick)
	test.Tap(findButton(w, "Restore"))
	if err := data.CheckBackupFile(cfg.DBPath); err != nil {
		t.Fatalf("the book is not in place: %v", err)
	}
	if !strings.Contains(shownText(w), "is restored") || findButton(w, "Print the letters") == nil {
		t.Fatalf("the restored shop is not shown:\n%s", shownText(w))
	}
}
