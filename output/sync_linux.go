package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the whole file system that holds f: one call for all the
// files of a batch.
func syncFS(f *os.File) error { return unix.Syncfs(int(f.Fd())) }
