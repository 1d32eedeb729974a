package ui

import (
	"image/color"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// formDialog is the window's one kind of dialog: fields (or only a message), a button to go on
// and one to stop. It checks what was typed before it closes: the field in error is marked and
// says why, and everything typed stays. Enter goes on and Esc stops, from a text field or when
// nothing has the focus. It opens on screen and never outgrows the window: what does not fit
// scrolls.
type formDialog struct {
	win    fyne.Window
	title  string
	fields *fieldSet
	body   fyne.CanvasObject
	// submit runs on "go on"; an error keeps the dialog open and is shown at its field. after
	// runs once the dialog is closed (Fyne closes every dialog above one that closes, so what
	// opens further dialogs belongs there).
	submit   func() error
	after    func()
	onCancel func()
	onClosed func()
	width    float32 // the width it asks for; the window may give less

	OK, Cancel *widget.Button
	extra      []*widget.Button // further choices, between Cancel and OK
	d          *dialog.CustomDialog
	closed     bool
	busy       bool          // submit is running
	queued     []*formDialog // dialogs submit opened, shown once this one is closed or stays
}

// openDialogs are the dialogs open in each window, the newest last: Enter and Esc go to the
// newest; keysBefore is what heard the keys before the first one opened.
var (
	openDialogs = map[fyne.Window][]*formDialog{}
	keysBefore  = map[fyne.Window]func(*fyne.KeyEvent){}
)

// newFormDialog makes a dialog of form rows; submit decides whether it may close.
func newFormDialog(win fyne.Window, title, okText string, fs *fieldSet, items []*widget.FormItem, submit func() error) *formDialog {
	return newContentDialog(win, title, okText, fs, container.NewVBox(fs.Problem, fs.form(items...)), submit)
}

// newContentDialog is newFormDialog for a body laid out by the caller, with fs's fields in it.
func newContentDialog(win fyne.Window, title, okText string, fs *fieldSet, body fyne.CanvasObject, submit func() error) *formDialog {
	f := &formDialog{win: win, title: title, fields: fs, body: body, submit: submit, width: 560}
	f.OK = button(win, okText, f.confirm)
	f.OK.Importance = widget.HighImportance
	f.Cancel = button(win, "Cancel", f.dismiss)
	return f
}

// newMessageDialog says something; Enter and Esc both close it.
func newMessageDialog(win fyne.Window, title, msg string) *formDialog {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	f := &formDialog{win: win, title: title, fields: newFieldSet(), body: l, width: 480}
	f.OK = button(win, "OK", f.confirm)
	f.OK.Importance = widget.HighImportance
	return f
}

// newConfirmDialog asks a yes-or-no question; answer hears which.
func newConfirmDialog(win fyne.Window, title, msg, yes, no string, answer func(bool)) *formDialog {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	return newCustomConfirm(win, title, yes, no, l, answer)
}

// newCustomConfirm asks with any content; answer hears which button was chosen.
func newCustomConfirm(win fyne.Window, title, yes, no string, body fyne.CanvasObject, answer func(bool)) *formDialog {
	f := &formDialog{win: win, title: title, fields: newFieldSet(), body: body, width: 520}
	f.after = func() {
		if answer != nil {
			answer(true)
		}
	}
	f.onCancel = func() {
		if answer != nil {
			answer(false)
		}
	}
	f.OK = button(win, yes, f.confirm)
	f.OK.Importance = widget.HighImportance
	f.Cancel = button(win, no, f.dismiss)
	return f
}

// inform shows a message.
func inform(win fyne.Window, title, msg string) { newMessageDialog(win, title, msg).Show() }

// ask shows a yes-or-no question.
func ask(win fyne.Window, title, msg, yes, no string, answer func(bool)) {
	newConfirmDialog(win, title, msg, yes, no, answer).Show()
}

// Show opens the dialog, sized to fit the window, with the focus in its first field. A dialog
// opened while another one's submit runs waits until that one is closed.
func (f *formDialog) Show() {
	if list := openDialogs[f.win]; len(list) > 0 && list[len(list)-1].busy {
		top := list[len(list)-1]
		top.queued = append(top.queued, f)
		return
	}
	var buttons []fyne.CanvasObject
	if f.Cancel != nil {
		buttons = append(buttons, f.Cancel)
	}
	for _, b := range f.extra {
		buttons = append(buttons, b)
	}
	if f.OK != nil {
		buttons = append(buttons, f.OK)
	}
	// A gutter on the right keeps the scroll bar off the fields.
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(12, 1))
	content := container.NewVScroll(container.NewBorder(nil, nil, nil, gutter, f.body))
	f.d = dialog.NewCustomWithoutButtons(shortText(f.title, 70), content, f.win)
	f.d.SetButtons(buttons)
	f.d.SetOnClosed(safe(f.win, f.closedNow))
	for _, obj := range f.fields.fields() {
		if k, ok := obj.(keyed); ok {
			k.setKeys(f.confirm, f.dismiss)
		}
	}
	f.opened()
	f.d.Resize(f.size(content))
	f.d.Show()
	if fields := f.fields.fields(); len(fields) > 0 {
		focusField(f.win.Canvas(), fields[0])
	}
}

// opened puts the dialog on top of the window's open dialogs, where the keys go.
func (f *formDialog) opened() {
	win := f.win
	if len(openDialogs[win]) == 0 {
		c := win.Canvas()
		keysBefore[win] = c.OnTypedKey()
		c.SetOnTypedKey(safeArg(win, func(k *fyne.KeyEvent) { routeKey(win, k) }))
	}
	openDialogs[win] = append(openDialogs[win], f)
}

// routeKey gives a key nobody focused took to the newest dialog, or to what heard keys before.
func routeKey(win fyne.Window, k *fyne.KeyEvent) {
	if list := openDialogs[win]; len(list) > 0 {
		list[len(list)-1].typedKey(k)
		return
	}
	if prev := keysBefore[win]; prev != nil {
		prev(k)
	}
}

// size is what the dialog asks for: its content's height and the width it wants, within the
// window with a margin.
func (f *formDialog) size(content fyne.CanvasObject) fyne.Size {
	win := f.win.Canvas().Size()
	const chrome = 140 // title, buttons and padding around the content
	w := max(f.width, content.MinSize().Width+40)
	h := f.body.MinSize().Height + chrome
	if win.Width > 0 {
		w = min(w, win.Width-32)
	}
	if win.Height > 0 {
		h = min(h, win.Height-32)
	}
	return fyne.NewSize(w, h)
}

// typedKey hears Enter and Esc while no field has the focus.
func (f *formDialog) typedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		f.confirm()
	case fyne.KeyEscape:
		f.dismiss()
	default:
		if prev := keysBefore[f.win]; prev != nil {
			prev(k)
		}
	}
}

// confirm checks the form and closes the dialog only when it is right.
func (f *formDialog) confirm() {
	if f.closed || f.OK == nil || f.OK.Disabled() || !f.OK.Visible() {
		return
	}
	if f.submit != nil {
		f.busy = true
		err := protect(f.submit)
		f.busy = false
		if err != nil {
			if bad := f.fields.show(err); bad != nil {
				focusField(f.win.Canvas(), bad)
			}
			f.showQueued()
			return
		}
	}
	f.close()
	f.showQueued()
	if f.after != nil {
		f.after()
	}
}

func (f *formDialog) showQueued() {
	q := f.queued
	f.queued = nil
	for _, d := range q {
		d.Show()
	}
}

// dismiss closes the dialog without doing anything.
func (f *formDialog) dismiss() {
	if f.closed {
		return
	}
	if f.Cancel == nil && (f.submit != nil || f.after != nil) {
		return // a dialog without "Cancel" must be answered
	}
	f.close()
	if f.onCancel != nil {
		f.onCancel()
	}
}

func (f *formDialog) close() {
	if f.d != nil {
		f.d.Hide() // calls closedNow
	} else {
		f.closedNow()
	}
}

func (f *formDialog) closedNow() {
	if f.closed {
		return
	}
	f.closed = true
	list := openDialogs[f.win]
	for i, o := range list {
		if o == f {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	openDialogs[f.win] = list
	if len(list) == 0 {
		f.win.Canvas().SetOnTypedKey(safeArg(f.win, keysBefore[f.win]))
		delete(openDialogs, f.win)
		delete(keysBefore, f.win)
	}
	if f.onClosed != nil {
		f.onClosed()
	}
}

// Hide closes the dialog, as if it was done.
func (f *formDialog) Hide() { f.close() }

// focusField gives the keyboard to a field that can take it.
func focusField(c fyne.Canvas, obj fyne.CanvasObject) {
	var target fyne.Focusable
	switch w := obj.(type) {
	case interface{ textField() *textEntry }:
		target = w.textField()
	case fyne.Focusable:
		target = w
	}
	if target != nil {
		c.Focus(target)
	}
}

// showError tells the owner, in a sentence, what went wrong.
func showError(err error, w fyne.Window) {
	if err == nil {
		return
	}
	slog.Error("shown to the owner", "cause", app.Cause(err))
	inform(w, "That did not work", app.Sentence(err))
}

// shortText cuts a text to n characters with an ellipsis, for a title that must fit a line.
func shortText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
