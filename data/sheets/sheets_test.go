package sheets

import (
	"strings"
	"testing"

	"duebook/app"
)

func TestParseCSVDelimitersAndPadding(t *testing.T) {
	cases := map[string]string{
		"comma":     "a,b,c\n1,2\n",
		"semicolon": "a;b;c\n1;2\n",
		"tab":       "a\tb\tc\n1\t2\n",
		"bar":       "a|b|c\n1|2\n",
	}
	for name, in := range cases {
		tb, err := ParseCSV(name, []byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(tb.Header) != 3 || len(tb.Rows) != 1 || len(tb.Rows[0]) != 3 || tb.Rows[0][2] != "" || tb.Lines[0] != 2 {
			t.Errorf("%s: %+v", name, tb)
		}
	}
}

func TestParseCSVKeepsQuotedNewlinesAndRowNumbers(t *testing.T) {
	tb, err := ParseCSV("q.csv", []byte("a,b\n\"line1\nline2\",x\n\n3,4\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 2 || tb.Rows[0][0] != "line1\nline2" || tb.Lines[1] != 5 {
		t.Fatalf("%+v", tb)
	}
}

func TestDecodeWindows1252(t *testing.T) {
	tb, err := ParseCSV("w.csv", []byte("name,amount\nJ\xfcrgen Gro\xdf,1\n"))
	if err != nil || tb.Rows[0][0] != "Jürgen Groß" || !strings.Contains(strings.Join(tb.Notes, ""), "Windows-1252") {
		t.Fatalf("%+v %v", tb, err)
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\xef\xbb\xbfa;b\n1;2", "\xff\xfea\x00,\x00b\x00", "\"unterminated\n", "", "a\x00b"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := ParseCSV("fuzz.csv", b)
		if err != nil {
			if app.CodeOf(err) == app.CodeInternal {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if len(tb.Rows) != len(tb.Lines) {
			t.Fatal("rows and line numbers differ")
		}
		for _, r := range tb.Rows {
			if len(r) < len(tb.Header) {
				t.Fatal("row shorter than header")
			}
		}
	})
}
