//go:build unix

package output

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe put where a written file was, before the end's flush,
// does not stop the batch: the flush opens it without waiting for a
// writer, and says it cannot be flushed.
func TestSyncFileNamedPipe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "leaflet.pdf"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	done := make(chan error, 1)
	go func() { done <- d.syncFile("leaflet.pdf") }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "leaflet.pdf") {
			t.Errorf("syncFile of a named pipe: %v; want an error that names it", err)
		}
	case <-time.After(10 * time.Second):
		// Unblock the open so that the test's folder can go.
		if f, err := os.OpenFile(filepath.Join(dir, "leaflet.pdf"), os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("syncFile of a named pipe waits for a writer")
	}
}
