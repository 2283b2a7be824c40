// Package gctuning holds the garbage collector's settings for a batch,
// which the command that runs one sets for its process: a library never
// changes the process's settings (see cmd/huskurage's batch).
package gctuning

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// A batch allocates about half a megabyte per leaflet and keeps little
// (fonts, shaped paragraphs, the manifest so far): with Go's default
// GOGC=100 the collector ran every few dozen leaflets, for about 7% of a
// batch's CPU. During a batch the collector is therefore let wait until
// the heap is three times what is live (GOGC=200), under a memory limit
// that keeps a 2-CPU batch of 10,000 leaflets below 150 MB (about 125 MB
// at its peak here, against about 105 MB). The limit grows with the jobs,
// each of which keeps its own text engine, and never stays below twice
// the live heap, so that a batch larger than any we measured is collected
// no more often than with the defaults. GOGC or GOMEMLIMIT set by the
// user turn all of this off.
type Tuning struct {
	on        bool
	oldPct    int
	oldLimit  int64
	limit     int64
	liveBytes []metrics.Sample
}

// Start sets the collector for a batch of jobs builders at once; call Check now and
// then as the batch goes (every 256 properties), and Restore at its end.
func Start(jobs int) *Tuning {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return &Tuning{}
	}
	t := &Tuning{on: true, limit: int64(80+20*jobs) << 20,
		liveBytes: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.oldPct = debug.SetGCPercent(200)
	t.oldLimit = debug.SetMemoryLimit(t.limit)
	return t
}

// Check raises the limit when the live heap has grown past half of it.
func (t *Tuning) Check() {
	if !t.on {
		return
	}
	metrics.Read(t.liveBytes)
	if t.liveBytes[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if live := int64(t.liveBytes[0].Value.Uint64()); 2*live > t.limit {
		t.limit = 2 * live
		debug.SetMemoryLimit(t.limit)
	}
}

// Restore puts back the settings the batch found.
func (t *Tuning) Restore() {
	if t.on {
		debug.SetGCPercent(t.oldPct)
		debug.SetMemoryLimit(t.oldLimit)
	}
}

// StartOne sets the collector for a command that builds one property
// (build): its process lives for a tenth of a second and allocates a few
// dozen megabytes, mostly while fonts and texts are prepared, and with
// the default GOGC=100 the collector ran from the first 4 MB on, for 15 %
// of its CPU time. It waits until the heap is five times what is live
// (GOGC=400), under a limit of 256 MB. GOGC or GOMEMLIMIT set by the user
// turn this off.
func StartOne() *Tuning {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return &Tuning{}
	}
	t := &Tuning{on: true, limit: 256 << 20}
	t.oldPct = debug.SetGCPercent(400)
	t.oldLimit = debug.SetMemoryLimit(t.limit)
	return t
}
