package data

import (
	"database/sql"

	"duebook/app"
)

// PendingPrints lists the approved letters not yet on disk, in the printer's order.
func (s *Store) PendingPrints() ([]app.PrintItem, error) {
	rows, err := s.r.Query(`SELECT sha256, customer_id, customer, postal_code, stage, pages, on_date FROM print_queue
WHERE printed_at IS NULL ORDER BY postal_code, customer, on_date, sha256`)
	if err != nil {
		return nil, storageErr(err, "cannot read the letters still to print")
	}
	defer rows.Close()
	var out []app.PrintItem
	for rows.Next() {
		var p app.PrintItem
		var on string
		if err := rows.Scan(&p.SHA256, &p.CustomerID, &p.Customer, &p.PostalCode, &p.Stage, &p.Pages, &on); err != nil {
			return nil, storageErr(err, "cannot read the letters still to print")
		}
		p.OnDate = parseDate(on)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, storageErr(err, "cannot read the letters still to print")
	}
	return out, nil
}

// MarkPrinted records that the letters are in file on disk, with its event, in one transaction.
// A letter another run marked meanwhile keeps its first file.
func (s *Store) MarkPrinted(shas []string, file string, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		stmt, err := tx.Prepare(`UPDATE print_queue SET printed_at = ?, file = ? WHERE sha256 = ? AND printed_at IS NULL`)
		if err != nil {
			return storageErr(err, "cannot record the letters as printed")
		}
		defer stmt.Close()
		now := nowText()
		for _, sha := range shas {
			if _, err := stmt.Exec(now, file, sha); err != nil {
				return storageErr(err, "cannot record the letters as printed")
			}
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}
