package output

import (
	"io"
	"io/fs"
	"os"
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
	f, err := r.Root.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err // not a nil *os.File in a non-nil interface
	}
	return f, nil
}
