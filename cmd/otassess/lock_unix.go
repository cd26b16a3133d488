//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/otassess/otassess/storage"
)

// serveLock is serve's claim that it alone works on a database: an exclusive
// flock on the file <db>.lock beside it. The operating system drops the lock
// with the process, however it ends (kill -9 included), so a crashed server
// never blocks its restart; and since the lock is not in the database, a
// backup or a copy of the database carries none.
type serveLock struct{ f *os.File }

// lockDatabase takes the lock for the SQLite database at path or, when
// another process holds it, says which one. A PostgreSQL database takes
// none: several serve replicas share it.
func lockDatabase(path string) (*serveLock, error) {
	if storage.IsPostgres(path) {
		return &serveLock{}, nil // replicas share it; single roles take advisory locks
	}
	if err := checkDBDir(path); err != nil {
		return nil, err
	}
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("serve: lock %s: %w", name, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(name)
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, usagef("serve: another otassess serve (%s) is using %s (it holds %s); run one server per database",
				strings.TrimSpace(string(holder)), path, name)
		}
		return nil, fmt.Errorf("serve: lock %s: %w", name, err)
	}
	host, _ := os.Hostname()
	if err := f.Truncate(0); err == nil {
		_, _ = fmt.Fprintf(f, "%s/%d\n", host, os.Getpid()) // only to name the holder
	}
	return &serveLock{f: f}, nil
}

// Release gives the lock up; the file stays, so that two servers starting
// at once still lock the same file.
func (l *serveLock) Release() error {
	if l.f == nil {
		return nil
	}
	err := unix.Flock(int(l.f.Fd()), unix.LOCK_UN)
	return errors.Join(err, l.f.Close())
}
