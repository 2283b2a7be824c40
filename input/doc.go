// Package input reads the files a user names (property files, defaults,
// texts files, logos, the files found in a folder) so that no file can
// stall or exhaust the program: each must be a regular file of at most a
// given size. A named pipe, a device such as /dev/zero, a socket or a
// folder is refused by its type before it is opened, so a pipe never
// blocks a run and a device is never read until memory runs out; the file
// is then opened without blocking, its type and size are checked again on
// the open file (it may have been replaced in between), and it is read
// through a reader that stops one byte past the limit.
package input
