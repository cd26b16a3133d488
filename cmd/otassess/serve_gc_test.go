package main

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC_HalvesTheTargetUnlessGOGCIsSet(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })

	if !tuneGC(func(string) string { return "" }) {
		t.Fatal("tuneGC did not tune with GOGC unset")
	}
	if got := debug.SetGCPercent(100); got != serveGCPercent {
		t.Errorf("GC percent %d with GOGC unset, want %d", got, serveGCPercent)
	}
	env := map[string]string{"GOGC": "200"}
	if tuneGC(func(k string) string { return env[k] }) {
		t.Error("tuneGC tuned although GOGC is set")
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d with GOGC set, want it left at 100", got)
	}
}
