//go:build !unix

package sheets

import "os"

// openNoWait opens path for reading; outside Unix there are no FIFOs to wait on.
func openNoWait(path string) (*os.File, error) {
	return os.Open(path)
}
