package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"duebook/app"
)

// SampleOptions size and seed a generated sample shop.
type SampleOptions struct {
	Customers int
	Invoices  int
	Seed      uint64
	Today     app.Date
	Currency  string
	Unpaid    bool // nobody has paid anything yet: every invoice is open (for measuring the queue)
	// LettersDue makes reminder 1 fall due today for this many customers (those of the special
	// cases excepted), for measuring a big print run.
	LettersDue int
}

// SampleStats says what a sample holds.
type SampleStats struct {
	Customers, Invoices, Payments, Events int
}

// CreateSample writes a generated shop to path. It builds the file under a temporary name with
// relaxed durability (a crash loses only the half-built temporary file) and renames it into place
// when it is complete, so path is either absent or a whole sample. An existing path is refused.
func CreateSample(ctx context.Context, path string, opts SampleOptions, progress func(done, total int)) (SampleStats, error) {
	if _, err := os.Stat(path); err == nil {
		return SampleStats{}, app.Errorf(app.CodeConflict, "%s already exists; a sample is only written to a new file", path)
	}
	if opts.Invoices <= 0 || opts.Invoices > 20_000_000 {
		return SampleStats{}, app.Errorf(app.CodeInvalid, "the number of invoices must be between 1 and 20,000,000")
	}
	if opts.Customers <= 0 {
		opts.Customers = max(1, opts.Invoices/10)
	}
	if opts.Customers > opts.Invoices {
		return SampleStats{}, app.Errorf(app.CodeInvalid, "a sample needs at least as many invoices as customers")
	}
	if opts.Today.IsZero() {
		opts.Today = app.DateOf(time.Now(), time.Local)
	}
	if opts.Currency == "" {
		opts.Currency = "EUR"
	}
	tmp := path + ".part"
	for _, suffix := range []string{"", "-wal", "-shm", ".anchor"} {
		os.Remove(tmp + suffix)
	}
	s, err := Open(tmp)
	if err != nil {
		return SampleStats{}, err
	}
	// The temporary file is thrown away if anything fails, so it needs no journal; indexes are
	// built once at the end, which is much faster than keeping them up to date row by row.
	indexes, err := s.bulkMode()
	if err != nil {
		s.Close()
		return SampleStats{}, storageErr(err, "cannot prepare the sample")
	}
	stats, err := s.generate(ctx, opts, progress)
	if err == nil {
		// Generated in bulk, past the record of values: record the whole book once.
		err = s.rebaseline("the sample shop was generated")
	}
	if err == nil {
		err = s.endBulkMode(indexes)
	}
	if err == nil {
		err = s.sampleCollections(opts)
	}
	cerr := s.Close()
	if err == nil && cerr != nil {
		err = storageErr(cerr, "cannot finish the sample")
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err == nil {
		// The anchor follows the book; one left by an earlier book of that name is kept aside.
		if err = SetAnchorAside(path); err == nil {
			if rerr := os.Rename(AnchorPath(tmp), AnchorPath(path)); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
				err = rerr
			}
		}
	}
	if err != nil {
		for _, suffix := range []string{"", "-wal", "-shm", ".anchor"} {
			os.Remove(tmp + suffix)
		}
		return SampleStats{}, err
	}
	return stats, nil
}

// bulkMode turns off journaling and durability and drops the secondary indexes, returning their
// definitions for endBulkMode.
func (s *Store) bulkMode() ([]string, error) {
	// Batches of different tables fill at different times; foreign keys are checked once at the
	// end instead. The indexes are built at the end in one go, with a large cache for this
	// connection only (the store is closed when the sample is written).
	for _, p := range []string{`PRAGMA journal_mode = OFF`, `PRAGMA synchronous = OFF`, `PRAGMA foreign_keys = OFF`, `PRAGMA cache_size = -131072`} {
		if _, err := s.w.Exec(p); err != nil {
			return nil, err
		}
	}
	rows, err := s.w.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('customers', 'invoices', 'payments', 'allocations', 'events', 'changes')`)
	if err != nil {
		return nil, err
	}
	var names, defs []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return nil, err
		}
		names, defs = append(names, n), append(defs, d)
	}
	rows.Close()
	for _, n := range names {
		if _, err := s.w.Exec(`DROP INDEX ` + n); err != nil {
			return nil, err
		}
	}
	return defs, rows.Err()
}

// endBulkMode rebuilds the indexes and brings the file back to the normal journal and durability.
func (s *Store) endBulkMode(indexes []string) error {
	for _, d := range indexes {
		if _, err := s.w.Exec(d); err != nil {
			return storageErr(err, "cannot index the sample")
		}
	}
	var orphans int
	if err := s.w.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&orphans); err != nil || orphans > 0 {
		return app.Errorf(app.CodeInternal, "the generated sample has %d rows without their parent (%v)", orphans, err)
	}
	for _, p := range []string{`ANALYZE`, `PRAGMA foreign_keys = ON`, `PRAGMA journal_mode = WAL`, `PRAGMA synchronous = FULL`} {
		if _, err := s.w.Exec(p); err != nil {
			return storageErr(err, "cannot finish the sample")
		}
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

type person struct{ first, last []string }

// Names from several countries, with accents and non-Latin scripts, as a real shop's book has.
var sampleNames = map[string]person{
	"DE": {strings.Fields("Jürgen Anna Lukas Sophie Maximilian Lena Jörg Käthe Felix Marie"), strings.Fields("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schäfer Groß")},
	"FR": {strings.Fields("Zoë Chloé Léa Hélène Amélie François Noël Jérôme Étienne Benoît"), strings.Fields("Lefèvre Dubois Moreau Laurent Girard Bonnet Leroy Faure Mercier Garçon")},
	"ES": {strings.Fields("José María Ángel Lucía Iñigo Begoña Álvaro Sofía Raúl Inés"), strings.Fields("Ñúñez García Martínez López Sánchez Pérez Gómez Díaz Jiménez Muñoz")},
	"PL": {strings.Fields("Łukasz Małgorzata Zofia Paweł Agnieszka Wojciech Krzysztof Ewa Michał Joanna"), strings.Fields("Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski")},
	"NO": {strings.Fields("Øyvind Åse Bjørn Solveig Håkon Ingrid Ørjan Sigrid Kåre Tove"), strings.Fields("Øvergård Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Bakken Sæther")},
	"GB": {strings.Fields("Oliver Amelia Harry Isla George Ava Jack Emily Charlie Grace"), strings.Fields("Smith Jones Taylor Brown Williams Wilson Evans Thomas Roberts O'Neill")},
	"US": {strings.Fields("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth"), strings.Fields("Johnson Miller Davis Rodriguez Martinez Anderson Jackson White Harris Clark")},
	"RU": {strings.Fields("Иван Ольга Дмитрий Наталья Сергей Елена Алексей Татьяна Андрей Мария"), strings.Fields("Петров Иванов Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов")},
	"GR": {strings.Fields("Γιώργος Μαρία Νίκος Ελένη Δημήτρης Κατερίνα Γιάννης Σοφία Κώστας Άννα"), strings.Fields("Παπαδόπουλος Παπαδάκης Γεωργίου Νικολάου Οικονόμου Μακρής Αλεξίου Βασιλείου Δημητρίου Ιωάννου")},
}

var sampleCities = map[string][]string{
	"DE": {"10115 Berlin", "80331 München", "50667 Köln", "20095 Hamburg", "04109 Leipzig"},
	"FR": {"75001 Paris", "69001 Lyon", "13001 Marseille", "31000 Toulouse", "44000 Nantes"},
	"ES": {"28001 Madrid", "08001 Barcelona", "41001 Sevilla", "46001 València", "48001 Bilbao"},
	"PL": {"00-001 Warszawa", "30-001 Kraków", "80-001 Gdańsk", "50-001 Wrocław", "90-001 Łódź"},
	"NO": {"0150 Oslo", "5003 Bergen", "7010 Trondheim", "4006 Stavanger", "9008 Tromsø"},
	"GB": {"SW1A 1AA London", "M1 1AE Manchester", "EH1 1YZ Edinburgh", "BS1 4DJ Bristol", "L1 8JQ Liverpool"},
	"US": {"10001 New York|NY", "94103 San Francisco|CA", "60601 Chicago|IL", "78701 Austin|TX", "98101 Seattle|WA"},
	"RU": {"101000 Москва", "190000 Санкт-Петербург", "420000 Казань", "630000 Новосибирск", "620000 Екатеринбург"},
	"GR": {"105 51 Αθήνα", "546 21 Θεσσαλονίκη", "262 21 Πάτρα", "712 01 Ηράκλειο", "411 10 Λάρισα"},
}

var sampleStreets = map[string][]string{
	"DE": {"Hauptstraße", "Gartenweg", "Schloßallee", "Bahnhofstraße"}, "FR": {"rue de la Paix", "avenue Foch", "rue Émile Zola", "boulevard Voltaire"},
	"ES": {"Calle Mayor", "Avenida de España", "Calle del Sol", "Plaza Mayor"}, "PL": {"ul. Długa", "ul. Kwiatowa", "ul. Świętokrzyska", "al. Jerozolimskie"},
	"NO": {"Storgata", "Kirkeveien", "Bryggen", "Åsveien"}, "GB": {"High Street", "Station Road", "Church Lane", "Victoria Road"},
	"US": {"Main Street", "Oak Avenue", "Maple Drive", "Elm Street"}, "RU": {"ул. Ленина", "ул. Пушкина", "пр. Мира", "ул. Садовая"},
	"GR": {"οδός Ερμού", "οδός Αθηνάς", "λεωφόρος Συγγρού", "οδός Πατησίων"},
}

var sampleZones = map[string]string{"DE": "Europe/Berlin", "FR": "Europe/Paris", "ES": "Europe/Madrid", "PL": "Europe/Warsaw", "NO": "Europe/Oslo",
	"GB": "Europe/London", "US": "America/New_York", "RU": "Europe/Moscow", "GR": "Europe/Athens"}

var sampleLang = map[string]string{"DE": "de", "FR": "fr", "ES": "es", "PL": "pl", "NO": "nb", "GB": "en", "US": "en", "RU": "ru", "GR": "el"}

var countryOrder = []string{"DE", "DE", "DE", "FR", "ES", "PL", "NO", "GB", "US", "RU", "GR"}

var businessForms = map[string][]string{"DE": {"GmbH", "KG", "& Söhne"}, "FR": {"SARL", "SAS"}, "ES": {"S.L.", "S.A."}, "PL": {"sp. z o.o."},
	"NO": {"AS"}, "GB": {"Ltd", "& Co."}, "US": {"LLC", "Inc."}, "RU": {"ООО"}, "GR": {"Α.Ε.", "Ο.Ε."}}

// payer is how a sample customer pays.
type payer int

const (
	prompt  payer = iota // pays on time
	late                 // pays, weeks late
	chronic              // pays some, late, and leaves debts open
	partial              // pays in parts
)

type sampleCustomer struct {
	app.Customer
	kind     payer
	currency string
	terms    int
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (s *Store) sampleCustomer(r *rand.Rand, i int, opts SampleOptions, used map[string]bool) sampleCustomer {
	country := pick(r, countryOrder)
	names := sampleNames[country]
	first, last := pick(r, names.first), pick(r, names.last)
	c := sampleCustomer{currency: opts.Currency, terms: pick(r, []int{14, 14, 30, 30, 30, 7})}
	c.Kind = app.Consumer
	c.Name = first + " " + last
	if r.IntN(3) == 0 {
		c.Kind = app.Business
		c.Contact = c.Name
		c.Name = last + " " + pick(r, businessForms[country])
		if r.IntN(2) == 0 {
			c.Name = fmt.Sprintf("%s %s", last, pick(r, businessForms[country]))
		}
	}
	// Names stay unique, so that a customer can always be found by name.
	if used[c.Name] {
		c.Name = fmt.Sprintf("%s (%d)", c.Name, i)
	}
	used[c.Name] = true
	city := pick(r, sampleCities[country])
	pc, rest, _ := strings.Cut(city, " ")
	if country == "GB" || country == "GR" {
		parts := strings.SplitN(city, " ", 3)
		pc, rest = parts[0]+" "+parts[1], parts[2]
	}
	c.City, c.Region, _ = strings.Cut(rest, "|")
	c.PostalCode = pc
	c.Address1 = fmt.Sprintf("%s %d", pick(r, sampleStreets[country]), 1+r.IntN(120))
	if country == "US" || country == "GB" || country == "FR" {
		c.Address1 = fmt.Sprintf("%d %s", 1+r.IntN(120), pick(r, sampleStreets[country]))
	}
	c.Country = country
	c.TimeZone = sampleZones[country]
	c.Language = sampleLang[country]
	c.Phone = fmt.Sprintf("+%d %03d %06d", map[string]int{"DE": 49, "FR": 33, "ES": 34, "PL": 48, "NO": 47, "GB": 44, "US": 1, "RU": 7, "GR": 30}[country], r.IntN(1000), r.IntN(1000000))
	c.Email = fmt.Sprintf("customer%d@example.com", i)
	c.Since = opts.Today.AddDays(-30 - r.IntN(8*365))
	switch x := r.IntN(100); {
	case x < 50:
		c.kind = prompt
	case x < 75:
		c.kind = late
	case x < 88:
		c.kind = partial
	default:
		c.kind = chronic
	}
	if c.Kind == app.Business && (country == "GB" || country == "US") && r.IntN(2) == 0 {
		c.currency = map[string]string{"GB": "GBP", "US": "USD"}[country]
	}
	return c
}

type sampleWriter struct {
	tx                            *sql.Tx
	cust, inv, pay, alloc, events *batchInsert
	actions                       *batchInsert
	actionID                      int64 // the last action written, carried from batch to batch
	tip                           chainTip
	now                           string
	at                            time.Time
}

func (s *Store) newSampleWriter(ctx context.Context, tip chainTip, at time.Time) (*sampleWriter, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	w := &sampleWriter{tx: tx, tip: tip, now: nowText(), at: at}
	for _, p := range []struct {
		dst   **batchInsert
		table string
		cols  string
	}{
		{&w.cust, "customers", "id kind name name_key contact address1 address2 postal_code city region country email phone phone_key language time_zone since notes flags created_at"},
		{&w.inv, "invoices", "id number customer_id issue_date due_date currency amount paid last_paid_on description created_at"},
		{&w.pay, "payments", "id customer_id received_on currency amount method reference unallocated created_at"},
		{&w.alloc, "allocations", "payment_id invoice_id amount"},
		{&w.events, "events", "id at customer_id kind summary data hash chain"},
		{&w.actions, "actions", "id customer_id on_date currency stage stage_name channel tone amount invoices decision reason deadline created_at"},
	} {
		if *p.dst, err = newBatchInsert(tx, p.table, strings.Fields(p.cols), 50); err != nil {
			tx.Rollback()
			return nil, err
		}
	}
	return w, nil
}

// event queues the next link of the timeline.
func (w *sampleWriter) event(ev app.Event) error {
	ev.ID = w.tip.id + 1
	sum := sha256.Sum256(eventContent(ev.ID, ev))
	ev.Hash = hex.EncodeToString(sum[:])
	ev.Chain = chainHash(w.tip.chain, ev.Hash)
	var cust any
	if ev.CustomerID != 0 {
		cust = ev.CustomerID
	}
	w.tip.id, w.tip.chain = ev.ID, ev.Chain
	return w.events.add(ev.ID, ev.At.UTC().Format(time.RFC3339Nano), cust, ev.Kind, ev.Summary, ev.Data, ev.Hash, ev.Chain)
}

func (w *sampleWriter) commit() error {
	// Parents before children, so foreign keys hold at every statement.
	for _, b := range []*batchInsert{w.cust, w.inv, w.pay, w.alloc, w.events, w.actions} {
		if err := b.close(); err != nil {
			w.tx.Rollback()
			return err
		}
	}
	return w.tx.Commit()
}

var sampleItems = []string{"Repair of a bicycle", "Catering for 12 guests", "Monthly flower delivery", "Printing of 500 flyers",
	"Tailoring: two suits", "Garden maintenance", "Wedding cake", "Frame and glazing", "Bakery order", "Computer repair"}

// generate writes customers with their invoices, payments, allocations and timeline in batches.
func (s *Store) generate(ctx context.Context, opts SampleOptions, progress func(done, total int)) (SampleStats, error) {
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	shop := app.Shop{Sample: true, Name: "Corner Workshop", Address1: "Marktplatz 1", PostalCode: "10115", City: "Berlin", Country: "DE",
		Currency: opts.Currency, Language: "en", Email: "owner@corner-workshop.example", Phone: "+49 30 123456",
		IBAN: "DE89 3704 0044 0532 0130 00", BIC: "COBADEFFXXX", Bank: "Commerzbank", PaymentLink: "https://pay.corner-workshop.example/invoice"}
	at := opts.Today.Time().Add(9 * time.Hour).UTC()
	var stats SampleStats
	b, _ := json.Marshal(shop)
	if _, err := s.w.Exec(`INSERT INTO settings (key, value) VALUES ('shop', ?)`, string(b)); err != nil {
		return stats, storageErr(err, "cannot write the sample")
	}
	var tip chainTip
	if err := s.w.QueryRow(`SELECT coalesce(max(id), 0) FROM events`).Scan(&tip.id); err != nil {
		return stats, storageErr(err, "cannot write the sample")
	}
	var err error
	if tip.chain, err = chainAt(s.w, tip.id); err != nil {
		return stats, storageErr(err, "cannot write the sample")
	}
	w, err := s.newSampleWriter(ctx, tip, at)
	if err != nil {
		return stats, storageErr(err, "cannot write the sample")
	}
	ev := app.Event{At: at, Kind: "shop", Summary: fmt.Sprintf("Sample shop generated (seed %d)", opts.Seed), Data: "{}"}
	if err := w.event(ev); err != nil {
		w.tx.Rollback()
		return stats, err
	}
	perCustomer := opts.Invoices / opts.Customers
	extra := opts.Invoices % opts.Customers
	var invID, payID int64
	batch := 0
	hist := newHistory(opts.Seed)
	used := map[string]bool{}
	for i := 1; i <= opts.Customers; i++ {
		if err := ctx.Err(); err != nil {
			w.tx.Rollback()
			return stats, app.Wrap(app.CodeCancelled, err, "the sample was cancelled")
		}
		c := s.sampleCustomer(r, i, opts, used)
		c.ID = int64(i)
		if err := w.cust.add(append(append([]any{c.ID}, customerArgs(c.Customer)...), w.now)...); err != nil {
			w.tx.Rollback()
			return stats, storageErr(err, "cannot write the sample")
		}
		stats.Customers++
		n := perCustomer
		if i <= extra {
			n++
		}
		written, err := s.sampleInvoices(r, w, &c, n, opts.Today, opts.Unpaid, &invID, &payID, &stats, hist)
		if err != nil {
			w.tx.Rollback()
			return stats, err
		}
		batch += written
		if batch >= 20000 {
			tip, actionID := w.tip, w.actionID
			if err := w.commit(); err != nil {
				return stats, storageErr(err, "cannot write the sample")
			}
			if w, err = s.newSampleWriter(ctx, tip, at); err != nil {
				return stats, storageErr(err, "cannot write the sample")
			}
			w.actionID = actionID
			batch = 0
			if progress != nil {
				progress(stats.Invoices, opts.Invoices)
			}
		}
	}
	stats.Events = int(w.tip.id)
	if err := w.commit(); err != nil {
		return stats, storageErr(err, "cannot write the sample")
	}
	if progress != nil {
		progress(stats.Invoices, opts.Invoices)
	}
	return stats, nil
}

// sampleInvoices writes n invoices for c, spread between the customer's start and today, and
// the payments its kind of payer would have made by today.
func (s *Store) sampleInvoices(r *rand.Rand, w *sampleWriter, c *sampleCustomer, n int, today app.Date, unpaid bool, invID, payID *int64, stats *SampleStats, hist *history) (int, error) {
	cur := app.MustCurrency(c.currency)
	span := max(1, today.DaysSince(c.Since))
	rows := 0
	for k := 0; k < n; k++ {
		*invID++
		issue := c.Since.AddDays(r.IntN(span) + 1)
		if k == n-1 && r.IntN(3) == 0 {
			issue = today.AddDays(-r.IntN(20)) // recent invoices keep every bucket populated
		}
		due := issue.AddDays(c.terms)
		amount := int64(1500+r.IntN(60000)) * pow10(cur.Exponent) / 100
		inv := app.Invoice{ID: *invID, Number: fmt.Sprintf("INV-%07d", *invID), CustomerID: c.ID, IssueDate: issue, DueDate: due,
			Currency: cur.Code, Amount: amount, Description: pick(r, sampleItems)}
		var pays []app.Payment
		if !unpaid {
			pays = s.samplePayments(r, c, inv, today)
		}
		var paid int64
		for _, p := range pays {
			paid += p.Amount - p.Unallocated
			inv.LastPaidOn = p.ReceivedOn
		}
		inv.Paid = paid
		if err := w.inv.add(inv.ID, inv.Number, inv.CustomerID, dateText(inv.IssueDate), dateText(inv.DueDate), inv.Currency, inv.Amount,
			inv.Paid, dateText(inv.LastPaidOn), inv.Description, w.now); err != nil {
			return rows, storageErr(err, "cannot write the sample")
		}
		rows++
		stats.Invoices++
		if !unpaid {
			hist.invoice(c, inv, today)
		}
		for _, p := range pays {
			*payID++
			if err := w.pay.add(*payID, c.ID, dateText(p.ReceivedOn), p.Currency, p.Amount, string(p.Method), p.Reference, p.Unallocated, w.now); err != nil {
				return rows, storageErr(err, "cannot write the sample")
			}
			if p.Amount > p.Unallocated {
				if err := w.alloc.add(*payID, inv.ID, p.Amount-p.Unallocated); err != nil {
					return rows, storageErr(err, "cannot write the sample")
				}
			}
			summary := fmt.Sprintf("Payment of %s %s received (%s) for %s", p.Currency, app.Decimal(p.Amount, cur), p.Method, inv.Number)
			if p.Unallocated > 0 {
				summary += fmt.Sprintf("; %s %s kept as credit", p.Currency, app.Decimal(p.Unallocated, cur))
			}
			ev := app.Event{At: p.ReceivedOn.Time().Add(10 * time.Hour), CustomerID: c.ID, Kind: "payment", Summary: summary, Data: "{}"}
			if err := w.event(ev); err != nil {
				return rows, storageErr(err, "cannot write the sample")
			}
			stats.Payments++
			rows += 3
		}
	}
	if unpaid {
		return rows, nil
	}
	contacts, err := hist.flush(w, c.ID)
	if err != nil {
		return rows, storageErr(err, "cannot write the sample")
	}
	return rows + contacts, nil
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// samplePayments decides how a payer of c's kind paid inv by today.
func (s *Store) samplePayments(r *rand.Rand, c *sampleCustomer, inv app.Invoice, today app.Date) []app.Payment {
	method := pick(r, []app.PaymentMethod{app.MethodBank, app.MethodBank, app.MethodCard, app.MethodCash, app.MethodCheque})
	mk := func(d app.Date, amount int64) app.Payment {
		return app.Payment{CustomerID: c.ID, ReceivedOn: d, Currency: inv.Currency, Amount: amount, Method: method, Reference: inv.Number}
	}
	var delay int
	switch c.kind {
	case prompt:
		delay = -r.IntN(c.terms)
		if r.IntN(20) == 0 {
			delay = 5 + r.IntN(20)
		}
	case late:
		delay = 5 + r.IntN(50)
	case partial:
		delay = r.IntN(40)
	case chronic:
		delay = 30 + r.IntN(200)
	}
	payDay := inv.DueDate.AddDays(delay)
	if payDay.Before(inv.IssueDate) {
		payDay = inv.IssueDate
	}
	switch {
	case c.kind == chronic && r.IntN(3) == 0 && today.DaysSince(inv.DueDate) < 540:
		return nil // never paid (older debts were settled in the end, or written off by paying late)
	case c.kind == partial || (c.kind == chronic && r.IntN(2) == 0):
		first := inv.Amount * int64(30+r.IntN(40)) / 100
		var out []app.Payment
		if !payDay.After(today) {
			out = append(out, mk(payDay, first))
		}
		second := payDay.AddDays(20 + r.IntN(40))
		if len(out) == 1 && !second.After(today) && (r.IntN(3) > 0 || today.DaysSince(inv.DueDate) >= 540) {
			out = append(out, mk(second, inv.Amount-first))
		}
		return out
	}
	if payDay.After(today) {
		return nil
	}
	p := mk(payDay, inv.Amount)
	if r.IntN(60) == 0 { // paid a little too much: the rest is credit
		extra := inv.Amount / 20
		p.Amount += extra
		p.Unallocated = extra
	}
	return []app.Payment{p}
}
