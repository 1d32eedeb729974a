package data

import (
	"duebook/app"
)

// currencyCol reads a currency code column and refuses a code Duebook does not know: money in an
// unknown currency cannot be shown or added up, so it is reported as damage to the book (an edit
// outside Duebook), never left to fail later.
type currencyCol struct{ dst *string }

func currency(dst *string) currencyCol { return currencyCol{dst} }

func (c currencyCol) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return app.Errorf(app.CodeDamaged, "the book holds a currency that is not text (%v); it was changed outside Duebook: run the check", v)
	}
	if _, err := app.LookupCurrency(s); err != nil {
		return app.Wrap(app.CodeDamaged, err, "the book holds money in %q, a currency Duebook does not know; it was changed outside Duebook: run the check", s)
	}
	*c.dst = s
	return nil
}
