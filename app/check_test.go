package app

import "testing"

func TestRecordReferenceReadsBackAsPrinted(t *testing.T) {
	h := ChainHead{Events: 1234, Chain: "3fa9c21b77d2e0c4a5b6c7d8e9f00112233445566778899aabbccddeeff0011"}
	if h.Ref() != "1234·3fa9c21b" {
		t.Fatalf("ref %q", h.Ref())
	}
	for _, s := range []string{"1234·3fa9c21b", "Record 1234·3fa9c21b", " 1234-3FA9C21B ", "1234 3fa9c2", "Protokoll 1234:3fa9c21b"} {
		got, err := ParseRecordRef(s)
		if err != nil || got.Events != 1234 || got.Chain[:6] != "3fa9c2" {
			t.Errorf("%q: %+v %v", s, got, err)
		}
	}
	for _, s := range []string{"", "1234", "1234·3fa9", "x·3fa9c21b", "1234·3fa9zz21", "-3·3fa9c21b"} {
		if _, err := ParseRecordRef(s); CodeOf(err) != CodeInvalid {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestCheckReportFailsOnAnyDisagreement(t *testing.T) {
	ok := CheckReport{Integrity: []string{"ok"}, ChainOK: true, Anchors: []AnchorCheck{{OK: true}, {Missing: true}}}
	if !ok.OK() {
		t.Fatal("a sound report failed")
	}
	for name, bad := range map[string]func(*CheckReport){
		"values":    func(r *CheckReport) { r.Values = []string{"invoices row 1"} },
		"documents": func(r *CheckReport) { r.DocumentProblems = []string{"document x"} },
		"anchor":    func(r *CheckReport) { r.Anchors = append(r.Anchors, AnchorCheck{Problem: "cut"}) },
	} {
		r := ok
		r.Anchors = append([]AnchorCheck(nil), ok.Anchors...)
		bad(&r)
		if r.OK() {
			t.Errorf("%s: passed", name)
		}
	}
}
