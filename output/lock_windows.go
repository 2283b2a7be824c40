//go:build windows

package output

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// tryLock takes an exclusive lock on f's first byte without waiting:
// false when another handle holds it.
func tryLock(f *os.File) (bool, error) {
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION):
		return false, nil
	}
	return false, err
}

// unlockAndRemove closes the lock file, which unlocks it, and then
// removes it: Windows does not remove a file that is open. A run that
// opened the file in between holds it open, so the removal fails and
// leaves that run's lock file alone.
func unlockAndRemove(f *os.File, remove func()) {
	f.Close()
	remove()
}

// removeFallback removes name by its path when os.Root cannot: Wine, on
// which our Windows build is tested, answers Root.Remove with "Invalid
// function". name is a plain name in the folder dir.
func removeFallback(dir, name string, err error) error {
	if !errors.Is(err, windows.ERROR_INVALID_FUNCTION) {
		return err
	}
	return os.Remove(filepath.Join(dir, name))
}
