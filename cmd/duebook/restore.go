package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"duebook/app"
	"duebook/data"
)

func init() {
	commands["restore"] = command{"replace the book with a backup that passes the check (the old file is kept aside)", cmdRestore}
}

// lastBook is the book the running command opened, for the advice after a damage error.
var lastBook string

// openLedgerToRead opens the book for a command that only reads: a book whose file or folder
// cannot be written is opened read-only instead of refused (and a note says so).
func openLedgerToRead(db string, asOf app.Date, stderr io.Writer) (*app.Ledger, *data.Store, error) {
	ledger, st, err := openLedger(db, asOf)
	if app.CodeOf(err) != app.CodeReadOnly {
		return ledger, st, err
	}
	ro, rerr := data.OpenReadOnly(db)
	if rerr != nil {
		return nil, nil, rerr
	}
	fmt.Fprintf(stderr, "duebook: note: %s cannot be written; it is open for reading only.\n", db)
	return wireLedger(ro, asOf), ro, nil
}

// openCollectionsToRead is openCollections for a command that only reads.
func openCollectionsToRead(db, asOf string, stderr io.Writer) (*app.Collections, func(), error) {
	d, err := dateFlag(asOf)
	if err != nil {
		return nil, nil, err
	}
	ledger, st, err := openLedgerToRead(db, d, stderr)
	if err != nil {
		return nil, nil, err
	}
	return services(st, ledger.Clock).Collections, func() { st.Close() }, nil
}

// cleanLeftovers removes what killed runs left half-written beside the book and in its backups.
func cleanLeftovers(book string) {
	if abs, err := filepath.Abs(book); err == nil {
		app.RemoveLeftovers(filepath.Dir(abs), false, time.Now())
		app.RemoveLeftovers(data.BackupDir(abs), false, time.Now())
	}
}

// adviseRestore names, after a damage error, the newest backup that passes the check.
func adviseRestore(w io.Writer) {
	if lastBook == "" {
		return
	}
	b, err := data.NewestSoundBackup(lastBook)
	switch {
	case err != nil:
		fmt.Fprintln(w, "duebook: the backups could not be checked: "+app.Sentence(err))
	case b == "":
		fmt.Fprintf(w, "duebook: no backup in %s passes the check; if you keep copies elsewhere, restore one with: duebook restore --db %s --from BACKUP\n", data.BackupDir(lastBook), lastBook)
	default:
		fmt.Fprintf(w, "duebook: the newest backup that passes the check is %s; restore it with: duebook restore --db %s --from %s\n", b, lastBook, b)
	}
}

func cmdRestore(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("restore", "restore --from BACKUP [--db FILE]", stderr)
	def := filepath.Join(dataDir(), "duebook.db")
	db := fs.String("db", def, "the book to replace")
	from := fs.String("from", "", "the backup to restore (it is checked first)")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 || *from == "" {
			return usageErr(stderr, fs, "name the backup with --from BACKUP")
		}
		kept, err := data.Restore(*db, *from, time.Now())
		if err == nil {
			err = noteRestoredFrom(*db, *from)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Restored %s from %s; the backup passed the check.\n", *db, *from)
		if kept != "" {
			fmt.Fprintf(stdout, "The previous file is kept as %s.\n", kept)
		}
		return nil
	}()
	return finish(err, stderr)
}
