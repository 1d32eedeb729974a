package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"duebook/app"
)

func init() {
	commands["print"] = command{"approve the day's letters and print them to one PDF plus one PDF each", cmdPrint}
	commands["letter"] = command{"print one letter of a kind for a customer", cmdLetter}
	commands["statement"] = command{"print a customer's statement of account", cmdStatement}
	commands["receipt"] = command{"print the receipt of a payment", cmdReceipt}
	commands["reprint"] = command{"write a stored letter again, byte for byte", cmdReprint}
}

func cmdPrint(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("print", "print --db FILE --out DIR [--as-of DATE]", stderr)
	db := fs.String("db", "", "the database file")
	out := fs.String("out", "", "the folder to write the PDFs to (a folder per day is made in it)")
	asOf := fs.String("as-of", "", "the day (default: today)")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *out == "" {
			return usageErr(stderr, fs, "name the folder with --out")
		}
		// The folder must be writable before anything is approved.
		if err := app.MakeOutputDir(*out); err != nil {
			return err
		}
		app.RemoveLeftovers(*out, false, time.Now())
		col, done, err := openCollections(*db, *asOf)
		if err != nil {
			return err
		}
		defer done()
		if pending, err := col.PendingPrints(); err != nil {
			return err
		} else if len(pending) > 0 {
			if len(pending) == 1 {
				fmt.Fprintln(stdout, "1 approved letter not yet printed: printing it again.")
			} else {
				fmt.Fprintf(stdout, "%d approved letters not yet printed: printing them again.\n", len(pending))
			}
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		start := time.Now()
		res, err := col.PrintRun(ctx, app.Date{}, nil)
		if err != nil && len(res.Letters) == 0 && app.CodeOf(err) != app.CodeCancelled {
			return err
		}
		for _, l := range res.Letters {
			for _, w := range l.Warnings {
				fmt.Fprintf(stderr, "duebook: warning: %s: %s\n", l.Customer, w)
			}
		}
		// What was recorded goes to disk, even after a cancel, with anything an earlier run
		// recorded but could not write.
		output, werr := col.OutputLetters(context.Background(), *out)
		if werr != nil {
			if pending, perr := col.PendingPrints(); perr == nil && len(pending) > 0 {
				return app.Wrap(app.CodeOf(werr), werr, "%s; %d approved letters are recorded and not yet printed: run print again once the folder can be written",
					strings.TrimSuffix(app.Sentence(werr), "."), len(pending))
			}
			return werr
		}
		if len(output.Letters) == 0 {
			fmt.Fprintf(stdout, "No letters to print for %s.\n", res.AsOf)
			return err
		}
		fmt.Fprintf(stdout, "Printed %d letters, %d pages, in %.2f s: %s (sorted by postal code) and one PDF per letter beside it.\n",
			len(output.Letters), output.Pages, time.Since(start).Seconds(), output.Combined)
		return err
	}()
	return finish(err, stderr)
}

func cmdLetter(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("letter", "letter --db FILE --customer C --kind KIND [--tone T] [--lang L] [--currency CODE] [--as-of DATE] --out F.pdf", stderr)
	db := fs.String("db", "", "the database file")
	customer := fs.String("customer", "", "the customer's number or exact name")
	kind := fs.String("kind", "", "courtesy, reminder1, reminder2, final, invoice, statement or receipt")
	tone := fs.String("tone", "", "gentle, standard or firm (default: the customer's)")
	lang := fs.String("lang", "", "en or de (default: the customer's, else the shop's)")
	out := fs.String("out", "", "the PDF file to write")
	payment := fs.Int64("payment", 0, "the payment, for a receipt")
	invoice := fs.String("invoice", "", "only this invoice (for an invoice: which one)")
	asOf := fs.String("as-of", "", "the letter's day (default: today)")
	return finish(printOne(fs, args, stdout, stderr, db, customer, kind, tone, lang, out, invoice, payment, asOf), stderr)
}

func cmdStatement(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("statement", "statement --db FILE --customer C [--currency CODE] [--as-of DATE] --out F.pdf", stderr)
	db := fs.String("db", "", "the database file")
	customer := fs.String("customer", "", "the customer's number or exact name")
	out := fs.String("out", "", "the PDF file to write")
	asOf := fs.String("as-of", "", "the statement's day (default: today)")
	kind, tone, lang, invoice, payment := "statement", "", "", "", int64(0)
	return finish(printOne(fs, args, stdout, stderr, db, customer, &kind, &tone, &lang, out, &invoice, &payment, asOf), stderr)
}

func cmdReceipt(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("receipt", "receipt --db FILE --payment P --out F.pdf", stderr)
	db := fs.String("db", "", "the database file")
	payment := fs.Int64("payment", 0, "the payment's number")
	out := fs.String("out", "", "the PDF file to write")
	kind, tone, lang, customer, invoice, asOf := "receipt", "", "", "", "", ""
	return finish(printOne(fs, args, stdout, stderr, db, &customer, &kind, &tone, &lang, out, &invoice, payment, &asOf), stderr)
}

func printOne(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, db, customer, kind, tone, lang, out, invoice *string, payment *int64, asOf *string) error {
	force := fs.Bool("force", false, "replace the file if it exists")
	currency := fs.String("currency", "", "only the invoices in this currency (needed when the customer owes in several)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" || (*customer == "" && *payment == 0) {
		return usageErr(stderr, fs, "name the customer (or the payment) and the file with --out")
	}
	k, err := app.ParseLetterKind(*kind)
	if err != nil {
		return usageErr(stderr, fs, "%s", app.Sentence(err))
	}
	t, err := app.ParseTone(*tone)
	if err != nil {
		return usageErr(stderr, fs, "%s", app.Sentence(err))
	}
	// The file must be writable before the letter is recorded as printed.
	if err := app.CheckOutput(*out, *force); err != nil {
		return err
	}
	col, done, err := openCollections(*db, *asOf)
	if err != nil {
		return err
	}
	defer done()
	var custID int64
	if *customer != "" {
		c, err := col.FindCustomer(*customer)
		if err != nil {
			return err
		}
		custID = c.ID
	} else {
		custID, err = col.PaymentCustomer(*payment)
		if err != nil {
			return err
		}
	}
	pdf, warnings, err := col.PrintLetter(app.LetterRequest{CustomerID: custID, Kind: k, Tone: t, Lang: *lang, PaymentID: *payment, Invoice: *invoice,
		Currency: strings.ToUpper(strings.TrimSpace(*currency))})
	for _, w := range warnings {
		fmt.Fprintln(stderr, "duebook: warning: "+w)
	}
	if err != nil {
		return err
	}
	if err := app.WriteNew(*out, pdf, *force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s.\n", *out)
	return nil
}

func cmdReprint(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("reprint", "reprint --db FILE --document SHA256 --out F.pdf", stderr)
	db := fs.String("db", "", "the database file")
	sha := fs.String("document", "", "the stored document's SHA-256 (shown on the timeline)")
	out := fs.String("out", "", "the file to write")
	force := fs.Bool("force", false, "replace the file if it exists")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *sha == "" || *out == "" {
			return usageErr(stderr, fs, "name the document and the file")
		}
		col, done, err := openCollections(*db, "")
		if err != nil {
			return err
		}
		defer done()
		b, err := col.Reprint(*sha)
		if err != nil {
			return err
		}
		if err := app.WriteNew(*out, b, *force); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote %s, as it was printed.\n", *out)
		return nil
	}()
	return finish(err, stderr)
}
