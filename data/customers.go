package data

import (
	"database/sql"
	"errors"
	"sort"
	"strings"
	"unicode"

	"duebook/app"
)

const customerCols = `id, kind, name, contact, address1, address2, postal_code, city, region, country, email, phone, language, time_zone, since, notes, flags`

func scanCustomer(sc interface{ Scan(...any) error }, c *app.Customer) error {
	var since, flags, kind string
	if err := sc.Scan(&c.ID, &kind, &c.Name, &c.Contact, &c.Address1, &c.Address2, &c.PostalCode, &c.City, &c.Region,
		&c.Country, &c.Email, &c.Phone, &c.Language, &c.TimeZone, &since, &c.Notes, &flags); err != nil {
		return err
	}
	c.Kind = app.CustomerKind(kind)
	c.Since = parseDate(since)
	if flags != "" {
		c.Flags = strings.Split(flags, ",")
	}
	return nil
}

// nameKey folds a name for searching and sorting.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// phoneKey keeps only the digits of a phone number, so "+49 (30) 1234" is found by "301234".
func phoneKey(phone string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, phone)
}

func customerArgs(c app.Customer) []any {
	return []any{string(c.Kind), c.Name, nameKey(c.Name), c.Contact, c.Address1, c.Address2, c.PostalCode, c.City, c.Region,
		c.Country, c.Email, c.Phone, phoneKey(c.Phone), c.Language, c.TimeZone, dateText(c.Since), c.Notes, strings.Join(c.Flags, ",")}
}

const insertCustomerSQL = `INSERT INTO customers (kind, name, name_key, contact, address1, address2, postal_code, city, region, country, email, phone, phone_key, language, time_zone, since, notes, flags, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func insertCustomer(tx *sql.Tx, c *app.Customer) error {
	res, err := tx.Exec(insertCustomerSQL, append(customerArgs(*c), nowText())...)
	if err != nil {
		return storageErr(err, "cannot save customer "+c.Name)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return writeTerms(tx, *c)
}

// writeTerms stores a customer's payment terms (kept apart from the columns imports and the
// sample write, which leave them at none).
func writeTerms(tx *sql.Tx, c app.Customer) error {
	if _, err := tx.Exec(`UPDATE customers SET net_days = ?, discount_bp = ?, discount_days = ? WHERE id = ?`,
		c.Terms.NetDays, c.Terms.DiscountBP, c.Terms.DiscountDays, c.ID); err != nil {
		return storageErr(err, "cannot save the payment terms of "+c.Name)
	}
	return nil
}

func updateCustomer(tx *sql.Tx, c app.Customer) error {
	res, err := tx.Exec(`UPDATE customers SET kind = ?, name = ?, name_key = ?, contact = ?, address1 = ?, address2 = ?, postal_code = ?, city = ?, region = ?,
country = ?, email = ?, phone = ?, phone_key = ?, language = ?, time_zone = ?, since = ?, notes = ?, flags = ? WHERE id = ?`, append(customerArgs(c), c.ID)...)
	if err != nil {
		return storageErr(err, "cannot save customer "+c.Name)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.Errorf(app.CodeNotFound, "customer %d does not exist", c.ID)
	}
	return nil
}

// CreateCustomer stores a new customer and its event.
func (s *Store) CreateCustomer(c *app.Customer, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if err := insertCustomer(tx, c); err != nil {
			return err
		}
		ev.CustomerID = c.ID
		_, err := appendEvent(tx, ev)
		return err
	})
}

// UpdateCustomer stores changes to a customer and its event.
func (s *Store) UpdateCustomer(c app.Customer, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		if err := updateCustomer(tx, c); err != nil {
			return err
		}
		if err := writeTerms(tx, c); err != nil {
			return err
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// Customer returns one customer.
func (s *Store) Customer(id int64) (app.Customer, error) {
	var c app.Customer
	err := scanCustomer(s.r.QueryRow(`SELECT `+customerCols+` FROM customers WHERE id = ?`, id), &c)
	if errors.Is(err, sql.ErrNoRows) {
		return c, app.Errorf(app.CodeNotFound, "there is no customer number %d", id)
	}
	if err == nil {
		err = s.r.QueryRow(`SELECT net_days, discount_bp, discount_days FROM customers WHERE id = ?`, id).Scan(&c.Terms.NetDays, &c.Terms.DiscountBP, &c.Terms.DiscountDays)
	}
	if err != nil {
		return c, storageErr(err, "cannot read the customer")
	}
	return c, nil
}

// CustomerByName returns the customers with exactly this name (ignoring case).
func (s *Store) CustomerByName(name string) ([]app.Customer, error) {
	rows, err := s.r.Query(`SELECT `+customerCols+` FROM customers WHERE name_key = ? ORDER BY id`, nameKey(name))
	if err != nil {
		return nil, storageErr(err, "cannot search customers")
	}
	defer rows.Close()
	var out []app.Customer
	for rows.Next() {
		var c app.Customer
		if err := scanCustomer(rows, &c); err != nil {
			return nil, storageErr(err, "cannot read customers")
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// customerFilter builds the WHERE clause of a search: a name containing the words, or a phone
// number containing the digits typed.
func customerFilter(query string) (string, []any) {
	q := strings.TrimSpace(query)
	if q == "" {
		return "", nil
	}
	like := "%" + escapeLike(nameKey(q)) + "%"
	if digits := phoneKey(q); len(digits) >= 3 && len(digits)*2 >= len(strings.ReplaceAll(q, " ", "")) {
		return ` WHERE (name_key LIKE ? ESCAPE '\' OR phone_key LIKE ?)`, []any{like, "%" + digits + "%"}
	}
	return ` WHERE name_key LIKE ? ESCAPE '\'`, []any{like}
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Customers returns one page of the customers list, by name, with what each owes.
func (s *Store) Customers(query string, offset, limit int) ([]app.CustomerRow, error) {
	where, args := customerFilter(query)
	rows, err := s.r.Query(`SELECT `+customerCols+` FROM customers`+where+` ORDER BY name_key, id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, storageErr(err, "cannot list customers")
	}
	var out []app.CustomerRow
	for rows.Next() {
		var r app.CustomerRow
		if err := scanCustomer(rows, &r.Customer); err != nil {
			rows.Close()
			return nil, storageErr(err, "cannot read customers")
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, storageErr(err, "cannot read customers")
	}
	today := s.today().String()
	for i := range out {
		if err := s.fillBalance(&out[i], today); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) fillBalance(r *app.CustomerRow, today string) error {
	rows, err := s.r.Query(`SELECT currency, count(*), sum(amount - paid), sum(CASE WHEN due_date < ? THEN amount - paid ELSE 0 END)
FROM invoices WHERE customer_id = ? AND paid < amount GROUP BY currency ORDER BY currency`, today, r.ID)
	if err != nil {
		return storageErr(err, "cannot read balances")
	}
	defer rows.Close()
	for rows.Next() {
		var cur string
		var n, owed, overdue int64
		if err := rows.Scan(currency(&cur), &n, &owed, &overdue); err != nil {
			return storageErr(err, "cannot read balances")
		}
		r.OpenInvoices += n
		r.Owed = append(r.Owed, app.Money{Amount: owed, Currency: cur})
		if overdue > 0 {
			r.Overdue = append(r.Overdue, app.Money{Amount: overdue, Currency: cur})
		}
	}
	return rows.Err()
}

// CountCustomers counts the customers a search finds.
func (s *Store) CountCustomers(query string) (int, error) {
	where, args := customerFilter(query)
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM customers`+where, args...).Scan(&n); err != nil {
		return 0, storageErr(err, "cannot count customers")
	}
	return n, nil
}

// Credit is a customer's unapplied money per currency.
func (s *Store) Credit(customerID int64) ([]app.Money, error) {
	rows, err := s.r.Query(`SELECT currency, sum(unallocated) FROM payments WHERE customer_id = ? AND unallocated > 0 GROUP BY currency`, customerID)
	if err != nil {
		return nil, storageErr(err, "cannot read the customer's credit")
	}
	defer rows.Close()
	var out []app.Money
	for rows.Next() {
		var m app.Money
		if err := rows.Scan(currency(&m.Currency), &m.Amount); err != nil {
			return nil, storageErr(err, "cannot read the customer's credit")
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out, rows.Err()
}
