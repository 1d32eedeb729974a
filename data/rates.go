package data

import (
	"database/sql"
	"strconv"

	"duebook/app"
)

// oldShippedRates are the rate entries books were seeded with before rate tables knew their
// history; an upgrade replaces exactly those with the shipped history and keeps the owner's own.
var oldShippedRates = map[[4]string]bool{}

func init() {
	for _, r := range [][4]string{
		{"DE-base", "2024-01-01", "2024-06-30", "362"}, {"DE-base", "2024-07-01", "2024-12-31", "337"},
		{"DE-base", "2025-01-01", "2025-06-30", "227"}, {"DE-base", "2025-07-01", "2025-12-31", "127"},
		{"DE-base", "2026-01-01", "2026-06-30", "127"}, {"ECB-ref", "2025-07-01", "2025-12-31", "215"},
		{"ECB-ref", "2026-01-01", "2026-06-30", "215"}, {"BoE-bank", "2023-08-03", "2024-07-31", "525"},
		{"BoE-bank", "2024-08-01", "2024-11-06", "500"}, {"BoE-bank", "2024-11-07", "2025-02-05", "475"},
		{"BoE-bank", "2025-02-06", "2025-05-07", "450"}, {"BoE-bank", "2025-05-08", "2025-08-06", "425"},
		{"BoE-bank", "2025-08-07", "", "400"},
	} {
		oldShippedRates[r] = true
	}
}

// seedRates fills the versioned rate tables: the shipped history, and any entry an owner had
// added to the old table (the shipped entries it overlaps give way to it).
func seedRates(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT series, from_date, to_date, rate FROM rates ORDER BY series, from_date`)
	if err != nil {
		return err
	}
	var own []app.RatePeriod
	for rows.Next() {
		var series, from, to string
		var rate int64
		if err := rows.Scan(&series, &from, &to, &rate); err != nil {
			rows.Close()
			return err
		}
		if oldShippedRates[[4]string{series, from, to, strconv.FormatInt(rate, 10)}] {
			continue
		}
		own = append(own, app.RatePeriod{Series: series, From: parseDate(from), To: parseDate(to), Rate: rate, Version: 1, Source: app.RateOwner})
	}
	rows.Close()
	if _, err := tx.Exec(`DROP TABLE rates`); err != nil {
		return err
	}
	def := app.DefaultRates()
	entries := append([]app.RatePeriod(nil), own...)
	for _, r := range def.Periods {
		clash := false
		for _, o := range own {
			clash = clash || (o.Series == r.Series && overlaps(o, r))
		}
		if !clash {
			entries = append(entries, r)
		}
	}
	for _, r := range entries {
		if _, err := tx.Exec(`INSERT INTO rate_entries (series, from_date, to_date, rate, version, source, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			r.Series, r.From.String(), dateText(r.To), r.Rate, r.Version, r.Source, nowText()); err != nil {
			return err
		}
	}
	for series, d := range def.Confirmed {
		if _, err := tx.Exec(`INSERT INTO rate_series (series, confirmed_through) VALUES (?, ?)`, series, d.String()); err != nil {
			return err
		}
	}
	return nil
}

func overlaps(a, b app.RatePeriod) bool {
	aEnds := a.To.IsZero() || !a.To.Before(b.From)
	bEnds := b.To.IsZero() || !b.To.Before(a.From)
	return aEnds && bEnds
}

// Rates returns the rate table in force: the newest version of every entry, and how far each
// series is confirmed.
func (s *Store) Rates() (app.RateTable, error) {
	t := app.RateTable{Confirmed: map[string]app.Date{}}
	rows, err := s.r.Query(`SELECT id, series, from_date, to_date, rate, version, source FROM rate_entries WHERE superseded_at = '' ORDER BY series, from_date`)
	if err != nil {
		return t, storageErr(err, "cannot read the rate table")
	}
	defer rows.Close()
	for rows.Next() {
		var r app.RatePeriod
		var from, to string
		if err := rows.Scan(&r.ID, &r.Series, &from, &to, &r.Rate, &r.Version, &r.Source); err != nil {
			return t, storageErr(err, "cannot read the rate table")
		}
		r.From, r.To = parseDate(from), parseDate(to)
		t.Periods = append(t.Periods, r)
	}
	if err := rows.Err(); err != nil {
		return t, storageErr(err, "cannot read the rate table")
	}
	srows, err := s.r.Query(`SELECT series, confirmed_through FROM rate_series`)
	if err != nil {
		return t, storageErr(err, "cannot read the rate table")
	}
	defer srows.Close()
	for srows.Next() {
		var series, d string
		if err := srows.Scan(&series, &d); err != nil {
			return t, storageErr(err, "cannot read the rate table")
		}
		t.Confirmed[series] = parseDate(d)
	}
	return t, srows.Err()
}

// SaveRates stores the table as the new state: entries that did not change stay as they are;
// a changed or removed entry is superseded (kept, with the day it stopped counting), and a new
// or changed one is stored as a new version. Charges keep naming the entries they used.
func (s *Store) SaveRates(t app.RateTable, ev app.Event) error {
	return s.tx(bg, func(tx *sql.Tx) error {
		old, err := s.Rates()
		if err != nil {
			return err
		}
		keep := map[int64]bool{}
		for _, r := range t.Periods {
			for _, o := range old.Periods {
				if r.ID == o.ID && r.ID != 0 && r.Series == o.Series && r.From == o.From && r.To == o.To && r.Rate == o.Rate {
					keep[o.ID] = true
				}
			}
		}
		now := nowText()
		for _, o := range old.Periods {
			if !keep[o.ID] {
				if _, err := tx.Exec(`UPDATE rate_entries SET superseded_at = ? WHERE id = ?`, now, o.ID); err != nil {
					return storageErr(err, "cannot save the rate table")
				}
			}
		}
		for _, r := range t.Periods {
			if r.ID != 0 && keep[r.ID] {
				continue
			}
			var version int
			if err := tx.QueryRow(`SELECT coalesce(max(version), 0) + 1 FROM rate_entries WHERE series = ? AND from_date = ?`, r.Series, r.From.String()).Scan(&version); err != nil {
				return storageErr(err, "cannot save the rate table")
			}
			source := r.Source
			if source == "" {
				source = app.RateOwner
			}
			if _, err := tx.Exec(`INSERT INTO rate_entries (series, from_date, to_date, rate, version, source, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				r.Series, r.From.String(), dateText(r.To), r.Rate, version, source, now); err != nil {
				return storageErr(err, "cannot save the rate table")
			}
		}
		for series, d := range t.Confirmed {
			if _, err := tx.Exec(`INSERT INTO rate_series (series, confirmed_through) VALUES (?, ?) ON CONFLICT (series) DO UPDATE SET confirmed_through = excluded.confirmed_through`,
				series, dateText(d)); err != nil {
				return storageErr(err, "cannot save the rate table")
			}
		}
		_, err = appendEvent(tx, ev)
		return err
	})
}
