package ui

import (
	"fmt"
	"log/slog"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// A fault in one callback must not close the window with the owner's work in it. Every write is
// one transaction, so what a failed callback was doing is either stored whole or not at all: the
// window can say so and go on. Every callback the window hands to Fyne goes through safe (or one
// of the helpers built on it); a test checks that none is left out.

// panicSentence is what the owner reads when Duebook itself failed.
const panicSentence = "Duebook ran into a fault of its own and stopped what you just did. Anything already saved is " +
	"saved whole and nothing was half-written, so you can go on working. The details are in duebook.log for support."

// safe returns fn guarded: a panic inside it is logged with its stack, the owner reads a
// sentence, and the window stays usable.
func safe(win fyne.Window, fn func()) func() {
	if fn == nil {
		return nil
	}
	return func() {
		defer recoverIn(win)
		fn()
	}
}

// safeArg is safe for a callback with one argument (a selection, a changed text, a choice).
func safeArg[T any](win fyne.Window, fn func(T)) func(T) {
	if fn == nil {
		return nil
	}
	return func(v T) {
		defer recoverIn(win)
		fn(v)
	}
}

// safe2 is safe for a callback with two arguments (a file chosen, or why not).
func safe2[A, B any](win fyne.Window, fn func(A, B)) func(A, B) {
	if fn == nil {
		return nil
	}
	return func(a A, b B) {
		defer recoverIn(win)
		fn(a, b)
	}
}

// safeRow is safe for a list's row update, called while the list draws.
func safeRow(win fyne.Window, fn func(widget.ListItemID, fyne.CanvasObject)) func(widget.ListItemID, fyne.CanvasObject) {
	return func(i widget.ListItemID, o fyne.CanvasObject) {
		defer recoverIn(win)
		fn(i, o)
	}
}

// do runs fn on the UI goroutine, guarded; background work hands its results back through it.
func do(win fyne.Window, fn func()) { fyne.Do(safe(win, fn)) }

// button makes a button whose tap is guarded.
func button(win fyne.Window, label string, fn func()) *widget.Button {
	return widget.NewButton(label, safe(win, fn))
}

// iconButton makes a button with an icon whose tap is guarded.
func iconButton(win fyne.Window, label string, icon fyne.Resource, fn func()) *widget.Button {
	return widget.NewButtonWithIcon(label, icon, safe(win, fn))
}

// protect runs background work, turning a panic into an error (logged with its stack), so that the
// code that ends the work (hiding the progress bar, enabling the buttons, saying what happened)
// always runs.
func protect(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			logPanic(r)
			err = app.Errorf(app.CodeInternal, "%s", panicSentence)
		}
	}()
	return fn()
}

// recoverIn is deferred by guarded callbacks.
func recoverIn(win fyne.Window) {
	if r := recover(); r != nil {
		logPanic(r)
		tellPanic(win)
	}
}

func logPanic(r any) {
	slog.Error("a window callback failed", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
}

// panicShown keeps one note on screen per window: a fault while drawing must not pile them up.
var panicShown = map[fyne.Window]bool{}

func tellPanic(win fyne.Window) {
	if win == nil || panicShown[win] {
		return
	}
	panicShown[win] = true
	d := newMessageDialog(win, "Something went wrong", panicSentence)
	d.onClosed = func() { delete(panicShown, win) }
	d.Show()
}

// guardTree guards the callbacks of the widgets already in o, for a screen built without the
// helpers above (the import screen): its form, buttons and choices. What such a screen makes
// later, its dialogs and background results, is not covered.
func guardTree(win fyne.Window, o fyne.CanvasObject) {
	switch w := o.(type) {
	case *fyne.Container:
		for _, k := range w.Objects {
			guardTree(win, k)
		}
	case *container.Scroll:
		guardTree(win, w.Content)
	case *widget.Form:
		for _, it := range w.Items {
			guardTree(win, it.Widget)
		}
	case *widget.Button:
		w.OnTapped = safe(win, w.OnTapped)
	case *widget.Select:
		w.OnChanged = safeArg(win, w.OnChanged)
	case *widget.Check:
		w.OnChanged = safeArg(win, w.OnChanged)
	case *widget.Entry:
		w.OnChanged = safeArg(win, w.OnChanged)
		w.OnSubmitted = safeArg(win, w.OnSubmitted)
	}
}
