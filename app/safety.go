package app

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Keeping the book safe: where it is, its daily backups and whether each passes the check, and
// copies the owner makes outside the data folder (a USB stick, another disk), which are the
// ones that survive the loss of the computer.

// BackupFile is one dated backup of the book and whether it passes the check.
type BackupFile struct {
	Path    string
	Day     Date
	Size    int64
	Problem string // "" when it is a readable, intact Duebook book
	Checked bool   // whether Problem is known yet (a check reads the whole file)
}

// BookInfo tells where the book is, how big it is and what backups it has.
type BookInfo struct {
	Path    string
	Size    int64        // the book with the log SQLite keeps beside it
	Backups []BackupFile // the daily backups, newest first
	// The newest copy outside the data folder that Duebook made (zero when none was noted).
	LastOutside     Date
	LastOutsideFile string
}

// SafetyState is what the book remembers of copies made outside its folder and of the
// reminder about them.
type SafetyState struct {
	LastOutside     Date   // the day of the newest copy outside the data folder
	LastOutsideFile string // where it was written
	Said            Date   // the day Today last showed the reminder
	Dismissed       Date   // the day the owner put it away
}

// safetyStore is what a store offers for keeping the book safe; the SQLite store implements it.
type safetyStore interface {
	Path() string
	BookInfo() (BookInfo, error)
	// CheckBackup tells what is wrong with a backup ("" when it passes).
	CheckBackup(path string) (string, error)
	BackupTo(out string, replace bool) error
	SafetyState() (SafetyState, error)
	// SaveSafetyState stores st, with ev on the timeline when it is not nil, in one transaction.
	SaveSafetyState(st SafetyState, ev *Event) error
	// BookStarted is the day of the book's first timeline entry (zero for an empty book).
	BookStarted() (Date, error)
}

// Reminder rhythm: the owner hears of it once no copy is younger than ReminderAfterDays, and
// then at most once every ReminderEveryDays.
const (
	ReminderAfterDays = 30
	ReminderEveryDays = 7
)

// BackupReminder says whether Today should remind the owner to copy the book somewhere else.
type BackupReminder struct {
	Due  bool
	Days int  // since the last copy outside (or since the book began)
	Ever bool // whether any copy outside was recorded
}

// Text is the reminder in the owner's words.
func (r BackupReminder) Text() string {
	if !r.Ever {
		return fmt.Sprintf("Your book has never been copied outside its folder (%d days). If this computer breaks or is stolen, "+
			"the daily backups go with it: copy the book to a USB stick or another disk now and then.", r.Days)
	}
	return fmt.Sprintf("No copy of your book has been made outside its folder for %d days. If this computer breaks or is stolen, "+
		"the daily backups go with it: copy the book to a USB stick or another disk.", r.Days)
}

// ReminderDue is the rule of the reminder: more than ReminderAfterDays since the last copy
// outside (or since the book began, when there was none), and not said in the last
// ReminderEveryDays; on the day it was said it stays until dismissed.
func ReminderDue(st SafetyState, started, today Date) BackupReminder {
	since := st.LastOutside
	if since.IsZero() {
		since = started
	}
	r := BackupReminder{Ever: !st.LastOutside.IsZero()}
	if since.IsZero() {
		return r
	}
	r.Days = today.DaysSince(since)
	if r.Days <= ReminderAfterDays {
		return r
	}
	switch {
	case st.Said.IsZero() || today.DaysSince(st.Said) >= ReminderEveryDays:
		r.Due = true
	case st.Said == today:
		r.Due = st.Dismissed != today
	}
	return r
}

// IsOutside tells whether path lies outside the folder dir (and its subfolders).
func IsOutside(dir, path string) bool {
	rel, err := filepath.Rel(filepath.Clean(dir), filepath.Clean(path))
	if err != nil {
		return true // another drive on Windows
	}
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel)
}

func (l *Ledger) safety() (safetyStore, error) {
	s, ok := l.Store.(safetyStore)
	if !ok {
		return nil, Errorf(CodeInternal, "this book cannot be backed up from here")
	}
	return s, nil
}

// BookInfo tells where the book is, its size and its daily backups, with the result of their
// check where it is known (CheckBackup checks the others; the store remembers each result for as
// long as the file does not change).
func (l *Ledger) BookInfo() (BookInfo, error) {
	s, err := l.safety()
	if err != nil {
		return BookInfo{}, err
	}
	info, err := s.BookInfo()
	if err != nil {
		return info, err
	}
	st, err := s.SafetyState()
	info.LastOutside, info.LastOutsideFile = st.LastOutside, st.LastOutsideFile
	return info, err
}

// InDataFolder tells whether path lies in the book's own folder (its backups folder included):
// a copy there is lost with the computer, like the book.
func (l *Ledger) InDataFolder(path string) bool {
	s, err := l.safety()
	if err != nil {
		return false
	}
	abs, _ := filepath.Abs(path)
	return !IsOutside(filepath.Dir(s.Path()), abs)
}

// CheckBackup checks one backup of the list: a readable, intact Duebook book passes.
func (l *Ledger) CheckBackup(f BackupFile) (BackupFile, error) {
	s, err := l.safety()
	if err != nil {
		return f, err
	}
	f.Problem, err = s.CheckBackup(f.Path)
	f.Checked = err == nil
	return f, err
}

// BackupName is the file name of a copy the owner makes: the shop's name and the day.
func BackupName(shop string, day Date) string {
	name := SafeFileName(shop)
	if name == "-" {
		name = "Duebook"
	}
	return fmt.Sprintf("%s backup %s.db", name, day)
}

// BackUpTo writes a checked copy of the book into dir, named after the shop and the day, and
// records it when dir is outside the data folder. An existing copy of that name is refused
// (CodeConflict) unless replace; it stays until the new copy has passed its check.
func (l *Ledger) BackUpTo(dir string, replace bool) (string, error) {
	shop, _, err := l.Store.Shop()
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, BackupName(shop.Name, l.Today()))
	return out, l.BackupToFile(out, replace)
}

// BackupToFile writes a checked copy of the book to out and records it when out lies outside
// the data folder. A book open for reading only is copied but cannot record it.
func (l *Ledger) BackupToFile(out string, replace bool) error {
	s, err := l.safety()
	if err != nil {
		return err
	}
	if err := s.BackupTo(out, replace); err != nil {
		return err
	}
	if err := l.noteCopy(s, out, "A copy of the book was made outside its folder: "); err != nil {
		return Wrap(CodeOf(err), err, "the copy %s is written and checked, but Duebook could not note it: %s", out, Sentence(err))
	}
	return nil
}

// NoteRestoredFrom notes, in a book just restored from a copy, that this copy lies outside the
// book's folder (on a stick, from another computer): it is one, so Today does not remind the
// owner at once to make one.
func (l *Ledger) NoteRestoredFrom(copy string) error {
	s, err := l.safety()
	if err != nil {
		return err
	}
	return l.noteCopy(s, copy, "The book was restored from a copy outside its folder: ")
}

// noteCopy records a copy of the book at path when it lies outside the book's folder (a book
// open for reading only cannot record it).
func (l *Ledger) noteCopy(s safetyStore, path, summary string) error {
	abs, _ := filepath.Abs(path)
	if !IsOutside(filepath.Dir(s.Path()), abs) || l.ReadOnly() {
		return nil
	}
	st, err := s.SafetyState()
	if err != nil {
		return err
	}
	st.LastOutside, st.LastOutsideFile = l.Today(), abs
	ev := l.event(0, "backup", summary+filepath.Base(abs), map[string]string{"file": abs})
	return s.SaveSafetyState(st, &ev)
}

// BackupReminder tells whether Today should remind the owner to make a copy outside the data
// folder, and notes that it was said today. A book open for reading only is never reminded:
// it cannot remember having said so.
func (l *Ledger) BackupReminder() (BackupReminder, error) {
	s, err := l.safety()
	if err != nil || l.ReadOnly() {
		return BackupReminder{}, nil
	}
	st, err := s.SafetyState()
	if err != nil {
		return BackupReminder{}, err
	}
	started, err := s.BookStarted()
	if err != nil {
		return BackupReminder{}, err
	}
	today := l.Today()
	r := ReminderDue(st, started, today)
	if r.Due && st.Said != today {
		st.Said = today
		if err := s.SaveSafetyState(st, nil); err != nil {
			return BackupReminder{}, err
		}
	}
	return r, nil
}

// DismissBackupReminder puts the reminder away until it is due again.
func (l *Ledger) DismissBackupReminder() error {
	s, err := l.safety()
	if err != nil {
		return err
	}
	st, err := s.SafetyState()
	if err != nil {
		return err
	}
	st.Dismissed = l.Today()
	return s.SaveSafetyState(st, nil)
}
