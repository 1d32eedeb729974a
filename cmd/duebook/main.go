// Command duebook is the Duebook desktop program and its command line. With no subcommand it
// opens the window; subcommands serve automation and support and never open one.
package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	// Customers' time zones must be known on a PC without the zone database (Windows).
	_ "time/tzdata"

	"duebook/cmd/duebook/internal/logfile"
)

func main() {
	closeLog := startLog()
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	closeLog()
	os.Exit(code)
}

// startLog sends the technical log (log/slog, text) to duebook.log in the user's folder,
// rotated at 1 MB with three old files kept. Without a writable folder there is no log.
func startLog() func() {
	dir := os.Getenv("DUEBOOK_LOG_DIR")
	if dir == "" {
		dir = dataDir()
	}
	w, err := logfile.Open(filepath.Join(dir, "duebook.log"), 1<<20, 3)
	if err != nil {
		slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
		return func() {}
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})).With("pid", os.Getpid()))
	return func() { w.Close() }
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
