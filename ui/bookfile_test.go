package ui

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/data"
	"duebook/data/sheets"
	"duebook/letters"
)

// readOnlyBooks opens books for reading only, as the program does when a file cannot be written.
type readOnlyBooks struct{ testBooks }

func (b readOnlyBooks) Open(path string) (*app.Services, func(), error) {
	st, err := data.OpenReadOnly(path)
	if err != nil {
		return nil, nil, err
	}
	clock := app.FixedClock(testToday.Time().Add(14 * time.Hour))
	st.SetClock(clock)
	l := app.NewLedger(st, clock, sheets.Reader{})
	col := app.NewCollections(l, st)
	col.Render = letters.Renderer{}
	return &app.Services{Ledger: l, Collections: col}, func() { st.Close() }, nil
}

// findButton finds a button by its text on the window or in its dialogs.
func findButton(w fyne.Window, text string) *widget.Button {
	objs := test.LaidOutObjects(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	for _, o := range objs {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	return nil
}

func writeSample(t *testing.T, path string) {
	t.Helper()
	if err := (testBooks{t}).CreateSample(context.Background(), path, nil); err != nil {
		t.Fatal(err)
	}
}

func TestReadOnlyBookOpensWithWritesTurnedOff(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	writeSample(t, path)
	cfg := Config{DBPath: path, SamplePath: filepath.Join(dir, "sample.db"), LettersDir: t.TempDir(), Books: readOnlyBooks{testBooks{t}}}
	release := Start(w, cfg)
	defer release()
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "This book is open read-only") {
		t.Fatal("the window does not say the book is read-only")
	}
	svc, closeFn, err := cfg.Books.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	s, err := NewShell(w, svc, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range s.Nav() {
		wantOff := tab.Text == "Take a payment" || tab.Text == "Import"
		if tab.Disabled() != wantOff {
			t.Errorf("tab %s disabled: %v", tab.Text, tab.Disabled())
		}
	}
	if !s.Today.ApproveAll.Disabled() || !s.Today.PrintBtn.Disabled() {
		t.Fatal("Today can still approve or print")
	}
	if len(s.Today.queue.Actions) == 0 || s.Today.Selected == nil {
		t.Fatal("the read-only Today shows no queue")
	}
	w.SetContent(s.Content())
	for _, name := range []string{"Approve", "Skip…", "Snooze…"} {
		if b := findButton(w, name); b != nil && !b.Disabled() {
			t.Errorf("%s is enabled in a read-only book", name)
		}
	}
	if !strings.Contains(strings.Join(s.Today.queue.Warnings, " "), "read-only") {
		t.Error("Today does not say its queue is the book as it stands")
	}
}

// damageBook overwrites the middle of a closed book with noise.
func damageBook(t *testing.T, path string) {
	t.Helper()
	b, _ := os.ReadFile(path)
	r := rand.New(rand.NewPCG(5, 6))
	for i := len(b) * 3 / 10; i < len(b)*7/10; i++ {
		b[i] = byte(r.UintN(256))
	}
	os.WriteFile(path, b, 0o600)
}

// soundBackup writes a dated backup of the book in path into its backups folder.
func soundBackup(t *testing.T, path string) string {
	t.Helper()
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b, err := st.BackupRotated(data.BackupDir(path), testToday.AddDays(-1), 14)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEmptyBookOffersTheNewestSoundBackup(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	writeSample(t, path)
	soundBackup(t, path)
	os.Truncate(path, 0) // a copy that stopped half-way
	cfg := Config{DBPath: path, SamplePath: filepath.Join(dir, "sample.db"), LettersDir: t.TempDir(), Books: testBooks{t}}
	release := Start(w, cfg)
	defer release()
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "damaged") {
		t.Fatal("the window does not say the book is damaged")
	}
	offer := findButton(w, "Restore the newest backup that passes the check…")
	if offer == nil {
		t.Fatal("no offer to restore")
	}
	test.Tap(offer)
	confirm := findButton(w, "Restore")
	if confirm == nil {
		t.Fatal("no backup was proposed")
	}
	test.Tap(confirm)
	if findButton(w, "Restore the newest backup that passes the check…") != nil {
		t.Fatal("the window still shows the damaged book")
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "shop-before-restore-*.db"))
	if len(kept) != 1 {
		t.Fatalf("kept aside: %v", kept)
	}
	if st, _ := os.Stat(kept[0]); st.Size() != 0 {
		t.Fatal("the file kept aside is not the damaged one")
	}
	if !strings.Contains(shownText(w), "is restored") {
		t.Fatal("the owner is not told the backup is restored", len(w.Canvas().Overlays().List()), shownText(w))
	}
}

// shownText is the text of every label in the window and its dialogs, whole (a wrapped label
// draws its lines apart).
func shownText(w fyne.Window) string {
	objs := test.LaidOutObjects(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	var b strings.Builder
	for _, o := range objs {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

func TestDamageFoundAtOpeningIsAnnouncedAndSettingsRestores(t *testing.T) {
	w := setup(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	writeSample(t, path)
	soundBackup(t, path)
	damageBook(t, path)
	b := testBooks{t}
	svc, closeFn, err := b.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewShell(w, svc, false)
	if err != nil {
		t.Fatal(err)
	}
	reopened := false
	r := &restorer{win: w, books: b, path: path, release: closeFn, reopen: func() { reopened = true }}
	s.Restore, s.Settings.OnRestore = r.Start, r.Start
	w.SetContent(s.Content())
	s.watchFile()
	if app.CodeOf(s.Damage) != app.CodeDamaged {
		t.Fatalf("the check at opening: %v", s.Damage)
	}
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "The book is damaged") {
		t.Fatal("the damage is not announced")
	}
	test.Tap(s.Settings.RestoreBtn)
	confirm := findButton(w, "Restore")
	if confirm == nil {
		t.Fatal("Settings proposes no backup")
	}
	test.Tap(confirm)
	if !reopened || !strings.Contains(r.Result, "kept as") {
		t.Fatalf("restore: reopened %v, %q", reopened, r.Result)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if rep, err := st.Check(); err != nil || !rep.OK() {
		t.Fatalf("the restored book: %+v %v", rep, err)
	}
}
