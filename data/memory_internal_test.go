package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// Every connection keeps a page cache of its own (and SQLite's allocator gives each 4 KB page an
// 8 KB block): the caches stay small and the read pool stays at two connections whatever the
// number of cores, so the window's memory does not grow with the book or the machine.
func TestPageCachesAndReadPoolAreBounded(t *testing.T) {
	st := smallBook(t, filepath.Join(t.TempDir(), "shop.db"))
	defer st.Close()
	const most = 8192 // KiB a connection may cache
	for name, db := range map[string]*sql.DB{"writer": st.w, "reader": st.r} {
		var size int64
		if err := db.QueryRow(`PRAGMA cache_size`).Scan(&size); err != nil {
			t.Fatal(err)
		}
		if size >= 0 || -size > most {
			t.Errorf("the %s caches %d (KiB when negative), want at most %d KiB", name, size, most)
		}
	}
	if n := st.r.Stats().MaxOpenConnections; n < 1 || n > 2 {
		t.Errorf("the read pool opens up to %d connections, want at most 2", n)
	}
}

// The daily backup and the check read the whole file on a connection of their own: a write in
// progress (Today settling promises) does not hold them up, and they do not hold it up.
func TestBackupAndCheckDoNotWaitForTheWriter(t *testing.T) {
	dir := t.TempDir()
	st := smallBook(t, filepath.Join(dir, "shop.db"))
	defer st.Close()
	tx, err := st.w.BeginTx(context.Background(), nil) // immediate: the writer is taken
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE customers SET notes = 'being written' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 2)
	go func() { done <- st.Backup(filepath.Join(dir, "copy.db")) }()
	go func() { done <- st.QuickCheck() }()
	for i := 0; i < 2; i++ {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the backup or the check waited for the write in progress")
		}
	}
	// The copy is the book as committed, without the write in progress.
	cp, err := Open(filepath.Join(dir, "copy.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	var notes string
	if err := cp.r.QueryRow(`SELECT notes FROM customers WHERE id = 1`).Scan(&notes); err != nil || notes == "being written" {
		t.Fatalf("the copy holds %q (%v)", notes, err)
	}
}
