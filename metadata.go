// Package duebook carries the application's metadata from FyneApp.toml, the one place where the
// ID, name and version are written, so that the program and its packages never disagree.
package duebook

import (
	_ "embed"
	"strconv"
	"strings"
)

//go:embed FyneApp.toml
var fyneApp string

// Metadata is what FyneApp.toml says of the application.
type Metadata struct {
	ID      string
	Name    string
	Version string
	Build   int
}

// App reads the [Details] section of FyneApp.toml. The file is ours and simple, so a few lines
// of parsing do instead of a TOML library.
func App() Metadata {
	var m Metadata
	section := ""
	for _, line := range strings.Split(fyneApp, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok || section != "Details" {
			continue
		}
		key, val = strings.TrimSpace(key), strings.Trim(strings.TrimSpace(val), `"`)
		switch key {
		case "ID":
			m.ID = val
		case "Name":
			m.Name = val
		case "Version":
			m.Version = val
		case "Build":
			m.Build, _ = strconv.Atoi(val)
		}
	}
	return m
}
