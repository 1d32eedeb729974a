package data

import (
	"database/sql"
	"fmt"

	"duebook/app"
)

// sampleLettersDue makes reminder 1 fall due today for n customers who are none of the special
// cases: on the standard ladder, every open invoice ten days overdue with the courtesy note
// sent. A customer who owes nothing gets such an invoice. It is how a measured print run finds
// a thousand letters on a generated shop.
func sampleLettersDue(tx *sql.Tx, n int, today app.Date, special map[int64]bool) error {
	if n <= 0 {
		return nil
	}
	rows, err := tx.Query(`SELECT c.id, coalesce((SELECT currency FROM invoices WHERE customer_id = c.id ORDER BY id DESC LIMIT 1), 'EUR') FROM customers c ORDER BY c.id`)
	if err != nil {
		return err
	}
	type cust struct {
		id       int64
		currency string
	}
	var chosen []cust
	for rows.Next() && len(chosen) < n {
		var c cust
		if err := rows.Scan(&c.id, &c.currency); err != nil {
			rows.Close()
			return err
		}
		if !special[c.id] {
			chosen = append(chosen, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	due, issued, sent := today.AddDays(-10).String(), today.AddDays(-40).String(), today.AddDays(-13).String()
	var next int64
	if err := tx.QueryRow(`SELECT coalesce(max(id), 0) + 1 FROM invoices`).Scan(&next); err != nil {
		return err
	}
	for i, c := range chosen {
		if _, err := tx.Exec(`UPDATE customers SET policy_id = NULL WHERE id = ?`, c.id); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE invoices SET issue_date = min(issue_date, ?), due_date = ?, stage = 1, stage_on = ?, handed_off = '' WHERE customer_id = ? AND paid < amount`, due, due, sent, c.id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k > 0 {
			continue
		}
		_, err = tx.Exec(`INSERT INTO invoices (id, number, customer_id, issue_date, due_date, currency, amount, paid, description, created_at, stage, stage_on)
VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'Workshop repair', ?, 1, ?)`, next, fmt.Sprintf("INV-%07d", next), c.id, issued, due, c.currency, 5000+int64(i%40)*1250, nowText(), sent)
		if err != nil {
			return err
		}
		next++
	}
	return nil
}
