package app

// bookFile is what a store may tell about its file: whether it is open for reading only, and a
// quick look for damage. The SQLite store implements it; stores in tests need not.
type bookFile interface {
	ReadOnly() bool
	QuickCheck() error
}

// ReadOnly tells whether the book is open for reading only (its file or folder cannot be
// written): screens and commands that change something are refused.
func (l *Ledger) ReadOnly() bool {
	b, ok := l.Store.(bookFile)
	return ok && b.ReadOnly()
}

// CheckFile looks through the book's file for damage (quick: no hash is recomputed). A damaged
// book returns an error with CodeDamaged, and the store writes nothing more to it.
func (l *Ledger) CheckFile() error {
	if b, ok := l.Store.(bookFile); ok {
		return b.QuickCheck()
	}
	return nil
}

// ReadOnlyNote is what the owner reads while the book is open for reading only.
const ReadOnlyNote = "This book is open read-only: its file or its folder cannot be written. You can look at everything, " +
	"print reports and make a backup, but nothing can be changed. To work in it, copy the file somewhere you can write " +
	"or change its permissions, then open it again."
