//go:build !linux && !windows

package output

import (
	"errors"
	"os"
)

// flushAtEnd is set where a batch's files are flushed once at its end
// (SyncFiles).
const flushAtEnd = true

// syncFolder flushes the folder f: the names in it.
func syncFolder(f *os.File) error { return f.Sync() }

// startWriteback does nothing where sync_file_range(2) does not exist.
func startWriteback(f *os.File) {}

// allocate is not offered here: the caller writes zeros instead.
func allocate(f *os.File, size int64) error { return errors.ErrUnsupported }
