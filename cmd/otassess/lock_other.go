//go:build !unix

package main

import "github.com/otassess/otassess/storage"

// serveLock cannot be taken on this system.
type serveLock struct{}

// lockDatabase refuses to serve a SQLite file where it cannot be locked:
// two servers on one database would send every message twice. A
// PostgreSQL database needs no lock file (replicas elect their roles).
func lockDatabase(path string) (*serveLock, error) {
	if storage.IsPostgres(path) {
		return &serveLock{}, nil
	}
	return nil, usagef("serve: this system cannot lock the database; run serve on Linux or macOS (the chat command works here)")
}

// Release does nothing.
func (*serveLock) Release() error { return nil }
