package sheets

import (
	"errors"
	"io"

	"duebook/app"
)

// tableBase is what a CSV and an XLSX source share: what is known of the table, and the file
// to close.
type tableBase struct {
	closer io.Closer
	info   app.TableInfo
}

func (t *tableBase) Info() app.TableInfo { return t.info }

func (t *tableBase) Close() error {
	if t.closer == nil {
		return nil
	}
	return t.closer.Close()
}

// readHeader takes the first row that is not blank as the header; a table without one is empty.
func (t *tableBase) readHeader(each func(fn func(cells []string, line int) error) error) error {
	err := each(func(cells []string, _ int) error {
		if blank(cells) {
			return nil
		}
		t.info.Header = trimAll(cells)
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return err
	}
	if t.info.Header == nil {
		return app.Errorf(app.CodeInvalid, "%s is empty", t.info.Name)
	}
	return nil
}
