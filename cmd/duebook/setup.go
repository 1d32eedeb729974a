package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"duebook/app"
	"duebook/data"
)

// setupFlags are what "duebook setup" is told.
type setupFlags struct {
	db, name, country, currency, language, customers string
}

// cmdSetup creates a new book as the window's "Set up my shop" does: the same use case saves the
// business profile, and the legal profile follows the country until the owner changes it.
func cmdSetup(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("setup", "setup --db FILE --name NAME --country CC --currency CUR [--language en|de] [--customers business|consumer]", stderr)
	var f setupFlags
	fs.StringVar(&f.db, "db", "", "the new database file to create")
	fs.StringVar(&f.name, "name", "", "the business name, as letters print it")
	fs.StringVar(&f.country, "country", "", "the shop's country as a two-letter code (DE, GB, US, ...); it chooses the legal profile")
	fs.StringVar(&f.currency, "currency", "", "the shop's currency (EUR, GBP, USD, ...)")
	fs.StringVar(&f.language, "language", "en", "the language of letters: en or de")
	fs.StringVar(&f.customers, "customers", "consumer", "what the customers mostly are, and what a new customer is when an import does not say: business or consumer")
	err := func() error {
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		if f.db == "" || strings.TrimSpace(f.name) == "" || f.country == "" || f.currency == "" {
			return usageErr(stderr, fs, "name the new file, the business, its country and its currency (--db, --name, --country, --currency)")
		}
		if _, err := os.Stat(f.db); !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: %s already exists; setup only creates a new book and leaves an existing file as it is (open it with \"duebook --db %s\")", errUsage, f.db, f.db)
		}
		shop, err := f.shop()
		if err != nil {
			return err
		}
		return createBook(f.db, shop, stdout)
	}()
	return finish(err, stderr)
}

// shop checks the flags and makes the business profile of them; nothing is written yet.
func (f setupFlags) shop() (app.Shop, error) {
	country, err := app.CheckCountry(f.country)
	if err != nil {
		return app.Shop{}, err
	}
	lang := strings.ToLower(strings.TrimSpace(f.language))
	if !slices.Contains(app.Languages, lang) {
		return app.Shop{}, app.Errorf(app.CodeInvalid, "%q is not a language Duebook writes letters in; use %s", f.language, strings.Join(app.Languages, " or "))
	}
	var kind app.CustomerKind
	switch strings.ToLower(strings.TrimSpace(f.customers)) {
	case "business", "businesses":
		kind = app.Business
	case "consumer", "consumers":
		kind = app.Consumer
	default:
		return app.Shop{}, app.Errorf(app.CodeInvalid, "%q is neither business nor consumer; say what your customers mostly are with --customers business or --customers consumer", f.customers)
	}
	return app.CheckShop(app.Shop{Name: f.name, Country: country, Currency: f.currency, Language: lang, DefaultKind: kind})
}

// createBook writes the new file and saves the profile in it; a book that could not be set up is
// removed, so a failed setup leaves nothing behind.
func createBook(path string, shop app.Shop, stdout io.Writer) (err error) {
	st, err := data.Open(path)
	if err != nil {
		return err
	}
	defer func() {
		st.Close()
		if err != nil {
			os.Remove(path)
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
		}
	}()
	svc := services(st, app.SystemClock{})
	if shop, err = svc.Ledger.SetUpShop(shop); err != nil {
		return err
	}
	cs, err := svc.Collections.Settings()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s for %s: %s, %s, letters in %s, legal profile %s.\n", path, shop.Name, shop.Country, shop.Currency, shop.Language, cs.Profile)
	fmt.Fprintf(stdout, "New customers whose type is not given are recorded as %s (change it in Settings, or per customer).\n", shop.KindForNewCustomers().Plural())
	return nil
}
