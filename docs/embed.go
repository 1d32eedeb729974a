// Package docs carries the owner's guide into the program, so that Help → Guide works offline:
// guide.md here is the one copy, read on the web beside the README and in the window alike.
package docs

import "embed"

// Guide holds guide.md and the screenshots it shows (images/guide-*.png).
//
//go:embed guide.md images/guide-*.png
var Guide embed.FS
