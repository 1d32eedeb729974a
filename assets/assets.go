// Package assets holds what Duebook embeds: the icon, and later fonts and default templates.
package assets

import "embed"

// Icon is the application icon (512 x 512 PNG).
//
//go:embed icon.png
var Icon []byte

// NotoSans is the letters' font (SIL Open Font License, see fonts/OFL.txt): it draws Latin with
// every accent, Greek and Cyrillic, so names print as they are written.
//
//go:embed fonts/NotoSans-Regular.ttf
var NotoSansRegular []byte

// Licences names the font and the libraries Duebook is built from, with their licences, for
// the About window.
//
//go:embed licences.txt
var Licences string

// Templates holds the default letter texts, one file per kind, tone and language:
// templates/<kind>.<tone>.<lang>.txt.
//
//go:embed templates/*.txt
var Templates embed.FS
