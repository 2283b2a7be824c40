package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Error is a failure to create, lock or write into the output folder, in
// words: what failed (Op and Path), why (Problem), and what to do (Hint).
// Err is the system's error, for errors.Is.
type Error struct {
	Op      string // "write", "output folder", "remove"
	Path    string
	Problem string
	Hint    string
	Err     error
}

func (e *Error) Error() string {
	s := e.Op + " " + e.Path + ": " + e.Problem
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// ErrInUse is wrapped by the error of Open when another run holds the
// folder.
var ErrInUse = errors.New("the output folder is in use by another run")

// FolderLevel reports whether err is a failure of the folder or its disk
// (full, read-only, not writable, failing) rather than of one file: a
// batch stops starting new work after one, since every other write would
// fail the same way.
func FolderLevel(err error) bool {
	for _, e := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EIO, fs.ErrPermission} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// reason puts a system error in words: the problem, and what to do.
func reason(err error) (problem, hint string) {
	const elsewhere = "choose another folder with -o"
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full", "free some space, or " + elsewhere
	case errors.Is(err, syscall.EDQUOT):
		return "the disk quota is used up", "free some space, or " + elsewhere
	case errors.Is(err, syscall.EROFS):
		return "the disk is read-only", elsewhere
	case errors.Is(err, fs.ErrPermission):
		return "permission denied", "choose a folder you may write to with -o, or change the folder's permissions"
	case errors.Is(err, syscall.EFBIG):
		return "the file is larger than the system allows", "raise the file size limit (ulimit -f)"
	case errors.Is(err, syscall.EIO):
		return "the disk reported an input/output error", "check the disk, or " + elsewhere
	case errors.Is(err, syscall.ELOOP), strings.Contains(err.Error(), "path escapes from parent"):
		return "a link in the folder leads outside it", "remove the link, or " + elsewhere
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "the name is too long for the file system", "choose a shorter property id or folder"
	}
	return systemText(err), ""
}

// explain is reason as one text: "problem (hint)".
func explain(err error) string {
	p, h := reason(err)
	if h == "" {
		return p
	}
	return p + " (" + h + ")"
}

// systemText is the system's own words for err, without the operation
// and the temporary names that *fs.PathError and *os.LinkError add.
func systemText(err error) string {
	for {
		var pe *fs.PathError
		var le *os.LinkError
		var se *os.SyscallError
		switch {
		case errors.As(err, &pe):
			err = pe.Err
		case errors.As(err, &le):
			err = le.Err
		case errors.As(err, &se):
			err = se.Err
		default:
			return err.Error()
		}
	}
}

// writeError is the error of writing name.
func (d *Dir) writeError(name string, err error) error {
	p, h := reason(err)
	return &Error{Op: "write", Path: d.Path(name), Problem: p, Hint: h, Err: err}
}

func (d *Dir) inTheWayError(name string) error {
	return &Error{Op: "write", Path: d.Path(name), Problem: "a folder of that name is in the way",
		Hint: "move it away, or choose another folder with -o", Err: syscall.EISDIR}
}

// folderError is the error of creating or opening the folder path: it
// names the file that stands where a folder should be, when that is the
// problem.
func folderError(path string, err error) error {
	e := &Error{Op: "output folder", Path: path, Err: err}
	if errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EEXIST) {
		for p := path; ; p = filepath.Dir(p) {
			if fi, serr := os.Stat(p); serr == nil && !fi.IsDir() {
				if p == path {
					e.Problem = "is a file, not a folder"
				} else {
					e.Problem = p + " is a file, not a folder"
				}
				e.Hint = "choose another folder with -o, or move the file away"
				return e
			}
			if p == filepath.Dir(p) {
				break
			}
		}
	}
	p, h := reason(err)
	e.Problem, e.Hint = "cannot create or open it: "+p, h
	return e
}
