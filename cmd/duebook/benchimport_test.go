package main

import (
	"os"
	"testing"

	"duebook/app"
)

// TestImportOfAMillionRowsStaysUnder400MB checks and imports a million-row CSV and XLSX file and
// fails when the process's peak memory passes 400 MB. It takes minutes, so it runs only when
// DUEBOOK_IMPORT_MEMORY=1 (Linux, where the peak can be read and reset).
func TestImportOfAMillionRowsStaysUnder400MB(t *testing.T) {
	if os.Getenv("DUEBOOK_IMPORT_MEMORY") != "1" {
		t.Skip("set DUEBOOK_IMPORT_MEMORY=1 to measure (minutes)")
	}
	if peakMB() == 0 {
		t.Skip("the peak memory of a process cannot be read here")
	}
	for _, format := range []string{"csv", "xlsx"} {
		fig, err := benchImportFile(t.TempDir(), 1_000_000, format, app.MustDate("2026-11-22"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: check %v %d MB, import %v %d MB, again %v %d MB", format, fig.check, fig.checkMB, fig.first, fig.firstMB, fig.again, fig.againMB)
		for _, mb := range []int64{fig.checkMB, fig.firstMB, fig.againMB} {
			if mb > 400 {
				t.Errorf("%s: peak memory %d MB, more than 400 MB", format, mb)
			}
		}
	}
}
