//go:build !unix

package output

import (
	"io/fs"
)

// fastAt is not set: files are created through os.Root.
const fastAt = false

func createAt(at int, dir, name string, perm fs.FileMode) (file, error) {
	panic("output: createAt without openat")
}

func syncAt(at int, name string) (done bool, err error) { return false, nil }
