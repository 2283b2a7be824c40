package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Problem says what is wrong with a file.
type Problem int

// The problems Read reports.
const (
	NotFound   Problem = iota + 1 // nothing at the path
	Folder                        // a folder, not a file
	Special                       // a named pipe, device or socket
	TooLarge                      // more bytes than the limit
	Unreadable                    // the system refused to read it
)

// Error is a file Read refused, with the reason. Callers phrase their
// own message from Problem, What and Size; Error gives a plain one.
type Error struct {
	Path    string
	Problem Problem
	What    string // Special: what the file is, e.g. "a named pipe (FIFO)"
	Size    int64  // TooLarge: the size found; -1 when the file grew while read
	Limit   int64  // TooLarge: the most allowed
	Err     error  // Unreadable: the system's reason
}

func (e *Error) Error() string {
	switch e.Problem {
	case NotFound:
		return e.Path + ": not found"
	case Folder:
		return e.Path + ": is a folder, not a file"
	case Special:
		return fmt.Sprintf("%s: is %s, not a regular file", e.Path, e.What)
	case TooLarge:
		if e.Size < 0 {
			return fmt.Sprintf("%s: is larger than %d bytes, the most allowed", e.Path, e.Limit)
		}
		return fmt.Sprintf("%s: is %d bytes; at most %d are allowed", e.Path, e.Size, e.Limit)
	}
	return fmt.Sprintf("%s: cannot be read: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Read returns the contents of the regular file at path, which may hold
// at most limit bytes. A symbolic link is followed, and the file it leads
// to is checked. Every refusal is an *Error.
func Read(path string, limit int64) ([]byte, error) {
	return read(osFS{}, path, limit)
}

// FS is what Read needs of a file system: os, or an *os.Root.
type FS interface {
	Stat(name string) (fs.FileInfo, error)
	OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error)
}

type osFS struct{}

func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }
func (osFS) OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}

// ReadIn is Read for a file in fsys, such as an *os.Root.
func ReadIn(fsys FS, name string, limit int64) ([]byte, error) {
	return read(fsys, name, limit)
}

func read(fsys FS, path string, limit int64) ([]byte, error) {
	fi, err := fsys.Stat(path)
	if err := check(path, fi, err, limit); err != nil {
		return nil, err
	}
	// The file may have been replaced since Stat: open it so that a pipe
	// put in its place cannot block, and look at what was opened.
	f, err := fsys.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, check(path, nil, err, limit)
	}
	defer f.Close()
	fi, err = f.Stat()
	if err := check(path, fi, err, limit); err != nil {
		return nil, err
	}
	return readAtMost(f, path, limit)
}

// readAtMost reads r to its end, or refuses it once it gives more than
// limit bytes: a file that grows while it is read is not read for ever.
func readAtMost(r io.Reader, path string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &Error{Path: path, Problem: Unreadable, Err: unwrapPath(err)}
	}
	if int64(len(data)) > limit {
		return nil, &Error{Path: path, Problem: TooLarge, Size: -1, Limit: limit}
	}
	return data, nil
}

// check turns the result of a Stat into a refusal, or nil for a regular
// file within the limit.
func check(path string, fi fs.FileInfo, err error, limit int64) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Path: path, Problem: NotFound, Err: unwrapPath(err)}
	case err != nil:
		return &Error{Path: path, Problem: Unreadable, Err: unwrapPath(err)}
	case fi.IsDir():
		return &Error{Path: path, Problem: Folder}
	case !fi.Mode().IsRegular():
		return &Error{Path: path, Problem: Special, What: describe(fi.Mode())}
	case fi.Size() > limit:
		return &Error{Path: path, Problem: TooLarge, Size: fi.Size(), Limit: limit}
	}
	return nil
}

// describe names the kind of a file that is not a regular file or a
// folder, for messages.
func describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// unwrapPath drops the path and operation from an *fs.PathError: the
// Error already names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
