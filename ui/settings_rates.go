package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// ratesCard is the reference-rate part of Settings: how far each table is confirmed, what is
// missing, a button to add the next published rate, and the entries themselves.
func (s *Settings) ratesCard() fyne.CanvasObject {
	addNext := iconButton(s.win, "Add the new rate…", theme.ContentAddIcon(), s.addRateDialog)
	addNext.Importance = widget.HighImportance
	addRow := iconButton(s.win, "Add a row", theme.ContentAddIcon(), func() { s.addRate(app.RatePeriod{Series: app.SeriesDEBase}) })
	saveRates := button(s.win, "Save the rates", s.saveRates)
	head := container.New(rateColumns, bold("Series"), bold("From"), bold("To"), bold("Rate %"), widget.NewLabel(""))
	return card("Reference rates", "for statutory interest; past the day a table is confirmed through, no interest is charged until you add the rate",
		container.NewVBox(s.Warnings, s.Confirmed, addNext, head, s.RatesBox, container.NewHBox(addRow, saveRates)))
}

// addRateDialog asks for a newly published rate: the table, the day it applies from and the rate.
func (s *Settings) addRateDialog() {
	series := widget.NewSelect(app.RateSeries, nil)
	series.SetSelected(app.SeriesDEBase)
	if cs, err := s.svc.Settings(); err == nil {
		switch cs.Profile {
		case app.ProfileEU:
			series.SetSelected(app.SeriesECB)
		case app.ProfileUK:
			series.SetSelected(app.SeriesBoE)
		}
	}
	from := newDateField(s.win, s.Dates, app.Date{}, s.svc.Today)
	from.entry.SetPlaceHolder(s.Dates.Hint() + " (1 January or 1 July for half-year rates)")
	if d := s.rates.ConfirmedThrough(series.Selected); !d.IsZero() {
		from.SetDate(d.AddDays(1))
	}
	series.OnChanged = safeArg(s.win, func(v string) {
		if d := s.rates.ConfirmedThrough(v); !d.IsZero() {
			from.SetDate(d.AddDays(1))
		}
	})
	rate := newEntryWith("", "e.g. 1.27 or -0.88")
	fs := newFieldSet()
	items := []*widget.FormItem{fs.item("Table", series), fs.item("From", from), fs.item("Rate %", rate)}
	newFormDialog(s.win, "Add a published rate", "Add", fs, items, func() error {
		day, err := from.Date()
		if err == nil && day.IsZero() {
			err = app.Errorf(app.CodeInvalid, "give the day the rate applies from")
		}
		if err != nil {
			return inField(from, err)
		}
		bp, err := app.ParseRate(rate.Text)
		if err != nil {
			return inField(rate, err)
		}
		if _, err := s.svc.AddRate(series.Selected, day, bp); err != nil {
			return err
		}
		s.Refresh()
		s.say(fmt.Sprintf("The %s rate from %s is added.", series.Selected, s.Dates.Format(day)))
		return nil
	}).Show()
}

// confirmedText says how far each table is confirmed.
func confirmedText(t app.RateTable, dates app.DateStyle) string {
	var lines []string
	for _, series := range app.RateSeries {
		lines = append(lines, fmt.Sprintf("%s: confirmed through %s", app.RateLabel(series), dates.Format(t.ConfirmedThrough(series))))
	}
	return strings.Join(lines, "\n")
}
