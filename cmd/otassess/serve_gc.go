package main

import "runtime/debug"

// serveGCPercent is serve's garbage collection target when GOGC is not
// set: a collection once the heap has grown by half of what was live after
// the last one, rather than Go's default of all of it.
//
// serve's live heap is small (5–8 MB with 1,000 engagements, by a heap
// profile): the parsed packs, the message catalogue, the caches. What put
// its resident memory past 40 MB after a burst of presses was the room the
// default target leaves to grow into, not data. At 50, BenchmarkServeResident
// measures 39 MB instead of 42 MB, at the same press rate; the collector
// runs twice as often on a heap that small (it took 0.65 % of serve's CPU
// at the default). An operator's GOGC (or GOMEMLIMIT) still rules.
const serveGCPercent = 50

// tuneGC sets serveGCPercent unless the environment sets GOGC; it reports
// whether it did.
func tuneGC(getenv func(string) string) bool {
	if getenv("GOGC") != "" {
		return false
	}
	debug.SetGCPercent(serveGCPercent)
	return true
}
