package storage

import (
	"context"
	"errors"
	"fmt"
)

// sqliteCorrupt is SQLITE_CORRUPT, the result code of reading a damaged page.
const sqliteCorrupt = 11

// isCorrupt tells a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) from other
// failures such as a cancelled context.
func isCorrupt(err error) bool {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code() & 0xff
	return c == sqliteCorrupt || c == sqliteNotADB
}

// maxProblems is how many lines of PRAGMA quick_check are kept: the first
// ones say where the damage is; thousands more say nothing new.
const maxProblems = 10

// QuickCheck runs PRAGMA quick_check, which reads every page of the file
// and checks the b-trees' structure (not that indexes match their tables,
// which integrity_check would take much longer to check). It returns the
// damage found (at most maxProblems lines), or none for a sound file.
func (db *DB) QuickCheck(ctx context.Context) ([]string, error) {
	rows, err := db.reader.QueryContext(ctx, fmt.Sprintf("PRAGMA quick_check(%d)", maxProblems))
	if isCorrupt(err) {
		return []string{err.Error()}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("storage: quick check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, fmt.Errorf("storage: quick check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); isCorrupt(err) {
		problems = append(problems, err.Error())
	} else if err != nil {
		return nil, fmt.Errorf("storage: quick check: %w", err)
	}
	return problems, nil
}
