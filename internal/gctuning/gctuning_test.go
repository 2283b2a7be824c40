package gctuning

import (
	"runtime/debug"
	"testing"
)

// A batch tunes the collector while it runs and puts the settings back;
// GOGC set by the user leaves them alone.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	pct, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	defer func() { debug.SetGCPercent(pct); debug.SetMemoryLimit(limit) }()

	g := Start(2)
	if got := debug.SetGCPercent(200); got != 200 {
		t.Errorf("GOGC during a batch = %d, want 200", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 120<<20 {
		t.Errorf("memory limit during a batch = %d MiB, want 120", got>>20)
	}
	g.Check() // a small live heap leaves the limit as it is
	if got := debug.SetMemoryLimit(-1); got != 120<<20 {
		t.Errorf("memory limit after check = %d MiB, want 120", got>>20)
	}
	g.Restore()
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("GOGC after a batch = %d, want 100 again", got)
	}
	debug.SetGCPercent(100)

	t.Setenv("GOGC", "150")
	g = Start(2)
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("GOGC with the user's GOGC set = %d, want it untouched (100)", got)
	}
	debug.SetGCPercent(100)
	g.Restore()
}

// A single build lets the heap grow further before collecting, and puts
// the settings back; GOGC set by the user leaves them alone.
func TestTuneGCForOne(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	pct, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	defer func() { debug.SetGCPercent(pct); debug.SetMemoryLimit(limit) }()

	g := StartOne()
	if got := debug.SetGCPercent(-1); got != 400 {
		t.Errorf("GOGC during a build = %d, want 400", got)
	}
	debug.SetGCPercent(400)
	g.Restore()
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("GOGC after a build = %d, want 100 again", got)
	}
	debug.SetGCPercent(100)

	t.Setenv("GOGC", "150")
	g = StartOne()
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("GOGC with the user's GOGC set = %d, want it untouched (100)", got)
	}
	debug.SetGCPercent(100)
	g.Restore()
}
