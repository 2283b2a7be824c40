package output

import (
	"io"
	"sync"
)

// Scratch is a hidden temporary file of the folder in which a run keeps
// notes too many to hold in memory (a batch's manifest rows, as its files
// are written), read back before it ends. Close removes it; one that a
// killed run left is removed like any temporary file (see Open).
type Scratch struct {
	d    *Dir
	mu   sync.Mutex
	name string
	f    file
	size int64
	err  error // a write failed: every later one fails too
}

// Scratch creates a scratch file named after name.
func (d *Dir) Scratch(name string) (*Scratch, error) {
	tmp, f, err := d.createTemp(name)
	if err != nil {
		return nil, d.writeError(name, err)
	}
	return &Scratch{d: d, name: tmp, f: f}, nil
}

// Append adds p at the end of the file and returns where it starts. When
// it cannot (a full disk), nothing is added and the error says why.
func (s *Scratch) Append(p []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.f.Write(p)
	if err != nil {
		if n > 0 {
			_ = s.f.Truncate(s.size) // drop the half written part
		}
		s.err = s.d.writeError(s.name, err)
		return 0, s.err
	}
	off := s.size
	s.size += int64(n)
	return off, nil
}

// Reader opens the file for reading what was appended; close it after.
func (s *Scratch) Reader() (io.ReaderAt, io.Closer, error) {
	f, err := s.d.root.Open(s.name)
	if err != nil {
		return nil, nil, err
	}
	return f, f, nil
}

// Close removes the file.
func (s *Scratch) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		s.f.Close()
		_ = s.d.fs.Remove(s.name)
		s.f = nil
	}
}
