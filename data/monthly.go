package data

import (
	"duebook/app"
	"duebook/app/monthly"
)

// CollectedBetween sums the payments received from..to (inclusive) per currency and method.
func (s *Store) CollectedBetween(from, to app.Date) ([]monthly.Collected, error) {
	rows, err := s.r.Query(`SELECT currency, method, count(*), sum(amount) FROM payments
WHERE received_on BETWEEN ? AND ? GROUP BY currency, method ORDER BY currency, method`, from.String(), to.String())
	if err != nil {
		return nil, storageErr(err, "cannot sum the payments of the month")
	}
	defer rows.Close()
	var out []monthly.Collected
	for rows.Next() {
		var c monthly.Collected
		var method string
		if err := rows.Scan(currency(&c.Currency), &method, &c.Payments, &c.Amount); err != nil {
			return nil, storageErr(err, "cannot read the payments of the month")
		}
		c.Method = app.PaymentMethod(method)
		out = append(out, c)
	}
	return out, rows.Err()
}

var _ monthly.Book = (*Store)(nil)
