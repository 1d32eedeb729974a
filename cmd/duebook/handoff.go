package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"duebook"
	"duebook/app"
	"duebook/app/handoff"
)

func init() {
	commands["handoff"] = command{"hand customers' debts to an agency or attorney as one verifiable ZIP", cmdHandoff}
	commands["verify"] = command{"check a hand-off bundle: every file, every hash, every timeline", cmdVerify}
}

func cmdHandoff(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "verify" {
		return cmdVerify(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "payments" {
		return cmdHandoffPayments(args[1:], stdout, stderr)
	}
	fs := newFlags("handoff", "handoff --db FILE --customer C [--customer C2 ...] --to NAME [--to-address \"STREET; POSTCODE TOWN\"] --authorised-by NAME --out FILE.zip [--again]", stderr)
	db := fs.String("db", "", "the database file")
	var customers listFlag
	fs.Var(&customers, "customer", "a customer's number or exact name (repeat for several)")
	to := fs.String("to", "", "the collection agency or attorney who takes the case")
	toAddress := fs.String("to-address", "", "their postal address for the cover letter, lines separated by ';' (kept in the address book)")
	by := fs.String("authorised-by", "", "the person at the shop who authorised the hand-off")
	out := fs.String("out", "", "the ZIP file to write (never replaced)")
	again := fs.Bool("again", false, "confirm a second bundle for a customer already handed off")
	asOf := fs.String("as-of", "", "the day (default: today)")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || len(customers) == 0 || *out == "" {
			return usageErr(stderr, fs, "name the customers with --customer and the file with --out")
		}
		// The file must be writable before the hand-off is recorded.
		if err := app.CheckOutput(*out, false); err != nil {
			return err
		}
		col, done, err := openCollections(*db, *asOf)
		if err != nil {
			return err
		}
		defer done()
		req := app.HandoffRequest{To: *to, AuthorisedBy: *by, Version: duebook.App().Version, Again: *again}
		if strings.TrimSpace(*toAddress) != "" {
			req.ToAddress = strings.Split(*toAddress, ";")
		}
		for _, ref := range customers {
			c, err := col.FindCustomer(ref)
			if err != nil {
				return err
			}
			req.CustomerIDs = append(req.CustomerIDs, c.ID)
		}
		res, err := col.Handoff(req)
		if app.CodeOf(err) == app.CodeConflict {
			return app.Wrap(app.CodeConflict, err, "%s: add --again", strings.TrimSuffix(app.Sentence(err), "."))
		} else if err != nil {
			return err
		}
		if err := app.WriteNew(*out, res.ZIP, false); err != nil {
			return app.Wrap(app.CodeOf(err), err, "%s; the hand-off is recorded and the bundle kept in the book (document %s): write it again with reprint", app.Sentence(err), res.SHA256)
		}
		fmt.Fprintf(stdout, "Wrote %s (%d bytes, SHA-256 %s) for %s, now marked handed off.\n", *out, len(res.ZIP), res.SHA256,
			app.Plural(len(res.Debtors), "customer", "customers"))
		return nil
	}()
	return finish(err, stderr)
}

func cmdVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify", "verify FILE.zip", stderr)
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		} else if len(pos) != 1 {
			return usageErr(stderr, fs, "name one bundle")
		}
		b, err := os.ReadFile(pos[0])
		if err != nil {
			return app.Wrap(app.CodeNotFound, err, "cannot read %s", pos[0])
		}
		rep, err := handoff.Verify(b)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Checked:")
		for _, c := range rep.Checked {
			fmt.Fprintln(stdout, "  - "+c)
		}
		if !rep.OK() {
			fmt.Fprintln(stdout, "DOES NOT MATCH:")
			for _, p := range rep.Problems {
				fmt.Fprintln(stdout, "  - "+p)
			}
			return app.Errorf(app.CodeDamaged, "%s was changed after it was made: %d problems (listed above)", pos[0], len(rep.Problems))
		}
		fmt.Fprintln(stdout, "The bundle is intact: every file and every timeline matches.")
		return nil
	}()
	return finish(err, stderr)
}

// cmdHandoffPayments writes the payments a customer made since the hand-off, for the agency.
func cmdHandoffPayments(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("handoff payments", "handoff payments --db FILE --customer C --out FILE.pdf|FILE.csv", stderr)
	db := fs.String("db", "", "the database file")
	customer := fs.String("customer", "", "the customer's number or exact name")
	out := fs.String("out", "", "the file to write (never replaced): a letter to the agency (.pdf) or rows to import (.csv)")
	asOf := fs.String("as-of", "", "the day (default: today)")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *customer == "" || *out == "" {
			return usageErr(stderr, fs, "name the customer with --customer and the file with --out")
		}
		col, done, err := openCollections(*db, *asOf)
		if err != nil {
			return err
		}
		defer done()
		c, err := col.FindCustomer(*customer)
		if err != nil {
			return err
		}
		hp, err := col.PaymentsSinceHandoff(c.ID)
		if err != nil {
			return err
		}
		content := handoff.PaymentsSinceCSV(hp)
		if strings.EqualFold(filepath.Ext(*out), ".pdf") {
			if content, err = col.PaymentsSincePDF(hp); err != nil {
				return err
			}
		}
		if err := app.WriteNew(*out, content, false); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote %s: %s from %s since the hand-off to %s on %s.\n", *out, app.Plural(len(hp.Payments), "payment", "payments"), c.Name, hp.To, hp.Since)
		return nil
	}()
	return finish(err, stderr)
}
