//go:build unix

package output

import (
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// os.Root opens every file it creates as a file that might be polled:
// four fcntl calls and a failing epoll_ctl around its openat. A batch
// writes a file for each leaflet: its temporary file is made here with
// the one openat, as os.Root makes it (O_NOFOLLOW, O_CLOEXEC, and
// O_EXCL: never through a link), and os.NewFile, which asks one fcntl.
// TestFolderFSAsRoot holds it to os.Root's results and errors. (Its
// rename stays os.Root's: renameat without os.Root's look at the new
// name first saved 1.5 us a file, and would let a folder replace an
// empty folder, which os.Root refuses.)
const fastAt = true

// createAt creates name, a plain name, exclusively in the open folder
// at, whose path is dir.
func createAt(at int, dir, name string, perm fs.FileMode) (file, error) {
	var (
		fd  int
		err error
	)
	for {
		fd, err = unix.Openat(at, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, uint32(perm))
		if err != unix.EINTR {
			break
		}
	}
	if err == unix.ELOOP {
		err = syscall.EEXIST // a link at the name, as os.Root says it
	}
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), dir+string(os.PathSeparator)+name), nil
}

// syncAt flushes the file name, a plain name in the open folder at, to
// the disk, as os.Root's Open and Sync do but with one openat for the
// open, not five calls more; a name no longer there is passed over.
// done is false, and nothing done, for a link, which os.Root's Open
// follows if it stays in the folder. A named pipe put at the name is
// opened without waiting for a writer (O_NONBLOCK, which changes nothing
// for a file), and its flush fails.
func syncAt(at int, name string) (done bool, err error) {
	var fd int
	for {
		fd, err = unix.Openat(at, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	switch {
	case err == unix.ENOENT:
		return true, nil
	case err != nil:
		return false, nil
	}
	defer unix.Close(fd)
	for {
		err = unix.Fsync(fd)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return true, &fs.PathError{Op: "sync", Path: name, Err: err}
	}
	return true, nil
}
