//go:build unix

package sheets

import (
	"os"
	"syscall"
)

// openNoWait opens path for reading without waiting: opening a FIFO with no writer would block,
// so it is opened non-blocking and refused once its kind is known.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
