// Package locale gives the process a usable locale before the GUI toolkit reads it. A machine set
// to the plain "C" locale (servers, fresh installs, scripts) otherwise makes the toolkit print a
// parse error on every start, even for command-line use where no window opens.
//
// It must be imported by main; Go initializes it before the toolkit because it imports only the
// standard library and its import path sorts first.
package locale

import (
	"os"
	"strings"
)

func init() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if base == "C" || base == "POSIX" {
			os.Setenv(name, "en_US.UTF-8")
			continue
		}
		return // the first variable set to a real locale decides
	}
	if os.Getenv("LANG") == "" && os.Getenv("LC_ALL") == "" {
		os.Setenv("LANG", "en_US.UTF-8")
	}
}
