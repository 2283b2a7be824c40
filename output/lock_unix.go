//go:build unix

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes an exclusive flock(2) on f without waiting: false when
// another open file holds it.
func tryLock(f *os.File) (bool, error) {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return false, nil
		}
		return false, err
	}
}

// unlockAndRemove removes the lock file while still holding the lock,
// then unlocks it by closing it. A run that opened the file in between
// finds, once it has the lock, that the file no longer has the name, and
// starts again; removing it after unlocking could remove the file of a
// run that had just locked it.
func unlockAndRemove(f *os.File, remove func()) {
	remove()
	f.Close()
}

// removeFallback is the error of os.Root's Remove as it is.
func removeFallback(dir, name string, err error) error { return err }
