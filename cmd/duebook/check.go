package main

import (
	"fmt"
	"io"
	"strings"

	"duebook/app"
)

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check --db FILE [--record 1234·3fa9c21b ...] [--backup FILE ...]", stderr)
	db := fs.String("db", "", "the database file")
	var records, backups listFlag
	fs.Var(&records, "record", "a record reference printed on a letter, to compare the timeline with (repeatable)")
	fs.Var(&backups, "backup", "a backup kept elsewhere, to compare the timeline with (repeatable)")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		opts := app.CheckOptions{Backups: backups}
		for _, r := range records {
			h, err := app.ParseRecordRef(r)
			if err != nil {
				return usageErr(stderr, fs, "%s", app.Sentence(err))
			}
			opts.Records = append(opts.Records, h)
		}
		_, st, err := openLedgerToRead(*db, app.Date{}, stderr)
		if err != nil {
			return err
		}
		defer st.Close()
		rep, err := st.CheckWith(opts)
		if err != nil {
			return err
		}
		printCheck(stdout, rep)
		if len(rep.Integrity) != 1 || rep.Integrity[0] != "ok" {
			// A damaged file breaks the chain too; that is damage, not an edit. The quick
			// check marks the book so that no later run writes to it.
			st.QuickCheck()
			return app.Errorf(app.CodeDamaged, "%s is damaged: part of the file cannot be read (the disk or another program changed it; this is not an edit of the timeline). Nothing more should be written to it: restore a backup that passes the check", *db)
		}
		if !rep.OK() {
			return app.Errorf(app.CodeStorage, "%s failed the check", *db)
		}
		fmt.Fprintln(stdout, "The database is sound.")
		return nil
	}()
	return finish(err, stderr)
}

// printCheck says what the check compared and what it found.
func printCheck(w io.Writer, rep app.CheckReport) {
	fmt.Fprintf(w, "File: %s\n", strings.Join(rep.Integrity, "; "))
	if rep.ChainOK {
		fmt.Fprintf(w, "Timeline: %d events, hash chain intact (record %s).\n", rep.Events, rep.Head.Ref())
	} else {
		fmt.Fprintf(w, "Timeline: %d events; the hash chain breaks at event %d (the timeline was edited outside Duebook).\n", rep.Events, rep.BrokenAt)
	}
	if len(rep.Values) == 0 {
		fmt.Fprintf(w, "Stored values: all %d rows of invoices, payments, allocations, charges and decisions are those the timeline records.\n", rep.Rows)
	} else {
		fmt.Fprintf(w, "Stored values: %d rows compared; these differ from what the timeline records:\n", rep.Rows)
		for _, v := range rep.Values {
			fmt.Fprintf(w, "  - %s\n", v)
		}
	}
	fmt.Fprintf(w, "Documents: %d match their SHA-256.\n", rep.Documents)
	for _, d := range rep.DocumentProblems {
		fmt.Fprintf(w, "  - %s\n", d)
	}
	fmt.Fprintln(w, "Anchors compared:")
	for _, a := range rep.Anchors {
		state := "agrees"
		switch {
		case a.Missing:
			state = a.Problem
		case !a.OK:
			state = "DOES NOT AGREE: " + a.Problem
		case a.Problem != "":
			state += " (" + a.Problem + ")"
		}
		seen := ""
		if !a.Missing {
			seen = fmt.Sprintf(" (%d events)", a.Events)
		}
		fmt.Fprintf(w, "  - %s%s: %s\n", a.Source, seen, state)
	}
}
