package output

import (
	"io"
	"io/fs"
	"os"
	"strings"
)

// file is what a Dir writes to: an *os.File, or a failing one in tests.
type file interface {
	io.Writer
	Sync() error
	Truncate(size int64) error
	Close() error
}

// fileSystem is what a Dir writes through: the folder's *os.Root, or in
// tests one that fails as a full or read-only disk does.
type fileSystem interface {
	OpenFile(name string, flag int, perm fs.FileMode) (file, error)
	Rename(oldname, newname string) error
	Remove(name string) error
	Lstat(name string) (fs.FileInfo, error)
}

type rootFS struct {
	*os.Root
	path string // the folder's path, for removeFallback
	// at, where the system has openat(2), is the open folder, to create
	// a file of a plain name in it with one call (see fs_unix.go); nil
	// elsewhere. atFd is its descriptor.
	at   *os.File
	atFd int
}

// openFolderFS opens the folder's file system: root, and where it pays,
// the folder itself.
func openFolderFS(root *os.Root, path string) rootFS {
	r := rootFS{Root: root, path: path}
	if fastAt {
		if f, err := root.Open("."); err == nil {
			r.at, r.atFd = f, int(f.Fd())
		}
	}
	return r
}

// close closes what openFolderFS opened besides root.
func (r rootFS) close() {
	if r.at != nil {
		r.at.Close()
	}
}

// plainPart reports whether name is one name in the folder, neither a
// path nor "." or "..": the only names createAt takes.
func plainPart(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`)
}

// Remove removes name from the folder.
func (r rootFS) Remove(name string) error {
	err := r.Root.Remove(name)
	if err != nil {
		err = removeFallback(r.path, name, err)
	}
	return err
}

func (r rootFS) OpenFile(name string, flag int, perm fs.FileMode) (file, error) {
	if r.at != nil && flag == os.O_WRONLY|os.O_CREATE|os.O_EXCL && plainPart(name) {
		return createAt(r.atFd, r.Root.Name(), name, perm)
	}
	f, err := r.Root.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err // not a nil *os.File in a non-nil interface
	}
	return f, nil
}
