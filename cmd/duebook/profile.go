package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"duebook/app"
)

func init() {
	commands["profile"] = command{"show or change the legal profile and the rate tables", cmdProfile}
}

// multiFlag collects a flag given several times.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func cmdProfile(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("profile", "profile --db FILE [--jurisdiction US|UK|EU|DE] [--limitation-years N] [--add-rate TABLE:YYYY-MM-DD=PERCENT] [--confirm-rate TABLE:YYYY-MM-DD]", stderr)
	db := fs.String("db", "", "the database file")
	jur := fs.String("jurisdiction", "", "the legal profile: US, UK, EU or DE")
	years := fs.String("limitation-years", "", "years after which a debt may be time-barred (0: off)")
	order := fs.String("payment-order", "", "how payments are spread: principal-first or costs-first (\"profile\": the profile's)")
	consumer := fs.String("consumer-default", "", "when a German consumer falls into default: reminder, notice30 or calendar")
	var add, confirm multiFlag
	fs.Var(&add, "add-rate", "add a published rate, e.g. DE-base:2026-07-01=1.27 (repeatable)")
	fs.Var(&confirm, "confirm-rate", "record that a table's rate is unchanged through a day, e.g. BoE-bank:2026-03-19 (repeatable)")
	return finish(func() error {
		if pos, err := parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 {
			return usageErr(stderr, fs, "unexpected %q", pos[0])
		}
		col, done, err := openCollections(*db, "")
		if err != nil {
			return err
		}
		defer done()
		if err := changeProfile(col, *jur, *years, *order, *consumer); err != nil {
			return err
		}
		for _, a := range add {
			series, day, rate, err := parseRateArg(a, true)
			if err != nil {
				return usageErr(stderr, fs, "%s", app.Sentence(err))
			}
			if _, err := col.AddRate(series, day, rate); err != nil {
				return err
			}
		}
		for _, c := range confirm {
			series, day, _, err := parseRateArg(c, false)
			if err != nil {
				return usageErr(stderr, fs, "%s", app.Sentence(err))
			}
			if _, err := col.ConfirmRate(series, day); err != nil {
				return err
			}
		}
		return printProfile(col, stdout)
	}(), stderr)
}

// parseRateArg reads TABLE:YYYY-MM-DD=PERCENT (or TABLE:YYYY-MM-DD without a rate).
func parseRateArg(s string, withRate bool) (string, app.Date, int64, error) {
	table, rest, ok := strings.Cut(s, ":")
	if !ok {
		return "", app.Date{}, 0, app.Errorf(app.CodeInvalid, "%q: write TABLE:YYYY-MM-DD=PERCENT, e.g. DE-base:2026-07-01=1.27", s)
	}
	series, err := app.ParseSeries(table)
	if err != nil {
		return "", app.Date{}, 0, err
	}
	day, pct, hasRate := strings.Cut(rest, "=")
	if hasRate != withRate {
		if withRate {
			return "", app.Date{}, 0, app.Errorf(app.CodeInvalid, "%q has no rate: write TABLE:YYYY-MM-DD=PERCENT", s)
		}
		return "", app.Date{}, 0, app.Errorf(app.CodeInvalid, "%q: write TABLE:YYYY-MM-DD", s)
	}
	d, err := app.ParseISODate(strings.TrimSpace(day))
	if err != nil {
		return "", app.Date{}, 0, err
	}
	var rate int64
	if withRate {
		if rate, err = app.ParseRate(pct); err != nil {
			return "", app.Date{}, 0, err
		}
	}
	return series, d, rate, nil
}

func changeProfile(col *app.Collections, jur, years, order, consumer string) error {
	if jur == "" && years == "" && order == "" && consumer == "" {
		return nil
	}
	s, err := col.Settings()
	if err != nil {
		return err
	}
	if jur != "" {
		if s.Profile, err = app.ParseProfile(jur); err != nil {
			return err
		}
	}
	if years != "" {
		n, err := strconv.Atoi(strings.TrimSpace(years))
		if err != nil {
			return app.Errorf(app.CodeInvalid, "%q is not a number of years", years)
		}
		s.LimitationYears = n
	}
	if order == "profile" {
		s.PaymentOrder = ""
	} else if order != "" {
		if s.PaymentOrder, err = app.ParsePaymentOrder(order); err != nil {
			return err
		}
	}
	if consumer != "" {
		if s.ConsumerDefault, err = app.ParseDefaultTerm(consumer); err != nil {
			return err
		}
	}
	return col.SaveSettings(s)
}

func printProfile(col *app.Collections, w io.Writer) error {
	s, err := col.Settings()
	if err != nil {
		return err
	}
	t, err := col.Rates()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Legal profile: %s\n", s.Profile)
	limit := "off"
	if s.LimitationYears > 0 {
		limit = fmt.Sprintf("%d years (no legal threats in letters on debts older than that)", s.LimitationYears)
	}
	fmt.Fprintf(w, "Limitation period: %s\n", limit)
	fmt.Fprintf(w, "Payment order: %s\n", s.Order())
	if s.Profile == app.ProfileDE {
		term := s.ConsumerDefault
		if term == "" {
			term = app.TermReminder
		}
		fmt.Fprintf(w, "German consumers fall into default: %s\n", term)
	}
	today := col.Today()
	for _, series := range app.RateSeries {
		fmt.Fprintf(w, "\n%s (%s), confirmed through %s\n", series, app.RateLabel(series), t.ConfirmedThrough(series))
		for _, r := range t.Periods {
			if r.Series != series {
				continue
			}
			to := "(open)"
			if !r.To.IsZero() {
				to = r.To.String()
			}
			fmt.Fprintf(w, "  %s to %-13s %7s %%  (%s, version %d)\n", r.From, to, app.Decimal(r.Rate, app.Currency{Exponent: 2}), r.Source, r.Version)
		}
		through := t.ConfirmedThrough(series)
		if through.Before(today) {
			fmt.Fprintf(w, "  missing: no rate from %s to %s (today): interest that needs it is not charged until you add it\n", through.AddDays(1), today)
		}
	}
	return nil
}
