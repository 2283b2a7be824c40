package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestSourcesKeepWithinTheirLimit checks what the pre-scan keeps of the
// property files for the build: each file's bytes, whether kept or not,
// kept only while the total stays within the limit, and given back by
// take once; nothing for a folder, a named pipe (without blocking) or a
// missing file.
func TestSourcesKeepWithinTheirLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var paths []string
	var want [][]byte
	for i := range 8 {
		data := bytes.Repeat([]byte(fmt.Sprintf("id: p%d\n", i)), 10+i*7)
		p := filepath.Join(dir, fmt.Sprintf("p%d.yaml", i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths, want = append(paths, p), append(want, data)
	}
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	bad := []string{dir, fifo, filepath.Join(dir, "missing.yaml")}
	const limit = 300
	s := &sources{data: make([][]byte, len(paths)+len(bad)), limit: limit}
	kept := 0
	for i, p := range paths {
		got := s.read(i, p)
		if !bytes.Equal(got, want[i]) {
			t.Fatalf("read %s: %d bytes, want %d", p, len(got), len(want[i]))
		}
		if kept+len(want[i]) <= limit {
			kept += len(want[i])
		}
	}
	for k, p := range bad {
		if got := s.read(len(paths)+k, p); got != nil {
			t.Errorf("read %s = %q, want nothing", p, got)
		}
	}
	if s.kept != kept || kept == 0 {
		t.Errorf("kept %d bytes, want %d", s.kept, kept)
	}
	total := 0
	for i := range paths {
		got := s.take(i)
		if got != nil && !bytes.Equal(got, want[i]) {
			t.Errorf("take(%d) gives other bytes", i)
		}
		total += len(got)
		if again := s.take(i); again != nil {
			t.Errorf("take(%d) gives the bytes twice", i)
		}
	}
	if total != kept || s.kept != 0 {
		t.Errorf("took %d bytes of %d kept; %d left", total, kept, s.kept)
	}
}
