package output

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

// faultFS fails as a disk does: writes beyond budget bytes fail with
// ENOSPC, and each op may be given an error.
type faultFS struct {
	fileSystem
	mu        *sync.Mutex
	budget    int64
	openErr   error
	renameErr error
}

type faultFile struct {
	file
	fs *faultFS
}

func (f *faultFS) OpenFile(name string, flag int, perm fs.FileMode) (file, error) {
	if f.openErr != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: f.openErr}
	}
	inner, err := f.fileSystem.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &faultFile{inner, f}, nil
}

func (f *faultFS) Rename(oldname, newname string) error {
	if f.renameErr != nil {
		return &os.LinkError{Op: "renameat", Old: oldname, New: newname, Err: f.renameErr}
	}
	return f.fileSystem.Rename(oldname, newname)
}

func (f *faultFile) Write(p []byte) (int, error) {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if int64(len(p)) > f.fs.budget {
		n := int(f.fs.budget)
		f.fs.budget = 0
		f.file.Write(p[:n])
		return n, &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	}
	f.fs.budget -= int64(len(p))
	return f.file.Write(p)
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
			fault := c.fault
			fault.fileSystem, fault.mu = d.fs, new(sync.Mutex)
			d.fs = &fault
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
	d.fs = &faultFS{fileSystem: inner, mu: new(sync.Mutex), budget: 10}
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
