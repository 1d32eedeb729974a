package data

import (
	"database/sql"
	"fmt"
	"net/url"
)

// wholeFile runs fn on a connection of its own, for work that reads the whole file: the daily
// backup and the check. The window's writes (Today settles promises before building the queue)
// do not wait behind it, and the pages it reads pass through a small cache that is freed when
// it is done. A backup's copy gets a cache of the same size. A store open read-only has only
// reading connections and uses its own.
func (s *Store) wholeFile(fn func(db *sql.DB) error) error {
	if s.readOnly {
		return fn(s.w)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", wholeFileCacheKiB))
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: s.path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	defer db.Close()
	return fn(db)
}

// wholeFileCacheKiB is the nominal page cache of a whole-file pass: every page is read once,
// so a larger cache would only hold what is not read again.
const wholeFileCacheKiB = 4096
