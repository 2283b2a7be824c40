package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huskurage/property"
)

// cancelOnWrite cancels a context at the first write: the moment build
// prints the files of its first property, as if Ctrl-C came then.
type cancelOnWrite struct {
	bytes.Buffer
	cancel context.CancelFunc
}

func (w *cancelOnWrite) Write(p []byte) (int, error) {
	w.cancel()
	return w.Buffer.Write(p)
}

// Ctrl-C after the first property stops build before the next one, a
// property with 50 entrances, and the run fails: nothing of it is
// written, and stderr says so.
func TestBuildInterrupted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	prop := func(name, extra string) string {
		path := filepath.Join(dir, name)
		src := "landlord:\n  name: Bostads AB Linden\nproperty:\n  address: Lindvägen 3\n  postal_code: \"416 55\"\n  city: Göteborg\n  apartments: 12\n" +
			extra + "qr:\n  url: https://linden.example.se/huskurage\n"
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	var entrances []string
	for i := range property.MaxEntrances {
		entrances = append(entrances, fmt.Sprint(i+1))
	}
	small := prop("small.yaml", "")
	big := prop("big.yaml", "  entrances: ["+strings.Join(entrances, ", ")+"]\n")
	out := filepath.Join(dir, "out")

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stdout := &cancelOnWrite{cancel: cancel}
	var stderr bytes.Buffer
	root := newRootCmd(stdout, &stderr)
	root.SetArgs([]string{"build", small, big, "-o", out})
	err := root.ExecuteContext(ctx)
	if status := exitStatus(err); status != exitInterrupted {
		t.Fatalf("build returned %v, exit status %d; want %d", err, status, exitInterrupted)
	}
	if want := "interrupted: nothing was written for " + big + "\n"; stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "small-leaflet-sv.pdf small-poster-sv.pdf" {
		t.Errorf("the output folder holds %v", names)
	}
}
