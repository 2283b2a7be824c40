package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// lockName is the lock file of an output folder. It holds the process id
// of the run that holds the lock, for the message that refuses another.
//
// The lock itself is flock(2) (LockFileEx on Windows) on this file, not
// the file's existence: the system releases it when the process ends,
// however it ends, so a crash or a kill -9 never leaves a folder locked
// for ever, and there is no stale lock to judge or break. The file is
// removed when the run ends normally; one left by a crash is simply
// locked again by the next run.
const lockName = ".huskurage.lock"

// takeLock locks the folder for this run, or says who holds it.
func (d *Dir) takeLock() error {
	for range 3 {
		f, err := d.openLock()
		if err != nil {
			return err
		}
		held, err := tryLock(f)
		if err != nil {
			f.Close()
			p, h := reason(err)
			return &Error{Op: "output folder", Path: d.path, Problem: "cannot lock it: " + p, Hint: h, Err: err}
		}
		if !held {
			who := "another huskurage run"
			if pid := readPID(f); pid > 0 {
				who += fmt.Sprintf(" (process %d)", pid)
			}
			f.Close()
			return &Error{Op: "output folder", Path: d.path, Problem: "is in use by " + who,
				Hint: "wait until it has finished, or choose another folder with -o", Err: ErrInUse}
		}
		if d.isLockFile(f) {
			_ = f.Truncate(0)
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			d.lock = f
			return nil
		}
		// The run that held it removed it between our open and our lock:
		// lock the file that now has the name.
		f.Close()
	}
	return &Error{Op: "output folder", Path: d.path, Problem: "cannot lock it: " + lockName + " keeps changing",
		Hint: "is another program writing there? choose another folder with -o"}
}

// openLock opens the lock file, creating it if needed. Anything but a
// plain file at its name (a link planted there) is refused, never
// followed or written.
func (d *Dir) openLock() (*os.File, error) {
	fi, err := d.root.Lstat(lockName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f, err := d.root.OpenFile(lockName, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil || !errors.Is(err, fs.ErrExist) {
			if err != nil {
				return nil, d.cannotWrite(err)
			}
			return f, nil
		}
		// Another run created it just now.
		if fi, err = d.root.Lstat(lockName); err != nil {
			return nil, d.cannotWrite(err)
		}
	case err != nil:
		return nil, d.cannotWrite(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{Op: "output folder", Path: d.path,
			Problem: fmt.Sprintf("%s is %s, not the lock file huskurage makes", lockName, describe(fi.Mode())),
			Hint:    "remove " + d.Path(lockName)}
	}
	f, err := d.root.OpenFile(lockName, os.O_RDWR, 0)
	if err != nil {
		return nil, d.cannotWrite(err)
	}
	return f, nil
}

func (d *Dir) cannotWrite(err error) error {
	p, h := reason(err)
	return &Error{Op: "output folder", Path: d.path, Problem: "cannot write into it: " + p, Hint: h, Err: err}
}

// isLockFile reports whether f is still the file named lockName: not one
// that an earlier run removed, nor the target of a link put there since.
func (d *Dir) isLockFile(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	li, err := d.root.Lstat(lockName)
	return err == nil && li.Mode().IsRegular() && os.SameFile(fi, li)
}

// releaseLock unlocks the folder and removes the lock file (see
// unlockAndRemove for the order).
func (d *Dir) releaseLock() {
	if d.lock == nil {
		return
	}
	ours := d.isLockFile(d.lock)
	unlockAndRemove(d.lock, func() {
		if ours {
			_ = d.fs.Remove(lockName)
		}
	})
	d.lock = nil
}

// readPID reads the process id in a lock file, or 0.
func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	if err != nil {
		return 0
	}
	return pid
}

func describe(m fs.FileMode) string {
	if m&fs.ModeSymlink != 0 {
		return "a link"
	}
	if m.IsDir() {
		return "a folder"
	}
	return "a special file"
}
