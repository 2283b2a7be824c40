package output

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestWriteReplacesWholeFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", "nested")
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, content := range []string{"first version", "second"} {
		if err := d.Write("a-poster-sv.pdf", []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "a-poster-sv.pdf"))
		if err != nil || string(got) != content {
			t.Fatalf("file holds %q, %v; want %q", got, err, content)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v; want only the file, no temporary or lock file", names)
	}
}

func TestWriteRefusesNamesOutsideTheFolder(t *testing.T) {
	d, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, name := range []string{"", ".", "..", "../evil.pdf", "a/b.pdf", `a\b.pdf`, ".hidden.pdf", "/etc/passwd"} {
		if err := d.Write(name, []byte("x")); err == nil {
			t.Errorf("Write(%q) succeeded", name)
		}
	}
}

// A symbolic link in the output folder that points outside is replaced by
// the new file; the file it pointed at is not touched.
func TestWriteDoesNotFollowLinksOut(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside.pdf")
	if err := os.WriteFile(outside, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(base, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "p-poster-sv.pdf")); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Write("p-poster-sv.pdf", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(outside); string(got) != "keep me" {
		t.Errorf("the file outside the folder now holds %q", got)
	}
	fi, err := os.Lstat(filepath.Join(dir, "p-poster-sv.pdf"))
	if err != nil || fi.Mode()&os.ModeSymlink != 0 {
		t.Errorf("the link was not replaced by a file: %v, %v", fi, err)
	}
}

func TestOpenFailsOnAFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o644)
	if _, err := Open(f); err == nil || !strings.Contains(err.Error(), "output folder") {
		t.Errorf("Open(file) = %v, want an output folder error", err)
	}
}

// A folder where a file should go stops the write with a message that
// says so, for one file and for a set, and leaves no temporary file.
func TestWriteFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "b.pdf"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, set := range [][]File{
		{{"b.pdf", []byte("x")}},
		{{"a.pdf", []byte("x")}, {"b.pdf", []byte("y")}},
	} {
		err := d.WriteAll(set)
		if err == nil || !strings.Contains(err.Error(), "a folder of that name is in the way") {
			t.Errorf("WriteAll(%d files) = %v, want a folder in the way", len(set), err)
		}
	}
	d.Close()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the folder b.pdf", len(entries))
	}
}

// A link planted at the name of a temporary file never redirects a
// write: before, ".t-poster-sv.pdf.tmp -> keep.txt" made Write overwrite
// keep.txt.
func TestWriteIgnoresLinksAtTemporaryNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.txt")
	if err := os.WriteFile(keep, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"t-poster-sv.pdf", "t-leaflet-sv.pdf"} {
		if err := os.Symlink("keep.txt", filepath.Join(dir, "."+name+".tmp")); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Write("t-poster-sv.pdf", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Stream("t-leaflet-sv.pdf", func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(keep); string(got) != "keep me" {
		t.Errorf("keep.txt now holds %q", got)
	}
	for _, name := range []string{"t-poster-sv.pdf", "t-leaflet-sv.pdf"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != "new" {
			t.Errorf("%s holds %q", name, got)
		}
	}
}

// Writers that write the same name at once each stage their own
// temporary file: every result is one writer's whole file, never a mix.
func TestConcurrentWritesNeverMix(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	const writers, size = 8, 256 << 10
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := bytes.Repeat([]byte{byte('a' + w)}, size)
			for range 10 {
				if err := d.Write("same.pdf", data); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	got, err := os.ReadFile(filepath.Join(dir, "same.pdf"))
	if err != nil || len(got) != size || bytes.Count(got, got[:1]) != size {
		t.Errorf("same.pdf: %d bytes, %v; want %d bytes of one writer", len(got), err, size)
	}
}

// SyncFiles flushes the files named, passing over a name no longer in
// the folder, and refuses none of ours.
func TestSyncFiles(t *testing.T) {
	t.Parallel()
	d, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.NoSync = true
	if err := d.WriteAll([]File{{"a.pdf", []byte("a")}, {"b.pdf", []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	if err := d.SyncFiles([]string{"a.pdf", "b.pdf", "gone.pdf"}); err != nil {
		t.Errorf("SyncFiles: %v", err)
	}
}
