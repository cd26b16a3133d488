//go:build !unix

package main

// serveLock cannot be taken on this system.
type serveLock struct{}

// lockDatabase refuses to serve where the database cannot be locked: two
// servers on one database would send every message twice.
func lockDatabase(string) (*serveLock, error) {
	return nil, usagef("serve: this system cannot lock the database; run serve on Linux or macOS (the chat command works here)")
}

// Release does nothing.
func (*serveLock) Release() error { return nil }
