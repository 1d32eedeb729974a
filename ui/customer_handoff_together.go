package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"duebook/app"
)

// together is the hand-off dialog's choice of other customers to put in the same bundle: the
// day's hand-off proposals, found in the background (building the day's proposals reads the
// whole book) and listed as they arrive.
type together struct {
	box     *fyne.Container
	Check   *widget.CheckGroup
	byLabel map[string]app.Action
	svc     handoffService
}

func (c *Customers) togetherChoice(cu app.Customer, hs handoffService) *together {
	tg := &together{svc: hs, byLabel: map[string]app.Action{}, Check: widget.NewCheckGroup(nil, nil)}
	status := widget.NewLabel("Looking for other customers due for hand-off…")
	tg.box = container.NewVBox(status)
	c.Together = tg
	inBackground(func() {
		props, err := hs.HandoffProposals()
		do(c.win, func() {
			var labels []string
			for _, a := range props {
				if a.CustomerID == cu.ID {
					continue
				}
				// The queue's name already tells two customers of one name apart.
				l := fmt.Sprintf("%s: %s", a.Customer, app.FormatMoney(app.Money{Amount: a.Amount, Currency: a.Currency}, c.nf))
				if _, dup := tg.byLabel[l]; !dup {
					labels = append(labels, l)
				}
				tg.byLabel[l] = a
			}
			switch {
			case err != nil:
				status.SetText("Other customers could not be listed: " + app.Sentence(err))
			case len(labels) == 0:
				status.SetText("No other customer is due for hand-off today.")
			default:
				status.SetText("Other customers due for hand-off today, for the same bundle:")
				tg.Check.Options = labels
				scroll := container.NewVScroll(tg.Check)
				scroll.SetMinSize(fyne.NewSize(0, min(float32(len(labels))*36, 180)))
				tg.box.Add(scroll)
			}
			tg.box.Refresh()
		})
	})
	return tg
}

// approve adds the customers chosen to the request and approves their proposals first, so the
// bundle claims the charges of their hand-off stage (one approved already today is the same).
func (tg *together) approve(req *app.HandoffRequest) error {
	for _, l := range tg.Check.Selected {
		a, ok := tg.byLabel[l]
		if !ok {
			continue
		}
		if err := tg.svc.ApproveAction(tg.svc.Today(), a); err != nil && app.CodeOf(err) != app.CodeConflict {
			return err
		}
		req.CustomerIDs = append(req.CustomerIDs, a.CustomerID)
	}
	return nil
}
