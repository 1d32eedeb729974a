package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// settingsService is what the settings screen needs.
type settingsService interface {
	Ladders() ([]app.Policy, error)
	SaveLadder(p app.Policy) (app.Policy, error)
	Settings() (app.CollectionSettings, error)
	SaveSettings(s app.CollectionSettings) error
	Rates() (app.RateTable, error)
	SaveRates(t app.RateTable) error
	RateWarnings() ([]string, error)
	AddRate(series string, from app.Date, rate int64) (app.RateTable, error)
	Today() app.Date
	letterSettingsService
	backupService
}

// Settings edits the collection ladders, the jurisdiction profile and the rate table.
type Settings struct {
	win fyne.Window
	svc settingsService

	Ladder                *widget.Select
	Stages                *fyne.Container
	stageRows             []*stageRow
	ladders               []app.Policy
	Profile               *widget.Select
	Limitation            *widget.Entry
	PromiseDays, PlanDays *widget.Entry
	RatesBox              *fyne.Container
	rateRows              []*rateRow
	rates                 app.RateTable
	Confirmed             *widget.Label
	Warnings              *widget.Label
	Message               *widget.Label
	Dates                 app.DateStyle // how dates are written in the shop's country
	rules                 *fieldSet
	Letterhead            *Letterhead
	Templates             *TemplateEditor
	RestoreBtn            *widget.Button
	OnRestore             func()            // set by the window: offers the newest sound backup
	OnRestoreFile         func(path string) // set by the window: restores a copy the owner chose
	Safety                *BookSafety
	LettersFolder         *widget.Label
	LettersDir            string           // where this book's letters go
	BookPath              string           // the open book, for the per-book folder choice
	OnLettersDir          func(string)     // set by the window: Today prints there from now on
	Mailbox               *MailboxSettings // nil where the services have no mailbox
	content               fyne.CanvasObject
}

type stageRow struct {
	name, days, fee, deadline *textEntry
	channel                   *widget.Select
	box                       *fyne.Container
}

type rateRow struct {
	orig     app.RatePeriod
	series   *widget.Select
	from, to *dateField
	pct      *textEntry
	box      *fyne.Container
}

var (
	stageColumns = columns{2.2, 0.8, 1.2, 0.9, 0.9, 0.5}
	rateColumns  = columns{1.1, 1.6, 1.6, 0.9, 0.4}
)

// NewSettings builds the settings screen.
func NewSettings(win fyne.Window, svc settingsService) *Settings {
	s := &Settings{win: win, svc: svc}
	s.Ladder = widget.NewSelect(nil, safeArg(win, func(string) { s.showLadder() }))
	s.Stages = container.NewVBox()
	s.Profile = widget.NewSelect([]string{"US", "UK", "EU", "DE"}, nil)
	s.Limitation, s.PromiseDays, s.PlanDays = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.RatesBox = container.NewVBox()
	s.Warnings = widget.NewLabel("")
	s.Warnings.Wrapping = fyne.TextWrapWord
	s.Confirmed = widget.NewLabel("")
	s.Message = widget.NewLabel("")
	s.Message.Wrapping = fyne.TextWrapWord
	s.Message.Hide() // until there is something to say
	addStage := iconButton(win, "Add a stage", theme.ContentAddIcon(), func() { s.addStage(app.Stage{Channel: app.ChannelLetter}) })
	newLadder := button(win, "New ladder…", s.newLadder)
	saveLadder := button(win, "Save the ladder", s.saveLadder)
	saveLadder.Importance = widget.HighImportance
	ladderHead := container.New(stageColumns, bold("Stage"), bold("Days"), bold("Channel"), bold("Fee"), bold("Deadline"), widget.NewLabel(""))
	ladder := card("Collection ladder", "days are counted from the due date; a negative day is before it",
		container.NewVBox(container.NewBorder(nil, nil, nil, newLadder, s.Ladder), ladderHead, s.Stages, container.NewHBox(addStage, saveLadder)))
	saveRules := button(win, "Save the rules", s.saveRules)
	saveRules.Importance = widget.HighImportance
	s.rules = newFieldSet()
	rules := card("Legal profile", "decides which charges are allowed, the contact guards and the wording", container.NewVBox(s.rules.form(
		s.rules.item("Jurisdiction", s.Profile),
		s.rules.item("Limitation period (years, 0 off)", s.Limitation),
		s.rules.item("Grace after a promised day", s.PromiseDays),
		s.rules.item("Grace after an installment", s.PlanDays),
	), saveRules))
	rates := s.ratesCard()
	s.Letterhead = NewLetterhead(win, svc)
	s.Templates = NewTemplateEditor(win, svc)
	s.content = container.NewBorder(container.NewVBox(heading("Settings"), s.Message), nil, nil, nil,
		container.NewVScroll(container.NewVBox(s.Letterhead.Content(), s.lettersCard(), s.mailboxCard(), ladder, rules, rates, s.Templates.Content(), s.backupCard())))
	return s
}

// Content is the screen's canvas object.
func (s *Settings) Content() fyne.CanvasObject { return s.content }

// Refresh loads the stored settings into the forms.
func (s *Settings) Refresh() {
	ls, err := s.svc.Ladders()
	if err != nil {
		showError(err, s.win)
		return
	}
	s.ladders = ls
	var names []string
	for _, l := range ls {
		names = append(names, l.Name)
	}
	cur := s.Ladder.Selected
	s.Ladder.SetOptions(names)
	if cur == "" && len(names) > 0 {
		cur = names[0]
	}
	s.Ladder.SetSelected(cur)
	cs, err := s.svc.Settings()
	if err != nil {
		showError(err, s.win)
		return
	}
	s.Profile.SetSelected(string(cs.Profile))
	s.Limitation.SetText(strconv.Itoa(cs.LimitationYears))
	s.PromiseDays.SetText(strconv.Itoa(cs.PromiseGrace))
	s.PlanDays.SetText(strconv.Itoa(cs.PlanGrace))
	rates, err := s.svc.Rates()
	if err != nil {
		showError(err, s.win)
		return
	}
	s.RatesBox.Objects, s.rateRows = nil, nil
	s.rates = rates
	for _, r := range rates.Periods {
		s.addRate(r)
	}
	s.Confirmed.SetText(confirmedText(rates, s.Dates))
	warn, _ := s.svc.RateWarnings()
	s.Warnings.SetText(strings.Join(warn, "\n"))
	s.Letterhead.Refresh()
	s.Templates.Refresh()
	s.Safety.Refresh()
}

func (s *Settings) showLadder() {
	s.Stages.Objects, s.stageRows = nil, nil
	for _, l := range s.ladders {
		if l.Name == s.Ladder.Selected {
			for _, st := range l.Stages {
				s.addStage(st)
			}
		}
	}
	s.Stages.Refresh()
}

func (s *Settings) addStage(st app.Stage) {
	r := &stageRow{name: newTextEntry(), days: newTextEntry(), fee: newTextEntry(), deadline: newTextEntry(),
		channel: widget.NewSelect([]string{"letter", "email", "both", "call", "handoff"}, nil)}
	r.name.SetText(st.Name)
	r.days.SetText(strconv.Itoa(st.Days))
	r.fee.SetText(st.Fee)
	r.fee.SetPlaceHolder("none")
	r.deadline.SetText(strconv.Itoa(st.Deadline))
	r.channel.SetSelected(string(st.Channel))
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	r.box = container.New(stageColumns, r.name, r.days, r.channel, r.fee, r.deadline, remove)
	remove.OnTapped = safe(s.win, func() {
		for i, x := range s.stageRows {
			if x == r {
				s.stageRows = append(s.stageRows[:i], s.stageRows[i+1:]...)
			}
		}
		s.Stages.Remove(r.box)
	})
	s.stageRows = append(s.stageRows, r)
	s.Stages.Add(r.box)
}

// ladder reads the stage rows into a ladder.
func (s *Settings) ladder() (app.Policy, error) {
	var p app.Policy
	for _, l := range s.ladders {
		if l.Name == s.Ladder.Selected {
			p.ID, p.Name = l.ID, l.Name
		}
	}
	if p.Name == "" {
		p.Name = s.Ladder.Selected
	}
	for i, r := range s.stageRows {
		days, err := strconv.Atoi(strings.TrimSpace(r.days.Text))
		if err != nil {
			return p, inField(r.days, app.Errorf(app.CodeInvalid, "stage %d: %q is not a number of days", i+1, r.days.Text))
		}
		deadline := 0
		if t := strings.TrimSpace(r.deadline.Text); t != "" {
			if deadline, err = strconv.Atoi(t); err != nil {
				return p, inField(r.deadline, app.Errorf(app.CodeInvalid, "stage %d: %q is not a number of days", i+1, r.deadline.Text))
			}
		}
		p.Stages = append(p.Stages, app.Stage{Name: strings.TrimSpace(r.name.Text), Days: days, Channel: app.Channel(r.channel.Selected),
			Fee: strings.TrimSpace(r.fee.Text), Deadline: deadline, Template: templateFor(days, deadline, app.Channel(r.channel.Selected), i)})
	}
	return p, nil
}

// templateFor names the letter template a stage uses, from where it stands on the ladder.
func templateFor(days, deadline int, ch app.Channel, i int) string {
	switch {
	case ch == app.ChannelHandoff:
		return "handoff"
	case deadline > 0:
		return "final"
	case days <= 0:
		return "courtesy"
	}
	return fmt.Sprintf("reminder%d", max(1, i))
}

// say shows how something went on the message line.
func (s *Settings) say(msg string) {
	s.rules.clear()
	s.Message.Importance = widget.MediumImportance
	s.Message.SetText(msg)
	s.Message.Show()
}

// fail says what is wrong on the message line and marks the field it is about.
func (s *Settings) fail(err error) {
	s.rules.show(err)
	s.Message.Importance = widget.DangerImportance
	s.Message.SetText(app.Sentence(err))
	s.Message.Show()
}

func (s *Settings) saveLadder() {
	p, err := s.ladder()
	if err == nil {
		_, err = s.svc.SaveLadder(p)
	}
	if err != nil {
		s.fail(err)
		return
	}
	s.say("The ladder " + p.Name + " is saved.")
	s.Refresh()
}

func (s *Settings) newLadder() {
	fs := newFieldSet()
	name := newEntryWith("", "e.g. Trade customers")
	newFormDialog(s.win, "New ladder", "Create", fs, []*widget.FormItem{fs.item("Name", name)}, func() error {
		if err := needText(name, "give the ladder a name"); err != nil {
			return err
		}
		p := app.DefaultPolicy()
		p.Name = strings.TrimSpace(name.Text)
		if _, err := s.svc.SaveLadder(p); err != nil {
			return inField(name, err)
		}
		s.Ladder.Selected = p.Name
		s.Refresh()
		return nil
	}).Show()
}

func (s *Settings) saveRules() {
	var cs app.CollectionSettings
	var err error
	cs.Profile = app.Profile(s.Profile.Selected)
	ints := []struct {
		e   *widget.Entry
		dst *int
	}{{s.Limitation, &cs.LimitationYears}, {s.PromiseDays, &cs.PromiseGrace}, {s.PlanDays, &cs.PlanGrace}}
	for _, x := range ints {
		if *x.dst, err = strconv.Atoi(strings.TrimSpace(x.e.Text)); err != nil {
			s.fail(inField(x.e, app.Errorf(app.CodeInvalid, "%q is not a whole number", x.e.Text)))
			return
		}
	}
	// Each number is checked at its own field; the rules as a whole by the use case.
	switch {
	case cs.LimitationYears < 0 || cs.LimitationYears > 30:
		err = inField(s.Limitation, app.Errorf(app.CodeInvalid, "the limitation period must be from 0 (off) to 30 years"))
	case cs.PromiseGrace < 0 || cs.PromiseGrace > 60:
		err = inField(s.PromiseDays, app.Errorf(app.CodeInvalid, "the grace after a promised day must be from 0 to 60 days"))
	case cs.PlanGrace < 0 || cs.PlanGrace > 60:
		err = inField(s.PlanDays, app.Errorf(app.CodeInvalid, "the grace after an installment must be from 0 to 60 days"))
	default:
		err = s.svc.SaveSettings(cs)
	}
	if err != nil {
		s.fail(err)
		return
	}
	s.say("The rules are saved.")
}

func (s *Settings) addRate(r app.RatePeriod) {
	row := &rateRow{orig: r, series: widget.NewSelect([]string{app.SeriesDEBase, app.SeriesECB, app.SeriesBoE}, nil),
		from: newDateField(s.win, s.Dates, r.From, s.svc.Today), to: newDateField(s.win, s.Dates, r.To, s.svc.Today), pct: newTextEntry()}
	row.series.SetSelected(r.Series)
	row.to.entry.SetPlaceHolder("until changed")
	row.pct.SetText(app.FormatMinor(r.Rate, app.Currency{Exponent: 2}, app.FormatDot))
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	row.box = container.New(rateColumns, row.series, row.from, row.to, row.pct, remove)
	remove.OnTapped = safe(s.win, func() {
		for i, x := range s.rateRows {
			if x == row {
				s.rateRows = append(s.rateRows[:i], s.rateRows[i+1:]...)
			}
		}
		s.RatesBox.Remove(row.box)
	})
	s.rateRows = append(s.rateRows, row)
	s.RatesBox.Add(row.box)
}

func (s *Settings) saveRates() {
	t := app.RateTable{Confirmed: s.rates.Confirmed}
	for i, r := range s.rateRows {
		from, err := r.from.Date()
		if err == nil && from.IsZero() {
			err = app.Errorf(app.CodeInvalid, "it needs the day it starts")
		}
		if err != nil {
			s.fail(inField(r.from, app.Wrap(app.CodeInvalid, err, "Rate %d: %s", i+1, app.Sentence(err))))
			return
		}
		to, err := r.to.Date()
		if err != nil {
			s.fail(inField(r.to, app.Wrap(app.CodeInvalid, err, "Rate %d: %s", i+1, app.Sentence(err))))
			return
		}
		pct, err := app.ParseRate(r.pct.Text)
		if err != nil {
			s.fail(inField(r.pct, app.Wrap(app.CodeInvalid, err, "Rate %d: %s", i+1, app.Sentence(err))))
			return
		}
		p := app.RatePeriod{Series: r.series.Selected, From: from, To: to, Rate: pct}
		if o := r.orig; o.Series == p.Series && o.From == p.From && o.To == p.To && o.Rate == p.Rate {
			p = o // unchanged: the stored entry stays, with its version
		}
		t.Periods = append(t.Periods, p)
	}
	if err := s.svc.SaveRates(t); err != nil {
		s.fail(err)
		return
	}
	s.say("The rate table is saved.")
	s.Refresh()
}
