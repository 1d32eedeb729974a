package assets

import (
	"os"
	"strings"
	"testing"
)

// Every library go.mod names directly is named in the licences the About window shows, so a
// new library cannot come in unnamed.
func TestLicencesNameEveryDirectDependency(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(mod), "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		f := strings.Fields(line)
		if len(f) < 2 || !strings.Contains(f[0], ".") || strings.Contains(line, "// indirect") || strings.HasPrefix(line, "go ") {
			continue
		}
		n++
		if !strings.Contains(Licences, f[0]) {
			t.Errorf("%s is not named in licences.txt", f[0])
		}
	}
	if n < 10 {
		t.Fatalf("only %d direct dependencies read from go.mod", n)
	}
	for _, s := range []string{"SIL Open Font License", "Noto Sans"} {
		if !strings.Contains(Licences, s) {
			t.Errorf("the font's licence is not named: %s", s)
		}
	}
}
