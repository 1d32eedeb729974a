// Package assets holds what Duebook embeds: the icon, and later fonts and default templates.
package assets

import _ "embed"

// Icon is the application icon (512 x 512 PNG).
//
//go:embed icon.png
var Icon []byte
