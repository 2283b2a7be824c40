package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"huskurage/kind"
	"huskurage/output"
)

// leafletsOnly keeps the tests' batches quick: one document a property.
var leafletsOnly = Options{Kinds: []*kind.Kind{kind.Leaflet}}

// manifestFiles reads out/manifest.csv, checks that every row's file is
// in the folder with the size and hash it gives, and returns the names.
func manifestFiles(t *testing.T, out string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(out, "manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("manifest.csv: %v", err)
	}
	var names []string
	for _, row := range rows[1:] {
		data, err := os.ReadFile(filepath.Join(out, row[2]))
		sum := sha256.Sum256(data)
		if err != nil || hex.EncodeToString(sum[:]) != row[8] {
			t.Errorf("%s: the manifest's hash does not match the file (%v)", row[2], err)
		}
		names = append(names, row[2])
	}
	return names
}

// pdfsIn returns the PDF files in a folder, sorted.
func pdfsIn(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	var names []string
	for _, p := range m {
		names = append(names, filepath.Base(p))
	}
	slices.Sort(names)
	return names
}

// An interrupted run over an earlier complete run keeps the earlier rows
// for the files it did not get to: the manifest still lists every file in
// the folder. Before, it listed only the files of the interrupted run.
func TestInterruptedRunKeepsTheEarlierRows(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeProperties(t, in, 30)
	if _, err := Batch(context.Background(), []string{in}, BatchOptions{Out: out, Jobs: 2, Docs: leafletsOnly}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	rep, err := Batch(ctx, []string{in}, BatchOptions{Out: out, Jobs: 2, Docs: leafletsOnly, Progress: func(done, total int, r Result) {
		if n++; n == 3 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Interrupted {
		t.Fatal("not interrupted")
	}
	listed := manifestFiles(t, out)
	slices.Sort(listed)
	if pdfs := pdfsIn(t, out); !slices.Equal(listed, pdfs) || len(pdfs) != 30 {
		t.Errorf("manifest lists %d files, the folder holds %d PDFs; want all 30 listed", len(listed), len(pdfs))
	}
	if len(rep.Kept)+len(rep.Written) != 30 || len(rep.Kept) == 0 {
		t.Errorf("%d rows kept, %d written; want them to make up the 30 files", len(rep.Kept), len(rep.Written))
	}
}

// The earlier rows are kept only for files still there unchanged; files
// the manifest does not list are named in the report.
func TestManifestDescribesTheFolder(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	a := write(t, in, "a.yaml", good)
	write(t, in, "b.yaml", good)
	write(t, in, "c.yaml", good)
	if _, err := Batch(context.Background(), []string{in}, BatchOptions{Out: out}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(out, "b-poster-sv.pdf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("%changed\n")
	f.Close()
	os.Remove(filepath.Join(out, "c-poster-sv.pdf"))
	write(t, out, "notes.txt", "mine")
	write(t, out, ".hidden", "mine")

	rep, err := Batch(context.Background(), []string{a}, BatchOptions{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a-poster-sv.pdf", "a-leaflet-sv.pdf", "b-leaflet-sv.pdf", "c-leaflet-sv.pdf"}
	if got := manifestFiles(t, out); !slices.Equal(got, want) {
		t.Errorf("manifest lists %v; want %v", got, want)
	}
	if want := []string{"b-poster-sv.pdf", "notes.txt"}; !slices.Equal(rep.Unlisted, want) {
		t.Errorf("unlisted: %v; want %v", rep.Unlisted, want)
	}
}

// Clean removes the files an earlier manifest lists, and nothing else:
// not a file changed since, not a file of another name, not a name that
// leads out of the folder, even when a forged manifest lists them.
func TestClean(t *testing.T) {
	t.Parallel()
	in, base := t.TempDir(), t.TempDir()
	out := filepath.Join(base, "out")
	a := write(t, in, "a.yaml", good)
	write(t, in, "b.yaml", good)
	if _, err := Batch(context.Background(), []string{in}, BatchOptions{Out: out}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(filepath.Join(out, "b-poster-sv.pdf"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("%changed\n")
	f.Close()
	write(t, out, "notes.txt", "mine")
	outside := write(t, base, "outside.txt", "mine")

	rep, err := Batch(context.Background(), []string{a}, BatchOptions{Out: out, Clean: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a-poster-sv.pdf", "a-leaflet-sv.pdf", "b-leaflet-sv.pdf"}; !slices.Equal(rep.Removed, want) {
		t.Errorf("removed %v; want %v", rep.Removed, want)
	}
	if want := []string{"b-poster-sv.pdf"}; !slices.Equal(rep.Changed, want) {
		t.Errorf("changed %v; want %v", rep.Changed, want)
	}
	if got, want := manifestFiles(t, out), []string{"a-poster-sv.pdf", "a-leaflet-sv.pdf"}; !slices.Equal(got, want) {
		t.Errorf("manifest lists %v; want %v", got, want)
	}
	if want := []string{"b-poster-sv.pdf", "notes.txt"}; !slices.Equal(rep.Unlisted, want) {
		t.Errorf("unlisted: %v; want %v", rep.Unlisted, want)
	}

	// A forged manifest: names out of the folder, hidden names, a file
	// with another hash.
	sum := sha256.Sum256([]byte("mine"))
	forged := `{"files": [
  {"file": "../outside.txt", "bytes": 4, "sha256": "` + hex.EncodeToString(sum[:]) + `"},
  {"file": "notes.txt", "bytes": 4, "sha256": "0000"},
  {"file": ".hidden", "bytes": 4, "sha256": "` + hex.EncodeToString(sum[:]) + `"}
]}`
	write(t, out, "manifest.json", forged)
	write(t, out, ".hidden", "mine")
	rep, err = Batch(context.Background(), []string{a}, BatchOptions{Out: out, Clean: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{outside, filepath.Join(out, "notes.txt"), filepath.Join(out, ".hidden")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("clean removed %s", p)
		}
	}
	if len(rep.Removed) != 0 {
		t.Errorf("removed %v; want nothing", rep.Removed)
	}

	// A manifest that cannot be read: nothing is removed, and the batch
	// says so before it builds anything.
	write(t, out, "manifest.json", "{not json")
	_, err = Batch(context.Background(), []string{a}, BatchOptions{Out: out, Clean: true})
	if err == nil || !strings.Contains(err.Error(), "the earlier manifest cannot be read") || !strings.Contains(err.Error(), "nothing was removed") {
		t.Errorf("clean with a broken manifest: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "a-leaflet-sv.pdf")); err != nil {
		t.Errorf("a file was removed: %v", err)
	}
}

// Two batches into one folder: the second is refused while the first
// runs, and writes or removes nothing; the first's files and manifest
// are whole. Before, both wrote, and PDFs were spliced from both.
func TestTwoBatchesIntoOneFolder(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeProperties(t, in, 12)
	// An earlier run's posters, for a second batch's Clean to remove.
	if _, err := Batch(context.Background(), []string{in}, BatchOptions{Out: out, Jobs: 2, Docs: Options{Kinds: []*kind.Kind{kind.Poster}}}); err != nil {
		t.Fatal(err)
	}
	posters := pdfsIn(t, out)

	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	var first *Report
	var firstErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		first, firstErr = Batch(context.Background(), []string{in}, BatchOptions{Out: out, Jobs: 2, Docs: leafletsOnly,
			Progress: func(done, total int, r Result) {
				once.Do(func() { close(started); <-release })
			}})
	}()
	<-started
	for _, opts := range []BatchOptions{
		{Out: out, Docs: Options{Lang: "en"}},
		{Out: out, Docs: Options{Lang: "en"}, Clean: true},
	} {
		_, err := Batch(context.Background(), []string{in}, opts)
		if !errors.Is(err, output.ErrInUse) || !strings.Contains(err.Error(), "is in use by another huskurage run (process ") {
			t.Errorf("second batch (clean %v): %v; want it refused", opts.Clean, err)
		}
	}
	close(release)
	<-done
	if firstErr != nil || len(first.Failures) > 0 {
		t.Fatalf("first batch: %v %+v", firstErr, first.Failures)
	}
	pdfs := pdfsIn(t, out)
	for _, p := range posters {
		if !slices.Contains(pdfs, p) {
			t.Errorf("%s was removed", p)
		}
	}
	for _, p := range pdfs {
		if strings.Contains(p, "-en") {
			t.Errorf("the refused batch wrote %s", p)
		}
	}
	listed := manifestFiles(t, out)
	slices.Sort(listed)
	if !slices.Equal(listed, pdfs) || len(pdfs) != len(posters)+12 {
		t.Errorf("manifest lists %v; folder holds %v", listed, pdfs)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left in the folder: %s", e.Name())
		}
	}
}
