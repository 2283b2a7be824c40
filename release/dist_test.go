package release

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var distDir = flag.String("dist", "", "check this dist/ folder made by GoReleaser (scripts/release.sh passes it)")

// entry is one file in a release archive.
type entry struct {
	mode  fs.FileMode
	mtime time.Time
	data  []byte
}

// TestDist checks the archives in a dist/ folder that GoReleaser made from
// .goreleaser.yaml: one per target and nothing else, each holding the
// binary for its system and the files the user needs beside it, every
// file dated at the commit, and checksums.txt right.
func TestDist(t *testing.T) {
	if *distDir == "" {
		t.Skip("no -dist folder: scripts/release.sh builds one and runs this test on it")
	}
	c := loadConfig(t)
	var meta struct{ Version, Commit string }
	readJSON(t, filepath.Join(*distDir, "metadata.json"), &meta)
	if meta.Version == "" || meta.Commit == "" || meta.Commit == "none" {
		t.Fatalf("metadata.json: version %q commit %q: GoReleaser did not find the commit", meta.Version, meta.Commit)
	}
	committed := commitTime(t, meta.Commit)

	// What every archive holds besides the binary: the files named in the
	// config, as they are in the repository.
	beside := map[string]string{ // name in the archive: path here
		"README.md":       "README.md",
		"fonts/OFL.txt":   "assets/fonts/OFL.txt",
		"fonts/README.md": "assets/fonts/README.md",
	}
	err := filepath.WalkDir(filepath.Join(repoRoot, "examples"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(repoRoot, p)
		beside[filepath.ToSlash(rel)] = rel
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	var want []string
	for _, tg := range targets {
		want = append(want, archiveName(c.ProjectName, meta.Version, tg.goos, tg.goarch))
	}
	slices.Sort(want)
	var got []string
	for _, pattern := range []string{"*.zip", "*.tar.gz"} {
		m, err := filepath.Glob(filepath.Join(*distDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			got = append(got, filepath.Base(p))
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("archives in %s:\n%q\nwant\n%q", *distDir, got, want)
	}

	for _, tg := range targets {
		name := archiveName(c.ProjectName, meta.Version, tg.goos, tg.goarch)
		entries := readArchive(t, filepath.Join(*distDir, name))
		bin := c.Builds[0].Binary
		if tg.goos == "windows" {
			bin += ".exe"
		}
		wantNames := append(slices.Collect(maps.Keys(beside)), bin)
		slices.Sort(wantNames)
		if names := slices.Sorted(maps.Keys(entries)); !slices.Equal(names, wantNames) {
			t.Errorf("%s lacks %q and has %q too", name, without(wantNames, names), without(names, wantNames))
			continue
		}
		for n, e := range entries {
			if !e.mtime.Equal(committed) {
				t.Errorf("%s: %s dated %v, want the commit's %v", name, n, e.mtime, committed)
			}
			wantMode := fs.FileMode(0o644)
			if n == bin {
				wantMode = 0o755
			}
			if e.mode.Perm() != wantMode {
				t.Errorf("%s: %s has mode %v, want %v", name, n, e.mode.Perm(), wantMode)
			}
			if src, ok := beside[n]; ok {
				data, err := os.ReadFile(filepath.Join(repoRoot, src))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(e.data, data) {
					t.Errorf("%s: %s differs from %s", name, n, src)
				}
			}
		}
		exe := filepath.Join(t.TempDir(), bin)
		if err := os.WriteFile(exe, entries[bin].data, 0o755); err != nil {
			t.Fatal(err)
		}
		checkBinary(t, exe, tg.goos, tg.goarch, meta.Version)
	}

	checkSums(t, filepath.Join(*distDir, "checksums.txt"), want)
}

// without returns the names in a that are not in b.
func without(a, b []string) []string {
	var out []string
	for _, n := range a {
		if !slices.Contains(b, n) {
			out = append(out, n)
		}
	}
	return out
}

// archiveName is the name the config's name_template gives a target's
// archive: macOS is "macos" there, as people call it, not Go's "darwin".
func archiveName(project, version, goos, goarch string) string {
	system, ext := goos, "tar.gz"
	switch goos {
	case "darwin":
		system = "macos"
	case "windows":
		ext = "zip"
	}
	return fmt.Sprintf("%s_%s_%s_%s.%s", project, version, system, goarch, ext)
}

// readArchive returns the files in a zip or tar.gz archive by name. A
// tar.gz must hold one folder named after the archive; a zip must not,
// since Windows makes one when it unpacks it.
func readArchive(t *testing.T, file string) map[string]entry {
	t.Helper()
	entries := map[string]entry{}
	add := func(name string, e entry) {
		if _, dup := entries[name]; dup {
			t.Errorf("%s: %s twice", file, name)
		}
		entries[name] = e
	}
	if strings.HasSuffix(file, ".zip") {
		z, err := zip.OpenReader(file)
		if err != nil {
			t.Fatal(err)
		}
		defer z.Close()
		for _, f := range z.File {
			if f.FileInfo().IsDir() {
				continue
			}
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("%s: %s: %v", file, f.Name, err)
			}
			add(f.Name, entry{f.Mode(), f.Modified, data})
		}
		return entries
	}

	folder := strings.TrimSuffix(filepath.Base(file), ".tar.gz") + "/"
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if h.Typeflag == tar.TypeDir {
			continue
		}
		name, ok := strings.CutPrefix(path.Clean(h.Name), folder)
		if !ok {
			t.Errorf("%s: %s is not in the folder %s", file, h.Name, folder)
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatalf("%s: %s: %v", file, h.Name, err)
		}
		add(name, entry{h.FileInfo().Mode(), h.ModTime, data})
	}
	return entries
}

// checkSums checks that checksums.txt gives the SHA-256 of each archive.
func checkSums(t *testing.T, file string, archives []string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sums := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		sum, name, ok := strings.Cut(s.Text(), "  ")
		if !ok {
			t.Fatalf("%s: line %q is not SUM  NAME", file, s.Text())
		}
		sums[name] = sum
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if names := slices.Sorted(maps.Keys(sums)); !slices.Equal(names, archives) {
		t.Errorf("%s lists %q, want %q", file, names, archives)
	}
	for _, a := range archives {
		data, err := os.ReadFile(filepath.Join(filepath.Dir(file), a))
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(data)
		if got := hex.EncodeToString(h[:]); got != sums[a] {
			t.Errorf("%s: %s has SHA-256 %s, the file lists %s", file, a, got, sums[a])
		}
	}
}

func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// commitTime is when commit was made, to the second, as git says.
func commitTime(t *testing.T, commit string) time.Time {
	t.Helper()
	cmd := exec.Command("git", "log", "-1", "--format=%ct", commit)
	cmd.Dir = repoRoot
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git log %s: %v", commit, err)
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		t.Fatalf("git log %s: %q: %v", commit, out, err)
	}
	return time.Unix(sec, 0)
}
