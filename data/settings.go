package data

import (
	"database/sql"
	"encoding/json"
	"errors"

	"duebook/app"
)

// Shop returns the business profile; ok is false until the owner has set the shop up.
func (s *Store) Shop() (app.Shop, bool, error) {
	var raw string
	err := s.r.QueryRow(`SELECT value FROM settings WHERE key = 'shop'`).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return app.Shop{Currency: "EUR", Language: "en"}, false, nil
	}
	if err != nil {
		return app.Shop{}, false, storageErr(err, "cannot read the shop profile")
	}
	var shop app.Shop
	if err := json.Unmarshal([]byte(raw), &shop); err != nil {
		return app.Shop{}, false, app.Wrap(app.CodeStorage, err, "the stored shop profile is damaged")
	}
	return shop, true, nil
}

// SaveShopWithSettings saves a new shop's profile and its collection settings in one
// transaction, so a shop is never set up under a legal profile the owner did not choose.
func (s *Store) SaveShopWithSettings(shop app.Shop, cs app.CollectionSettings, ev app.Event) error {
	sb, err := json.Marshal(shop)
	if err != nil {
		return app.Wrap(app.CodeInternal, err, "cannot save the shop profile")
	}
	cb, _ := json.Marshal(cs)
	return s.tx(bg, func(tx *sql.Tx) error {
		for _, kv := range [][2]string{{"shop", string(sb)}, {"collections", string(cb)}} {
			if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, kv[0], kv[1]); err != nil {
				return storageErr(err, "cannot save the shop profile")
			}
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// SaveShop stores the business profile.
func (s *Store) SaveShop(shop app.Shop, ev app.Event) error {
	b, err := json.Marshal(shop)
	if err != nil {
		return app.Wrap(app.CodeInternal, err, "cannot save the shop profile")
	}
	return s.tx(bg, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('shop', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, string(b)); err != nil {
			return storageErr(err, "cannot save the shop profile")
		}
		_, err := appendEvent(tx, ev)
		return err
	})
}

// ImportMapping is the owner's choice of columns for files of a shape, or nil.
func (s *Store) ImportMapping(shape string) (map[string]app.Field, error) {
	var raw string
	err := s.r.QueryRow(`SELECT value FROM settings WHERE key = ?`, "import-columns:"+shape).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, storageErr(err, "cannot read the columns chosen before")
	}
	var m map[string]app.Field
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, nil // a damaged choice is chosen again, not an error
	}
	return m, nil
}

// SaveImportMapping keeps the owner's choice of columns for files of a shape.
func (s *Store) SaveImportMapping(shape string, m map[string]app.Field) error {
	b, err := json.Marshal(m)
	if err != nil {
		return app.Wrap(app.CodeInternal, err, "cannot keep the columns chosen")
	}
	return s.tx(bg, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, "import-columns:"+shape, string(b)); err != nil {
			return storageErr(err, "cannot keep the columns chosen")
		}
		return nil
	})
}
