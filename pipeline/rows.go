package pipeline

import (
	"encoding/json"
	"io"
	"slices"
	"sync"

	"huskurage/output"
)

// rowLog keeps the manifest rows of the files a batch writes in a
// scratch file of the output folder, appended as the files are written,
// and in memory only where each row is and whose it is: a batch of
// 100,000 properties would otherwise hold 100,000 rows (about 400 bytes
// each, with their strings) until its end. finish reads them back in
// property order.
type rowLog struct {
	mu   sync.Mutex
	s    *output.Scratch
	refs []rowRef // rows of files written, in the order they were
	end  int64
}

// rowRef is where a row is in the scratch file, and its place in the
// batch: its property's (input, then property in the input), then its
// own among the property's files.
type rowRef struct {
	place [2]int
	sub   int
	off   int64
	n     int32
}

// rowRecord is a row as the scratch file holds it, with what the
// manifest's workbook needs besides.
type rowRecord struct {
	ManifestFile
	Row    int `json:"r,omitempty"`
	Copies int `json:"c,omitempty"`
}

func newRowLog(dir *output.Dir) (*rowLog, error) {
	s, err := dir.Scratch("manifest-rows")
	if err != nil {
		return nil, err
	}
	return &rowLog{s: s}, nil
}

// add appends a property's rows to the scratch file and returns where
// they are; they count once the files are written (keep).
func (l *rowLog) add(place [2]int, rows []ManifestFile) ([]rowRef, error) {
	var buf []byte
	refs := make([]rowRef, len(rows))
	for i, r := range rows {
		start := len(buf)
		data, err := json.Marshal(rowRecord{r, r.row, r.copies})
		if err != nil {
			return nil, err
		}
		buf = append(append(buf, data...), '\n')
		refs[i] = rowRef{place: place, sub: i, off: int64(start), n: int32(len(buf) - start)}
	}
	off, err := l.s.Append(buf)
	if err != nil {
		return nil, err
	}
	for i := range refs {
		refs[i].off += off
	}
	return refs, nil
}

// keep counts rows whose files were written.
func (l *rowLog) keep(refs []rowRef) {
	l.mu.Lock()
	l.refs = append(l.refs, refs...)
	l.mu.Unlock()
}

// len is the number of rows kept.
func (l *rowLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.refs)
}

// each calls f with every kept row, in property order, until f returns
// an error.
func (l *rowLog) each(f func(ManifestFile) error) error {
	l.mu.Lock()
	refs := l.refs
	l.mu.Unlock()
	slices.SortStableFunc(refs, func(a, b rowRef) int {
		switch {
		case less(a.place, b.place):
			return -1
		case less(b.place, a.place):
			return 1
		}
		return a.sub - b.sub
	})
	if len(refs) == 0 {
		return nil
	}
	r, c, err := l.s.Reader()
	if err != nil {
		return err
	}
	defer c.Close()
	var buf []byte
	for _, ref := range refs {
		buf = slices.Grow(buf[:0], int(ref.n))[:ref.n]
		if _, err := r.ReadAt(buf, ref.off); err != nil && err != io.EOF {
			return err
		}
		var rec rowRecord
		if err := json.Unmarshal(buf, &rec); err != nil {
			return err
		}
		row := rec.ManifestFile
		row.seq, row.row, row.copies = ref.place[1], rec.Row, rec.Copies
		if err := f(row); err != nil {
			return err
		}
	}
	return nil
}

func (l *rowLog) close() { l.s.Close() }
