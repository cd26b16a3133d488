package main

import "runtime/debug"

// serveGCPercent is serve's garbage collection target when GOGC is not
// set: a collection once the heap has grown by 30 % of what was live after
// the last one, rather than Go's default of all of it.
//
// serve's live heap is small (4–7 MB with 1,000 engagements, by a heap
// profile): the parsed packs, the message catalogue, the caches, the
// tables libraries build at start. What put its resident memory past 40 MB
// after a burst of presses was the room the default target leaves to grow
// into, not data. BenchmarkServeResident measures 42 MB at the default,
// 38.8–39.2 MB at 50 and 37.6–37.9 MB at 30, at the same press rate (and
// BenchmarkPressThroughput's rate is the same at 30 and 50); the collector
// runs more often on a heap that small, which costs less than the noise of
// those rates. An operator's GOGC (or GOMEMLIMIT) still rules.
const serveGCPercent = 30

// tuneGC sets serveGCPercent unless the environment sets GOGC; it reports
// whether it did.
func tuneGC(getenv func(string) string) bool {
	if getenv("GOGC") != "" {
		return false
	}
	debug.SetGCPercent(serveGCPercent)
	return true
}
