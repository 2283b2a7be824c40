package browser

import (
	"context"
	"sync"
	"testing"
)

// Shared is one Chromium for a package's tests: started by the first
// test that asks for a tab, stopped by Close (from TestMain, after the
// tests).
type Shared struct {
	once sync.Once
	b    *Browser
	err  error
}

// Tab opens a tab of the shared browser, closed when t ends; a browser
// that cannot start fails t.
func (s *Shared) Tab(t testing.TB) *Tab {
	t.Helper()
	s.once.Do(func() { s.b, s.err = Start(context.Background()) })
	if s.err != nil {
		t.Fatal(s.err)
	}
	tb, err := s.b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tb.Close)
	return tb
}

// Close stops the browser, if it was started.
func (s *Shared) Close() {
	if s.b != nil {
		s.b.Close()
	}
}
