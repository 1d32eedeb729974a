package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"duebook"
	"duebook/app"
	"duebook/app/handoff"
	"duebook/data"
)

// benchHandoff times the export of one debtor's bundle when the debtor has docs letters and docs
// emails on file (stored documents of a realistic size, distinct bytes each).
func benchHandoff(w io.Writer, dir string, docs int, today app.Date) error {
	path := filepath.Join(dir, fmt.Sprintf("handoff-%d.db", docs))
	os.Remove(path)
	if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: 300, Seed: 5, Today: today}, nil); err != nil {
		return err
	}
	st, err := data.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	clock := app.FixedClock(today.Time().Add(12 * time.Hour))
	col := services(st, clock).Collections
	const customer = 2
	filler := bytes.Repeat([]byte("0123456789abcdef"), 30<<10/16) // a letter PDF is ~30 KB
	for i := 0; i < docs; i++ {
		for _, d := range []app.Document{
			app.NewDocument("letter", "application/pdf", append([]byte(fmt.Sprintf("%%PDF-1.4 letter %d\n", i)), filler...)),
			app.NewDocument("email", "message/rfc822", append([]byte(fmt.Sprintf("Message-ID: <%d@bench>\r\n\r\n", i)), filler[:6<<10]...)),
		} {
			ev := app.Event{At: clock.Now().UTC(), CustomerID: customer, Kind: "document", Summary: d.Kind + " on file", Data: fmt.Sprintf(`{"sha256":%q}`, d.SHA256)}
			if err := st.SaveDocument(d, ev); err != nil {
				return err
			}
		}
	}
	var size int
	took, err := median(3, func() error {
		p, err := col.PrepareHandoff(app.HandoffRequest{CustomerIDs: []int64{customer}, To: "Bench Agency", AuthorisedBy: "Owner", Version: duebook.App().Version})
		if err != nil {
			return err
		}
		zip, err := handoff.Writer{}.Bundle(p)
		size = len(zip)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "| %d | %d | %d MB | %s |\n", docs, docs, size>>20, ms(took))
	return nil
}
