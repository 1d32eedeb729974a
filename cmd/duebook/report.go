package main

import (
	"fmt"
	"io"
	"sort"
)

// reports are the kinds of `duebook report KIND`; each file that adds a report registers it.
var reports = map[string]command{}

func init() {
	commands["report"] = command{"print a report (report KIND; run \"duebook report\" for the kinds)", cmdReport}
}

func cmdReport(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if r, ok := reports[args[0]]; ok {
			return r.run(args[1:], stdout, stderr)
		}
	}
	w := stderr
	code := 2
	if len(args) > 0 && (args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
		w, code = stdout, 0
	} else if len(args) > 0 {
		fmt.Fprintf(stderr, "duebook: %q is not a report.\n\n", args[0])
	}
	fmt.Fprintln(w, "Usage: duebook report KIND [options]\n\nReports:")
	names := make([]string, 0, len(reports))
	for n := range reports {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, reports[n].summary)
	}
	return code
}
