package main

import (
	"fmt"
	"io"
	"strings"

	"duebook/app"
)

func init() {
	commands["queue"] = command{"show the day's proposed actions", cmdQueue}
	commands["approve"] = command{"approve the day's actions (letters, emails, calls, hand-offs)", cmdApprove}
	commands["skip"] = command{"skip the day's actions for customers, with a reason", cmdSkip}
	commands["promise"] = command{"record a customer's promise to pay", cmdPromise}
	commands["plan"] = command{"set up a payment plan (or preview it)", cmdPlan}
	commands["dispute"] = command{"open or resolve a dispute of an invoice", cmdDispute}
	commands["hold"] = command{"put a customer on hold until a day, or lift the hold", cmdHold}
}

// openCollections opens the store and wires the collection use cases.
func openCollections(db, asOf string) (*app.Collections, func(), error) {
	d, err := dateFlag(asOf)
	if err != nil {
		return nil, nil, err
	}
	ledger, st, err := openLedger(db, d)
	if err != nil {
		return nil, nil, err
	}
	return services(st, ledger.Clock).Collections, func() { st.Close() }, nil
}

type queueJSON struct {
	AsOf    string       `json:"as_of"`
	Actions []actionJSON `json:"actions"`
}

type actionJSON struct {
	CustomerID int64       `json:"customer_id"`
	Customer   string      `json:"customer"`
	Stage      string      `json:"stage"`
	Channel    string      `json:"channel"`
	Tone       string      `json:"tone"`
	Amount     string      `json:"amount"`
	Currency   string      `json:"currency"`
	Invoices   []string    `json:"invoices"`
	Reasons    []string    `json:"reasons"`
	Guards     []app.Guard `json:"guards"`
	Deadline   string      `json:"deadline,omitempty"`
	Phone      string      `json:"phone,omitempty"`
	LocalTime  string      `json:"local_time,omitempty"`
	Script     string      `json:"script,omitempty"`
	Thanks     bool        `json:"thanks,omitempty"` // a thank-you note: it asks for nothing
}

func toJSON(q app.Queue) queueJSON {
	out := queueJSON{AsOf: q.AsOf.String(), Actions: []actionJSON{}}
	for _, a := range q.Actions {
		cur := app.MustCurrency(a.Currency)
		j := actionJSON{CustomerID: a.CustomerID, Customer: a.Customer, Stage: a.StageName, Channel: string(a.Channel), Tone: string(a.Tone),
			Amount: app.Decimal(a.Amount, cur), Currency: a.Currency, Invoices: []string{}, Reasons: a.Reasons, Guards: []app.Guard{},
			Phone: a.Phone, LocalTime: a.LocalTime, Script: a.Script, Thanks: a.Thanks != nil}
		if !a.Deadline.IsZero() {
			j.Deadline = a.Deadline.String()
		}
		for _, inv := range a.Invoices {
			j.Invoices = append(j.Invoices, inv.Number)
		}
		if a.Guards != nil {
			j.Guards = a.Guards
		}
		if j.Reasons == nil {
			j.Reasons = []string{}
		}
		out.Actions = append(out.Actions, j)
	}
	return out
}

func cmdQueue(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("queue", "queue --db FILE [--as-of DATE] [--format text|json]", stderr)
	db := fs.String("db", "", "the database file")
	asOf := fs.String("as-of", "", "the day (default: today)")
	format := fs.String("format", "text", "text or json")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 || (*format != "text" && *format != "json") {
			return usageErr(stderr, fs, "the format is text or json")
		}
		col, done, err := openCollectionsToRead(*db, *asOf, stderr)
		if err != nil {
			return err
		}
		defer done()
		q, err := col.Queue(app.Date{})
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(stdout, toJSON(q))
		}
		writeQueue(stdout, q)
		return nil
	}()
	return finish(err, stderr)
}

func writeQueue(w io.Writer, q app.Queue) {
	ready, guarded := 0, 0
	for _, a := range q.Actions {
		if a.Blocked() {
			guarded++
		} else {
			ready++
		}
	}
	fmt.Fprintf(w, "Queue for %s: %d actions to approve, %d held by a guard.\n", q.AsOf, ready, guarded)
	for _, blocked := range []bool{false, true} {
		if blocked && guarded > 0 {
			fmt.Fprintln(w, "\nHeld:")
		}
		for _, a := range q.Actions {
			if a.Blocked() != blocked {
				continue
			}
			cur := app.MustCurrency(a.Currency)
			var nums []string
			for _, inv := range a.Invoices {
				nums = append(nums, inv.Number)
			}
			owed := a.Currency + " " + app.Decimal(a.Amount, cur)
			if a.Thanks != nil {
				owed = "asks for nothing"
			}
			fmt.Fprintf(w, "\n  #%d %s: %s by %s, %s tone, %s (%s)\n", a.CustomerID, a.Customer, a.StageName, a.Channel, a.Tone, owed, strings.Join(nums, ", "))
			for _, r := range a.Reasons {
				fmt.Fprintf(w, "      - %s\n", r)
			}
			for _, g := range a.Guards {
				until := ""
				if g.Until != "" {
					until = " (until " + g.Until + ")"
				}
				fmt.Fprintf(w, "      ! %s: %s%s\n", g.Guard, g.Reason, until)
			}
			if a.Channel == app.ChannelCall {
				fmt.Fprintf(w, "      call %s (their time: %s)\n      script: %s\n", a.Phone, a.LocalTime, a.Script)
			}
		}
	}
}

// actionFilterFlags parses --channel and --customer for approve and skip.
func actionFilter(col *app.Collections, channel string, customers []string) (app.ActionFilter, error) {
	var f app.ActionFilter
	if channel != "" {
		c, err := app.ParseChannel(channel)
		if err != nil {
			return f, err
		}
		f.Channel = c
	}
	for _, ref := range customers {
		c, err := col.FindCustomer(ref)
		if err != nil {
			return f, err
		}
		f.Customers = append(f.Customers, c.ID)
	}
	return f, nil
}

func cmdApprove(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("approve", "approve --db FILE [--as-of DATE] [--channel C] [--customer C ...] [--as-letter]", stderr)
	db := fs.String("db", "", "the database file")
	asOf := fs.String("as-of", "", "the day (default: today)")
	channel := fs.String("channel", "", "only actions of this channel: letter, email, both, call or handoff")
	asLetter := fs.Bool("as-letter", false, "print email actions as letters instead (while email sending is not set up)")
	var customers listFlag
	fs.Var(&customers, "customer", "only this customer's action, by number or exact name (repeatable)")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		col, done, err := openCollections(*db, *asOf)
		if err != nil {
			return err
		}
		defer done()
		f, err := actionFilter(col, *channel, customers)
		if err != nil {
			return err
		}
		approved, err := col.Approve(app.Date{}, f)
		if err == nil && *asLetter && !col.CanEmail() {
			var more []app.Action
			more, err = approveEmailsAsLetters(col, f)
			approved = append(approved, more...)
		}
		for _, a := range approved {
			cur := app.MustCurrency(a.Currency)
			kept := ""
			if app.IsLetter(a) {
				kept = "; the letter is kept as printed (duebook print writes the PDFs, duebook reprint copies one)"
			} else if a.Channel == app.ChannelEmail {
				kept = "; queued in the outbox (duebook send sends it)"
			}
			owed := a.Currency + " " + app.Decimal(a.Amount, cur)
			if a.Thanks != nil {
				owed = "asks for nothing"
			}
			fmt.Fprintf(stdout, "Approved: %s for %s (%s, %s)%s.\n", a.StageName, a.Customer, a.Channel, owed, kept)
			for _, n := range a.Notes {
				fmt.Fprintf(stdout, "  note: %s\n", n)
			}
		}
		if err == nil {
			fmt.Fprintf(stdout, "%d actions approved.\n", len(approved))
			if waiting := waitingEmails(col, f); waiting > 0 {
				fmt.Fprintf(stdout, "%d emails wait: email sending is not set up. Approve them with --as-letter to print them as letters.\n", waiting)
			}
		}
		return err
	}()
	return finish(err, stderr)
}

// approveEmailsAsLetters approves the matching email actions by printing them as letters.
func approveEmailsAsLetters(col *app.Collections, f app.ActionFilter) ([]app.Action, error) {
	q, err := col.Queue(app.Date{})
	if err != nil {
		return nil, err
	}
	var done []app.Action
	for _, a := range q.Actions {
		if a.Blocked() || a.Channel != app.ChannelEmail || !f.Match(a) {
			continue
		}
		if _, err := col.ApproveAsLetter(app.Date{}, a); err != nil {
			return done, err
		}
		a.Channel, a.StageName = app.ChannelLetter, a.StageName+" (by letter instead of email)"
		done = append(done, a)
	}
	return done, nil
}

// waitingEmails counts the email actions that wait for a mailbox.
func waitingEmails(col *app.Collections, f app.ActionFilter) int {
	if col.CanEmail() {
		return 0
	}
	q, err := col.Queue(app.Date{})
	if err != nil {
		return 0
	}
	n := 0
	for _, a := range q.Actions {
		if !a.Blocked() && a.Channel == app.ChannelEmail && f.Match(a) {
			n++
		}
	}
	return n
}

func cmdSkip(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("skip", "skip --db FILE --reason TEXT [--as-of DATE] [--channel C] [--customer C ...] [--until DATE]", stderr)
	db := fs.String("db", "", "the database file")
	asOf := fs.String("as-of", "", "the day (default: today)")
	channel := fs.String("channel", "", "only actions of this channel")
	reason := fs.String("reason", "", "why, for the timeline")
	until := fs.String("until", "", "snooze: put the customers on hold until this day instead of skipping the stage")
	var customers listFlag
	fs.Var(&customers, "customer", "only this customer's action, by number or exact name (repeatable)")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *reason == "" {
			return usageErr(stderr, fs, "say why with --reason")
		}
		col, done, err := openCollections(*db, *asOf)
		if err != nil {
			return err
		}
		defer done()
		f, err := actionFilter(col, *channel, customers)
		if err != nil {
			return err
		}
		if len(f.Customers) == 0 && f.Channel == "" {
			return usageErr(stderr, fs, "name the customers or the channel to skip; skipping everything needs --channel")
		}
		var acted []app.Action
		verb := "Skipped"
		if *until != "" {
			d, err := dateFlag(*until)
			if err != nil {
				return err
			}
			verb = "Snoozed until " + d.String()
			acted, err = col.Snooze(app.Date{}, f, d, *reason)
			if err != nil {
				return err
			}
		} else if acted, err = col.Skip(app.Date{}, f, *reason); err != nil {
			return err
		}
		for _, a := range acted {
			fmt.Fprintf(stdout, "%s: %s for %s.\n", verb, a.StageName, a.Customer)
		}
		fmt.Fprintf(stdout, "%d actions.\n", len(acted))
		return nil
	}()
	return finish(err, stderr)
}

func cmdPromise(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("promise", "promise --db FILE --customer C --amount AMOUNT --by DATE [--currency CODE] [--note TEXT]", stderr)
	db := fs.String("db", "", "the database file")
	customer := fs.String("customer", "", "the customer's number or exact name")
	amount := fs.String("amount", "", "the amount promised")
	currency := fs.String("currency", "", "currency (default: the shop's)")
	by := fs.String("by", "", "the day the customer promised to pay by")
	note := fs.String("note", "", "a note, e.g. how the promise was made")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *customer == "" || *amount == "" || *by == "" {
			return usageErr(stderr, fs, "name the customer, the amount and the day")
		}
		col, done, err := openCollections(*db, "")
		if err != nil {
			return err
		}
		defer done()
		c, err := col.FindCustomer(*customer)
		if err != nil {
			return err
		}
		d, err := dateFlag(*by)
		if err != nil {
			return err
		}
		p, err := col.AddPromise(app.PromiseRequest{CustomerID: c.ID, Amount: *amount, Currency: *currency, Due: d, Note: *note})
		if err != nil {
			return err
		}
		cur := app.MustCurrency(p.Currency)
		fmt.Fprintf(stdout, "Recorded: %s promised %s %s by %s; reminders wait until %s.\n", c.Name, p.Currency, app.Decimal(p.Amount, cur), p.Due, p.Until())
		return nil
	}()
	return finish(err, stderr)
}

func cmdPlan(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan", "plan --db FILE --customer C --installments N --every weekly|fortnightly|monthly --first DATE [--down AMOUNT] [--invoice N ...] [--currency CODE] [--preview]", stderr)
	db := fs.String("db", "", "the database file")
	customer := fs.String("customer", "", "the customer's number or exact name")
	n := fs.Int("installments", 0, "number of installments")
	every := fs.String("every", "monthly", "weekly, fortnightly or monthly")
	first := fs.String("first", "", "the day of the first payment")
	down := fs.String("down", "", "a down payment, due on the first day")
	currency := fs.String("currency", "", "currency (default: the shop's)")
	preview := fs.Bool("preview", false, "show the schedule without saving the plan")
	agreement := fs.String("agreement", "", "also print the agreement with signature lines to this PDF file")
	force := fs.Bool("force", false, "replace the agreement file if it exists")
	var invoices listFlag
	fs.Var(&invoices, "invoice", "an invoice in the plan (repeatable; default: all open invoices)")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *customer == "" || *first == "" {
			return usageErr(stderr, fs, "name the customer, the installments and the first day")
		}
		freq, err := app.ParseFrequency(*every)
		if err != nil {
			return usageErr(stderr, fs, "%s", app.Sentence(err))
		}
		// The plan is not saved when its agreement could not be written.
		if *agreement != "" && !*preview {
			if err := app.CheckOutput(*agreement, *force); err != nil {
				return err
			}
		}
		col, done, err := openCollections(*db, "")
		if err != nil {
			return err
		}
		defer done()
		c, err := col.FindCustomer(*customer)
		if err != nil {
			return err
		}
		d, err := dateFlag(*first)
		if err != nil {
			return err
		}
		req := app.PlanRequest{CustomerID: c.ID, Invoices: invoices, Currency: *currency, DownPayment: *down, Installments: *n, Frequency: freq, FirstDue: d}
		var p app.Plan
		if *preview {
			p, err = col.PreviewPlan(req)
		} else {
			p, err = col.CreatePlan(req)
		}
		if err != nil {
			return err
		}
		cur := app.MustCurrency(p.Currency)
		what := "Payment plan saved"
		if *preview {
			what = "Payment plan (preview, not saved)"
		}
		fmt.Fprintf(stdout, "%s for %s: invoices %s, %s %s.\n%s\n", what, c.Name, strings.Join(p.Numbers, ", "), p.Currency, app.Decimal(p.Total, cur),
			app.DescribeSchedule(p.Schedule, p.Currency, app.FormatDot))
		if *agreement != "" && !*preview {
			return writeAgreement(stdout, stderr, col, c.ID, p.ID, *agreement, *force)
		}
		return nil
	}()
	return finish(err, stderr)
}

func cmdDispute(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("dispute", "dispute --db FILE --invoice N (--reason TEXT | --resolve TEXT)", stderr)
	db := fs.String("db", "", "the database file")
	invoice := fs.String("invoice", "", "the invoice number")
	reason := fs.String("reason", "", "what the customer disputes (opens a dispute)")
	resolve := fs.String("resolve", "", "how the dispute was resolved (closes it)")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *invoice == "" || (*reason == "") == (*resolve == "") {
			return usageErr(stderr, fs, "name the invoice and either --reason or --resolve")
		}
		col, done, err := openCollections(*db, "")
		if err != nil {
			return err
		}
		defer done()
		if *resolve != "" {
			if err := col.ResolveDispute(*invoice, *resolve); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "The dispute of invoice %s is resolved; it is back on the ladder.\n", *invoice)
			return nil
		}
		if _, err := col.OpenDispute(*invoice, *reason); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Invoice %s is disputed and leaves the ladder until the dispute is resolved.\n", *invoice)
		return nil
	}()
	return finish(err, stderr)
}

func cmdHold(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("hold", "hold --db FILE --customer C (--until DATE --reason TEXT | --lift)", stderr)
	db := fs.String("db", "", "the database file")
	customer := fs.String("customer", "", "the customer's number or exact name")
	until := fs.String("until", "", "the last day of the hold")
	reason := fs.String("reason", "", "why, for the timeline")
	lift := fs.Bool("lift", false, "lift the hold")
	err := func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *customer == "" || (*lift == (*until != "")) {
			return usageErr(stderr, fs, "name the customer and either --until or --lift")
		}
		col, done, err := openCollections(*db, "")
		if err != nil {
			return err
		}
		defer done()
		c, err := col.FindCustomer(*customer)
		if err != nil {
			return err
		}
		var d app.Date
		if !*lift {
			if d, err = dateFlag(*until); err != nil {
				return err
			}
		}
		if err := col.Hold(c.ID, d, *reason); err != nil {
			return err
		}
		if *lift {
			fmt.Fprintf(stdout, "The hold on %s is lifted.\n", c.Name)
		} else {
			fmt.Fprintf(stdout, "%s is on hold until %s.\n", c.Name, d)
		}
		return nil
	}()
	return finish(err, stderr)
}

// writeAgreement prints a plan's agreement to a PDF file, written whole or not at all.
func writeAgreement(stdout, stderr io.Writer, col *app.Collections, customerID, planID int64, out string, force bool) error {
	pdf, warnings, err := col.PlanAgreement(customerID, planID)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "duebook: warning: "+w)
	}
	if err != nil {
		return err
	}
	if err := app.WriteNew(out, pdf, force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Agreement written to %s.\n", out)
	return nil
}
