package property

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

// badInputs are the property files of the CLI's script tests and of
// this package's testdata, each with the files beside it (a logo).
func badInputs(t *testing.T) map[string]fstest.MapFS {
	t.Helper()
	out := map[string]fstest.MapFS{}
	scripts, err := filepath.Glob("../cmd/huskurage/testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, name := range scripts {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files := fstest.MapFS{}
		for _, f := range a.Files {
			files[f.Name] = &fstest.MapFile{Data: f.Data}
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".yaml") {
				out[filepath.Base(name)+"/"+f.Name] = files
			}
		}
	}
	err = filepath.WalkDir("testdata", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		data, err := os.ReadFile(path)
		out[path] = fstest.MapFS{filepath.Base(path): &fstest.MapFile{Data: data}}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBadInputsInSwedish checks every problem and warning the loader
// gives for the bad inputs of the tests: each is said in Swedish, all
// of it found in the catalog.
func TestBadInputsInSwedish(t *testing.T) {
	t.Parallel()
	covers := func(r rune) bool { return r < 0x3000 } // no CJK, as bad-no-glyph expects
	seen := 0
	for name, files := range badInputs(t) {
		file := name[strings.LastIndexByte(name, '/')+1:]
		if i := strings.IndexByte(name, '/'); i >= 0 && strings.HasSuffix(name[:i], ".txtar") {
			file = name[i+1:]
		}
		src, err := files.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{Covers: covers, Files: files}
		var list ErrorList
		props, err := ParseStream(src, file, "", opts)
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range props {
			list = append(list, p.Warnings...)
		}
		for _, e := range list {
			seen++
			problem, hint, ok := e.in("sv")
			if !ok || problem == e.Problem || e.Hint != "" && hint == e.Hint {
				t.Errorf("%s: %s\n  in Swedish: %s (%s)", name, e, problem, hint)
			}
			if testing.Verbose() {
				t.Logf("%s: %s\n  sv: %s (%s)", name, e, problem, hint)
			}
		}
	}
	if seen < 40 {
		t.Errorf("only %d problems in the bad inputs; are they read?", seen)
	}
}
