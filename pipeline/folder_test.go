package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"huskurage/kind"
	"huskurage/layout"
	"huskurage/output"
	"huskurage/property"
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
func TestBatchInterruptedRunKeepsTheEarlierRows(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeProperties(t, in, 30)
	if _, err := Batch(context.Background(), []string{in}, Request{Out: out, Jobs: 2, Docs: leafletsOnly}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	rep, err := Batch(ctx, []string{in}, Request{Out: out, Jobs: 2, Docs: leafletsOnly, Progress: func(done, total int, r Result) {
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
	if rep.Kept+rep.Written != 30 || rep.Kept == 0 {
		t.Errorf("%d rows kept, %d written; want them to make up the 30 files", rep.Kept, rep.Written)
	}
}

// The earlier rows are kept only for files still there unchanged; files
// the manifest does not list are named in the report.
func TestBatchManifestDescribesTheFolder(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	a := write(t, in, "a.yaml", good)
	write(t, in, "b.yaml", good)
	write(t, in, "c.yaml", good)
	if _, err := Batch(context.Background(), []string{in}, Request{Out: out}); err != nil {
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

	rep, err := Batch(context.Background(), []string{a}, Request{Out: out})
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

// BatchClean removes the files an earlier manifest lists, and nothing else:
// not a file changed since, not a file of another name, not a name that
// leads out of the folder, even when a forged manifest lists them.
func TestBatchClean(t *testing.T) {
	t.Parallel()
	in, base := t.TempDir(), t.TempDir()
	out := filepath.Join(base, "out")
	a := write(t, in, "a.yaml", good)
	write(t, in, "b.yaml", good)
	if _, err := Batch(context.Background(), []string{in}, Request{Out: out}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(filepath.Join(out, "b-poster-sv.pdf"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("%changed\n")
	f.Close()
	write(t, out, "notes.txt", "mine")
	outside := write(t, base, "outside.txt", "mine")

	rep, err := Batch(context.Background(), []string{a}, Request{Out: out, Clean: true})
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
	rep, err = Batch(context.Background(), []string{a}, Request{Out: out, Clean: true})
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
	_, err = Batch(context.Background(), []string{a}, Request{Out: out, Clean: true})
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
func TestBatchTwoIntoOneFolder(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeProperties(t, in, 12)
	// An earlier run's posters, for a second batch's Clean to remove.
	if _, err := Batch(context.Background(), []string{in}, Request{Out: out, Jobs: 2, Docs: Options{Kinds: []*kind.Kind{kind.Poster}}}); err != nil {
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
		first, firstErr = Batch(context.Background(), []string{in}, Request{Out: out, Jobs: 2, Docs: leafletsOnly,
			Progress: func(done, total int, r Result) {
				once.Do(func() { close(started); <-release })
			}})
	}()
	<-started
	for _, opts := range []Request{
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

// A fault of huskurage while one property is made (here a panic, which
// no property file can be made to cause) is that property's failure: it
// names the property and says it is ours to fix, the other properties
// are written, and the manifest lists them. The same in build's run.
func TestBatchFaultKeepsManifest(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	writeProperties(t, in, 6)
	req := Request{Out: out, Jobs: 2, Docs: leafletsOnly}
	req.build = func(ctx context.Context, b *Builder, p *property.Property, opts Options) ([]File, error) {
		if p.ID == "prop-00003" {
			var pages []layout.Page
			_ = pages[len(p.ID)] // a fault: an index out of range
		}
		return b.Build(ctx, p, opts)
	}
	rep, err := Batch(context.Background(), []string{in}, req)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Built != 5 || len(rep.Failures) != 1 {
		t.Fatalf("%d built, failures %v; want 5 built and prop-00003 failed", rep.Built, rep.Failures)
	}
	msg := rep.Failures[0].Err.Error()
	for _, want := range []string{"internal fault", "prop-00003", "index out of range", "folder_test.go:", "please report"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the fault says %q, without %q", msg, want)
		}
	}
	if got := manifestFiles(t, out); len(got) != 5 || slices.Contains(got, "prop-00003-leaflet-sv.pdf") {
		t.Errorf("manifest lists %v, want the 5 leaflets written", got)
	}

	// build: one property a file, the same fault, the others written.
	files, _ := filepath.Glob(filepath.Join(in, "*.yaml"))
	req.Out = filepath.Join(t.TempDir(), "build")
	var results []Result
	req.Progress = func(_, _ int, r Result) { results = append(results, r) }
	if err := Write(context.Background(), files, req); err != nil {
		t.Fatal(err)
	}
	written := 0
	for _, r := range results {
		switch {
		case r.ID == "prop-00003":
			if r.Err == nil || !strings.Contains(r.Err.Error(), "internal fault") {
				t.Errorf("build: prop-00003 gave %v, want the fault", r.Err)
			}
		case r.Err != nil:
			t.Errorf("build: %s: %v", r.ID, r.Err)
		default:
			written += len(r.Paths)
		}
	}
	if written != 5 {
		t.Errorf("build wrote %d files, want 5", written)
	}
}

// writtenRows returns the rows of the files the batch rep wrote into
// out, as its manifest.json lists them: its first rep.Written rows.
func writtenRows(t *testing.T, out string, rep *Report) []ManifestFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, manifestJSON))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Files []ManifestFile }
	if err := json.Unmarshal(data, &m); err != nil || len(m.Files) < rep.Written {
		t.Fatalf("manifest.json: %v, %d rows for %d files written", err, len(m.Files), rep.Written)
	}
	return m.Files[:rep.Written]
}
