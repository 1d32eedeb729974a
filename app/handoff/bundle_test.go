package handoff

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"duebook/app"
)

func samplePackage() app.HandoffPackage {
	ev := app.Event{ID: 7, At: time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC), CustomerID: 3, Kind: "letter", Summary: "Reminder <1> & more", Data: `{"sha256":"ab"}`}
	ev.Hash = app.EventHash(ev)
	prev := strings.Repeat("1", 64)
	ev.Chain = app.ChainLink(prev, ev.Hash)
	return app.HandoffPackage{
		Created: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC), Version: "1.2.3", To: "Acme", AuthorisedBy: "Jane",
		Shop: app.Shop{Name: "Shop"}, Record: "7·" + ev.Chain[:8], CoverPDF: []byte("%PDF cover"),
		Debtors: []app.HandoffDebtor{{
			Customer: app.Customer{ID: 3, Name: "Ann", Kind: app.Consumer, Flags: []string{app.FlagCease}}, Reference: "C3", Folder: "01-Ann",
			TimelinePDF: []byte("%PDF timeline"),
			Timeline:    []app.LinkedEvent{{Event: ev, Prev: prev}},
			Files:       []app.BundleFile{{Path: "letters/001.pdf", Content: []byte("%PDF letter")}, {Path: "emails/002.eml", Content: []byte("Subject: x\r\n\r\nbody")}},
			Claims:      []app.HandoffClaim{{Currency: "EUR", Principal: 10000, Payments: 2500, Balance: 7500, StatementPDF: []byte("%PDF statement")}},
		}},
	}
}

// The writer alone: the same package gives the same bytes, and Verify accepts them. The
// event's summary holds <, > and &, which the canonical JSON escapes.
func TestBundleIsDeterministicAndVerifies(t *testing.T) {
	a, err := Writer{}.Bundle(samplePackage())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Writer{}.Bundle(samplePackage())
	if !bytes.Equal(a, b) {
		t.Fatal("two bundles of the same package differ")
	}
	rep, err := Verify(a)
	if err != nil || !rep.OK() || len(rep.Checked) != 4 {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	p := samplePackage()
	p.Created = p.Created.Add(time.Second)
	if c, _ := (Writer{}).Bundle(p); bytes.Equal(a, c) {
		t.Fatal("another creation time gave the same bytes")
	}
}

func TestVerifyRefusesWhatIsNoBundle(t *testing.T) {
	if _, err := Verify([]byte("not a zip")); app.CodeOf(err) != app.CodeInvalid {
		t.Fatalf("not a zip: %v", err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("README.txt")
	w.Write([]byte("hello"))
	zw.Close()
	if _, err := Verify(buf.Bytes()); err == nil || !strings.Contains(err.Error(), "no manifest.json") {
		t.Fatalf("no manifest: %v", err)
	}
}
