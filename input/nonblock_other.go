//go:build !unix

package input

// nonBlock is 0 where there are no named pipes in the file system.
const nonBlock = 0
