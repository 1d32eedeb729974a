// Command duebook is the Duebook desktop program and its command line. With no subcommand it
// opens the window; subcommands serve automation and support and never open one.
package main

import (
	"fmt"
	"io"
	"os"
	// Customers' time zones must be known on a PC without the zone database (Windows).
	_ "time/tzdata"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit code: 0 success, 1 failure, 2 wrong usage.
func run(args []string, stdout, stderr io.Writer) int {
	lastBook = ""
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd.run(args[1:], stdout, stderr)
		}
		switch args[0] {
		case "help", "-h", "--help", "-help":
			usage(stdout)
			return 0
		}
		if len(args[0]) > 0 && args[0][0] != '-' {
			fmt.Fprintf(stderr, "duebook: %q is not a command.\n\n", args[0])
			usage(stderr)
			return 2
		}
	}
	return runGUI(args, stderr)
}
