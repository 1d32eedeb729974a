package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"duebook"
	"duebook/app"
	"duebook/app/monthly"
	"duebook/assets"
	_ "duebook/cmd/duebook/internal/locale" // before the GUI toolkit reads the locale
	"duebook/data"
	"duebook/docs"
	"duebook/ui"
)

// books opens and creates shop files for the window.
type books struct{}

// Open opens the book, read-only when its file or folder cannot be written.
func (books) Open(path string) (*app.Services, func(), error) {
	cleanLeftovers(path)
	st, err := data.Open(path)
	if app.CodeOf(err) == app.CodeReadOnly {
		st, err = data.OpenReadOnly(path)
	}
	if err != nil {
		return nil, nil, err
	}
	svc := services(st, app.SystemClock{})
	ledger := svc.Ledger
	// A dated copy a day, the last fourteen kept, beside the file: one file to lose is one too many.
	// Closing waits for it, so the book is never closed under a half-written copy.
	backedUp := make(chan struct{})
	result := make(chan error, 1)
	svc.DailyBackup = result
	go func() {
		defer close(backedUp)
		_, err := st.BackupRotated(data.BackupDir(st.Path()), ledger.Today(), 14)
		if err != nil {
			err = app.Wrap(app.CodeOf(err), err, "today's backup of the book could not be made (%s); your book is unchanged, but check the disk and the backups folder", strings.TrimSuffix(app.Sentence(err), "."))
		}
		result <- err
	}()
	return svc, func() { <-backedUp; st.Close() }, nil
}

func (books) CreateSample(ctx context.Context, path string, progress func(done, total int)) error {
	_, err := data.CreateSample(ctx, path, data.SampleOptions{Customers: 400, Invoices: 4000, Seed: 1}, progress)
	return err
}

func (books) NewestSoundBackup(path string) (string, error) { return data.NewestSoundBackup(path) }

func (books) Restore(path, backup string) (string, error) {
	kept, err := data.Restore(path, backup, time.Now())
	if err == nil {
		err = noteRestoredFrom(path, backup)
	}
	return kept, err
}

// noteRestoredFrom notes in the restored book a copy it came from outside its folder (a stick,
// another computer), so that Today does not ask at once for a copy elsewhere.
func noteRestoredFrom(book, backup string) error {
	st, err := data.Open(book)
	if err != nil {
		return err
	}
	defer st.Close()
	return services(st, app.SystemClock{}).Ledger.NoteRestoredFrom(backup)
}

// dataDir is where the owner's ledger lives: the user's configuration folder.
func dataDir() string { return systemFolders().data() }

func runGUI(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("duebook", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the database file to open (default: "+filepath.Join(dataDir(), "duebook.db")+")")
	fs.Usage = func() { usage(stderr); fmt.Fprintln(stderr, "\nOptions:"); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "duebook: unexpected %q\n", fs.Arg(0))
		return 2
	}
	if os.Getenv("GOMEMLIMIT") == "" { // a limit the user set is left alone
		go governHeap(time.Second)
	}
	meta := duebook.App()
	home := filepath.Join(dataDir(), "duebook.db")
	cfg := ui.Config{Title: meta.Name, DBPath: *db, SamplePath: filepath.Join(dataDir(), "sample.db"), HomePath: home, LettersDir: lettersDir(), Books: books{},
		Version: meta.Version, DataDir: dataDir(), Guide: docs.Guide,
		MonthlyPDF: func(r monthly.Report) ([]byte, error) { return monthlyBytes(r, ".pdf") }}
	if cfg.DBPath == "" {
		cfg.DBPath = home
	}
	// What a killed sample or print run left half-written goes before anything else starts.
	app.RemoveLeftovers(dataDir(), false, time.Now())
	app.RemoveLeftovers(cfg.LettersDir, true, time.Now())
	a := fyneapp.NewWithID(meta.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow(fmt.Sprintf("%s %s", meta.Name, meta.Version))
	w.Resize(fyne.NewSize(1280, 800))
	askPassword = askInWindow(w) // no terminal behind the window
	pr := newProbe(a, stderr)
	if pr != nil {
		pr.wire(&cfg)
	}
	release := ui.Start(w, cfg)
	if pr != nil {
		pr.watchFirstFrame(w)
		go pr.follow(os.Stdin)
	}
	w.SetMaster()
	w.ShowAndRun()
	release()
	return 0
}
