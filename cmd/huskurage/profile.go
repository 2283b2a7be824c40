package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// cpuProfile is the hidden --cpuprofile flag: where the running command
// writes a CPU profile of itself for `go tool pprof` (scripts/bench-batch.sh
// uses it). It is for us, not for users, so help does not show it.
type cpuProfile struct {
	path string
	f    *os.File
}

// start begins profiling when a path was given.
func (p *cpuProfile) start() error {
	if p.path == "" {
		return nil
	}
	f, err := os.Create(p.path)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	p.f = f
	return nil
}

// stop ends profiling and closes the file; a profile that could not be
// written is reported.
func (p *cpuProfile) stop() error {
	if p.f == nil {
		return nil
	}
	pprof.StopCPUProfile()
	err := p.f.Close()
	p.f = nil
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	return nil
}
