package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// screen is one entry of the navigation: its button and what it shows.
type screen struct {
	title   string
	icon    fyne.Resource
	content fyne.CanvasObject
	refresh func()
	btn     *widget.Button
}

// buildNav makes a button per screen: buttons take the keyboard focus, so Tab reaches the
// navigation (Fyne's tabs do not).
func (s *Shell) buildNav() {
	var objs []fyne.CanvasObject
	for _, sc := range s.screens {
		sc := sc
		sc.btn = iconButton(s.win, sc.title, sc.icon, func() { s.Show(sc.title) })
		sc.btn.Alignment = widget.ButtonAlignLeading
		objs = append(objs, sc.content)
		sc.content.Hide()
	}
	s.stack = container.NewStack(objs...)
}

// navColumn is the column of screen buttons on the left.
func (s *Shell) navColumn() fyne.CanvasObject {
	col := container.NewVBox()
	for _, sc := range s.screens {
		col.Add(sc.btn)
	}
	return container.NewBorder(nil, nil, nil, widget.NewSeparator(), col)
}

// Nav lists the navigation's buttons, in order.
func (s *Shell) Nav() []*widget.Button {
	out := make([]*widget.Button, len(s.screens))
	for i, sc := range s.screens {
		out[i] = sc.btn
	}
	return out
}

// Show switches to the screen with the given title and reloads it.
func (s *Shell) Show(title string) {
	for _, sc := range s.screens {
		if sc.title != title || sc.btn.Disabled() {
			continue
		}
		if s.current != nil && s.current != sc {
			s.current.content.Hide()
			s.current.btn.Importance = widget.MediumImportance
			s.current.btn.Refresh()
		}
		s.current = sc
		sc.content.Show()
		sc.btn.Importance = widget.HighImportance
		sc.btn.Refresh()
		if sc.refresh != nil {
			sc.refresh()
		}
	}
}

// Current is the title of the screen shown.
func (s *Shell) Current() string {
	if s.current == nil {
		return ""
	}
	return s.current.title
}

// keys gives the window its menu and shortcuts: Ctrl+1..9 for the screens, Ctrl+0 for a tenth,
// Ctrl+F to search.
// The menu's shortcuts work wherever the focus is; the canvas's where nothing has it.
func (s *Shell) keys() {
	var goItems []*fyne.MenuItem
	c := s.win.Canvas()
	for i, sc := range s.screens {
		sc := sc
		show := safe(s.win, func() { s.Show(sc.title) })
		item := fyne.NewMenuItem(sc.title, show)
		goItems = append(goItems, item)
		if i >= 10 {
			continue // no key left: the menu still reaches it
		}
		key := fyne.KeyName(fmt.Sprint((i + 1) % 10))
		sh := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		item.Shortcut = sh
		c.AddShortcut(sh, safeArg(s.win, func(fyne.Shortcut) { show() }))
	}
	find := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	search := fyne.NewMenuItem("Search", safe(s.win, s.FocusSearch))
	search.Shortcut = find
	c.AddShortcut(find, safeArg(s.win, func(fyne.Shortcut) { s.FocusSearch() }))
	other := "Open the sample shop"
	if s.sample {
		other = "Open my own shop"
	}
	shop := fyne.NewMenu("Shop", fyne.NewMenuItem(other, safe(s.win, func() {
		if s.SwitchShop != nil {
			s.SwitchShop()
		}
	})))
	goMenu := fyne.NewMenu("Go", append(goItems, fyne.NewMenuItemSeparator(), search)...)
	s.win.SetMainMenu(fyne.NewMainMenu(shop, goMenu))
}

// FocusSearch puts the keyboard in the search field of the screen shown: Customers, Invoices or
// Take a payment; from any other screen it goes to Customers.
func (s *Shell) FocusSearch() {
	var field fyne.Focusable
	switch s.Current() {
	case "Invoices":
		field = s.Invoices.Search
	case "Take a payment":
		field = s.Payment.Find
	default:
		s.Show("Customers")
		field = s.Customers.Search
	}
	s.win.Canvas().Focus(field)
}
