package output

import (
	"errors"
	"os"
)

// Windows cannot flush a folder: FlushFileBuffers on a folder's handle
// fails with "Access is denied", and every batch failed there after
// writing all its files (release/windows_test.go runs one under Wine). So
// on Windows each file of a batch is flushed as it is written, before its
// rename, as a single build's files are, and the folder has nothing left
// to flush at the end.

// flushAtEnd is not set: the files were flushed one by one, and the
// folder cannot be.
const flushAtEnd = false

// syncFolder is never called on Windows.
func syncFolder(f *os.File) error { return nil }

// startWriteback flushes f to the disk now. Like sync_file_range on Linux
// it reports nothing: the bytes were written, and a failure to flush them
// leaves them where every reader finds them, in the system's cache.
func startWriteback(f *os.File) { _ = f.Sync() }

// allocate is not offered here: the caller writes zeros instead.
func allocate(f *os.File, size int64) error { return errors.ErrUnsupported }
