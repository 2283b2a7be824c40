//go:build !linux && !windows

package output

import (
	"errors"
	"os"
)

// syncFS flushes what it can where syncfs(2) does not exist: the folder.
func syncFS(f *os.File) error { return f.Sync() }

// startWriteback does nothing where sync_file_range(2) does not exist.
func startWriteback(f *os.File) {}

// allocate is not offered here: the caller writes zeros instead.
func allocate(f *os.File, size int64) error { return errors.ErrUnsupported }
