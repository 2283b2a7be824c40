package output

import (
	"errors"
	"os"
	"sync"
)

// Reserve holds room on the disk for a file that is written last (a
// batch's manifest), so that a disk that fills up with documents first
// still has room for the list of them. It is a hidden temporary file of
// the folder that grows ahead of need and is removed just before the
// file it stands for is written; one left by a killed run is removed
// like any temporary file.
type Reserve struct {
	d    *Dir
	mu   sync.Mutex
	name string
	f    file
	have int64 // bytes held
	need int64 // bytes asked for so far
	err  error // the disk was found full: every later Add fails too
}

// reserveStep is how far a Reserve grows at a time: the disk is touched
// once every few dozen manifest rows (a fallocate call).
const reserveStep = 64 << 10

// Reserve holds size bytes, and more as Add asks.
func (d *Dir) Reserve(size int64) (*Reserve, error) {
	name, f, err := d.createTemp("reserve")
	if err != nil {
		return nil, d.reserveError(err)
	}
	r := &Reserve{d: d, name: name, f: f}
	if err := r.Add(size); err != nil {
		r.Release()
		return nil, err
	}
	return r, nil
}

// Add asks for n bytes more. When the disk has no room for them, nothing
// is added and the error says the disk is full: the caller should write
// nothing more that the reserved file would have to list.
func (r *Reserve) Add(n int64) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	if r.err != nil {
		return r.err
	}
	want := r.need + n
	if want > r.have {
		size := (want/reserveStep + 1) * reserveStep
		if err := grow(r.f, r.have, size); err != nil {
			_ = r.f.Truncate(r.have) // give back what a failed grow took
			r.err = r.d.reserveError(err)
			return r.err
		}
		r.have = size
	}
	r.need = want
	return nil
}

// Release gives the room back: call it just before writing the file it
// was held for.
func (r *Reserve) Release() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return
	}
	r.f.Close()
	_ = r.d.fs.Remove(r.name)
	r.f = nil
}

func (d *Dir) reserveError(err error) error {
	p, h := reason(err)
	return &Error{Op: "output folder", Path: d.path, Problem: "no room to keep for the manifest: " + p, Hint: h, Err: err}
}

// grow makes f, of have bytes, take size bytes on the disk: allocated
// at once where the system can (fallocate), else written as zeros.
func grow(f file, have, size int64) error {
	if of, ok := f.(*os.File); ok {
		err := allocate(of, size)
		if err == nil || !errors.Is(err, errors.ErrUnsupported) {
			return err
		}
	}
	zeros := make([]byte, 64<<10)
	for have < size {
		n := min(int64(len(zeros)), size-have)
		if _, err := f.Write(zeros[:n]); err != nil {
			return err
		}
		have += n
	}
	return nil
}
