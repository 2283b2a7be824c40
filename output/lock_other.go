//go:build !unix && !windows

package output

import "os"

// tryLock does nothing where the system has no file locks (js, wasip1,
// plan9): a run there is alone.
func tryLock(f *os.File) (bool, error) { return true, nil }

func unlockAndRemove(f *os.File, remove func()) {
	remove()
	f.Close()
}

func removeFallback(dir, name string, err error) error { return err }
