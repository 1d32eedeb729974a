package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
	"duebook/app/handoff"
)

// handoffPaymentsService reports, for the agency or attorney, what a handed-off customer paid
// the shop since.
type handoffPaymentsService interface {
	LastHandoff(customerID int64) (app.HandoffInfo, bool, error)
	PaymentsSinceHandoff(customerID int64) (app.HandoffPayments, error)
	PaymentsSincePDF(hp app.HandoffPayments) ([]byte, error)
}

// paymentsSinceFormats are the two ways to give the agency the payments since the hand-off.
var paymentsSinceFormats = []string{"a letter to them (PDF)", "rows to import (CSV)"}

// paymentsSinceDialog asks in which form, then where to save the payments since the hand-off.
func (c *Customers) paymentsSinceDialog(cu app.Customer, ps handoffPaymentsService, info app.HandoffInfo) {
	fs := newFieldSet()
	format := widget.NewRadioGroup(paymentsSinceFormats, nil)
	format.SetSelected(paymentsSinceFormats[0])
	c.PaymentsSinceFormat = format
	intro := wrapped(fmt.Sprintf("%s was handed off to %s on %s. Save the payments received since then, with what is still owed, to send them.",
		cu.Name, info.To, c.Dates.Format(info.Since)))
	items := []*widget.FormItem{widget.NewFormItem("", intro), fs.item("Save as", format)}
	newFormDialog(c.win, "Payments since the hand-off", "Choose where to save…", fs, items, func() error {
		asPDF := format.Selected == paymentsSinceFormats[0]
		ext := map[bool]string{true: ".pdf", false: ".csv"}[asPDF]
		askWhereToSave(c.win, app.SafeFileName("payments since hand-off "+cu.Name)+ext, func(target fyne.URI) {
			c.savePaymentsSince(cu, ps, asPDF, target)
		})
		return nil
	}).Show()
}

// savePaymentsSince writes the payments since the hand-off, as they stand now, to the file the
// owner chose; a failure leaves no empty file behind.
func (c *Customers) savePaymentsSince(cu app.Customer, ps handoffPaymentsService, asPDF bool, target fyne.URI) {
	err := func() error {
		hp, err := ps.PaymentsSinceHandoff(cu.ID)
		if err != nil {
			return err
		}
		content := handoff.PaymentsSinceCSV(hp)
		if asPDF {
			if content, err = ps.PaymentsSincePDF(hp); err != nil {
				return err
			}
		}
		return saveFile(target, content)
	}()
	if err != nil {
		removeIfEmpty(target)
		showError(err, c.win)
		return
	}
	c.PaymentsSinceSaved = target
	newCustomConfirm(c.win, "Saved", "Open the folder", "Close",
		wrapped(fmt.Sprintf("The payments %s made since the hand-off are saved as %s.", cu.Name, target.Name())), func(open bool) {
			if open {
				openFolder(c.win, target)
			}
		}).Show()
}

// askWhereToSave asks where to save a file named name and hands the place chosen to save. The
// empty file the dialog makes is closed first: save writes the whole file there, or nothing.
func askWhereToSave(win fyne.Window, name string, save func(target fyne.URI)) {
	d := dialog.NewFileSave(safe2(win, func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		target := w.URI()
		w.Close()
		save(target)
	}), win)
	d.SetFileName(name)
	d.Show()
}

// saveFile writes a file the owner chose: on disk through a temporary file and a rename, so a
// failure never leaves half a file under the name.
func saveFile(target fyne.URI, content []byte) error {
	if target.Scheme() == "file" {
		return app.WriteNew(target.Path(), content, true) // the save dialog asked before replacing
	}
	w, err := storage.Writer(target)
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "%s could not be saved", target.Name())
	}
	_, err = w.Write(content)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return app.Wrap(app.CodeStorage, err, "%s could not be saved", strings.TrimSpace(target.Name()))
	}
	return nil
}
