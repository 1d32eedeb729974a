package data

import (
	"database/sql"
	"strings"
)

// batchInsert collects rows and writes them with multi-row INSERT statements: far fewer
// statement executions than one INSERT per row, which is what bulk writes spend most time on.
type batchInsert struct {
	tx   *sql.Tx
	head string
	cols int
	per  int
	full *sql.Stmt
	args []any
}

func newBatchInsert(tx *sql.Tx, table string, cols []string, per int) (*batchInsert, error) {
	b := &batchInsert{tx: tx, head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ", cols: len(cols), per: per}
	var err error
	b.full, err = tx.Prepare(b.query(per))
	return b, err
}

func (b *batchInsert) query(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	return b.head + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// add queues one row, writing a full batch when one is ready.
func (b *batchInsert) add(values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) == b.cols*b.per {
		if _, err := b.full.Exec(b.args...); err != nil {
			return err
		}
		b.args = b.args[:0]
	}
	return nil
}

// flush writes what is queued.
func (b *batchInsert) flush() error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.Exec(b.query(len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return err
}

func (b *batchInsert) close() error {
	err := b.flush()
	b.full.Close()
	return err
}
