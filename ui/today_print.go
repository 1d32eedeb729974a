package ui

import (
	"context"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// confirmPrint says, before anything is approved, how many letters would print and to whom, and
// lets the owner approve and print them all, print only the letters already approved, or stop.
// then runs after a print run that went through.
func (t *Today) confirmPrint(then func()) {
	var proposed []string
	for _, a := range t.queue.Actions {
		if !a.Blocked() && app.IsLetter(a) {
			proposed = append(proposed, fmt.Sprintf("%s (%s)", a.Customer, a.StageName))
		}
	}
	pending, err := t.svc.PendingPrints()
	if err != nil {
		showError(err, t.win)
		return
	}
	if len(proposed) == 0 && len(pending) == 0 {
		inform(t.win, "Letters", "There are no letters to print today.")
		return
	}
	var lines []string
	if len(proposed) > 0 {
		names := proposed
		if len(names) > 8 {
			names = append(append([]string(nil), names[:8]...), fmt.Sprintf("and %d more", len(proposed)-8))
		}
		lines = append(lines, fmt.Sprintf("Today proposes %s, not approved yet: %s.", plural(len(proposed), "letter", "letters"), strings.Join(names, ", ")))
	}
	if len(pending) > 0 {
		lines = append(lines, fmt.Sprintf("%s approved before and not printed yet.", plural(len(pending), "letter was", "letters were")))
	}
	msg := widget.NewLabel(strings.Join(lines, "\n\n"))
	msg.Wrapping = fyne.TextWrapWord
	d := newCustomConfirm(t.win, "Print the letters?", fmt.Sprintf("Approve and print %s", plural(len(proposed)+len(pending), "letter", "letters")), "Cancel", msg,
		func(ok bool) {
			if ok {
				t.printRun(then)
			}
		})
	t.PrintAllBtn = d.OK
	t.PrintApprovedBtn = button(t.win, fmt.Sprintf("Print only the approved (%d)", len(pending)), func() {
		d.Hide()
		t.printApproved()
	})
	d.extra = []*widget.Button{t.PrintApprovedBtn}
	if len(pending) == 0 {
		t.PrintApprovedBtn.Disable()
	}
	if len(proposed) == 0 {
		t.PrintAllBtn.Hide()
	}
	d.Show()
}

// printApproved writes the letters approved before but not on disk yet, approving nothing.
func (t *Today) printApproved() {
	out, err := t.svc.OutputLetters(context.Background(), t.lettersDir())
	t.LastOutput = out
	if err != nil {
		showError(err, t.win)
	}
	if out.Combined != "" {
		t.LastPDF = out.Combined
		t.OpenPDF.Show()
		t.ShowFolder.Show()
		inform(t.win, "Letters printed", fmt.Sprintf("%s on %s are ready to print:\n%s", plural(len(out.Letters), "letter", "letters"),
			plural(out.Pages, "page", "pages"), out.Combined))
	}
	t.Refresh()
}

// printRun approves and prints the day's letters in the background, with progress and cancel,
// saves the combined PDF and one PDF per letter, and offers to open the combined one; then is
// called when it is done.
func (t *Today) printRun(then func()) {
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	t.PrintBtn.Disable()
	t.ApproveAll.Disable()
	t.Progress.SetValue(0)
	t.Progress.Show()
	t.Cancel.Show()
	asOf := t.queue.AsOf
	inBackground(func() {
		var res app.PrintRunResult
		err := protect(func() (err error) {
			res, err = t.svc.PrintRun(ctx, asOf, func(done, total int) {
				do(t.win, func() { t.Progress.SetValue(float64(done) / float64(max(1, total))) })
			})
			return err
		})
		// Whatever was recorded, even by a cancelled run, goes to disk now, with any letter an
		// earlier run recorded but could not write.
		var out app.PrintOutput
		werr := protect(func() (err error) { out, err = t.svc.OutputLetters(context.Background(), t.lettersDir()); return err })
		if werr != nil && err == nil {
			err = werr
		}
		path := out.Combined
		do(t.win, func() {
			cancel()
			t.cancel = nil
			t.Progress.Hide()
			t.Cancel.Hide()
			t.PrintBtn.Enable()
			t.LastRun, t.LastOutput, t.LastPDF = res, out, path
			if err != nil {
				showError(err, t.win)
			}
			t.Refresh()
			switch {
			case len(out.Letters) > 0:
				t.OpenPDF.Show()
				t.ShowFolder.Show()
				var warn []string
				for _, l := range res.Letters {
					for _, w := range l.Warnings {
						warn = append(warn, l.Customer+": "+w)
					}
				}
				msg := fmt.Sprintf("%s on %s are ready to print:\n%s\n\nEach letter is also kept as printed, on the customer's timeline.",
					plural(len(out.Letters), "letter", "letters"), plural(out.Pages, "page", "pages"), path)
				if len(warn) > 0 {
					msg += "\n\nCheck before printing:\n" + strings.Join(warn, "\n")
				}
				inform(t.win, "Letters printed", msg)
			case err == nil && then == nil:
				inform(t.win, "Letters", "There are no letters to print today.")
			}
			if then != nil && err == nil {
				then()
			}
			if t.Loaded != nil {
				t.Loaded("Print run")
			}
		})
	})
}

// lettersDir is where the letters go: the owner's letters folder, else a temporary one.
func (t *Today) lettersDir() string {
	if t.LettersDir == "" {
		return os.TempDir()
	}
	return t.LettersDir
}

// showPending says how many approved letters are not on disk yet (a run that failed or was
// killed after recording them); printing writes them again.
func (t *Today) showPending() {
	pending, err := t.svc.PendingPrints()
	if err != nil || len(pending) == 0 {
		t.Pending.Hide()
		return
	}
	t.Pending.SetText(fmt.Sprintf("%s not printed yet: \"Print the letters\" writes %s again.",
		plural(len(pending), "approved letter is", "approved letters are"), map[bool]string{true: "it", false: "them"}[len(pending) == 1]))
	t.Pending.Show()
	t.PrintBtn.Enable()
}
