package ui

import (
	"errors"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// fieldError ties a problem to the field it is about, so the form can mark that field.
type fieldError struct {
	field fyne.CanvasObject
	err   error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// inField says that err is about the field obj (nil stays nil).
func inField(obj fyne.CanvasObject, err error) error {
	if err == nil {
		return nil
	}
	return &fieldError{field: obj, err: err}
}

// textEntry is a one-line entry that also passes Esc and Enter to the dialog it is in: Fyne gives
// a focused entry every key, so the dialog would never hear them otherwise.
type textEntry struct {
	widget.Entry
	onEsc, onEnter func()
}

func newTextEntry() *textEntry {
	e := &textEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newEntryWith makes a text entry holding text, with a hint shown while it is empty.
func newEntryWith(text, hint string) *textEntry {
	e := newTextEntry()
	e.SetText(text)
	e.SetPlaceHolder(hint)
	return e
}

// TypedKey closes the dialog on Esc and confirms it on Enter; other keys edit the text.
func (e *textEntry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape && e.onEsc != nil:
		e.onEsc()
	case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && !e.MultiLine && e.onEnter != nil:
		e.onEnter()
	default:
		e.Entry.TypedKey(k)
	}
}

func (e *textEntry) setKeys(enter, esc func()) { e.onEnter, e.onEsc = enter, esc }

// keyed is a field that passes Enter and Esc on to its dialog.
type keyed interface{ setKeys(enter, esc func()) }

// entryOf finds the text entry of a field, to mark it.
func entryOf(obj fyne.CanvasObject) *widget.Entry {
	switch w := obj.(type) {
	case *widget.Entry:
		return w
	case *textEntry:
		return &w.Entry
	case *widget.SelectEntry:
		return &w.Entry
	case interface{ textField() *textEntry }:
		return &w.textField().Entry
	}
	return nil
}

// markEntry draws an entry as wrong until its text changes.
func markEntry(e *widget.Entry, err error) {
	if e == nil {
		return
	}
	orig := e.Validator
	e.AlwaysShowValidationError = true
	e.Validator = func(s string) error {
		e.Validator = orig
		if orig != nil {
			return orig(s)
		}
		return nil
	}
	e.SetValidationError(errors.New(app.Sentence(err)))
}

// fieldSet is the fields of one form, each with a note under it that says what is wrong with it,
// and a line for what no single field owns.
type fieldSet struct {
	items   []*fieldItem
	Problem *widget.Label
}

type fieldItem struct {
	obj  fyne.CanvasObject
	note *widget.Label
}

func newFieldSet() *fieldSet {
	fs := &fieldSet{Problem: newNote()}
	return fs
}

// newNote is a red line of text, hidden until there is something to say.
func newNote() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// item makes a form row for obj with its note under it.
func (fs *fieldSet) item(label string, obj fyne.CanvasObject) *widget.FormItem {
	it := &fieldItem{obj: obj, note: newNote()}
	fs.items = append(fs.items, it)
	return widget.NewFormItem(label, container.NewVBox(obj, it.note))
}

// form lays the rows out as a form.
func (fs *fieldSet) form(items ...*widget.FormItem) *widget.Form { return widget.NewForm(items...) }

// clear hides every note.
func (fs *fieldSet) clear() {
	for _, it := range fs.items {
		it.note.Hide()
	}
	fs.Problem.Hide()
}

// show says what is wrong: under the field it is about, or on the problem line. It returns the
// field, to give it the focus.
func (fs *fieldSet) show(err error) fyne.CanvasObject {
	fs.clear()
	if err == nil {
		return nil
	}
	var fe *fieldError
	if errors.As(err, &fe) {
		for _, it := range fs.items {
			if it.obj == fe.field {
				it.note.SetText(sentenceCase(app.Sentence(err)))
				it.note.Show()
				markEntry(entryOf(it.obj), err)
				return it.obj
			}
		}
		markEntry(entryOf(fe.field), err) // a field outside the rows, e.g. a cell of a table
	}
	fs.Problem.SetText(sentenceCase(app.Sentence(err)))
	fs.Problem.Show()
	return nil
}

// fields lists the objects of the rows, to wire their keys.
func (fs *fieldSet) fields() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(fs.items))
	for i, it := range fs.items {
		out[i] = it.obj
	}
	return out
}

// needText refuses an empty field with a sentence at the field.
func needText(e *textEntry, why string) error {
	if strings.TrimSpace(e.Text) == "" {
		return inField(e, app.Errorf(app.CodeInvalid, "%s", why))
	}
	return nil
}

// sentenceCase starts a sentence with a capital letter.
func sentenceCase(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return string(unicode.ToUpper(r[0])) + string(r[1:])
}
