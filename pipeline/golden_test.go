package pipeline

// Golden files: the layout of every example at every size as indented
// JSON, and one PDF byte for byte. Refresh them with
//
//	go test ./pipeline -run Golden -update
//
// and read the diff before committing it.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"huskurage/kind"
	"huskurage/templates"
)

var update = flag.Bool("update", false, "rewrite golden files")

const goldenDir = "testdata/golden"

// goldenPDF names the one example document kept as PDF bytes.
var goldenPDF = struct {
	example, file, golden string
	opts                  Options
}{
	example: "../examples/goteborg-brf-kastanjen.yaml",
	file:    "brf-kastanjen-leaflet-en.pdf",
	golden:  "brf-kastanjen-leaflet-en-A5.pdf",
	opts:    sized("A4", "A5"),
}

// TestGoldenLayout compares the layout of every document of every example
// at every paper size with its golden JSON file.
func TestGoldenLayout(t *testing.T) {
	t.Parallel()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	made := map[string]bool{}
	for _, path := range examples(t) {
		p, err := b.Load(path, nil)
		if err != nil {
			t.Fatalf("load %s: %v", path, err)
		}
		// Every size, and the bilingual poster and leaflet.
		bilingual := sized("A3", "A5")
		bilingual.Pairs = map[*kind.Kind][]string{kind.Poster: {"sv", "ar"}, kind.Leaflet: {"sv", "ar"}}
		for _, opts := range append(sizeCombos[:len(sizeCombos):len(sizeCombos)], bilingual) {
			files, err := b.Build(t.Context(), p, opts)
			if err != nil {
				t.Fatalf("build %s %+v: %v", path, opts, err)
			}
			for _, f := range files {
				name := strings.TrimSuffix(f.Name, ".pdf") + "-" + docSize(opts, f.Kind) + ".json"
				if made[name] {
					t.Errorf("two documents have the golden file name %s", name)
					continue
				}
				made[name] = true
				got, err := json.MarshalIndent(f.Doc, "", " ")
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				got = append(got, '\n')
				compareGolden(t, name, got, textDiff)
			}
		}
	}
	// Every language: the A5 leaflet of one example.
	b2, p := loadExample(t, "../examples/goteborg-brf-kastanjen.yaml")
	for _, code := range templates.Codes() {
		files, err := b2.Build(t.Context(), p, Options{Lang: code, Kinds: []*kind.Kind{kind.Leaflet}})
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		name := strings.TrimSuffix(files[0].Name, ".pdf") + "-A5.json"
		if made[name] {
			continue // the example's own language, compared above
		}
		made[name] = true
		got, err := json.MarshalIndent(files[0].Doc, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		compareGolden(t, name, append(got, '\n'), textDiff)
	}
	checkStale(t, ".json", made)
}

// TestGoldenPDF compares one leaflet with its golden PDF, byte for byte.
func TestGoldenPDF(t *testing.T) {
	t.Parallel()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := b.Load(goldenPDF.example, nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := b.Build(t.Context(), p, goldenPDF.opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name == goldenPDF.file {
			compareGolden(t, goldenPDF.golden, f.Data, byteDiff)
			checkStale(t, ".pdf", map[string]bool{goldenPDF.golden: true})
			return
		}
	}
	t.Fatalf("%s gave no %s", goldenPDF.example, goldenPDF.file)
}

// compareGolden compares got with the golden file name, or writes it
// with -update. A missing golden file is a failure.
func compareGolden(t *testing.T, name string, got []byte, diff func(want, got []byte) string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Errorf("golden file %s is missing: run `go test ./pipeline -run Golden -update`", path)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from what the code makes now: %s\n(if the change is meant, run `go test ./pipeline -run Golden -update` and review the diff)", path, diff(want, got))
	}
}

// textDiff describes the first line where want and got differ.
func textDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		w, g := "<end of file>", "<end of file>"
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("first difference at line %d:\n  golden: %s\n  now:    %s", i+1, w, g)
		}
	}
	return "no line differs"
}

// byteDiff describes the first byte where want and got differ.
func byteDiff(want, got []byte) string {
	i := firstDiff(want, got)
	return fmt.Sprintf("golden %d bytes, now %d bytes, first difference at byte %d:\n  golden: %q\n  now:    %q",
		len(want), len(got), i, window(want, i), window(got, i))
}

// window returns up to 40 bytes from around offset i.
func window(b []byte, i int) []byte {
	lo := max(i-10, 0)
	return b[min(lo, len(b)):min(i+30, len(b))]
}

// checkStale reports golden files with the extension ext that no test
// made: left behind when a document was renamed or dropped. With -update
// it removes them.
func checkStale(t *testing.T, ext string, made map[string]bool) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(goldenDir, "*"+ext))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	for _, path := range paths {
		if made[filepath.Base(path)] {
			continue
		}
		if *update {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("golden file %s belongs to no document: run `go test ./pipeline -run Golden -update` to remove it", path)
	}
}
