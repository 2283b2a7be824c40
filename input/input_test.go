package input

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// hostile makes, in dir, each kind of file a user might name by mistake
// or on purpose, and a link to each; it returns name → path.
func hostile(t *testing.T, dir string) map[string]string {
	t.Helper()
	paths := map[string]string{
		"fifo":    filepath.Join(dir, "fifo"),
		"folder":  filepath.Join(dir, "folder"),
		"zero":    "/dev/zero",
		"large":   filepath.Join(dir, "large"),
		"missing": filepath.Join(dir, "missing"),
	}
	if err := syscall.Mkfifo(paths["fifo"], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(paths["folder"], 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths["large"], make([]byte, 101), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"fifo", "folder", "zero", "large", "missing"} {
		link := filepath.Join(dir, "link-to-"+k)
		if err := os.Symlink(paths[k], link); err != nil {
			t.Fatal(err)
		}
		paths["link-to-"+k] = link
	}
	return paths
}

// Every kind of file that is not a small regular file is refused at once,
// with the reason: a pipe must not block (before, reading one waited for
// a writer for ever) and /dev/zero must not be read until memory runs out.
func TestReadRefusesWhatIsNotASmallFile(t *testing.T) {
	t.Parallel()
	paths := hostile(t, t.TempDir())
	want := map[string]Problem{
		"fifo": Special, "zero": Special, "folder": Folder, "large": TooLarge, "missing": NotFound,
	}
	for name, path := range paths {
		target := name
		if len(name) > 8 && name[:8] == "link-to-" {
			target = name[8:]
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, err := Read(path, 100)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Read(%s) = %d bytes, %v; want an *Error", path, len(data), err)
			}
			if e.Problem != want[target] || e.Path != path {
				t.Errorf("Read(%s): %+v; want problem %d at that path", path, e, want[target])
			}
		})
	}
}

func TestReadMessages(t *testing.T) {
	t.Parallel()
	paths := hostile(t, t.TempDir())
	for name, want := range map[string]string{
		"fifo":  paths["fifo"] + ": is a named pipe (FIFO), not a regular file",
		"zero":  "/dev/zero: is a character device, not a regular file",
		"large": paths["large"] + ": is 101 bytes; at most 100 are allowed",
	} {
		_, err := Read(paths[name], 100)
		if err == nil || err.Error() != want {
			t.Errorf("Read(%s) = %v; want %q", name, err, want)
		}
	}
}

func TestReadReturnsTheFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(path, []byte("id: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink("p.yaml", link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, link} {
		data, err := Read(p, 6)
		if err != nil || string(data) != "id: x\n" {
			t.Errorf("Read(%s) = %q, %v", p, data, err)
		}
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o644)
	if data, err := Read(empty, 6); err != nil || len(data) != 0 {
		t.Errorf("Read(empty) = %q, %v", data, err)
	}
}

// swapFS says a file is small and regular, then opens something else: a
// file replaced between the look and the open.
type swapFS struct{ real string }

type smallFile struct{ fs.FileInfo }

func (smallFile) Mode() fs.FileMode { return 0o644 }
func (smallFile) Size() int64       { return 1 }
func (smallFile) IsDir() bool       { return false }

func (s swapFS) Stat(string) (fs.FileInfo, error) {
	fi, err := os.Lstat(s.real)
	return smallFile{fi}, err
}
func (s swapFS) OpenFile(_ string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(s.real, flag, perm)
}

// A pipe or a large file put in place after the first look is still
// refused, and the pipe does not block the open.
func TestReadLooksAgainAtTheOpenFile(t *testing.T) {
	t.Parallel()
	paths := hostile(t, t.TempDir())
	for name, want := range map[string]Problem{"fifo": Special, "large": TooLarge, "zero": Special} {
		_, err := ReadIn(swapFS{paths[name]}, "p.yaml", 100)
		var e *Error
		if !errors.As(err, &e) || e.Problem != want {
			t.Errorf("%s swapped in: %v; want problem %d", name, err, want)
		}
	}
}

// endless gives zero bytes for ever, as a file that keeps growing would.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.n += int64(len(p))
	return len(p), nil
}

// A file that grows past the limit while it is read is refused: the read
// stops one byte after the limit.
func TestReadStopsAtTheLimit(t *testing.T) {
	t.Parallel()
	r := &endless{}
	_, err := readAtMost(r, "grows", 100)
	var e *Error
	if !errors.As(err, &e) || e.Problem != TooLarge || e.Size != -1 {
		t.Errorf("a file that keeps growing: %v; want TooLarge, size unknown", err)
	}
	if r.n > 4096 {
		t.Errorf("read %d bytes of it; want the read to stop near the limit", r.n)
	}
}
