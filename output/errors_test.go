package output

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// The output folder's problems name the folder the user gave and say
// what to do, instead of "mkdir outfile: not a directory" or
// "mkdir : no such file or directory".
func TestOpenMessages(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	file := filepath.Join(base, "outfile")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{"", `output folder "": no folder named (name one with -o, e.g. -o print)`},
		{file, "output folder " + file + ": is a file, not a folder (choose another folder with -o, or move the file away)"},
		{file + "/print", "output folder " + file + "/print: " + file + " is a file, not a folder (choose another folder with -o, or move the file away)"},
		{file + "/a/b", "output folder " + file + "/a/b: " + file + " is a file, not a folder (choose another folder with -o, or move the file away)"},
	} {
		_, err := Open(c.path)
		if err == nil || err.Error() != c.want {
			t.Errorf("Open(%q) = %v\nwant %s", c.path, err, c.want)
		}
	}
}

// Without the right to write, Open says so (as root, the folder's mode
// does not stop writes: the case is then checked with an injected error).
func TestOpenNotWritable(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root may write into any folder; TestWriteFailures covers the message")
	}
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir)
	want := "output folder " + dir + ": cannot write into it: permission denied (choose a folder you may write to with -o, or change the folder's permissions)"
	if err == nil || err.Error() != want {
		t.Errorf("Open(read-only) = %v\nwant %s", err, want)
	}
	_, err = Open(filepath.Join(dir, "sub"))
	if err == nil || !strings.Contains(err.Error(), "cannot create or open it: permission denied (") {
		t.Errorf("Open(below read-only) = %v", err)
	}
}

// faultFS fails as a disk does: it holds budget bytes, which files
// written through it use and give back when removed or replaced; a write
// beyond them fails with ENOSPC. Each op may be given an error.
type faultFS struct {
	fileSystem
	mu        *sync.Mutex
	budget    int64
	sizes     map[string]int64
	openErr   error
	renameErr error
}

type faultFile struct {
	file
	fs   *faultFS
	name string
}

func (f *faultFS) OpenFile(name string, flag int, perm fs.FileMode) (file, error) {
	if f.openErr != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: f.openErr}
	}
	inner, err := f.fileSystem.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &faultFile{inner, f, name}, nil
}

func (f *faultFS) Rename(oldname, newname string) error {
	if f.renameErr != nil {
		return &os.LinkError{Op: "renameat", Old: oldname, New: newname, Err: f.renameErr}
	}
	if err := f.fileSystem.Rename(oldname, newname); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.budget += f.sizes[newname]
	f.sizes[newname] = f.sizes[oldname]
	delete(f.sizes, oldname)
	return nil
}

func (f *faultFS) Remove(name string) error {
	if err := f.fileSystem.Remove(name); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.budget += f.sizes[name]
	delete(f.sizes, name)
	return nil
}

func (f *faultFile) Write(p []byte) (int, error) {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if int64(len(p)) > f.fs.budget {
		n, _ := f.file.Write(p[:f.fs.budget])
		f.fs.budget -= int64(n)
		f.fs.sizes[f.name] += int64(n)
		return n, &fs.PathError{Op: "write", Path: f.name, Err: syscall.ENOSPC}
	}
	f.fs.budget -= int64(len(p))
	f.fs.sizes[f.name] += int64(len(p))
	return f.file.Write(p)
}

func (f *faultFile) Truncate(size int64) error {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if err := f.file.Truncate(size); err != nil {
		return err
	}
	f.fs.budget += f.fs.sizes[f.name] - size
	f.fs.sizes[f.name] = size
	return nil
}

// failing puts a faultFS with the given faults under d.
func failing(d *Dir, fault faultFS) *faultFS {
	f := &fault
	f.fileSystem, f.mu, f.sizes = d.fs, new(sync.Mutex), map[string]int64{}
	d.fs = f
	return f
}

// A full disk, a read-only disk, a refused rename: each error says what
// failed with the name the user will look for (not a temporary name),
// why, and what to do; it can be told from a problem with one file; and
// no temporary file is left.
func TestWriteFailures(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		fault  faultFS
		want   string
		folder bool
	}{
		{"full", faultFS{budget: 1000}, "write DIR/b.pdf: the disk is full (free some space, or choose another folder with -o)", true},
		{"quota", faultFS{budget: 1 << 20, renameErr: syscall.EDQUOT}, "write DIR/a.pdf: the disk quota is used up (free some space, or choose another folder with -o)", true},
		{"read-only", faultFS{budget: 1 << 20, openErr: syscall.EROFS}, "write DIR/a.pdf: the disk is read-only (choose another folder with -o)", true},
		{"not writable", faultFS{budget: 1 << 20, openErr: syscall.EACCES}, "write DIR/a.pdf: permission denied (choose a folder you may write to with -o, or change the folder's permissions)", true},
		{"escape", faultFS{budget: 1 << 20, openErr: errors.New("path escapes from parent")}, "write DIR/a.pdf: a link in the folder leads outside it (remove the link, or choose another folder with -o)", false},
		{"too big", faultFS{budget: 1 << 20, renameErr: syscall.EFBIG}, "write DIR/a.pdf: the file is larger than the system allows (raise the file size limit (ulimit -f))", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			d, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			failing(d, c.fault)
			err = d.WriteAll([]File{{"a.pdf", make([]byte, 600)}, {"b.pdf", make([]byte, 600)}})
			want := strings.ReplaceAll(c.want, "DIR", dir)
			if err == nil || err.Error() != want {
				t.Errorf("WriteAll = %v\nwant %s", err, want)
			}
			if FolderLevel(err) != c.folder {
				t.Errorf("FolderLevel(%v) = %v", err, !c.folder)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != lockName {
					t.Errorf("left in the folder: %s", e.Name())
				}
			}
		})
	}
}

// Stream tells a failure of the disk from one of the function that
// makes the file's bytes, and passes the latter on as it is.
func TestStreamFailures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	inner := d.fs
	failing(d, faultFS{budget: 10})
	err = d.Stream("print.pdf", func(w io.Writer) error {
		_, err := w.Write(make([]byte, 100))
		return err
	})
	if want := "write " + dir + "/print.pdf: the disk is full (free some space, or choose another folder with -o)"; err == nil || err.Error() != want {
		t.Errorf("Stream on a full disk = %v\nwant %s", err, want)
	}
	d.fs = inner
	mine := errors.New("sheet 3: not a PDF")
	err = d.Stream("print.pdf", func(w io.Writer) error { return mine })
	if !errors.Is(err, mine) || FolderLevel(err) {
		t.Errorf("Stream with a failing producer = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries; want only the lock file", len(entries))
	}
}

// Room held with Reserve is there for the manifest after documents have
// filled the disk; a Reserve that cannot grow says the disk is full.
func TestReserveKeepsRoomForTheLastFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fault := failing(d, faultFS{budget: 2*reserveStep + reserveStep/2})
	r, err := d.Reserve(1000)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Add(reserveStep); err != nil { // a second step
		t.Fatal(err)
	}
	if err := r.Add(reserveStep); err == nil || !FolderLevel(err) ||
		err.Error() != "output folder "+dir+": no room to keep for the manifest: the disk is full (free some space, or choose another folder with -o)" {
		t.Errorf("Add beyond the disk: %v", err)
	}
	if err := r.Add(1); err == nil {
		t.Error("Add after the disk was found full succeeded")
	}
	doc := make([]byte, reserveStep/4)
	n := 0
	for ; d.Write("doc"+strconv.Itoa(n)+".pdf", doc) == nil; n++ {
	}
	if n == 0 || n >= 4 {
		t.Fatalf("%d documents fit beside the reserve; want the disk full after a few", n)
	}
	r.Release()
	if err := d.Write("manifest.json", make([]byte, reserveStep+1000)); err != nil {
		t.Errorf("the manifest does not fit in the room kept for it: %v", err)
	}
	if fault.budget < 0 {
		t.Errorf("budget %d", fault.budget)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if isTemp(e.Name()) {
			t.Errorf("left: %s", e.Name())
		}
	}
}
